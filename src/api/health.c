/* health.c — GET /api/v1/health: liveness plus a real database round trip. */
#include "api/api.h"
#include "core/banned.h"

err_t api_health(req_t *rq, resp_t *rs) {
  db_t *db;
  int64_t one = 0;
  err_t e = req_db(rq, &db);
  if (!e) e = db_one_int(db, "SELECT 1", &one, "");
  if (e) return err_set(ERR_UNAVAILABLE, NULL, "Basis data tidak dapat dihubungi.");
  return resp_json(rs, 200,
                   json_pack("{s:s,s:s,s:s}", "status", "ok", "version", NETRAL_VERSION, "db",
                             store_backend(rq->app->store)));
}
