/* registry.c — HTTP handlers for browsing the registry of officials; logic in domain/registry.c. */
#include "api/prevention_api.h"
#include "domain/registry.h"
#include "core/banned.h"

err_t api_instansi_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = registry_instansi(db, rq->user, req_query(rq, "pemda"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_opd_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = registry_opd(db, rq->user, req_query(rq, "instansi"), req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_pegawai_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  registry_cari_t c = {req_query(rq, "nip"),      req_query(rq, "q"),   req_query(rq, "wilayah"),
                       req_query(rq, "instansi"), req_query(rq, "opd"), req_query_long(rq, "limit", REGISTRY_LIMIT_DEFAULT),
                       req_query_long(rq, "halaman", 1)};
  err_t e = req_db(rq, &db);
  if (!e) e = registry_pegawai(db, rq->user, &c, &out);
  return e ? e : resp_json(rs, 200, out);
}
