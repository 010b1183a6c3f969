/* account_test.c — seals on accounts and sessions: a row changed in the
 * database behind the application's back (someone with write access to the
 * database but not the key file) is refused, at login and on every request,
 * until the operator accepts it (account_reseal). One fresh database per
 * row of the table; each row is one change an intruder would make. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain/account.h"
#include "domain/auditlog.h"
#include "testutil.h"

static tu_env_t env;

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  if (tu_add_user(&env, "pemda.uji", "pemda", "35.76", "Rahasia-123!")) return -1;
  if (tu_add_user(&env, "bawaslu.uji", "bawaslu", "35.76", "Rahasia-456!")) return -1;
  return 0;
}
static int teardown(void **state) {
  tu_close(&env);
  return 0;
}

typedef struct {
  int status;
  char token[64], csrf[64], message[400];
} login_t;

static login_t login(const char *username, const char *password) {
  login_t l;
  char body[160];
  memset(&l, 0, sizeof l);
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"%s\"}", username, password);
  tu_result_t r = tu_call(&env.app, "POST", "/api/v1/session", body, NULL, NULL);
  l.status = r.status;
  if (r.status == 200) {
    assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", l.token), 1);
    snprintf(l.csrf, sizeof l.csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
  } else {
    const char *m = json_string_value(json_object_get(json_object_get(r.json, "error"), "message"));
    snprintf(l.message, sizeof l.message, "%s", m ? m : "");
  }
  tu_result_free(&r);
  return l;
}

/* Status of a staff-only read with token (200 while the session holds). */
static int session_status(const char *token) {
  tu_result_t r = tu_call(&env.app, "GET", "/api/v1/session", NULL, token, NULL);
  int s = r.status;
  tu_result_free(&r);
  return s;
}

static void sql(const char *s) {
  err_t e = tu_sql(&env, s);
  if (e) fail_msg("%s: %s", s, err_message(e));
}

/* A session of pemda.uji whose token the intruder chose: the BLAKE2b of the
 * token is public knowledge (account.h), the seal is copied from a real one. */
static const char PLANTED[] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
static void plant_session(void) {
  unsigned char h[32];
  char hex[65], q[600];
  crypto_generichash(h, sizeof h, (const unsigned char *)PLANTED, strlen(PLANTED), NULL, 0);
  sodium_bin2hex(hex, sizeof hex, h, sizeof h);
  snprintf(q, sizeof q,
           "INSERT INTO sessions(id_hash,user_id,csrf,created_at,expires_at,segel) SELECT '%s',user_id,csrf,"
           "created_at,expires_at,segel FROM sessions WHERE user_id=(SELECT id FROM users WHERE username='pemda.uji')",
           hex);
  sql(q);
}

typedef struct {
  const char *what, *tamper; /* SQL, or "HASH": the password hash set to known_hash */
  int session_after, login_after; /* status of the earlier session, and of a new login with password */
  const char *password;           /* for the new login (NULL: the real one) */
} row_t;

/* argon2id of "Tebakan-1234", a password the intruder knows */
static char known_hash[160];

static const row_t rows[] = {
    {"nothing changed (control)", NULL, 200, 200, NULL},
    {"role raised to bawaslu", "UPDATE users SET role='bawaslu' WHERE username='pemda.uji'", 401, 403, NULL},
    {"moved to another wilayah", "UPDATE users SET wilayah='35.71' WHERE username='pemda.uji'", 401, 403, NULL},
    {"one-time password flag changed", "UPDATE users SET must_change=1 WHERE username='pemda.uji'", 401, 403,
     NULL},
    {"password hash of the intruder's choosing", "HASH", 401, 403, "Tebakan-1234"},
    {"session moved to the bawaslu account",
     "UPDATE sessions SET user_id=(SELECT id FROM users WHERE username='bawaslu.uji')", 401, 200, NULL},
    {"session made to last a year", "UPDATE sessions SET expires_at=expires_at+31536000", 401, 200, NULL},
};

static void test_tampered_rows_refused(void **state) {
  const row_t *r = *state;
  assert_int_equal(account_hash_password("Tebakan-1234", known_hash), ERR_OK);
  login_t a = login("pemda.uji", "Rahasia-123!");
  assert_int_equal(a.status, 200);
  assert_int_equal(session_status(a.token), 200);
  if (r->tamper) {
    if (strcmp(r->tamper, "HASH") == 0) {
      char q[300];
      snprintf(q, sizeof q, "UPDATE users SET pass_hash='%s' WHERE username='pemda.uji'", known_hash);
      sql(q);
    } else {
      sql(r->tamper);
    }
  }
  if (session_status(a.token) != r->session_after)
    fail_msg("%s: earlier session %d, wanted %d", r->what, session_status(a.token), r->session_after);
  login_t b = login("pemda.uji", r->password ? r->password : "Rahasia-123!");
  if (b.status != r->login_after) fail_msg("%s: login %d, wanted %d (%s)", r->what, b.status, r->login_after, b.message);
  if (b.status == 403) assert_non_null(strstr(b.message, "segel tidak cocok"));
}

static void test_planted_session_refused(void **state) {
  login_t a = login("pemda.uji", "Rahasia-123!");
  assert_int_equal(a.status, 200);
  plant_session();
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM sessions"), 2);
  assert_int_equal(session_status(PLANTED), 401);
  assert_int_equal(session_status(a.token), 200); /* the real one still works */
}

static err_t legacy_tx(db_t *db, void *ud) { return account_seal_legacy(db, &env.app.keys, ud); }
static err_t reseal_tx(db_t *db, void *ud) { return account_reseal(db, &env.app.keys, "uji", "pemda.uji", ud); }
static err_t in_tx(store_tx_fn fn, int *n) {
  db_t *db;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  err_t e = store_write(db, fn, n);
  store_release(env.app.store, db);
  return e;
}

/* Rows from before seals are sealed at start, with their names in the
 * audit log; their sessions end; a second start finds nothing to seal. */
static void test_legacy_rows_sealed_once(void **state) {
  login_t a = login("pemda.uji", "Rahasia-123!");
  assert_int_equal(a.status, 200);
  sql("UPDATE users SET segel='belum'; UPDATE sessions SET segel='belum';");
  assert_int_equal(login("pemda.uji", "Rahasia-123!").status, 403);
  int n = 0;
  assert_int_equal(in_tx(legacy_tx, &n), ERR_OK);
  assert_int_equal(n, 2);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='akun.segel_awal' AND "
                                  "details LIKE '%pemda.uji%' AND details LIKE '%bawaslu.uji%'"),
                   1);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM sessions"), 0);
  assert_int_equal(session_status(a.token), 401);
  assert_int_equal(login("pemda.uji", "Rahasia-123!").status, 200);
  assert_int_equal(in_tx(legacy_tx, &n), ERR_OK);
  assert_int_equal(n, 0);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='akun.segel_awal'"), 1);
}

/* A broken seal blocks administration too, until the operator accepts the
 * row as it stands: then it works with what was written, audited. */
static void test_reseal_after_review(void **state) {
  sql("UPDATE users SET wilayah='35.71' WHERE username='pemda.uji'");
  assert_int_equal(login("pemda.uji", "Rahasia-123!").status, 403);
  int changed = -1;
  assert_int_equal(in_tx(reseal_tx, &changed), ERR_OK);
  assert_int_equal(changed, 1);
  login_t b = login("pemda.uji", "Rahasia-123!");
  assert_int_equal(b.status, 200);
  tu_result_t s = tu_call(&env.app, "GET", "/api/v1/session", NULL, b.token, NULL);
  assert_string_equal(json_string_value(json_object_get(json_object_get(s.json, "user"), "wilayah")), "35.71");
  tu_result_free(&s);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='akun.segel_ulang' AND object='pemda.uji'"
                                  " AND details LIKE '%35.71%'"),
                   1);
  assert_int_equal(in_tx(reseal_tx, &changed), ERR_OK);
  assert_int_equal(changed, 0); /* intact: nothing done, nothing audited */
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='akun.segel_ulang'"), 1);
}

static err_t disable_tx(db_t *db, void *ud) {
  (void)ud;
  return account_set_active(db, &env.app.keys, "uji", "pemda.uji", 0);
}

static void test_admin_change_refused_on_broken_seal(void **state) {
  sql("UPDATE users SET role='admin' WHERE username='pemda.uji'");
  int unused = 0;
  err_t e = in_tx(disable_tx, &unused);
  assert_int_equal(e, ERR_FORBIDDEN);
  assert_string_equal(err_field(e), "username");
  assert_int_equal(tu_count(&env, "SELECT active FROM users WHERE username='pemda.uji'"), 1); /* nothing written */
}

int main(void) {
  struct CMUnitTest tests[sizeof rows / sizeof *rows + 4];
  size_t n = 0;
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++)
    tests[n++] = (struct CMUnitTest){rows[i].what, test_tampered_rows_refused, setup, teardown, (void *)&rows[i]};
  tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_planted_session_refused, setup, teardown);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_legacy_rows_sealed_once, setup, teardown);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_reseal_after_review, setup, teardown);
  tests[n++] = (struct CMUnitTest)cmocka_unit_test_setup_teardown(test_admin_change_refused_on_broken_seal, setup,
                                                                  teardown);
  return _cmocka_run_group_tests("account", tests, n, NULL, NULL);
}
