/*
 * screen.c — HTTP handlers of social-media screening and its review queue;
 * all logic is in domain/screening.c.
 *
 * POST /api/v1/screen screens on the request thread with that thread's
 * scratch (the engine is shared and immutable) before the write
 * transaction opens, so the database lock is held only for the queue rows.
 */
#include <stdlib.h>
#include <string.h>

#include "api/case_api.h"
#include "api/screen_api.h"
#include "domain/screening.h"
#include "core/banned.h"

err_t screen_module_open(app_t *app) {
  screen_opts_t o;
  memset(&o, 0, sizeof o);
  o.cache_dir = app->cfg.data_dir ? app->cfg.data_dir : "";
  screen_engine_t *e = NULL;
  err_t rc = screen_engine_open_opts(&o, &e);
  if (rc) return rc;
  app->ext[APP_EXT_SCREEN] = e;
  return ERR_OK;
}

void screen_module_close(app_t *app) {
  screen_engine_free(app->ext[APP_EXT_SCREEN]);
  app->ext[APP_EXT_SCREEN] = NULL;
}

const screen_engine_t *screen_engine_of(const app_t *app) { return app->ext[APP_EXT_SCREEN]; }

typedef struct {
  req_t *rq;
  screening_batch_t *batch;
  json_t *body, *out;
  int64_t id;
} call_t;

static err_t enqueue_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return screening_enqueue(db, case_ctx(c->rq->app), c->rq->user, c->batch);
}

err_t api_screen_post(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq};
  const screen_engine_t *e = screen_engine_of(rq->app);
  if (!e) return err_set(ERR_UNAVAILABLE, NULL, "Mesin penyaringan belum dimuat.");
  err_t rc = req_json(rq, &c.body);
  if (!rc) rc = screening_screen(e, c.body, &c.batch);
  if (!rc) rc = api_write(rq, enqueue_tx, &c);
  if (!rc) rc = (c.out = screening_answer(c.batch)) ? ERR_OK : ERR_NOMEM;
  screening_batch_free(c.batch);
  return rc ? rc : resp_json(rs, 200, c.out);
}

err_t api_screen_antrian(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e)
    e = screening_list(db, rq->user, req_query(rq, "status"), req_query_long(rq, "halaman", 1), req_query_long(rq, "per_halaman", 50),
                       &out);
  return e ? e : resp_json(rs, 200, out);
}

static err_t decide_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return screening_decide(db, case_ctx(c->rq->app), c->rq->user, c->id, c->body, &c->out);
}

err_t api_screen_keputusan(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq};
  char *end;
  long long id = strtoll(req_param(rq, 0), &end, 10);
  if (*end || id <= 0) return err_set(ERR_NOT_FOUND, NULL, "Butir antrian tidak ditemukan.");
  c.id = id;
  err_t e = req_json(rq, &c.body);
  if (!e) e = api_write(rq, decide_tx, &c);
  return e ? e : resp_json(rs, 200, c.out);
}

err_t api_screen_presisi(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = screening_presisi(db, rq->user, &out);
  return e ? e : resp_json(rs, 200, out);
}
