/* audit.c — GET /api/v1/audit: the audit log for admin (all) and bawaslu (its officers). */
#include "api/api.h"
#include "domain/auditlog.h"
#include "core/banned.h"

err_t api_audit_list(req_t *rq, resp_t *rs) {
  auditlog_query_t q = {req_query(rq, "aksi"), req_query(rq, "pelaku"), req_query(rq, "objek"), req_query(rq, "sejak"),
                        req_query(rq, "batas")};
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = auditlog_list(db, rq->user, &q, &out);
  return e ? e : resp_json(rs, 200, out);
}
