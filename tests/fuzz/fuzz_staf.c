/*
 * fuzz_staf.c — the staff bodies: a temuan (POST /api/v1/temuan) and a stage
 * transition (POST /api/v1/kasus/{kode}/transisi), both through req_json()
 * like the server. The first byte chooses which; the rest is the body. A
 * transition runs on a case made once per process (a temuan of the fuzz
 * officer's region, moved to kajian so most transitions are reachable).
 * Each input's write transaction is always rolled back.
 *
 * Properties beyond "no crash, no sanitizer report": a refused body is a 4xx
 * with a message, never a 5xx; an accepted temuan answers a kode; an
 * accepted transition answers the new status and its timeline.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "api/case_api.h"
#include "fuzz_app.h"
#include "core/banned.h"

static const account_t officer = {.id = 1, .username = "fuzz.bawaslu", .role = ROLE_BAWASLU, .wilayah = "35.76"};
static char kode[32];

typedef struct {
  app_t *app;
  json_t *body, *out;
  int transition;
  err_t e;
} staf_t;

static err_t staf_tx(db_t *db, void *ud) {
  staf_t *s = ud;
  s->e = s->transition ? case_transition(db, case_ctx(s->app), &officer, kode, s->body)
                       : case_temuan(db, case_ctx(s->app), &officer, s->body, &s->out);
  return s->e ? s->e : ERR_DONE; /* ERR_DONE: roll back what an accepted body wrote */
}

static err_t commit_tx(db_t *db, void *ud) {
  staf_t *s = ud;
  return s->transition ? case_transition(db, case_ctx(s->app), &officer, kode, s->body)
                       : case_temuan(db, case_ctx(s->app), &officer, s->body, &s->out);
}

/* The case transitions are tried on: temuan → diregistrasi → klarifikasi → kajian. */
static void make_case(app_t *app, db_t *db) {
  static const char *const steps[] = {"diregistrasi", "klarifikasi", "kajian"};
  staf_t s = {app, json_pack("{s:s,s:{s:s,s:s},s:{s:s,s:s,s:s,s:s,s:s}}", "rezim", "pemilu", "terlapor", "nama",
                             "Camat Uji", "kategori", "asn", "peristiwa", "tanggal_kejadian", "2026-11-20",
                             "tanggal_diketahui", "2026-11-21", "wilayah", "35.76.01", "lokasi", "Kantor", "uraian",
                             "Camat membagikan stiker calon kepada pegawai kecamatan."),
              NULL, 0, ERR_OK};
  if (store_write(db, commit_tx, &s) != ERR_OK) abort();
  snprintf(kode, sizeof kode, "%s", json_string_value(json_object_get(s.out, "kode")));
  json_decref(s.body);
  json_decref(s.out);
  for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    staf_t t = {app, json_pack("{s:s}", "ke", steps[i]), NULL, 1, ERR_OK};
    if (store_write(db, commit_tx, &t) != ERR_OK) abort();
    json_decref(t.body);
    json_decref(t.out);
  }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  app_t *app = fuzz_app_get();
  req_t rq;
  db_t *db;
  json_t *body;
  req_init(&rq, app, "POST", "/api/v1/temuan");
  if (req_db(&rq, &db)) abort();
  if (!kode[0]) make_case(app, db);
  rq.body = (const char *)data + 1;
  rq.body_len = size - 1;
  err_clear();
  err_t e = req_json(&rq, &body);
  if (e) {
    fuzz_check_4xx(e, "req_json");
    req_free(&rq);
    return 0;
  }
  staf_t s = {app, body, NULL, data[0] & 1, ERR_OK};
  e = store_write(db, staf_tx, &s);
  if (s.e) {
    fuzz_check_4xx(s.e, s.transition ? "case_transition" : "case_temuan");
  } else {
    if (e != ERR_DONE) abort();
    if (!s.transition && !json_string_value(json_object_get(s.out, "kode"))) abort();
  }
  json_decref(s.out);
  req_free(&rq);
  return 0;
}
