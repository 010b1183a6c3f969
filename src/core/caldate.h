/*
 * caldate.h — civil calendar arithmetic without time zones.
 *
 * A date is a plain day number (days since 1970-01-01, proleptic Gregorian);
 * a date-time is minutes since 1970-01-01T00:00 in the same civil clock.
 * Nothing here calls mktime/localtime, so daylight saving, TZ settings and
 * 32-bit time_t cannot shift a legal deadline by a day. The only bridge to the
 * system clock is caldatetime_from_unix(), which takes the UTC offset
 * explicitly (WIB = +07:00 for the East Java deployment).
 *
 * Invariants: every caldate_t produced by caldate_parse() names a real day
 * (2024-02-30 is rejected); years are limited to CALDATE_MIN_YEAR..MAX_YEAR.
 */
#ifndef NETRAL_CALDATE_H
#define NETRAL_CALDATE_H
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

typedef int32_t caldate_t;     /* days since 1970-01-01 */
typedef int64_t caldatetime_t; /* minutes since 1970-01-01T00:00 */

enum {
  CALDATE_MIN_YEAR = 1900,
  CALDATE_MAX_YEAR = 9999,
  CALDATE_MINUTES_PER_DAY = 1440,
  CALDATE_WIB_OFFSET = 7 * 60, /* Waktu Indonesia Barat, minutes east of UTC */
  CALDATE_STR = 11,            /* "2024-02-14" + NUL */
  CALDATETIME_STR = 17,        /* "2024-02-14T10:30" + NUL */
  CALDATE_LONG_STR = 48        /* "Rabu, 14 Februari 2024 pukul 10:30" + NUL */
};

int caldate_is_leap(int year);
/* 28..31, or 0 for a month outside 1..12. */
int caldate_days_in_month(int year, int month);
/* 1 when y-m-d is a real day within the supported years. */
int caldate_valid(int year, int month, int day);
/* Day number of a valid y-m-d (callers check caldate_valid first). */
caldate_t caldate_from_ymd(int year, int month, int day);
void caldate_to_ymd(caldate_t d, int *year, int *month, int *day);
/* ISO weekday: 1 = Senin (Monday) ... 7 = Minggu (Sunday). */
int caldate_weekday(caldate_t d);
/* Indonesian names; borrowed static strings, "" when out of range. */
const char *caldate_weekday_name(int iso_weekday);
const char *caldate_month_name(int month);

/* Strict "YYYY-MM-DD". ERR_INVALID (no field recorded) on anything else. */
err_t caldate_parse(const char *s, caldate_t *out);
/* "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or with a space instead of T; optional
 * ":SS" is accepted and truncated to the minute. A bare date means 00:00.
 * *has_time (may be NULL) tells whether a time was given. */
err_t caldate_parse_datetime(const char *s, caldatetime_t *out, int *has_time);

/* Formatting writes at most cap bytes, always NUL-terminated. */
void caldate_format(caldate_t d, char *out, size_t cap);         /* 2024-02-14 */
void caldatetime_format(caldatetime_t t, char *out, size_t cap); /* 2024-02-14T10:30 */
void caldate_format_long(caldate_t d, char *out, size_t cap);    /* Rabu, 14 Februari 2024 */

caldatetime_t caldatetime_make(caldate_t d, int hour, int minute);
caldate_t caldatetime_date(caldatetime_t t);   /* floor, correct before 1970 too */
int caldatetime_minute_of_day(caldatetime_t t); /* 0..1439 */
/* Civil date-time at unix_seconds in a zone utc_offset_minutes east of UTC. */
caldatetime_t caldatetime_from_unix(int64_t unix_seconds, int utc_offset_minutes);
#endif
