/* throttle.c — fixed table of keyed event rings (see throttle.h). When the
 * table is full the oldest-touched slot is reused, so memory stays bounded. */
#include "domain/throttle.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

enum { THR_SLOTS = 4096, THR_RING = 64, THR_KEY = 96 };

typedef struct {
  char key[THR_KEY];
  int64_t events[THR_RING]; /* ring of event times */
  int head, n;
  int64_t touched;
} thr_slot_t;

struct throttle {
  pthread_mutex_t mu;
  long limit;
  int64_t window;
  thr_slot_t slots[THR_SLOTS];
};

throttle_t *throttle_new(long limit, int64_t window_seconds) {
  throttle_t *t = xcalloc(1, sizeof *t);
  if (!t) return NULL;
  pthread_mutex_init(&t->mu, NULL);
  t->limit = limit > THR_RING ? THR_RING : limit;
  t->window = window_seconds;
  return t;
}

void throttle_free(throttle_t *t) {
  if (!t) return;
  pthread_mutex_destroy(&t->mu);
  xfree(t);
}

static uint32_t fnv(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* Find key's slot, or claim one (probing 8 slots, reusing the stalest). */
static thr_slot_t *slot_for(throttle_t *t, const char *key, int create, int64_t now) {
  uint32_t h = fnv(key);
  thr_slot_t *stale = NULL;
  for (int i = 0; i < 8; i++) {
    thr_slot_t *s = &t->slots[(h + (uint32_t)i) % THR_SLOTS];
    if (s->key[0] && strcmp(s->key, key) == 0) return s;
    if (!stale || s->touched < stale->touched) stale = s;
  }
  if (!create) return NULL;
  memset(stale, 0, sizeof *stale);
  snprintf(stale->key, sizeof stale->key, "%s", key);
  stale->touched = now;
  return stale;
}

/* Number of events within the window; drops expired ones. */
static int live(throttle_t *t, thr_slot_t *s, int64_t now, int64_t *oldest) {
  int count = 0;
  *oldest = 0;
  for (int i = 0; i < s->n; i++) {
    int64_t ev = s->events[(s->head + THR_RING - 1 - i) % THR_RING];
    if (ev > now - t->window) {
      count++;
      *oldest = ev;
    }
  }
  s->n = count;
  return count;
}

int64_t throttle_check(throttle_t *t, const char *key, int64_t now) {
  if (!t || t->limit <= 0) return 0;
  int64_t wait = 0, oldest;
  pthread_mutex_lock(&t->mu);
  thr_slot_t *s = slot_for(t, key, 0, now);
  if (s && live(t, s, now, &oldest) >= t->limit) {
    wait = oldest + t->window - now;
    if (wait < 1) wait = 1;
  }
  pthread_mutex_unlock(&t->mu);
  return wait;
}

void throttle_hit(throttle_t *t, const char *key, int64_t now) {
  if (!t || t->limit <= 0) return;
  pthread_mutex_lock(&t->mu);
  thr_slot_t *s = slot_for(t, key, 1, now);
  s->events[s->head] = now;
  s->head = (s->head + 1) % THR_RING;
  if (s->n < THR_RING) s->n++;
  s->touched = now;
  pthread_mutex_unlock(&t->mu);
}
