/*
 * caldate.c — civil dates as integer day numbers (see caldate.h).
 *
 * The conversions are Howard Hinnant's days_from_civil / civil_from_days
 * (public domain algorithms): exact for the proleptic Gregorian calendar and
 * free of time zones. Parsing is strict and table-free on purpose: a date is
 * fixed-width digits, and anything else is rejected rather than guessed.
 */
#include "core/caldate.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static const char *const weekday_names[8] = {
    "", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"};
static const char *const month_names[13] = {
    "", "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember"};
static const int month_days[13] = {0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

int caldate_is_leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int caldate_days_in_month(int year, int month) {
  if (month < 1 || month > 12) return 0;
  return month_days[month] + (month == 2 && caldate_is_leap(year));
}

int caldate_valid(int year, int month, int day) {
  return year >= CALDATE_MIN_YEAR && year <= CALDATE_MAX_YEAR && day >= 1 &&
         day <= caldate_days_in_month(year, month);
}

caldate_t caldate_from_ymd(int year, int month, int day) {
  int64_t y = year - (month <= 2);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (caldate_t)(era * 146097 + doe - 719468);
}

void caldate_to_ymd(caldate_t d, int *year, int *month, int *day) {
  int64_t z = (int64_t)d + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int m = (int)(mp < 10 ? mp + 3 : mp - 9);
  *day = (int)(doy - (153 * mp + 2) / 5 + 1);
  *month = m;
  *year = (int)(yoe + era * 400 + (m <= 2));
}

int caldate_weekday(caldate_t d) {
  /* 1970-01-01 was a Thursday (ISO 4). */
  int r = (int)(((int64_t)d % 7 + 7) % 7);
  return (r + 3) % 7 + 1;
}

const char *caldate_weekday_name(int iso_weekday) {
  return iso_weekday >= 1 && iso_weekday <= 7 ? weekday_names[iso_weekday] : "";
}

const char *caldate_month_name(int month) {
  return month >= 1 && month <= 12 ? month_names[month] : "";
}

/* n fixed digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n) {
  int v = 0;
  for (int i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

/* Parse the date prefix "YYYY-MM-DD" of s; returns chars consumed or 0. */
static size_t parse_ymd(const char *s, caldate_t *out) {
  if (strnlen(s, 10) < 10 || s[4] != '-' || s[7] != '-') return 0;
  int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
  if (y < 0 || m < 0 || d < 0 || !caldate_valid(y, m, d)) return 0;
  *out = caldate_from_ymd(y, m, d);
  return 10;
}

err_t caldate_parse(const char *s, caldate_t *out) {
  caldate_t d;
  if (!s || parse_ymd(s, &d) != 10 || s[10] != '\0')
    return err_set(ERR_INVALID, NULL, "Tanggal tidak valid: \"%.40s\"; gunakan YYYY-MM-DD.", s ? s : "");
  *out = d;
  return ERR_OK;
}

err_t caldate_parse_datetime(const char *s, caldatetime_t *out, int *has_time) {
  caldate_t d;
  int hh = 0, mm = 0, timed = 0;
  if (!s || parse_ymd(s, &d) != 10) goto fail;
  const char *p = s + 10;
  if (*p == 'T' || *p == ' ') {
    p++;
    if (strnlen(p, 5) < 5 || p[2] != ':') goto fail;
    hh = digits(p, 2);
    mm = digits(p + 3, 2);
    if (hh < 0 || hh > 23 || mm < 0 || mm > 59) goto fail;
    p += 5;
    if (*p == ':') { /* seconds: checked, then dropped */
      int ss = strnlen(p + 1, 2) == 2 ? digits(p + 1, 2) : -1;
      if (ss < 0 || ss > 59) goto fail;
      p += 3;
    }
    timed = 1;
  }
  if (*p != '\0') goto fail;
  *out = caldatetime_make(d, hh, mm);
  if (has_time) *has_time = timed;
  return ERR_OK;
fail:
  return err_set(ERR_INVALID, NULL, "Tanggal/waktu tidak valid: \"%.40s\"; gunakan YYYY-MM-DD atau YYYY-MM-DDTHH:MM.",
                 s ? s : "");
}

void caldate_format(caldate_t d, char *out, size_t cap) {
  int y, m, dd;
  caldate_to_ymd(d, &y, &m, &dd);
  snprintf(out, cap, "%04d-%02d-%02d", y, m, dd);
}

void caldatetime_format(caldatetime_t t, char *out, size_t cap) {
  int y, m, dd, mod = caldatetime_minute_of_day(t);
  caldate_to_ymd(caldatetime_date(t), &y, &m, &dd);
  snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d", y, m, dd, mod / 60, mod % 60);
}

void caldate_format_long(caldate_t d, char *out, size_t cap) {
  int y, m, dd;
  caldate_to_ymd(d, &y, &m, &dd);
  snprintf(out, cap, "%s, %d %s %d", caldate_weekday_name(caldate_weekday(d)), dd, caldate_month_name(m), y);
}

caldatetime_t caldatetime_make(caldate_t d, int hour, int minute) {
  return (caldatetime_t)d * CALDATE_MINUTES_PER_DAY + hour * 60 + minute;
}

caldate_t caldatetime_date(caldatetime_t t) {
  int64_t q = t / CALDATE_MINUTES_PER_DAY;
  if (t % CALDATE_MINUTES_PER_DAY < 0) q--;
  return (caldate_t)q;
}

int caldatetime_minute_of_day(caldatetime_t t) {
  return (int)(t - (caldatetime_t)caldatetime_date(t) * CALDATE_MINUTES_PER_DAY);
}

caldatetime_t caldatetime_from_unix(int64_t unix_seconds, int utc_offset_minutes) {
  int64_t mins = unix_seconds / 60;
  if (unix_seconds % 60 < 0) mins--;
  return mins + utc_offset_minutes;
}
