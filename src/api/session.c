/*
 * session.c — login, current session, logout, password change.
 *
 * Login failures are throttled per account and address, per account and per
 * address (limits in the configuration table, see account.h); an exceeded limit answers 429 with Retry-After
 * before the password is even checked, so guessing cannot continue. Both
 * counts live in the database (account_fail_*), so several server
 * instances behind one proxy enforce one limit.
 */
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "core/clock.h"
#include "core/banned.h"

static json_t *user_json(const account_t *a) {
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:b}", "username", a->username, "role", role_code(a->role), "role_label",
                   role_label(a->role), "wilayah", a->wilayah, "wilayah_nama", a->wilayah_nama,
                   "must_change_password", a->must_change);
}

typedef struct {
  req_t *rq;
  const char *username, *password;
  account_fail_keys_t fk;
  char token[ACCOUNT_TOKEN_LEN + 1];
  account_t acc;
} login_t;

static err_t login_tx(db_t *db, void *ud) {
  login_t *l = ud;
  err_t e = account_login(db, &l->rq->app->keys, l->username, l->password, clock_now(), l->rq->app->session_ttl,
                          l->token, &l->acc);
  return e ? e : account_fail_clear(db, &l->fk);
}

static err_t fail_tx(db_t *db, void *ud) {
  login_t *l = ud;
  const app_t *app = l->rq->app;
  return account_fail_record(db, &app->keys, &l->fk, &app->login, clock_now());
}

err_t api_session_create(req_t *rq, resp_t *rs) {
  json_t *body;
  login_t l = {.rq = rq};
  err_t e = req_json(rq, &body);
  if (!e) e = api_req_str(body, "username", "username", &l.username);
  if (!e) e = api_req_str(body, "password", "password", &l.password);
  if (e) return e;
  app_t *app = rq->app;
  int64_t now = clock_now();
  account_fail_keys(&app->keys, l.username, rq->ip, &l.fk);
  db_t *db;
  int64_t wait;
  if ((e = req_db(rq, &db)) || (e = account_fail_wait(db, &l.fk, &app->login, now, &wait))) return e;
  if (wait > 0) {
    rs->retry_after = (long)wait;
    return err_set(ERR_RATE_LIMITED, NULL, "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %ld menit.",
                   (long)((wait + 59) / 60));
  }
  e = api_write(rq, login_tx, &l);
  if (e == ERR_BAD_LOGIN) {
    if ((e = api_write(rq, fail_tx, &l))) return e;
    return ERR_BAD_LOGIN;
  }
  if (e) return e;
  snprintf(rs->set_cookie, sizeof rs->set_cookie, "netral_sid=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld%s",
           l.token, (long long)app->session_ttl, strcmp(app->cfg.cookie_secure, "1") == 0 ? "; Secure" : "");
  sodium_memzero(l.token, sizeof l.token);
  return resp_json(rs, 200, json_pack("{s:s,s:o}", "csrf", l.acc.csrf, "user", user_json(&l.acc)));
}

err_t api_session_get(req_t *rq, resp_t *rs) {
  return resp_json(rs, 200, json_pack("{s:s,s:o}", "csrf", rq->user->csrf, "user", user_json(rq->user)));
}

typedef struct {
  req_t *rq;
  const char *old_pw, *new_pw;
} logout_t;

static err_t logout_tx(db_t *db, void *ud) {
  logout_t *l = ud;
  return account_logout(db, &l->rq->app->keys, l->rq->cookie_token, l->rq->user);
}

err_t api_session_delete(req_t *rq, resp_t *rs) {
  logout_t l = {rq, NULL, NULL};
  err_t e = api_write(rq, logout_tx, &l);
  if (e) return e;
  snprintf(rs->set_cookie, sizeof rs->set_cookie, "netral_sid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
           strcmp(rq->app->cfg.cookie_secure, "1") == 0 ? "; Secure" : "");
  return resp_json(rs, 200, json_pack("{s:s}", "pesan", "Anda telah keluar."));
}

static err_t password_tx(db_t *db, void *ud) {
  logout_t *l = ud;
  return account_change_password(db, &l->rq->app->keys, l->rq->user, l->rq->cookie_token, l->old_pw, l->new_pw);
}

err_t api_session_password(req_t *rq, resp_t *rs) {
  json_t *body;
  logout_t l = {rq, NULL, NULL};
  err_t e = req_json(rq, &body);
  if (!e) e = api_req_str(body, "password_lama", "password_lama", &l.old_pw);
  if (!e) e = api_req_str(body, "password_baru", "password_baru", &l.new_pw);
  if (!e) e = api_write(rq, password_tx, &l);
  if (e) return e;
  return resp_json(rs, 200, json_pack("{s:s}", "pesan", "Kata sandi telah diganti."));
}
