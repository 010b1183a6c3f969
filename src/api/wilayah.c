/* wilayah.c — GET /api/v1/wilayah/{kode}: a region and its children (public). */
#include "api/api.h"
#include "domain/wilayah.h"
#include "core/banned.h"

err_t api_wilayah_get(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = wilayah_json(db, req_param(rq, 0), &out);
  if (e) return e;
  rs->cache = 1;
  return resp_json(rs, 200, out);
}
