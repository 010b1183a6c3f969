/*
 * eval.h — precision, recall and F1 of the screening rules on a labelled
 * JSONL file (tests/data/screen/pos_berlabel.jsonl is the project's).
 *
 * Labelled post: the usual post fields plus
 *   "label": "kampanye" | "netral"                         (required)
 *   "kategori": ["ajakan_memilih", …]                       (kampanye posts)
 *   "jenis": "negatif_sulit"                                (optional, hard negatives)
 * Overall: predicted kampanye ⇔ skor ≥ threshold.
 * Per kategori k: truth ⇔ label kampanye and k ∈ kategori; predicted ⇔
 * skor ≥ threshold and a hit of kategori k with bobot_efektif > 0.
 */
#ifndef NETRAL_SCREEN_EVAL_H
#define NETRAL_SCREEN_EVAL_H
#include <stdio.h>

#include "core/err.h"
#include "screen/engine.h"

typedef struct {
  long tp, fp, fn, tn;
} screen_counts_t;

typedef struct {
  screen_counts_t all;
  screen_counts_t kat[SCREEN_KAT_KONTEKS]; /* the five reviewer categories */
  long posts, errors, hard_neg, hard_neg_fp;
} screen_eval_t;

/* Evaluate path (streamed line by line). Malformed lines are counted in
 * errors and reported on errs (may be NULL); misclassified posts are listed
 * on misses (may be NULL) with their skor and hits. */
err_t screen_eval_file(const screen_engine_t *e, const char *path, int threshold, screen_eval_t *out, FILE *errs,
                       FILE *misses);

double screen_precision(const screen_counts_t *c);
double screen_recall(const screen_counts_t *c);
double screen_f1(const screen_counts_t *c);
#endif
