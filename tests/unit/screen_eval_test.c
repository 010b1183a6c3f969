/*
 * screen_eval_test.c — quality of the shipped rules (data/screen/) on three
 * labelled corpora, at skor >= 50:
 *   tests/data/screen/pos_berlabel.jsonl  409 posts, 129 hard negatives; the
 *       rules were tuned on it (in-sample): precision 0.995, recall 0.981.
 *   tests/data/screen/pos_uji.jsonl  185 posts, 68 hard negatives, written
 *       after the rules and held out until session 3, which added rules for
 *       some of its misses (AM-10, DP-05, PU-05, "amplopnya"): precision
 *       1.000, recall 0.916 when held out, 0.947 now (no longer held out).
 *   tests/data/screen/pos_uji2.jsonl  130 posts, 48 hard negatives, written
 *       after those rule changes and measured once (held out): precision
 *       0.944, recall 0.957, 4 hard negatives flagged.
 * The assertions leave a small margin below those figures for rule edits.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/eval.h"
#include "screen_fixture.h"

static void test_corpus_quality(void **st) {
  (void)st;
  screen_eval_t ev;
  assert_int_equal(screen_eval_file(eng, "tests/data/screen/pos_berlabel.jsonl", SCREEN_THRESHOLD, &ev, stderr, NULL),
                   ERR_OK);
  printf("presisi %.3f recall %.3f F1 %.3f (TP %ld FP %ld FN %ld), negatif sulit %ld/%ld salah tandai\n",
         screen_precision(&ev.all), screen_recall(&ev.all), screen_f1(&ev.all), ev.all.tp, ev.all.fp, ev.all.fn,
         ev.hard_neg_fp, ev.hard_neg);
  assert_true(ev.posts >= 400);
  assert_int_equal(ev.errors, 0);
  assert_true(ev.hard_neg >= 100);
  assert_true(screen_precision(&ev.all) >= 0.95);
  assert_true(screen_recall(&ev.all) >= 0.95);
  assert_true(ev.hard_neg_fp <= 4);
  /* every category with labelled posts is found most of the time */
  for (int k = 0; k < SCREEN_KAT_KONTEKS; k++) {
    printf("  %-16s presisi %.3f recall %.3f\n", screen_kategori_name(k), screen_precision(&ev.kat[k]),
           screen_recall(&ev.kat[k]));
    assert_true(ev.kat[k].tp + ev.kat[k].fn > 0);
    assert_true(screen_recall(&ev.kat[k]) >= 0.8);
  }
}

/* One labelled corpus against its floors. */
static void check_corpus(const char *path, const char *name, long min_posts, long min_hard, double min_p, double min_r,
                         long max_hard_fp) {
  screen_eval_t ev;
  assert_int_equal(screen_eval_file(eng, path, SCREEN_THRESHOLD, &ev, stderr, NULL), ERR_OK);
  printf("%s: presisi %.3f recall %.3f F1 %.3f (TP %ld FP %ld FN %ld), negatif sulit %ld/%ld salah tandai\n", name,
         screen_precision(&ev.all), screen_recall(&ev.all), screen_f1(&ev.all), ev.all.tp, ev.all.fp, ev.all.fn,
         ev.hard_neg_fp, ev.hard_neg);
  assert_true(ev.posts >= min_posts);
  assert_int_equal(ev.errors, 0);
  assert_true(ev.hard_neg >= min_hard);
  assert_true(screen_precision(&ev.all) >= min_p);
  assert_true(screen_recall(&ev.all) >= min_r);
  assert_true(ev.hard_neg_fp <= max_hard_fp);
}

/* The first held-out corpus, since used for rule edits. */
static void test_heldout_quality(void **st) {
  (void)st;
  check_corpus("tests/data/screen/pos_uji.jsonl", "uji 1", 150, 50, 0.95, 0.90, 2);
}

/* The held-out corpus: measured once, rules not tuned to it afterwards. */
static void test_heldout2_quality(void **st) {
  (void)st;
  check_corpus("tests/data/screen/pos_uji2.jsonl", "uji 2 tertahan", 120, 45, 0.90, 0.92, 6);
}

/* What a reviewer sees for the issue's examples. */
static void test_issue_examples(void **st) {
  (void)st;
  static const struct {
    const char *teks;
    int kampanye;
  } cases[] = {
    {"Bawaslu mengimbau ASN jangan ikut kampanye", 0},
    {"Ban motor kecoblos paku, mampir tambal ban dulu", 0},
    {"Pilih menu apa ya, bakso atau soto?", 0},
    {"Ayo dukung timnas malam ini!", 0},
    {"#CoblosNomor2 biar menang", 1},
    {"c o b l o s   n o m o r   2", 1},
    {"c0bl0s no. 2 yaaa", 1},
    {"inget ya, nomor urut 2 \xE2\x9C\x8C\xEF\xB8\x8F coblos", 1},
    {"besok jangan lupa #coblosnomor2", 1},          /* lowercase hashtags, split by the vocabulary */
    {"#pilihpaslon2 #salamduajari", 1},
  };
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(eng, &s), ERR_OK);
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    screen_result_t r;
    assert_int_equal(screen_post(eng, s, cases[i].teks, strlen(cases[i].teks), &r), ERR_OK);
    if ((r.skor >= SCREEN_THRESHOLD) != cases[i].kampanye) fail_msg("%s: skor %d", cases[i].teks, r.skor);
  }
  screen_scratch_free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_corpus_quality),
    cmocka_unit_test(test_heldout_quality), cmocka_unit_test(test_heldout2_quality),
    cmocka_unit_test(test_issue_examples),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
