/* api.h — handlers of every resource; the route table is in routes.c. */
#ifndef NETRAL_API_H
#define NETRAL_API_H
#include "http/http.h"

#define NETRAL_VERSION "0.1.0"

err_t api_health(req_t *rq, resp_t *rs);
err_t api_session_create(req_t *rq, resp_t *rs);
err_t api_session_get(req_t *rq, resp_t *rs);
err_t api_session_delete(req_t *rq, resp_t *rs);
err_t api_session_password(req_t *rq, resp_t *rs);
err_t api_wilayah_get(req_t *rq, resp_t *rs);
err_t api_audit_list(req_t *rq, resp_t *rs);
err_t wilayah_cache_open(app_t *app);
void wilayah_cache_close(app_t *app);

/* Shared helpers for handlers (api_util.c). */
/* String member of obj at key; NULL when absent. ERR_INVALID naming field when present but not a string. */
err_t api_str(json_t *obj, const char *key, const char *field, const char **out);
/* Same, but required and non-empty after trimming. */
err_t api_req_str(json_t *obj, const char *key, const char *field, const char **out);
/* Answer with an XLSX workbook that write() produces at a temporary path in
 * NETRAL_DATA_DIR; the file is sent from an open descriptor and unlinked at
 * once, so nothing lingers on disk. filename is the download name. */
typedef err_t (*api_file_writer_fn)(const char *path, void *ud);
err_t api_reply_xlsx(req_t *rq, resp_t *rs, const char *filename, api_file_writer_fn write, void *ud);
/* Run fn in one write transaction on the request's connection. */
err_t api_write(req_t *rq, store_tx_fn fn, void *ud);
#endif
