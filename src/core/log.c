/* log.c — see log.h. Lines are written with one fprintf so threads don't interleave. */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>

#include "core/clock.h"
#include "core/banned.h"

static log_level_t min_level = LOG_INFO;
void log_set_level(log_level_t l) { min_level = l; }

void log_msg(log_level_t l, const char *fmt, ...) {
  static const char *names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  if (l < min_level) return;
  char msg[1024], ts[CLOCK_ISO_LEN];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  clock_iso(clock_now(), ts);
  fprintf(stderr, "%s %s %s\n", ts, names[l], msg);
}
