/*
 * fuzz_intake.c — the public intake body (POST /api/v1/laporan): the exact
 * request bytes go through req_json() (the server's JSON parsing: duplicates
 * refused, object required) and case_intake() (every field's validation,
 * wilayah lookups, sealing, receipt) against a temp database. Each input runs
 * in a write transaction that is always rolled back, so the database stays
 * small and inputs do not influence each other.
 *
 * Properties checked beyond "no crash, no sanitizer report":
 * - a refused body is a 4xx with a message (never a 5xx: bad input is the
 *   client's fault and must be told so);
 * - an accepted body answers a kode and a tanda_terima that verifies.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/case_api.h"
#include "domain/receipt.h"
#include "fuzz_app.h"
#include "core/banned.h"

typedef struct {
  app_t *app;
  json_t *body;
  const char *raw;
  size_t len;
  json_t *out;
  int created;
  err_t e;
} intake_t;

static err_t intake_tx(db_t *db, void *ud) {
  intake_t *in = ud;
  in->e = case_intake(db, case_ctx(in->app), in->body, in->raw, in->len, &in->out, &in->created);
  return in->e ? in->e : ERR_DONE; /* ERR_DONE: roll back what an accepted body wrote */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  app_t *app = fuzz_app_get();
  req_t rq;
  json_t *body;
  req_init(&rq, app, "POST", "/api/v1/laporan");
  rq.body = (const char *)data;
  rq.body_len = size;
  err_clear();
  err_t e = req_json(&rq, &body);
  if (e) {
    fuzz_check_4xx(e, "req_json");
    req_free(&rq);
    return 0;
  }
  db_t *db;
  if (req_db(&rq, &db)) abort();
  intake_t in = {app, body, (const char *)data, size, NULL, 0, ERR_OK};
  e = store_write(db, intake_tx, &in);
  if (in.e) {
    fuzz_check_4xx(in.e, "case_intake");
  } else {
    if (e != ERR_DONE) abort(); /* the rollback sentinel came back unchanged */
    const char *kode = json_string_value(json_object_get(in.out, "kode"));
    char *tt = json_dumps(json_object_get(in.out, "tanda_terima"), JSON_COMPACT);
    if (in.created && (!kode || !tt || receipt_verify(app->keys.sign_pk, tt, strlen(tt)) != ERR_OK)) abort();
    free(tt);
  }
  json_decref(in.out);
  req_free(&rq);
  return 0;
}
