/* router.c — route matching, auth/role/CSRF checks, error rendering (see http.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/clock.h"
#include "core/enc.h"
#include "core/log.h"
#include "http/http.h"
#include "core/banned.h"

void req_init(req_t *rq, app_t *app, const char *method, const char *path) {
  memset(rq, 0, sizeof *rq);
  rq->app = app;
  rq->method = method;
  rq->path = path;
  arena_init(&rq->arena);
}

void req_free(req_t *rq) {
  if (rq->db) store_release(rq->app->store, rq->db);
  rq->db = NULL;
  json_decref(rq->json);
  rq->json = NULL;
  arena_free(&rq->arena);
}

void resp_init(resp_t *rs) {
  memset(rs, 0, sizeof *rs);
  buf_init(&rs->body);
  rs->file_fd = -1;
  rs->status = 200;
  rs->ctype = "application/json; charset=utf-8";
}

void resp_free(resp_t *rs) { buf_free(&rs->body); }

/* Match pattern against path; "{}" captures one segment into rq->params. */
static int match(const char *pat, const char *path, req_t *rq) {
  int np = 0;
  while (*pat && *path) {
    if (pat[0] == '{' && pat[1] == '}') {
      const char *end = strchr(path, '/');
      size_t n = end ? (size_t)(end - path) : strlen(path);
      if (n == 0 || np >= HTTP_MAX_PARAMS) return 0;
      if (rq) rq->params[np] = arena_strndup(&rq->arena, path, n);
      np++;
      path += n;
      pat += 2;
      continue;
    }
    if (*pat != *path) return 0;
    pat++;
    path++;
  }
  if (*pat || *path) return 0;
  if (rq) rq->nparams = np;
  return 1;
}

err_t http_route(const route_t *routes, size_t n, req_t *rq, const route_t **out) {
  int path_seen = 0;
  for (size_t i = 0; i < n; i++) {
    if (!match(routes[i].pattern, rq->path, NULL)) continue;
    path_seen = 1;
    if (strcmp(routes[i].method, rq->method) == 0) {
      match(routes[i].pattern, rq->path, rq);
      *out = &routes[i];
      return ERR_OK;
    }
  }
  return path_seen ? ERR_METHOD : err_set(ERR_NOT_FOUND, NULL, "Alamat API tidak dikenal.");
}

size_t http_body_limit(const app_t *app, const route_t *routes, size_t n, const char *method, const char *path) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(routes[i].method, method) == 0 && match(routes[i].pattern, path, NULL))
      return (routes[i].flags & ROUTE_UPLOAD) ? app->max_upload : app->max_body;
  return app->max_body;
}

err_t req_db(req_t *rq, db_t **out) {
  if (!rq->db) {
    err_t e = store_acquire(rq->app->store, &rq->db);
    if (e) return e;
  }
  *out = rq->db;
  return ERR_OK;
}

err_t req_json(req_t *rq, json_t **out) {
  if (!rq->json) {
    json_error_t je;
    /* A JSON body must say so. This also stops plain HTML forms of other sites
     * (which can only send form or text types) from driving public endpoints. */
    if (rq->content_type && strncasecmp(rq->content_type, "application/json", 16) != 0)
      return err_set(ERR_UNSUPPORTED_TYPE, NULL, "Isi permintaan harus application/json.");
    if (!rq->body || rq->body_len == 0)
      return err_set(ERR_BAD_JSON, NULL, "Isi permintaan kosong; kirim objek JSON.");
    rq->json = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!rq->json)
      return err_set(ERR_BAD_JSON, NULL, "JSON tidak sah pada baris %d kolom %d: %s", je.line, je.column, je.text);
    if (!json_is_object(rq->json)) {
      json_decref(rq->json);
      rq->json = NULL;
      return err_set(ERR_BAD_JSON, NULL, "Isi permintaan harus berupa objek JSON.");
    }
  }
  *out = rq->json;
  return ERR_OK;
}

const char *req_query(const req_t *rq, const char *name) {
  for (int i = 0; i < rq->nquery; i++)
    if (strcmp(rq->query[i].name, name) == 0) return rq->query[i].value;
  return NULL;
}

long req_query_long(const req_t *rq, const char *name, long def) {
  const char *v = req_query(rq, name);
  if (!v || !*v) return def;
  char *end;
  long n = strtol(v, &end, 10);
  return *end ? def : n;
}

const char *req_param(const req_t *rq, int i) { return i < rq->nparams ? rq->params[i] : ""; }

const char *req_actor(const req_t *rq) { return rq->user ? rq->user->username : "publik"; }

err_t resp_json(resp_t *rs, int status, json_t *body) {
  if (!body) return ERR_NOMEM;
  char *s = json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII);
  json_decref(body);
  if (!s) return ERR_NOMEM;
  buf_reset(&rs->body);
  int bad = buf_puts(&rs->body, s);
  free(s);
  if (bad) return ERR_NOMEM;
  rs->status = status;
  rs->ctype = "application/json; charset=utf-8";
  return ERR_OK;
}

void resp_error(resp_t *rs, err_t e) {
  const char *field = err_field(e);
  json_t *body = json_pack("{s:{s:s,s:s,s:s*}}", "error", "code", err_code_str(e), "message", err_message(e), "field",
                           field[0] ? field : NULL);
  rs->file_fd = -1;
  if (resp_json(rs, err_http_status(e), body) != ERR_OK) {
    buf_reset(&rs->body);
    buf_puts(&rs->body, "{\"error\":{\"code\":\"no_memory\",\"message\":\"Memori server tidak cukup.\"}}");
    rs->status = 500;
  }
  if (e >= ERR_INTERNAL) log_error("%s %s", err_code_str(e), err_message(e));
}

static int is_write(const char *m) { return strcmp(m, "GET") != 0 && strcmp(m, "HEAD") != 0; }

static err_t authenticate(req_t *rq, const route_t *r) {
  db_t *db;
  if (rq->cookie_token && *rq->cookie_token) {
    err_t e = req_db(rq, &db);
    if (e) return e;
    e = account_session(db, &rq->app->keys, rq->cookie_token, clock_now(), &rq->user_buf);
    if (e == ERR_OK) rq->user = &rq->user_buf;
    else if (e != ERR_UNAUTHORIZED) return e;
  }
  if (r->flags & ROUTE_PUBLIC) {
    /* a session still on its one-time password acts as nobody: on a public
     * route it is the public (no staff upload under the account's name) */
    if (rq->user && rq->user->must_change) rq->user = NULL;
    return ERR_OK;
  }
  if (!rq->user) return ERR_UNAUTHORIZED;
  if (!(r->roles & (unsigned)rq->user->role)) return ERR_FORBIDDEN;
  if (rq->user->must_change && !(r->flags & ROUTE_FIRST_LOGIN))
    return err_set(ERR_FORBIDDEN, "password_baru", "Ganti kata sandi sekali pakai Anda terlebih dahulu.");
  /* Every state-changing request of a logged-in user carries the session's CSRF token. */
  if (is_write(rq->method) && (!rq->csrf_header || !enc_eq(rq->csrf_header, rq->user->csrf))) return ERR_CSRF;
  return ERR_OK;
}

void http_dispatch(const route_t *routes, size_t n, req_t *rq, resp_t *rs) {
  const route_t *r = NULL;
  err_clear();
  err_t e = http_route(routes, n, rq, &r);
  if (!e) e = authenticate(rq, r);
  if (!e) e = r->fn(rq, rs);
  if (e) resp_error(rs, e);
}
