/* clock.c — see clock.h. Conversions are done with integer civil-date maths (no TZ). */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = (unsigned)(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3u : 9u)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (int64_t)doe - 719468;
}

int64_t clock_parse_iso(const char *s) {
  int y, mo, d, h = 0, mi = 0, se = 0;
  if (!s) return -1;
  int n = 0;
  if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10) return -1;
  if (s[10] == 'T' || s[10] == ' ') {
    int m2 = 0;
    if (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &m2) != 2) return -1;
    if (s[11 + m2] == ':') sscanf(s + 12 + m2, "%2d", &se);
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return -1;
  return days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + h * 3600 + mi * 60 + se;
}

int64_t clock_now(void) {
  const char *fake = getenv("NETRAL_FAKE_NOW");
  if (fake && *fake) {
    int64_t t = clock_parse_iso(fake);
    if (t >= 0) return t;
  }
  return (int64_t)time(NULL);
}

double clock_mono(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void clock_iso(int64_t t, char out[CLOCK_ISO_LEN]) {
  time_t tt = (time_t)t;
  struct tm tm;
  gmtime_r(&tt, &tm);
  strftime(out, CLOCK_ISO_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
