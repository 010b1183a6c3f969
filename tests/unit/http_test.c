/* http_test.c — handlers called in-process through http_dispatch (no socket):
 * health, login, CSRF, roles, must-change-password, wilayah, errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"

static tu_env_t env;

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  if (tu_add_user(&env, "bawaslu.uji", "bawaslu", "35.76", "Rahasia-123!")) return -1;
  return 0;
}
static int teardown(void **state) { tu_close(&env); return 0; }

typedef tu_result_t result_t;

static result_t call(const char *method, const char *path, const char *body, const char *token, const char *csrf) {
  return tu_call(&env.app, method, path, body, token, csrf);
}

/* One call whose answer only matters by its status. */
static void expect(const char *method, const char *path, const char *body, const char *token, const char *csrf,
                   int status) {
  result_t r = call(method, path, body, token, csrf);
  if (r.status != status) fail_msg("%s %s: %d, harap %d", method, path, r.status, status);
  json_decref(r.json);
}

static const char *err_code_of(result_t *r) {
  return json_string_value(json_object_get(json_object_get(r->json, "error"), "code"));
}

static void login(char token[64], char csrf[64]) {
  result_t r = call("POST", "/api/v1/session", "{\"username\":\"bawaslu.uji\",\"password\":\"Rahasia-123!\"}", NULL, NULL);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.cookie, "HttpOnly"));
  assert_non_null(strstr(r.cookie, "SameSite=Strict"));
  assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", token), 1);
  snprintf(csrf, 64, "%s", json_string_value(json_object_get(r.json, "csrf")));
  json_decref(r.json);
}

static void test_health(void **state) {
  result_t r = call("GET", "/api/v1/health", NULL, NULL, NULL);
  assert_int_equal(r.status, 200);
  assert_string_equal(json_string_value(json_object_get(r.json, "status")), "ok");
  assert_string_equal(json_string_value(json_object_get(r.json, "db")), store_backend(env.app.store));
  json_decref(r.json);
}

static void test_unknown_route_and_method(void **state) {
  result_t r = call("GET", "/api/v1/tidak-ada", NULL, NULL, NULL);
  assert_int_equal(r.status, 404);
  json_decref(r.json);
  r = call("PUT", "/api/v1/health", NULL, NULL, NULL);
  assert_int_equal(r.status, 405);
  json_decref(r.json);
}

static void test_wrong_password_401_and_field_errors(void **state) {
  result_t r = call("POST", "/api/v1/session", "{\"username\":\"bawaslu.uji\",\"password\":\"salah-sekali\"}", NULL, NULL);
  assert_int_equal(r.status, 401);
  assert_string_equal(err_code_of(&r), "bad_login");
  json_decref(r.json);
  r = call("POST", "/api/v1/session", "{\"username\":\"bawaslu.uji\"}", NULL, NULL);
  assert_int_equal(r.status, 422);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "password");
  json_decref(r.json);
  r = call("POST", "/api/v1/session", "{bukan json", NULL, NULL);
  assert_int_equal(r.status, 400);
  json_decref(r.json);
}

static void test_session_csrf_and_logout(void **state) {
  char token[64], csrf[64];
  login(token, csrf);
  result_t r = call("GET", "/api/v1/session", NULL, token, NULL);
  assert_int_equal(r.status, 200);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "user"), "wilayah")), "35.76");
  json_decref(r.json);
  r = call("DELETE", "/api/v1/session", NULL, token, NULL); /* no CSRF header */
  assert_int_equal(r.status, 403);
  assert_string_equal(err_code_of(&r), "csrf");
  json_decref(r.json);
  r = call("DELETE", "/api/v1/session", NULL, token, "salah");
  assert_int_equal(r.status, 403);
  json_decref(r.json);
  r = call("DELETE", "/api/v1/session", NULL, token, csrf);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  r = call("GET", "/api/v1/session", NULL, token, NULL); /* token is dead now */
  assert_int_equal(r.status, 401);
  json_decref(r.json);
}

/* Changing the password ends the account's other sessions (a stolen cookie
 * dies with the old password) and keeps the one that changed it; the old
 * password no longer logs in. */
static void test_password_change_ends_other_sessions(void **state) {
  char a[64], ca[64], b[64], cb[64];
  login(a, ca);
  login(b, cb);
  expect("POST", "/api/v1/session/sandi", "{\"password_lama\":\"Rahasia-123!\",\"password_baru\":\"Sandi-Baru-456!\"}", a,
         ca, 200);
  expect("GET", "/api/v1/session", NULL, b, NULL, 401);
  expect("GET", "/api/v1/session", NULL, a, NULL, 200);
  expect("POST", "/api/v1/session", "{\"username\":\"bawaslu.uji\",\"password\":\"Rahasia-123!\"}", NULL, NULL, 401);
  /* back to the password the other tests use; the login clears the failure */
  expect("POST", "/api/v1/session/sandi", "{\"password_lama\":\"Sandi-Baru-456!\",\"password_baru\":\"Rahasia-123!\"}", a,
         ca, 200);
  login(b, cb);
}

static void test_forged_session_token(void **state) {
  result_t r = call("GET", "/api/v1/session", NULL, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL);
  assert_int_equal(r.status, 401);
  json_decref(r.json);
}

static void test_throttle_after_repeated_failures(void **state) {
  result_t r;
  for (int i = 0; i < 5; i++) {
    r = call("POST", "/api/v1/session", "{\"username\":\"korban\",\"password\":\"tebak-tebak\"}", NULL, NULL);
    assert_int_equal(r.status, 401);
    json_decref(r.json);
  }
  r = call("POST", "/api/v1/session", "{\"username\":\"korban\",\"password\":\"tebak-tebak\"}", NULL, NULL);
  assert_int_equal(r.status, 429);
  assert_string_equal(err_code_of(&r), "rate_limited");
  json_decref(r.json);
}

/* Two server instances on one database share the per-account count: four
 * failures on one and one on the other reach the limit of 5 on both; the
 * window ends 15 minutes after the first failure; a success clears it. */
static void test_throttle_shared_between_instances(void **state) {
  app_t other;
  assert_int_equal(app_open(&other, &env.app.cfg), ERR_OK);
  app_t *apps[2] = {&env.app, &other};
  const char *bad = "{\"username\":\"bawaslu.uji\",\"password\":\"tebak-tebak\"}";
  const char *good = "{\"username\":\"bawaslu.uji\",\"password\":\"Rahasia-123!\"}";
  setenv("NETRAL_FAKE_NOW", "2026-12-01T01:00:00Z", 1);
  result_t r;
  for (int i = 0; i < 5; i++) {
    r = tu_call(apps[i == 4], "POST", "/api/v1/session", bad, NULL, NULL);
    assert_int_equal(r.status, 401);
    json_decref(r.json);
  }
  /* the failure that locked the account is in the audit log, once; unknown names are not */
  assert_int_equal(tu_count(&env, "SELECT count(*) FROM audit WHERE action='akun.terkunci' AND object='bawaslu.uji'"
                                  " AND actor='publik'"), 1);
  assert_int_equal(tu_count(&env, "SELECT count(*) FROM audit WHERE action='akun.terkunci' AND object='korban'"), 0);
  for (int a = 0; a < 2; a++) { /* blocked on both, even with the right password */
    r = tu_call(apps[a], "POST", "/api/v1/session", good, NULL, NULL);
    assert_int_equal(r.status, 429);
    assert_string_equal(err_code_of(&r), "rate_limited");
    json_decref(r.json);
  }
  setenv("NETRAL_FAKE_NOW", "2026-12-01T01:14:59Z", 1);
  r = tu_call(&other, "POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 429);
  json_decref(r.json);
  setenv("NETRAL_FAKE_NOW", "2026-12-01T01:15:00Z", 1);
  r = tu_call(&other, "POST", "/api/v1/session", bad, NULL, NULL); /* a new window: 1 failure */
  assert_int_equal(r.status, 401);
  json_decref(r.json);
  r = tu_call(&env.app, "POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  for (int i = 0; i < 4; i++) { /* the success cleared it: four more are allowed */
    r = tu_call(apps[i % 2], "POST", "/api/v1/session", bad, NULL, NULL);
    assert_int_equal(r.status, 401);
    json_decref(r.json);
  }
  r = tu_call(&other, "POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  unsetenv("NETRAL_FAKE_NOW");
  app_close(&other);
}

/* The per-address limit (default 20 per 15 minutes) is shared the same
 * way: twenty failures on twenty different accounts, spread over two
 * instances, block the address on both, even for a right password of an
 * account that never failed; the table holds a keyed hash, never the
 * address itself. */
static void test_address_throttle_shared_between_instances(void **state) {
  app_t other;
  assert_int_equal(app_open(&other, &env.app.cfg), ERR_OK);
  app_t *apps[2] = {&env.app, &other};
  const char *good = "{\"username\":\"bawaslu.uji\",\"password\":\"Rahasia-123!\"}";
  setenv("NETRAL_FAKE_NOW", "2027-01-01T00:00:00Z", 1); /* past every window the earlier tests opened */
  result_t r;
  for (int i = 0; i < 20; i++) {
    char bad[96];
    snprintf(bad, sizeof bad, "{\"username\":\"tamu%02d\",\"password\":\"tebak-tebak\"}", i);
    r = tu_call(apps[i % 2], "POST", "/api/v1/session", bad, NULL, NULL);
    assert_int_equal(r.status, 401);
    json_decref(r.json);
  }
  for (int a = 0; a < 2; a++) {
    r = tu_call(apps[a], "POST", "/api/v1/session", good, NULL, NULL);
    assert_int_equal(r.status, 429);
    assert_string_equal(err_code_of(&r), "rate_limited");
    json_decref(r.json);
  }
  assert_int_equal(tu_count(&env, "SELECT count(*) FROM gagal_masuk WHERE username LIKE '%127.0.0.9%'"), 0);
  assert_int_equal(tu_count(&env, "SELECT count(*) FROM gagal_masuk WHERE username LIKE 'ip:%' AND jumlah=20"), 1);
  setenv("NETRAL_FAKE_NOW", "2027-01-01T00:14:59Z", 1);
  r = tu_call(&other, "POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 429);
  json_decref(r.json);
  setenv("NETRAL_FAKE_NOW", "2027-01-01T00:15:00Z", 1);
  r = tu_call(&other, "POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  unsetenv("NETRAL_FAKE_NOW");
  app_close(&other);
}

/* Knowing a username must not let anyone lock its officer out: five wrong
 * passwords from one address lock the account for that address only (the
 * officer logs in from another), audited once with lingkup "alamat"; only
 * failures from many addresses (50, here ten addresses × 5) lock it
 * everywhere, audited once with lingkup "akun", until the window ends. */
static void test_lockout_per_address_then_account(void **state) {
  const char *bad = "{\"username\":\"bawaslu.uji\",\"password\":\"tebak-tebak\"}";
  const char *good = "{\"username\":\"bawaslu.uji\",\"password\":\"Rahasia-123!\"}";
#define LINGKUP(x)                                                                                              \
  "SELECT count(*) FROM audit WHERE action='akun.terkunci' AND object='bawaslu.uji' AND ts >= '2027-02-01'"      \
  " AND details LIKE '%\"lingkup\":\"" x "\"%'"
  setenv("NETRAL_FAKE_NOW", "2027-02-01T00:00:00Z", 1);
  result_t r;
  tu_client_ip = "10.0.0.66";
  for (int i = 0; i < 5; i++) {
    r = call("POST", "/api/v1/session", bad, NULL, NULL);
    assert_int_equal(r.status, 401);
    json_decref(r.json);
  }
  r = call("POST", "/api/v1/session", good, NULL, NULL); /* the guessing address is stopped, even when right */
  assert_int_equal(r.status, 429);
  json_decref(r.json);
  tu_client_ip = "10.0.0.7"; /* the officer's own address is not */
  r = call("POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  assert_int_equal(tu_count(&env, LINGKUP("alamat")), 1);
  assert_int_equal(tu_count(&env, LINGKUP("akun")), 0);

  /* ten addresses × five failures: the account is locked for everyone */
  char ip[32];
  for (int a = 0; a < 10; a++) {
    snprintf(ip, sizeof ip, "10.0.1.%d", a);
    tu_client_ip = ip;
    for (int i = 0; i < 5; i++) {
      r = call("POST", "/api/v1/session", bad, NULL, NULL);
      assert_int_equal(r.status, 401);
      json_decref(r.json);
    }
  }
  tu_client_ip = "10.0.0.8";
  r = call("POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 429);
  assert_string_equal(err_code_of(&r), "rate_limited");
  json_decref(r.json);
  assert_int_equal(tu_count(&env, LINGKUP("akun")), 1);
  setenv("NETRAL_FAKE_NOW", "2027-02-01T00:15:00Z", 1);
  r = call("POST", "/api/v1/session", good, NULL, NULL);
  assert_int_equal(r.status, 200);
  json_decref(r.json);
  tu_client_ip = "127.0.0.9";
  unsetenv("NETRAL_FAKE_NOW");
#undef LINGKUP
}

/* Reports sealed before identities were bound to their kode hold a plain
 * secretbox(nonce || MAC || ciphertext) under the server key: they still open. */
static void test_legacy_sealed_identity_still_opens(void **state) {
  result_t r = call("POST", "/api/v1/laporan",
                    "{\"rezim\":\"pemilu\",\"anonim\":false,\"pelapor\":{\"nama\":\"Siti Rahmawati\",\"nik\":"
                    "\"3576014101900002\",\"alamat\":\"Jl. Majapahit 10\",\"telepon\":\"081234567890\"},\"terlapor\":"
                    "{\"nama\":\"Budi\",\"kategori\":\"asn\"},\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\","
                    "\"tanggal_diketahui\":\"2026-11-21\",\"wilayah\":\"35.76.01\",\"lokasi\":\"Balai\",\"uraian\":"
                    "\"ASN berkampanye di media sosial untuk calon.\"}}",
                    NULL, NULL);
  assert_int_equal(r.status, 201);
  char kode[32];
  snprintf(kode, sizeof kode, "%s", json_string_value(json_object_get(r.json, "kode")));
  json_decref(r.json);
  const char *plain = "{\"nama\":\"Pelapor Lama\",\"telepon\":\"081200000000\"}";
  size_t pl = strlen(plain);
  unsigned char blob[256];
  randombytes_buf(blob, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(blob + crypto_secretbox_NONCEBYTES, (const unsigned char *)plain, pl, blob, env.app.keys.box);
  db_t *db;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(db_exec(db, "UPDATE kasus SET pelapor_sealed=? WHERE kode=?", "bt", blob,
                           crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + pl, kode),
                   ERR_OK);
  store_release(env.app.store, db);
  char token[64], csrf[64], path[96];
  login(token, csrf);
  snprintf(path, sizeof path, "/api/v1/kasus/%s/identitas", kode);
  r = call("POST", path, "{\"alasan\":\"Klarifikasi laporan lama sebelum segel terikat\"}", token, csrf);
  assert_int_equal(r.status, 200);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "pelapor"), "nama")), "Pelapor Lama");
  json_decref(r.json);
}

static void test_wilayah(void **state) {
  result_t r = call("GET", "/api/v1/wilayah/35.76", NULL, NULL, NULL);
  assert_int_equal(r.status, 200);
  assert_string_equal(json_string_value(json_object_get(r.json, "nama")), "Kota Mojokerto");
  assert_int_equal(json_array_size(json_object_get(r.json, "anak")), 3);
  json_decref(r.json);
  expect("GET", "/api/v1/wilayah/35.99", NULL, NULL, NULL, 404);
  expect("GET", "/api/v1/wilayah/..%2F..", NULL, NULL, NULL, 404);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_health),
      cmocka_unit_test(test_unknown_route_and_method),
      cmocka_unit_test(test_wrong_password_401_and_field_errors),
      cmocka_unit_test(test_session_csrf_and_logout),
      cmocka_unit_test(test_password_change_ends_other_sessions),
      cmocka_unit_test(test_legacy_sealed_identity_still_opens), /* before the throttle tests block the address */
      cmocka_unit_test(test_forged_session_token),
      cmocka_unit_test(test_throttle_after_repeated_failures),
      cmocka_unit_test(test_throttle_shared_between_instances),
      cmocka_unit_test(test_address_throttle_shared_between_instances),
      cmocka_unit_test(test_lockout_per_address_then_account),
      cmocka_unit_test(test_wilayah),
  };
  return cmocka_run_group_tests_name("http", tests, setup, teardown);
}
