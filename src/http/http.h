/*
 * http.h — request/response model, route table and the app context.
 *
 * The libmicrohttpd glue (server.c) turns a connection into a req_t and
 * calls http_dispatch(); unit tests build a req_t by hand and call the same
 * function, so handlers are tested in-process without sockets.
 *
 * Order in http_dispatch: match route (404/405) → resolve session → role
 * (401/403) → CSRF on state-changing requests (403) → handler. A handler
 * returns err_t; on error the dispatcher renders
 *   {"error":{"code":"…","message":"…","field":"…"}}
 * with the status from err.h. Handlers never write SQL: they call domain/.
 */
#ifndef NETRAL_HTTP_H
#define NETRAL_HTTP_H
#include "core/limits.h"
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "core/config.h"
#include "core/mem.h"
#include "domain/account.h"
#include "domain/keys.h"
#include "domain/throttle.h"
#include "store/store.h"

typedef struct app {
  config_t cfg;
  store_t *store;
  keys_t keys;
  throttle_t *intake, *upload; /* public reports and public evidence files per address, per process (docs/deploy.md) */
  account_limits_t login; /* failed logins per account and address, account, address (database-wide) */
  size_t max_body, max_upload;
  int64_t session_ttl;
  void *ext[8]; /* feature modules hang their loaded state here (see app_ext_*) */
} app_t;

enum { APP_EXT_DEADLINE, APP_EXT_SCREEN, APP_EXT_CATALOG, APP_EXT_WILAYAH };

typedef struct {
  const char *name, *value;
} http_kv_t;

enum { HTTP_MAX_PARAMS = LIMIT_HTTP_PARAMS, HTTP_MAX_QUERY = LIMIT_HTTP_QUERY };

typedef struct req {
  app_t *app;
  const char *method, *path;
  const char *params[HTTP_MAX_PARAMS];
  int nparams;
  http_kv_t query[HTTP_MAX_QUERY];
  int nquery;
  const char *cookie_token; /* netral_sid */
  const char *csrf_header;  /* X-CSRF-Token */
  const char *content_type;
  const char *body;
  size_t body_len;
  char ip[64];
  arena_t arena;
  account_t *user; /* NULL for the public */
  account_t user_buf;
  db_t *db;        /* acquired on first req_db() */
  json_t *json;    /* parsed body, on first req_json() */
} req_t;

typedef struct resp {
  int status;
  const char *ctype;
  buf_t body;
  char set_cookie[256];
  char disposition[256];
  long retry_after;
  int file_fd;     /* >= 0: send this file (body ignored); closed by the server */
  uint64_t file_size;
  int cache;       /* 1: static asset may be cached */
  int frame_self;  /* 1: may be framed by our own pages (evidence viewer) */
} resp_t;

typedef err_t (*http_handler_fn)(req_t *rq, resp_t *rs);

enum {
  ROUTE_PUBLIC = 1 << 0,  /* no login needed */
  ROUTE_UPLOAD = 1 << 1,  /* body limit = max upload, not max JSON body */
  ROUTE_FIRST_LOGIN = 1 << 2, /* usable before a one-time password is changed */
};

typedef struct {
  const char *method;
  const char *pattern; /* "/api/v1/kasus/{}" — {} captures one path segment */
  http_handler_fn fn;
  unsigned roles;      /* role mask allowed; ignored for ROUTE_PUBLIC */
  unsigned flags;
} route_t;

/* The application's route table (src/api/routes.c). */
extern const route_t api_routes[];
extern const size_t api_routes_count;

void req_init(req_t *rq, app_t *app, const char *method, const char *path);
void req_free(req_t *rq);
void resp_init(resp_t *rs);
void resp_free(resp_t *rs);

/* Find the route for method+path; fills rq->params. ERR_NOT_FOUND / ERR_METHOD. */
err_t http_route(const route_t *routes, size_t n, req_t *rq, const route_t **out);
/* Full dispatch (see top comment). Always leaves a response in rs. */
void http_dispatch(const route_t *routes, size_t n, req_t *rq, resp_t *rs);
/* Body limit for a path (used before the body arrives). */
size_t http_body_limit(const app_t *app, const route_t *routes, size_t n, const char *method, const char *path);

/* Helpers for handlers. */
err_t req_db(req_t *rq, db_t **out);
err_t req_json(req_t *rq, json_t **out); /* borrowed; ERR_BAD_JSON with Indonesian message */
const char *req_query(const req_t *rq, const char *name); /* NULL if absent */
long req_query_long(const req_t *rq, const char *name, long def); /* def when absent or not a number */
const char *req_param(const req_t *rq, int i);
err_t resp_json(resp_t *rs, int status, json_t *body); /* steals body */
void resp_error(resp_t *rs, err_t e);
/* Audit actor of the request: username or "publik". */
const char *req_actor(const req_t *rq);

/* Static files (web/ and the shipped GeoJSON) for non-API GETs. */
void http_static(const app_t *app, const char *path, resp_t *rs);
#endif
