/* csv_test.c — the RFC 4180 reader (core/csv.h): quoting, CRLF, BOM, empty
 * lines, line numbers, limits, callback stop; csv_parse and csv_parse_file
 * must give the same rows for the same bytes, whatever the chunking. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/mem.h"

/* Every row rendered as "line:f1|f2|…\n" (fields with their real length, so a
 * NUL inside a field would show). */
typedef struct {
  buf_t out;
  int stop_at; /* return ERR_CONFLICT on this row (1-based), 0 = never */
  int rows;
} rec_t;

static err_t on_row(void *ud, long line, int nf, char **f) {
  rec_t *r = ud;
  r->rows++;
  if (r->stop_at && r->rows == r->stop_at) return ERR_CONFLICT;
  buf_printf(&r->out, "%ld:", line);
  for (int i = 0; i < nf; i++) {
    if (i) buf_puts(&r->out, "|");
    buf_puts(&r->out, f[i]);
  }
  buf_puts(&r->out, "\n");
  return ERR_OK;
}

/* Parse with both readers; they must agree. Returns the rendered rows (static). */
static const char *parse2(const char *data, size_t len, err_t *err, int stop_at) {
  static char last[1 << 16];
  rec_t a = {.stop_at = stop_at}, b = {.stop_at = stop_at};
  buf_init(&a.out);
  buf_init(&b.out);
  err_t ea = csv_parse(data, len, on_row, &a);
  char msg_a[256];
  snprintf(msg_a, sizeof msg_a, "%s", ea ? err_message(ea) : "");
  FILE *f = fmemopen((void *)data, len ? len : 1, "r");
  assert_non_null(f);
  if (!len) fgetc(f); /* fmemopen needs a size ≥ 1: read the one byte so the stream is empty */
  err_t eb = csv_parse_file(f, on_row, &b);
  fclose(f);
  assert_int_equal(ea, eb);
  if (ea) assert_string_equal(msg_a, err_message(eb));
  assert_string_equal(a.out.data ? a.out.data : "", b.out.data ? b.out.data : "");
  snprintf(last, sizeof last, "%s", a.out.data ? a.out.data : "");
  buf_free(&a.out);
  buf_free(&b.out);
  *err = ea;
  return last;
}

static const char *ok(const char *data) {
  err_t e;
  const char *r = parse2(data, strlen(data), &e, 0);
  assert_int_equal(e, ERR_OK);
  return r;
}

static void test_plain_and_crlf(void **state) {
  assert_string_equal(ok("a,b,c\n1,2,3\n"), "1:a|b|c\n2:1|2|3\n");
  assert_string_equal(ok("a,b,c\r\n1,2,3\r\n"), "1:a|b|c\n2:1|2|3\n");
  assert_string_equal(ok("a,b\n1,2"), "1:a|b\n2:1|2\n");          /* no final newline */
  assert_string_equal(ok("a,b\r\n1,2\r"), "1:a|b\n2:1|2\n");       /* lone CR at end */
  assert_string_equal(ok("a\rb,c\n"), "1:ab|c\n");                 /* CR outside quotes is dropped */
  assert_string_equal(ok(",,\n"), "1:||\n");
  assert_string_equal(ok("a,\n"), "1:a|\n");
  assert_string_equal(ok(""), "");
}

static void test_quotes(void **state) {
  assert_string_equal(ok("\"a,b\",c\n"), "1:a,b|c\n");
  assert_string_equal(ok("\"say \"\"hi\"\"\",x\n"), "1:say \"hi\"|x\n");
  assert_string_equal(ok("\"\",x\n"), "1:|x\n");
  assert_string_equal(ok("\"\"\"\"\n"), "1:\"\n");
  assert_string_equal(ok("a\"b,c\n"), "1:a\"b|c\n");               /* a quote inside an unquoted field is literal */
  assert_string_equal(ok("\"ab\"cd,e\n"), "1:abcd|e\n");            /* text after the closing quote is kept */
  assert_string_equal(ok("x,\"a\r\nb\"\n"), "1:x|a\r\nb\n");        /* CR and LF inside quotes are kept */
  assert_string_equal(ok("\"a\"\n"), "1:a\n");
  assert_string_equal(ok("\"a\""), "1:a\n");                        /* closed quote at end of input */
  assert_string_equal(ok("a,\"\""), "1:a|\n");
}

static void test_line_numbers(void **state) {
  /* a quoted newline counts: the next row starts on line 3 */
  assert_string_equal(ok("h\n\"a\nb\"\nc\n"), "1:h\n2:a\nb\n4:c\n");
  /* empty lines (LF, CRLF, a lone empty quoted field) are skipped but counted */
  assert_string_equal(ok("h\n\n\r\nx\n\"\"\ny\n"), "1:h\n4:x\n6:y\n");
  assert_string_equal(ok("\n\nh\n"), "3:h\n");
}

static void test_bom(void **state) {
  assert_string_equal(ok("\xEF\xBB\xBFnip,nama\n1,2\n"), "1:nip|nama\n2:1|2\n");
  /* only at the very start */
  assert_string_equal(ok("a\n\xEF\xBB\xBF" "b\n"), "1:a\n2:\xEF\xBB\xBF" "b\n");
  assert_string_equal(ok("\xEF\xBB\xBF"), "");
}

static void test_errors(void **state) {
  err_t e;
  parse2("a\n\"open,b\nc\n", 12, &e, 0);
  assert_int_equal(e, ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "Baris 2"));
  assert_non_null(strstr(err_message(ERR_INVALID), "kutip"));
  /* rows before the bad one were delivered */
  assert_string_equal(parse2("a\nb\n\"x", 7, &e, 0), "1:a\n2:b\n");
  assert_int_equal(e, ERR_INVALID);

  /* 64 fields are fine, 65 are not */
  char row[512];
  size_t rn = 0;
  for (int i = 0; i < CSV_MAX_FIELDS; i++) rn += (size_t)snprintf(row + rn, sizeof row - rn, i ? ",x" : "x");
  snprintf(row + rn, sizeof row - rn, "\n");
  parse2(row, strlen(row), &e, 0);
  assert_int_equal(e, ERR_OK);
  char row2[600];
  snprintf(row2, sizeof row2, "h\n%.*s,x\n", (int)strlen(row) - 1, row);
  parse2(row2, strlen(row2), &e, 0);
  assert_int_equal(e, ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "Baris 2: terlalu banyak kolom"));

  /* a field of CSV_MAX_FIELD bytes is fine, one more is not (quoted or not) */
  size_t n = CSV_MAX_FIELD + 16;
  char *big = malloc(n + 8);
  assert_non_null(big);
  for (int quoted = 0; quoted < 2; quoted++) {
    for (int extra = 0; extra < 2; extra++) {
      size_t k = 0;
      big[k++] = 'h';
      big[k++] = '\n';
      if (quoted) big[k++] = '"';
      for (size_t i = 0; i < (size_t)CSV_MAX_FIELD + (size_t)extra; i++) big[k++] = (char)('a' + i % 26);
      if (quoted) big[k++] = '"';
      big[k++] = '\n';
      rec_t r = {0};
      buf_init(&r.out);
      e = csv_parse(big, k, on_row, &r);
      buf_free(&r.out);
      assert_int_equal(e, extra ? ERR_INVALID : ERR_OK);
      if (extra) assert_non_null(strstr(err_message(ERR_INVALID), "Baris 2: kolom terlalu panjang"));
      FILE *f = fmemopen(big, k, "r");
      rec_t r2 = {0};
      buf_init(&r2.out);
      assert_int_equal(csv_parse_file(f, on_row, &r2), extra ? ERR_INVALID : ERR_OK);
      buf_free(&r2.out);
      fclose(f);
    }
  }
  free(big);
}

static void test_callback_stops(void **state) {
  err_t e;
  assert_string_equal(parse2("a\nb\nc\nd\n", 8, &e, 3), "1:a\n2:b\n");
  assert_int_equal(e, ERR_CONFLICT);
}

/* Rows far longer than the stream reader's chunk, and fields split across
 * chunk borders at every position: the same as the buffer reader. */
static void test_chunk_borders(void **state) {
  buf_t in;
  buf_init(&in);
  buf_puts(&in, "nip,nama,catatan\r\n");
  for (int i = 0; i < 6000; i++) {
    buf_printf(&in, "%d,", 100000 + i);
    if (i % 7 == 0) buf_printf(&in, "\"Nama %d, S.Pd.\",", i);
    else buf_printf(&in, "Nama %d,", i);
    if (i % 13 == 0) buf_printf(&in, "\"baris\r\nkedua \"\"%d\"\"\"\r\n", i);
    else if (i % 17 == 0) buf_puts(&in, "\r\n\r\n");
    else buf_printf(&in, "c%d\n", i);
  }
  err_t e;
  const char *r = parse2(in.data, in.len, &e, 0);
  assert_int_equal(e, ERR_OK);
  assert_non_null(strstr(r, "\n2:100000|Nama 0, S.Pd.|baris\r\nkedua \"0\"\n4:100001|Nama 1|c1\n"));
  /* one very long quoted field crossing several chunks */
  buf_reset(&in);
  buf_puts(&in, "a,\"");
  for (int i = 0; i < 50000; i++) buf_puts(&in, i % 1000 == 0 ? "\"\"\n" : "y");
  buf_puts(&in, "\",z\n");
  parse2(in.data, in.len, &e, 0);
  assert_int_equal(e, ERR_OK);
  buf_free(&in);
}

static void test_csv_col(void **state) {
  char a[] = "nip", b[] = "nama", c[] = "nip";
  char *f[] = {a, b, c};
  assert_int_equal(csv_col(3, f, "nip"), 0);
  assert_int_equal(csv_col(3, f, "nama"), 1);
  assert_int_equal(csv_col(3, f, "wilayah"), -1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_plain_and_crlf), cmocka_unit_test(test_quotes),
      cmocka_unit_test(test_line_numbers),   cmocka_unit_test(test_bom),
      cmocka_unit_test(test_errors),         cmocka_unit_test(test_callback_stops),
      cmocka_unit_test(test_chunk_borders),  cmocka_unit_test(test_csv_col),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
