/* testutil.h — shared fixtures for unit tests: a throw-away app in a temp dir. */
#ifndef NETRAL_TESTUTIL_H
#define NETRAL_TESTUTIL_H
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/app.h"
#include "store/migrations.h"

typedef struct {
  app_t app;
  char dir[64], db[PATH_MAX], key[PATH_MAX];
} tu_env_t;

/* Open a fresh app (empty SQLite database, new keys) in a temp directory. */
static inline int tu_open(tu_env_t *t) {
  config_t cfg;
  int argc = 0;
  char *argv[1] = {NULL};
  snprintf(t->dir, sizeof t->dir, "/tmp/netral-test-XXXXXX");
  if (!mkdtemp(t->dir)) return -1;
  snprintf(t->db, sizeof t->db, "sqlite:%s/netral.db", t->dir);
  const char *other = getenv("NETRAL_TEST_DB"); /* the same suite on another backend (tests/e2e/pg_test.sh) */
  if (other && *other) {
    store_t *s;
    db_t *d = NULL;
    if (store_open(other, &s) != ERR_OK) return -1;
    err_t e = store_acquire(s, &d);
    if (!e) e = db_exec_script(d, "DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    if (d) store_release(s, d);
    store_close(s);
    if (e) return -1;
    snprintf(t->db, sizeof t->db, "%s", other);
  }
  snprintf(t->key, sizeof t->key, "%s/netral.key", t->dir);
  config_load(&cfg, &argc, argv, NULL);
  cfg.db = t->db;
  cfg.key_file = t->key;
  cfg.data_dir = t->dir;
  cfg.demo = "0";
  return app_open(&t->app, &cfg) == ERR_OK ? 0 : -1;
}

static inline void tu_close(tu_env_t *t) {
  char cmd[PATH_MAX + 16];
  app_close(&t->app);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", t->dir);
  if (system(cmd) != 0) fprintf(stderr, "cleanup failed: %s\n", t->dir);
}

typedef struct {
  tu_env_t *t;
  const char *username, *role, *wilayah, *password;
} tu_user_t;

static inline err_t tu_user_tx(db_t *db, void *ud) {
  tu_user_t *u = ud;
  return account_add(db, &u->t->app.keys, "test", u->username, u->role, u->wilayah, u->password, 0);
}

static inline err_t tu_add_user(tu_env_t *t, const char *username, const char *role, const char *wilayah,
                                const char *password) {
  db_t *db;
  tu_user_t u = {t, username, role, wilayah, password};
  err_t e = store_acquire(t->app.store, &db);
  if (e) return e;
  e = store_write(db, tu_user_tx, &u);
  store_release(t->app.store, db);
  return e;
}
/* One in-process HTTP call through http_dispatch, as the server would make it:
 * the query string (if any) is split into rq.query; a file answer (evidence
 * from memory, XLSX from a file) is copied into raw, a JSON answer parsed into json. Free with tu_result_free. */
typedef struct {
  int status;
  json_t *json;
  buf_t raw;
  char cookie[256], ctype[64], disposition[256];
} tu_result_t;

/* The client address of every tu_call (a test that needs several sets it). */
static const char *tu_client_ip = "127.0.0.9";

/* The general form: a body of len bytes with its Content-Type (NULL: JSON). */
static inline tu_result_t tu_call_body(app_t *app, const char *method, const char *path, const char *ctype,
                                       const char *body, size_t len, const char *token, const char *csrf) {
  req_t rq;
  resp_t rs;
  tu_result_t r;
  char pbuf[256], *q;
  memset(&r, 0, sizeof r);
  buf_init(&r.raw);
  snprintf(pbuf, sizeof pbuf, "%s", path);
  req_init(&rq, app, method, pbuf);
  if ((q = strchr(pbuf, '?'))) {
    *q++ = '\0';
    for (char *kv = q; kv && *kv && rq.nquery < HTTP_MAX_QUERY;) {
      char *amp = strchr(kv, '&'), *eq;
      if (amp) *amp = '\0';
      if ((eq = strchr(kv, '='))) *eq = '\0';
      rq.query[rq.nquery].name = kv;
      rq.query[rq.nquery++].value = eq ? eq + 1 : "";
      kv = amp ? amp + 1 : NULL;
    }
  }
  rq.body = body;
  rq.body_len = len;
  if (ctype) rq.content_type = ctype;
  rq.cookie_token = token;
  rq.csrf_header = csrf;
  snprintf(rq.ip, sizeof rq.ip, "%s", tu_client_ip);
  resp_init(&rs);
  http_dispatch(api_routes, api_routes_count, &rq, &rs);
  r.status = rs.status;
  snprintf(r.ctype, sizeof r.ctype, "%s", rs.ctype ? rs.ctype : "");
  snprintf(r.disposition, sizeof r.disposition, "%s", rs.disposition);
  if (rs.file_fd >= 0) {
    char tmp[4096];
    ssize_t n;
    while ((n = read(rs.file_fd, tmp, sizeof tmp)) > 0) buf_append(&r.raw, tmp, (size_t)n);
    close(rs.file_fd);
  } else if (!rs.ctype || strncmp(rs.ctype, "application/json", 16) == 0) {
    r.json = rs.body.data ? json_loads(rs.body.data, 0, NULL) : NULL;
  } else { /* a file answered from memory (decrypted evidence, clean copy) */
    buf_append(&r.raw, rs.body.data ? rs.body.data : "", rs.body.len);
  }
  snprintf(r.cookie, sizeof r.cookie, "%s", rs.set_cookie);
  resp_free(&rs);
  req_free(&rq);
  return r;
}

static inline tu_result_t tu_call(app_t *app, const char *method, const char *path, const char *body,
                                  const char *token, const char *csrf) {
  return tu_call_body(app, method, path, NULL, body, body ? strlen(body) : 0, token, csrf);
}

/* The first column of the first row of sql as an integer; -1 on failure. */
static inline int64_t tu_count(tu_env_t *t, const char *sql) {
  db_t *db;
  int64_t n = -1;
  if (store_acquire(t->app.store, &db) == ERR_OK) {
    if (db_one_int(db, sql, &n, "") != ERR_OK) n = -1;
    store_release(t->app.store, db);
  }
  return n;
}

/* Run a SQL script on the test database, as someone with direct write access
 * would (no application checks); the error, when any, is returned. */
static inline err_t tu_sql(tu_env_t *t, const char *script) {
  db_t *db;
  err_t e = store_acquire(t->app.store, &db);
  if (e) return e;
  e = db_exec_script(db, script);
  store_release(t->app.store, db);
  return e;
}

static inline void tu_result_free(tu_result_t *r) {
  json_decref(r->json);
  r->json = NULL;
  buf_free(&r->raw);
}
#endif
