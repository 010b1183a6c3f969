/*
 * clock.h — wall-clock time as Unix seconds and ISO 8601 UTC strings.
 * NETRAL_FAKE_NOW=YYYY-MM-DDTHH:MM:SSZ pins "now" for tests and demos of
 * deadlines; nothing else in Netral reads the system clock directly.
 */
#ifndef NETRAL_CLOCK_H
#define NETRAL_CLOCK_H
#include <stdint.h>
enum { CLOCK_ISO_LEN = 21 }; /* "2026-11-25T15:47:31Z" + NUL */
int64_t clock_now(void);
double clock_mono(void);  /* monotonic seconds, for measuring */
void clock_iso(int64_t t, char out[CLOCK_ISO_LEN]);
/* Parse "YYYY-MM-DDTHH:MM:SSZ" (also without seconds/Z). -1 on failure. */
int64_t clock_parse_iso(const char *s);
#endif
