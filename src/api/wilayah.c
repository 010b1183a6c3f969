/*
 * wilayah.c — GET /api/v1/wilayah/{kode}: a region and its children (public).
 *
 * Region data only changes through migrations, so each answer is rendered
 * once and kept in a per-process cache (app->ext[APP_EXT_WILAYAH]); the
 * picker in the report form asks for the same few codes over and over.
 */
#include <pthread.h>
#include <string.h>

#include "api/api.h"
#include "core/mem.h"
#include "domain/wilayah.h"
#include "core/banned.h"

enum { WCACHE_SLOTS = 32768 }; /* > 2 × the ~10,000 codes shipped */

typedef struct {
  char kode[24];
  char *json; /* rendered answer; owned */
} wcache_slot_t;

typedef struct {
  pthread_rwlock_t lock;
  wcache_slot_t slots[WCACHE_SLOTS];
} wcache_t;

static uint32_t hash(const char *s) {
  uint32_t h = 2166136261u;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

err_t wilayah_cache_open(app_t *app) {
  wcache_t *c = xcalloc(1, sizeof *c);
  if (!c) return ERR_NOMEM;
  pthread_rwlock_init(&c->lock, NULL);
  app->ext[APP_EXT_WILAYAH] = c;
  return ERR_OK;
}

void wilayah_cache_close(app_t *app) {
  wcache_t *c = app->ext[APP_EXT_WILAYAH];
  if (!c) return;
  for (size_t i = 0; i < WCACHE_SLOTS; i++) xfree(c->slots[i].json);
  pthread_rwlock_destroy(&c->lock);
  xfree(c);
  app->ext[APP_EXT_WILAYAH] = NULL;
}

/* Linear probing; a full probe window simply means "not cached". */
static wcache_slot_t *find(wcache_t *c, const char *kode, int for_insert) {
  uint32_t h = hash(kode);
  for (uint32_t i = 0; i < 64; i++) {
    wcache_slot_t *s = &c->slots[(h + i) % WCACHE_SLOTS];
    if (s->json && strcmp(s->kode, kode) == 0) return s;
    if (!s->json) return for_insert ? s : NULL;
  }
  return NULL;
}

static int reply_cached(wcache_t *c, const char *kode, resp_t *rs) {
  int hit = 0;
  pthread_rwlock_rdlock(&c->lock);
  wcache_slot_t *s = find(c, kode, 0);
  if (s) hit = buf_puts(&rs->body, s->json) == 0;
  pthread_rwlock_unlock(&c->lock);
  return hit;
}

err_t api_wilayah_get(req_t *rq, resp_t *rs) {
  const char *kode = req_param(rq, 0);
  wcache_t *c = rq->app->ext[APP_EXT_WILAYAH];
  rs->cache = 1;
  rs->ctype = "application/json; charset=utf-8";
  if (c && strlen(kode) < sizeof c->slots[0].kode && reply_cached(c, kode, rs)) return ERR_OK;
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = wilayah_json(db, kode, &out);
  if (e) return e;
  if ((e = resp_json(rs, 200, out))) return e;
  rs->cache = 1;
  if (c && strlen(kode) < sizeof c->slots[0].kode) {
    pthread_rwlock_wrlock(&c->lock);
    wcache_slot_t *s = find(c, kode, 1);
    if (s && !s->json && (s->json = xstrdup(rs->body.data)) != NULL) snprintf(s->kode, sizeof s->kode, "%s", kode);
    pthread_rwlock_unlock(&c->lock);
  }
  return ERR_OK;
}
