/*
 * engine.h — screen one post: normalise, match every rule pattern with
 * Hyperscan (context terms only when a campaign term matched), turn
 * matches into explained hits and a 0–100 score.
 *
 * Screening flags posts for a human reviewer; it never decides a violation.
 *
 * Threading: a screen_engine_t is immutable after screen_engine_open and is
 * shared by all threads. Each thread owns one screen_scratch_t (Hyperscan
 * scratch + normaliser buffers + result storage).
 *
 * Cache: the compiled Hyperscan databases (reviewed-category patterns and
 * context-only patterns, see engine.c) are serialised to
 *   <cache_dir>/netral-screen-<16 hex digits>.hsdb
 * where the digits hash the normalised patterns and the Hyperscan version,
 * so any edit of a rule file compiles afresh and an unchanged rule set loads
 * in milliseconds. cache_dir defaults to $NETRAL_DATA_DIR, else /tmp.
 * The file format and the tidying of old files: screen/cache.h.
 *
 * Score (documented for reviewers in data/screen/README.md):
 *   - each rule hit has the rule's bobot (0–100);
 *   - a rule with syarat "pemilu" (weak term such as coblos, amplop, ✌)
 *     only counts when the post has an election context: a konteks_pemilu
 *     term or a hit of a rule without syarat;
 *   - a peredam term (Bawaslu, imbauan, dilarang, berita, dilaporkan …)
 *     within its jarak words of a hit (jarak 0 = anywhere in the post)
 *     multiplies the hit's bobot by (100 − bobot_peredam)/100; the
 *     strongest applicable peredam wins;
 *   - hits whose word spans overlap are one piece of evidence (coblos
 *     matched by three rules counts once, at the highest effective bobot);
 *   - skor = 100 × (1 − Π over pieces of evidence (1 − b/100)): separate
 *     evidence adds up, repeating the same words does not.
 *   A post with skor ≥ SCREEN_THRESHOLD is treated as "kampanye" by --eval.
 */
#ifndef NETRAL_SCREEN_ENGINE_H
#define NETRAL_SCREEN_ENGINE_H
#include <stddef.h>

#include "core/err.h"
#include "screen/rules.h"

/* SCREEN_KAT_MIN: a hit below this effective bobot (a bare candidate name,
 * a party) is context for the reviewer, not a category claim. */
enum { SCREEN_THRESHOLD = 50, SCREEN_MAX_HITS = 64, SCREEN_KAT_MIN = 30 };

typedef struct screen_engine screen_engine_t;
typedef struct screen_scratch screen_scratch_t;

typedef struct {
  const char *aturan_path;  /* NULL → data/screen/aturan.csv */
  const char *paslon_path;  /* NULL → data/screen/paslon_contoh.csv; "" → none */
  const char *pemilihan;    /* filter candidate rows; NULL = all */
  const char *kode_wilayah; /* filter candidate rows by code prefix; NULL = all */
  const char *lexicon_path; /* NULL → data/lexicon/colloquial.csv */
  const char *cache_dir;    /* NULL → $NETRAL_DATA_DIR or /tmp; "" → no cache */
} screen_opts_t;

typedef struct {
  const char *aturan;     /* rule id; borrowed from the engine */
  const char *kategori;   /* e.g. "ajakan_memilih"; borrowed, static */
  const char *istilah;    /* rule term(s) that matched; borrowed from the scratch */
  const char *penjelasan; /* explanation in Bahasa Indonesia; borrowed from the scratch */
  size_t mulai, akhir;    /* byte offsets into the original teks */
  int kategori_id;        /* screen_kategori_t */
  int bobot;              /* rule weight */
  int bobot_efektif;      /* after peredam */
  size_t aturan_len, kategori_len;    /* strlen of aturan, kategori */
  size_t istilah_len, penjelasan_len; /* strlen of istilah, penjelasan */
  int plain;              /* aturan, istilah, penjelasan have no byte JSON must escape */
} screen_hit_t;

typedef struct {
  int skor;                  /* 0..100 */
  int konteks_pemilu;        /* the post has an election context (looked for only when a
                              * reviewed-category term matched: it only weighs hits) */
  int diredam;               /* a peredam lowered at least one hit */
  unsigned kategori_mask;    /* bit k: a hit of kategori k with bobot_efektif >= SCREEN_KAT_MIN */
  size_t nhits;
  const screen_hit_t *hits;  /* borrowed from the scratch; valid until the next screen_post */
} screen_result_t;

typedef struct {
  size_t nrules, npatterns, npaslon;
  int cache_hit;        /* database loaded from the cache file */
  char cache_path[512]; /* "" if no cache */
} screen_info_t;

/* Load rules with defaults (rules_path may be NULL). Caller frees. */
err_t screen_engine_open(const char *rules_path, screen_engine_t **out);
err_t screen_engine_open_opts(const screen_opts_t *o, screen_engine_t **out);
void screen_engine_free(screen_engine_t *e);
const screen_info_t *screen_engine_info(const screen_engine_t *e); /* borrowed */
const screen_rules_t *screen_engine_rules(const screen_engine_t *e); /* borrowed */

/* Per-thread scratch. Caller frees. */
err_t screen_scratch_new(const screen_engine_t *e, screen_scratch_t **out);
void screen_scratch_free(screen_scratch_t *s);
/* The calling thread's scratch for e, created on first use and freed at
 * thread exit (servers: no scratch per request, no lock). Borrowed; valid
 * until the thread next asks for a different engine. */
err_t screen_scratch_thread(const screen_engine_t *e, screen_scratch_t **out);

/* Screen teks[0..len). out and its hits are valid until the next call with
 * the same scratch. */
err_t screen_post(const screen_engine_t *e, screen_scratch_t *s, const char *teks, size_t len, screen_result_t *out);

/* A work buffer of at least n bytes owned by s (the JSONL reader unescapes
 * into it); NULL on allocation failure. Valid until the next call. */
char *screen_scratch_tmp(screen_scratch_t *s, size_t n);

/* The normalised text of the last post screened with s (borrowed). */
const char *screen_scratch_normalised(const screen_scratch_t *s);

#endif
