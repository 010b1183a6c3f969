/*
 * screen_stream_test.c — the JSONL pipeline of `netral screen`
 * (src/screen/stream.c): the output with 1, 2, 3 and 8 screening threads is
 * byte for byte what screen_jsonl_line gives line by line, in input order,
 * across several batches; blank lines are ignored; malformed and overlong
 * lines are reported by their line number and skipped; counts add up; a
 * failing output stream is an error, not a silent loss.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "screen/jsonl.h"
#include "screen/stream.h"
#include "screen_fixture.h"

/* The labelled posts, as lines (without newline). */
static char **load_posts(size_t *n) {
  FILE *f = fopen("tests/data/screen/pos_berlabel.jsonl", "rb");
  assert_non_null(f);
  char **v = NULL, *line = NULL;
  size_t cap = 0, k = 0;
  ssize_t len;
  while ((len = getline(&line, &cap, f)) > 0) {
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = '\0';
    if (!len) continue;
    v = realloc(v, (k + 1) * sizeof *v);
    v[k++] = strdup(line);
  }
  free(line);
  fclose(f);
  assert_true(k >= 400);
  *n = k;
  return v;
}

static char *slurp(FILE *f, size_t *len) {
  fflush(f);
  long n = ftell(f);
  char *d = malloc((size_t)n + 1);
  rewind(f);
  assert_int_equal(fread(d, 1, (size_t)n, f), (size_t)n);
  d[n] = '\0';
  *len = (size_t)n;
  return d;
}

/* 9,500 lines (three batches of 4,096) from the labelled posts, with a
 * blank line, two malformed lines and one line over SCREEN_MAX_LINE at
 * known places; the expected output built line by line. */
typedef struct {
  FILE *in;
  buf_t want;
  unsigned long long posts, with_hits;
  long bad_lines[3];
} fixture_t;

static void build(fixture_t *fx) {
  size_t np;
  char **posts = load_posts(&np);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(eng, &s), ERR_OK);
  fx->in = tmpfile();
  assert_non_null(fx->in);
  buf_init(&fx->want);
  fx->posts = fx->with_hits = 0;
  char err[300];
  int nbad = 0;
  for (long ln = 1; ln <= 9500; ln++) {
    if (ln == 17) { /* blank */
      fputs("\n", fx->in);
      continue;
    }
    if (ln == 4096 || ln == 8200) { /* malformed, one at a batch edge */
      fputs("{\"id\":\"rusak\",\"teks\":\n", fx->in);
      fx->bad_lines[nbad++] = ln;
      continue;
    }
    if (ln == 5000) { /* overlong */
      fputs("{\"id\":\"panjang\",\"teks\":\"", fx->in);
      for (int i = 0; i < SCREEN_MAX_LINE / 8 + 10; i++) fputs("coblos!!", fx->in);
      fputs("\"}\n", fx->in);
      fx->bad_lines[nbad++] = ln;
      continue;
    }
    const char *p = posts[(size_t)ln % np];
    fprintf(fx->in, "%s\n", p);
    screen_result_t r;
    assert_int_equal(screen_jsonl_line(eng, s, p, strlen(p), SCREEN_OUT_JSON, &fx->want, &r, err, sizeof err), ERR_OK);
    fx->posts++;
    fx->with_hits += r.nhits > 0;
  }
  assert_int_equal(nbad, 3);
  assert_true(fx->with_hits > 1000 && fx->with_hits < fx->posts);
  rewind(fx->in);
  screen_scratch_free(s);
  for (size_t i = 0; i < np; i++) free(posts[i]);
  free(posts);
}

static void test_threads_same_output_in_order(void **state) {
  (void)state;
  fixture_t fx;
  build(&fx);
  const int threads[] = {1, 2, 3, 8};
  for (size_t k = 0; k < sizeof threads / sizeof threads[0]; k++) {
    rewind(fx.in);
    FILE *out = tmpfile(), *errf = tmpfile();
    screen_stream_opts_t o = {threads[k], SCREEN_OUT_JSON, NULL};
    screen_stream_stats_t st;
    assert_int_equal(screen_stream(eng, fx.in, out, errf, &o, &st), ERR_OK);
    size_t n, en;
    char *got = slurp(out, &n), *msgs = slurp(errf, &en);
    assert_int_equal(n, fx.want.len);
    assert_memory_equal(got, fx.want.data, n);
    assert_int_equal(st.posts, fx.posts);
    assert_int_equal(st.with_hits, fx.with_hits);
    assert_int_equal(st.bad, 3);
    char expect[600];
    snprintf(expect, sizeof expect, "Baris %ld: JSON tidak sah", fx.bad_lines[0]);
    assert_non_null(strstr(msgs, expect));
    snprintf(expect, sizeof expect, "Baris %ld: baris lebih dari %d bita, dilewati", fx.bad_lines[1], SCREEN_MAX_LINE);
    assert_non_null(strstr(msgs, expect));
    snprintf(expect, sizeof expect, "Baris %ld: JSON tidak sah", fx.bad_lines[2]);
    assert_non_null(strstr(msgs, expect));
    /* the reports come in line order */
    char a[32], b[32];
    snprintf(a, sizeof a, "Baris %ld:", fx.bad_lines[0]);
    snprintf(b, sizeof b, "Baris %ld:", fx.bad_lines[2]);
    assert_true(strstr(msgs, a) < strstr(msgs, b));
    free(got);
    free(msgs);
    fclose(out);
    fclose(errf);
  }
  fclose(fx.in);
  buf_free(&fx.want);
}

static void test_empty_and_blank_input(void **state) {
  (void)state;
  FILE *in = tmpfile(), *out = tmpfile(), *errf = tmpfile();
  fputs("\n\n\r\n", in);
  rewind(in);
  screen_stream_opts_t o = {2, SCREEN_OUT_JSON, NULL};
  screen_stream_stats_t st;
  assert_int_equal(screen_stream(eng, in, out, errf, &o, &st), ERR_OK);
  assert_int_equal(st.posts, 0);
  assert_int_equal(st.bad, 0);
  assert_int_equal(ftell(out), 0);
  fclose(in);
  fclose(out);
  fclose(errf);
}

static void test_write_failure_is_an_error(void **state) {
  (void)state;
  FILE *in = tmpfile(), *errf = tmpfile();
  for (int i = 0; i < 5000; i++) fprintf(in, "{\"id\":\"%d\",\"teks\":\"Ayo coblos nomor 2, jangan lupa!\"}\n", i);
  rewind(in);
  FILE *out = fopen("/dev/full", "w");
  if (!out) {
    skip();
  }
  screen_stream_opts_t o = {2, SCREEN_OUT_JSON, NULL};
  screen_stream_stats_t st;
  err_t rc = screen_stream(eng, in, out, errf, &o, &st);
  assert_int_equal(rc, ERR_IO);
  assert_non_null(strstr(err_message(rc), "gagal menulis keluaran"));
  fclose(out);
  fclose(in);
  fclose(errf);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_same_output_in_order),
      cmocka_unit_test(test_empty_and_blank_input),
      cmocka_unit_test(test_write_failure_is_an_error),
  };
  return cmocka_run_group_tests_name("screen_stream", tests, setup, teardown);
}
