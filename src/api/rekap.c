/* rekap.c — GET /api/v1/rekap and the exports (CSV, XLSX). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/case_api.h"
#include "domain/rekap.h"
#include "core/banned.h"

err_t api_rekap(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = rekap_json(db, rq->user, &out);
  return e ? e : resp_json(rs, 200, out);
}

static rekap_filter_t filter_of(req_t *rq) {
  rekap_filter_t f = {req_query(rq, "status"), req_query(rq, "kategori"), req_query(rq, "wilayah"), req_query(rq, "q"),
                      req_query(rq, "tenggat")};
  const char *late = req_query(rq, "terlambat");
  if ((!f.tenggat || !*f.tenggat) && late && late[0] == '1') f.tenggat = "terlambat";
  return f;
}

static err_t reply_csv(resp_t *rs, const char *name) {
  rs->status = 200;
  rs->ctype = "text/csv; charset=utf-8";
  snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", name);
  return ERR_OK;
}

err_t api_export_cases_csv(req_t *rq, resp_t *rs) {
  db_t *db;
  rekap_filter_t f = filter_of(rq);
  err_t e = req_db(rq, &db);
  if (!e) e = rekap_cases_csv(db, case_ctx(rq->app), rq->user, &f, &rs->body);
  return e ? e : reply_csv(rs, "netral-kasus.csv");
}

err_t api_export_rekap_csv(req_t *rq, resp_t *rs) {
  db_t *db;
  err_t e = req_db(rq, &db);
  if (!e) e = rekap_csv(db, rq->user, &rs->body);
  return e ? e : reply_csv(rs, "netral-rekap.csv");
}

typedef struct {
  req_t *rq;
  const char *kind;
} xlsx_job_t;

static err_t write_rekap_xlsx(const char *path, void *ud) {
  xlsx_job_t *j = ud;
  db_t *db;
  rekap_filter_t f = filter_of(j->rq);
  err_t e = req_db(j->rq, &db);
  return e ? e : rekap_xlsx(db, case_ctx(j->rq->app), j->rq->user, j->kind, &f, path);
}

static err_t export_xlsx(req_t *rq, resp_t *rs, const char *kind) {
  char name[64];
  xlsx_job_t j = {rq, kind};
  snprintf(name, sizeof name, "netral-%s.xlsx", kind);
  return api_reply_xlsx(rq, rs, name, write_rekap_xlsx, &j);
}

err_t api_export_cases_xlsx(req_t *rq, resp_t *rs) { return export_xlsx(rq, rs, "kasus"); }
err_t api_export_rekap_xlsx(req_t *rq, resp_t *rs) { return export_xlsx(rq, rs, "rekap"); }
