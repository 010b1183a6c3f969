/* err_test.c — the error table and re-raising an error with its own detail. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"

static void test_table(void **state) {
  assert_int_equal(err_http_status(ERR_INVALID), 422);
  assert_int_equal(err_http_status(ERR_RATE_LIMITED), 429);
  assert_string_equal(err_code_str(ERR_CSRF), "csrf");
  assert_string_equal(err_message(ERR_NOT_FOUND), "Data tidak ditemukan.");
}

static void test_reraise_keeps_text(void **state) {
  err_set(ERR_INVALID, "pelapor.nik", "NIK harus %d angka.", 16);
  err_t e = err_set(ERR_INVALID, err_field(ERR_INVALID), "Baris 3: %s", err_message(ERR_INVALID));
  assert_string_equal(err_message(e), "Baris 3: NIK harus 16 angka.");
  assert_string_equal(err_field(e), "pelapor.nik");
}

static void test_stale_detail_not_shown(void **state) {
  err_set(ERR_INVALID, "x", "pesan lama");
  assert_string_equal(err_message(ERR_CONFLICT), err_default_msg(ERR_CONFLICT));
  assert_string_equal(err_field(ERR_CONFLICT), "");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_reraise_keeps_text),
      cmocka_unit_test(test_stale_detail_not_shown),
  };
  return cmocka_run_group_tests_name("err", tests, NULL, NULL);
}
