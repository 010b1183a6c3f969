/*
 * caldate_test.c — civil date arithmetic: leap years, strict parsing,
 * weekdays against the real 2024–2026 calendar, formatting in Indonesian.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/caldate.h"

static caldate_t d(const char *s) {
  caldate_t out = 0;
  assert_int_equal(caldate_parse(s, &out), ERR_OK);
  return out;
}

static void test_leap_years(void **state) {
  (void)state;
  assert_true(caldate_is_leap(2024));
  assert_false(caldate_is_leap(2025));
  assert_false(caldate_is_leap(1900));
  assert_true(caldate_is_leap(2000));
  assert_int_equal(caldate_days_in_month(2024, 2), 29);
  assert_int_equal(caldate_days_in_month(2025, 2), 28);
  assert_int_equal(caldate_days_in_month(2024, 13), 0);
  /* 2024 has 366 days, 2025 has 365. */
  assert_int_equal(d("2025-01-01") - d("2024-01-01"), 366);
  assert_int_equal(d("2026-01-01") - d("2025-01-01"), 365);
  assert_int_equal(d("2024-03-01") - d("2024-02-28"), 2);
}

static void test_parse_rejects(void **state) {
  (void)state;
  static const char *const bad[] = {
      "2024-02-30", "2025-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-4-1",  "24-04-01",
      "2024/04/01", "2024-04-01x", "2024-04-01T", "",          "abcd-ef-gh", "1899-12-31", " 2024-04-01",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    caldate_t out;
    assert_int_equal(caldate_parse(bad[i], &out), ERR_INVALID);
  }
  caldate_t out;
  assert_int_equal(caldate_parse(NULL, &out), ERR_INVALID);
  assert_int_equal(caldate_parse("2024-02-29", &out), ERR_OK);
}

static void test_parse_datetime(void **state) {
  (void)state;
  caldatetime_t t;
  int has_time = -1;
  assert_int_equal(caldate_parse_datetime("2024-02-14T10:30", &t, &has_time), ERR_OK);
  assert_int_equal(has_time, 1);
  assert_int_equal(caldatetime_date(t), d("2024-02-14"));
  assert_int_equal(caldatetime_minute_of_day(t), 10 * 60 + 30);
  assert_int_equal(caldate_parse_datetime("2024-02-14 23:59:59", &t, &has_time), ERR_OK);
  assert_int_equal(caldatetime_minute_of_day(t), 23 * 60 + 59);
  assert_int_equal(caldate_parse_datetime("2024-02-14", &t, &has_time), ERR_OK);
  assert_int_equal(has_time, 0);
  assert_int_equal(caldatetime_minute_of_day(t), 0);
  static const char *const bad[] = {"2024-02-14T24:00", "2024-02-14T10:60", "2024-02-14T1:30",
                                    "2024-02-14T10:30Z", "2024-02-30T10:00", "2024-02-14T10:30:61"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    assert_int_equal(caldate_parse_datetime(bad[i], &t, NULL), ERR_INVALID);
}

static void test_weekdays(void **state) {
  (void)state;
  static const struct {
    const char *date;
    int iso;
  } rows[] = {
      {"1970-01-01", 4}, /* Thursday: the epoch */
      {"2024-01-01", 1}, {"2024-02-14", 3}, /* Pemilu 2024: Wednesday */
      {"2024-02-29", 4}, {"2024-04-10", 3}, {"2024-11-27", 3}, /* Pilkada: Wednesday */
      {"2024-12-25", 3}, {"2025-01-01", 3}, {"2025-03-31", 1}, {"2026-01-01", 4},
      {"1900-01-01", 1}, {"2000-02-29", 2},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) assert_int_equal(caldate_weekday(d(rows[i].date)), rows[i].iso);
  assert_string_equal(caldate_weekday_name(3), "Rabu");
  assert_string_equal(caldate_weekday_name(7), "Minggu");
  assert_string_equal(caldate_weekday_name(0), "");
}

static void test_roundtrip_and_format(void **state) {
  (void)state;
  char buf[CALDATE_LONG_STR];
  /* Every day from 1950 to 2100 survives number -> y-m-d -> number. */
  for (caldate_t x = d("1950-01-01"); x <= d("2100-12-31"); x++) {
    int y, m, dd;
    caldate_to_ymd(x, &y, &m, &dd);
    assert_true(caldate_valid(y, m, dd));
    assert_int_equal(caldate_from_ymd(y, m, dd), x);
  }
  caldate_format(d("2024-02-09"), buf, sizeof buf);
  assert_string_equal(buf, "2024-02-09");
  caldate_format_long(d("2024-02-19"), buf, sizeof buf);
  assert_string_equal(buf, "Senin, 19 Februari 2024");
  caldate_format_long(d("2025-08-17"), buf, sizeof buf);
  assert_string_equal(buf, "Minggu, 17 Agustus 2025");
  caldatetime_format(caldatetime_make(d("2024-12-31"), 23, 5), buf, sizeof buf);
  assert_string_equal(buf, "2024-12-31T23:05");
  /* Before the epoch the day still floors correctly. */
  caldatetime_format(caldatetime_make(d("1969-12-31"), 6, 0), buf, sizeof buf);
  assert_string_equal(buf, "1969-12-31T06:00");
}

static void test_from_unix(void **state) {
  (void)state;
  char buf[CALDATETIME_STR];
  /* 2024-02-13T17:30:00Z is 2024-02-14T00:30 WIB: the day changes. */
  caldatetime_format(caldatetime_from_unix(1707845400, CALDATE_WIB_OFFSET), buf, sizeof buf);
  assert_string_equal(buf, "2024-02-14T00:30");
  caldatetime_format(caldatetime_from_unix(1707845400, 0), buf, sizeof buf);
  assert_string_equal(buf, "2024-02-13T17:30");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_leap_years),       cmocka_unit_test(test_parse_rejects),
      cmocka_unit_test(test_parse_datetime),   cmocka_unit_test(test_weekdays),
      cmocka_unit_test(test_roundtrip_and_format), cmocka_unit_test(test_from_unix),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
