/* api_util.c — small helpers shared by handlers (see api.h). */
#include <string.h>

#include "api/api.h"
#include "core/banned.h"

err_t api_str(json_t *obj, const char *key, const char *field, const char **out) {
  json_t *v = obj ? json_object_get(obj, key) : NULL;
  *out = NULL;
  if (!v || json_is_null(v)) return ERR_OK;
  if (!json_is_string(v)) return err_set(ERR_INVALID, field, "Kolom %s harus berupa teks.", field);
  *out = json_string_value(v);
  return ERR_OK;
}

err_t api_req_str(json_t *obj, const char *key, const char *field, const char **out) {
  err_t e = api_str(obj, key, field, out);
  if (e) return e;
  if (!*out || strspn(*out, " \t\r\n") == strlen(*out))
    return err_set(ERR_INVALID, field, "Kolom %s wajib diisi.", field);
  return ERR_OK;
}

err_t api_write(req_t *rq, store_tx_fn fn, void *ud) {
  db_t *db;
  err_t e = req_db(rq, &db);
  return e ? e : store_write(db, fn, ud);
}
