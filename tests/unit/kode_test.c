/* kode_test.c — tracking codes: format, confusables, and typo detection. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "domain/kode.h"
#include "core/banned.h"

static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void test_generate_format_and_roundtrip(void **state) {
  (void)state;
  char a[KODE_BUF], b[KODE_BUF], n[KODE_BUF];
  assert_int_equal(kode_generate(a, sizeof a), ERR_OK);
  assert_int_equal(kode_generate(b, sizeof b), ERR_OK);
  assert_int_equal(strlen(a), KODE_LEN);
  assert_memory_equal(a, "NTR-", 4);
  assert_int_equal(a[8], '-');
  assert_int_equal(a[13], '-');
  assert_int_equal(a[18], '-');
  assert_string_not_equal(a, b);
  for (int i = 0; i < 200; i++) {
    assert_int_equal(kode_generate(a, sizeof a), ERR_OK);
    for (const char *p = a + 4; *p; p++)
      if (*p != '-') assert_non_null(strchr(alphabet, *p));
    assert_int_equal(kode_normalise(a, n, sizeof n), ERR_OK);
    assert_string_equal(a, n);
  }
}

static void test_generate_small_buffer(void **state) {
  (void)state;
  char small[10];
  assert_int_not_equal(kode_generate(small, sizeof small), ERR_OK);
}

static void test_normalise_human_input(void **state) {
  (void)state;
  char code[KODE_BUF], out[KODE_BUF], in[64], lower[KODE_BUF];
  assert_int_equal(kode_generate(code, sizeof code), ERR_OK);
  /* lowercase, no dashes, no prefix, spaces */
  for (size_t i = 0; i <= KODE_LEN; i++) lower[i] = (char)((code[i] >= 'A' && code[i] <= 'Z') ? code[i] + 32 : code[i]);
  assert_int_equal(kode_normalise(lower, out, sizeof out), ERR_OK);
  assert_string_equal(out, code);
  size_t k = 0;
  for (const char *p = code + 4; *p; p++)
    if (*p != '-') in[k++] = *p;
  in[k] = '\0';
  assert_int_equal(kode_normalise(in, out, sizeof out), ERR_OK);
  assert_string_equal(out, code);
  snprintf(in, sizeof in, "  ntr %.4s %.4s %.4s %c ", code + 4, code + 9, code + 14, code[19]);
  assert_int_equal(kode_normalise(in, out, sizeof out), ERR_OK);
  assert_string_equal(out, code);
}

/* A generated code whose body holds both 0 and 1, so the O/I/L confusables
 * can be exercised on it. */
static void find_code_with_0_and_1(char *code) {
  char in[KODE_BUF];
  for (;;) {
    assert_int_equal(kode_generate(in, sizeof in), ERR_OK);
    if (strchr(in + 4, '0') && strchr(in + 4, '1')) break;
  }
  memcpy(code, in, KODE_BUF);
}

static void test_confusables(void **state) {
  (void)state;
  char code[KODE_BUF], in[KODE_BUF], out[KODE_BUF];
  find_code_with_0_and_1(code);
  const char subs[][2] = {{'0', 'O'}, {'0', 'o'}, {'1', 'I'}, {'1', 'l'}, {'1', 'L'}, {'1', 'i'}};
  for (size_t s = 0; s < sizeof subs / sizeof subs[0]; s++) {
    memcpy(in, code, KODE_BUF);
    for (char *p = in + 4; *p; p++)
      if (*p == subs[s][0]) *p = subs[s][1];
    assert_int_equal(kode_normalise(in, out, sizeof out), ERR_OK);
    assert_string_equal(out, code);
  }
}

static void expect_rejected(const char *in) {
  char out[KODE_BUF];
  err_clear();
  err_t e = kode_normalise(in, out, sizeof out);
  if (e != ERR_INVALID) fail_msg("accepted typo: %s", in);
  assert_string_equal(err_field(e), "kode");
  assert_true(strlen(err_message(e)) > 10);
  assert_string_equal(out, "");
}

/* Every single-symbol substitution (by any other symbol of the alphabet,
 * in the prefix too) and every adjacent transposition of two different
 * symbols is rejected, on many random codes. */
static void test_typos_rejected(void **state) {
  (void)state;
  for (int round = 0; round < 50; round++) {
    char code[KODE_BUF], compact[24], t[24];
    assert_int_equal(kode_generate(code, sizeof code), ERR_OK);
    size_t n = 0;
    for (const char *p = code; *p; p++)
      if (*p != '-') compact[n++] = *p;
    compact[n] = '\0';
    assert_int_equal(n, 16);
    for (size_t i = 0; i < n; i++) {
      for (const char *a = alphabet; *a; a++) {
        if (*a == compact[i]) continue;
        memcpy(t, compact, n + 1);
        t[i] = *a;
        expect_rejected(t);
      }
      if (i + 1 < n && compact[i] != compact[i + 1]) {
        memcpy(t, compact, n + 1);
        t[i] = compact[i + 1];
        t[i + 1] = compact[i];
        expect_rejected(t);
      }
    }
  }
}

static void test_malformed(void **state) {
  (void)state;
  static const char *const bad[] = {
      "", "NTR", "NTR-1234-5678-9ABC", "NTR-1234-5678-9ABC-DE", "NTR-UUUU-UUUU-UUUU-U",
      "XYZ-1234-5678-9ABC-D", "NTR-12#4-5678-9ABC-D", "NTR-1234-5678-9ABC-D-1234-5678-9ABC",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) expect_rejected(bad[i]);
  char out[KODE_BUF];
  assert_int_equal(kode_normalise(NULL, out, sizeof out), ERR_INVALID);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_generate_format_and_roundtrip),
      cmocka_unit_test(test_generate_small_buffer),
      cmocka_unit_test(test_normalise_human_input),
      cmocka_unit_test(test_confusables),
      cmocka_unit_test(test_typos_rejected),
      cmocka_unit_test(test_malformed),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
