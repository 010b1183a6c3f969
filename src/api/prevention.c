/* prevention.c — HTTP handlers of pencegahan; all logic is in domain/pakta.c and domain/kerawanan.c. */
#include "api/prevention_api.h"
#include "domain/kerawanan.h"
#include "domain/pakta.h"
#include "core/banned.h"

typedef err_t (*write_fn)(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);

typedef struct {
  req_t *rq;
  write_fn fn;
  json_t *body, *out;
} call_t;

static err_t write_tx(db_t *db, void *ud) {
  call_t *c = ud;
  json_decref(c->out); /* a retried transaction starts over */
  c->out = NULL;
  return c->fn(db, &c->rq->app->keys, c->rq->user, c->body, &c->out);
}

static err_t write_json(req_t *rq, resp_t *rs, write_fn fn, int status) {
  call_t c = {rq, fn, NULL, NULL};
  err_t e = req_json(rq, &c.body);
  if (!e && !json_is_object(c.body)) e = err_set(ERR_BAD_JSON, NULL, "Isi permintaan harus objek JSON.");
  if (!e) e = api_write(rq, write_tx, &c);
  if (e) {
    json_decref(c.out);
    return e;
  }
  return resp_json(rs, status, c.out);
}

err_t api_pakta_create(req_t *rq, resp_t *rs) { return write_json(rq, rs, pakta_create, 201); }
err_t api_kegiatan_create(req_t *rq, resp_t *rs) { return write_json(rq, rs, kegiatan_create, 201); }
err_t api_kerawanan_bobot(req_t *rq, resp_t *rs) { return write_json(rq, rs, kerawanan_bobot_set, 200); }
err_t api_kerawanan_petahana(req_t *rq, resp_t *rs) { return write_json(rq, rs, kerawanan_petahana_set, 200); }

err_t api_pakta_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = pakta_list(db, rq->user, req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kegiatan_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = kegiatan_list(db, rq->user, req_query(rq, "wilayah"), req_query(rq, "jenis"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_pakta_cakupan(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = pakta_cakupan(db, rq->user, req_query(rq, "tingkat"), req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kerawanan(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  const char *t = req_query(rq, "tingkat");
  err_t e = req_db(rq, &db);
  if (!e) e = kerawanan_index(db, rq->user, t && *t ? t : "kecamatan", req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}
