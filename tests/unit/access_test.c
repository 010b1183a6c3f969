/* access_test.c — generated from the route table: every route × every role,
 * plus the public (no session), a forged session, an expired session, a
 * staff write without the CSRF token, and every list route for the staff of
 * another region. A route's answer must match its row: 401 without a session,
 * 403 for a role outside the mask, 403 csrf for a write without the token,
 * and never 401/403 for a role the row allows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/clock.h"
#include "testutil.h"

static tu_env_t env;
static const char *const ROLES[] = {"pkd", "panwascam", "bawaslu", "pemda", "bkn", "admin"};
static const char *const WIL[] = {"35.76.01", "35.76.01", "35.76", "35.76", "35", "35"};
enum { NROLES = 6 };
static char tokens[NROLES][64], csrfs[NROLES][64];

static int status_of(const char *method, const char *path, const char *token, const char *csrf, char code[32]) {
  tu_result_t r = tu_call(&env.app, method, path, "{}", token, csrf);
  const char *c = json_string_value(json_object_get(json_object_get(r.json, "error"), "code"));
  snprintf(code, 32, "%s", c ? c : "");
  tu_result_free(&r);
  return r.status;
}

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  for (int i = 0; i < NROLES; i++) {
    char u[32];
    snprintf(u, sizeof u, "uji.%s", ROLES[i]);
    if (tu_add_user(&env, u, ROLES[i], WIL[i], "Rahasia-123!")) return -1;
    char body[128];
    snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Rahasia-123!\"}", u);
    req_t rq;
    resp_t rs;
    req_init(&rq, &env.app, "POST", "/api/v1/session");
    rq.body = body;
    rq.body_len = strlen(body);
    resp_init(&rs);
    http_dispatch(api_routes, api_routes_count, &rq, &rs);
    if (rs.status != 200 || sscanf(rs.set_cookie, "netral_sid=%63[^;]", tokens[i]) != 1) return -1;
    json_t *j = json_loads(rs.body.data, 0, NULL);
    snprintf(csrfs[i], 64, "%s", json_string_value(json_object_get(j, "csrf")));
    json_decref(j);
    resp_free(&rs);
    req_free(&rq);
  }
  return 0;
}
static int teardown(void **state) { tu_close(&env); return 0; }

static void concrete_path(const char *pattern, char *out, size_t cap) {
  size_t o = 0;
  int n = 0;
  for (const char *p = pattern; *p && o + 24 < cap; p++) {
    if (p[0] == '{' && p[1] == '}') {
      const char *v = n++ == 0 ? "NTR-0000-0000-0000-0" : "1";
      o += (size_t)snprintf(out + o, cap - o, "%s", v);
      p++;
    } else {
      out[o++] = *p;
    }
  }
  out[o] = '\0';
}

static int is_write(const char *m) { return strcmp(m, "GET") != 0; }

static void test_route_matrix(void **state) {
  int checked = 0;
  for (size_t r = 0; r < api_routes_count; r++) {
    const route_t *rt = &api_routes[r];
    char path[256], code[32];
    concrete_path(rt->pattern, path, sizeof path);
    if (strcmp(rt->method, "DELETE") == 0 && strcmp(rt->pattern, "/api/v1/session") == 0) continue; /* kills the session */
    int st = status_of(rt->method, path, NULL, NULL, code);
    if (rt->flags & ROUTE_PUBLIC) {
      assert_true(st != 401 && st != 403);
    } else {
      if (st != 401) fail_msg("%s %s tanpa sesi: %d", rt->method, rt->pattern, st);
      st = status_of(rt->method, path, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL, code);
      assert_int_equal(st, 401);
    }
    for (int i = 0; i < NROLES; i++) {
      role_t role = role_parse(ROLES[i]);
      st = status_of(rt->method, path, tokens[i], csrfs[i], code);
      checked++;
      if (rt->flags & ROUTE_PUBLIC || (rt->roles & (unsigned)role)) {
        if (st == 401 || (st == 403 && strcmp(code, "csrf") == 0))
          fail_msg("%s %s peran %s diizinkan tetapi dijawab %d %s", rt->method, rt->pattern, ROLES[i], st, code);
        if (!(rt->flags & ROUTE_PUBLIC) && is_write(rt->method)) {
          st = status_of(rt->method, path, tokens[i], NULL, code);
          if (st != 403 || strcmp(code, "csrf") != 0)
            fail_msg("%s %s peran %s tanpa CSRF: %d %s", rt->method, rt->pattern, ROLES[i], st, code);
        }
      } else if (st != 403 || strcmp(code, "forbidden") != 0) {
        fail_msg("%s %s peran %s tidak diizinkan tetapi dijawab %d %s", rt->method, rt->pattern, ROLES[i], st, code);
      }
    }
  }
  assert_true(checked >= (int)api_routes_count * NROLES - NROLES);
}

/* Own vs foreign wilayah, generated from the table: every route that takes a
 * case code answers 404 to a Bawaslu officer of another kab/kota (so codes
 * cannot be probed), while the officer of the case's own region gets past
 * the scope check. */
static void test_case_routes_foreign_wilayah(void **state) {
  char kode[32] = "", code[32];
  const char *body =
      "{\"rezim\":\"pemilu\",\"anonim\":true,\"terlapor\":{\"nama\":\"Budi\",\"kategori\":\"asn\"},"
      "\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\","
      "\"wilayah\":\"35.76.01\",\"lokasi\":\"Balai\",\"uraian\":\"ASN berkampanye di media sosial untuk calon.\"}}";
  req_t rq;
  resp_t rs;
  req_init(&rq, &env.app, "POST", "/api/v1/laporan");
  rq.body = body;
  rq.body_len = strlen(body);
  resp_init(&rs);
  http_dispatch(api_routes, api_routes_count, &rq, &rs);
  assert_int_equal(rs.status, 201);
  json_t *j = json_loads(rs.body.data, 0, NULL);
  snprintf(kode, sizeof kode, "%s", json_string_value(json_object_get(j, "kode")));
  json_decref(j);
  resp_free(&rs);
  req_free(&rq);

  char tok[64], csrf[64];
  assert_int_equal(tu_add_user(&env, "uji.asing", "bawaslu", "35.71", "Rahasia-123!"), ERR_OK);
  req_init(&rq, &env.app, "POST", "/api/v1/session");
  rq.body = "{\"username\":\"uji.asing\",\"password\":\"Rahasia-123!\"}";
  rq.body_len = strlen(rq.body);
  resp_init(&rs);
  http_dispatch(api_routes, api_routes_count, &rq, &rs);
  assert_int_equal(sscanf(rs.set_cookie, "netral_sid=%63[^;]", tok), 1);
  j = json_loads(rs.body.data, 0, NULL);
  snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(j, "csrf")));
  json_decref(j);
  resp_free(&rs);
  req_free(&rq);

  int checked = 0;
  for (size_t r = 0; r < api_routes_count; r++) {
    const route_t *rt = &api_routes[r];
    if (strncmp(rt->pattern, "/api/v1/kasus/{}", 16) != 0) continue;
    char path[256];
    snprintf(path, sizeof path, "/api/v1/kasus/%s%s", kode, rt->pattern + 16);
    char *p2 = strstr(path, "{}");
    if (p2) { p2[0] = '1'; memmove(p2 + 1, p2 + 2, strlen(p2 + 2) + 1); }
    int st = status_of(rt->method, path, tok, csrf, code);
    if ((rt->roles & ROLE_BAWASLU) && st != 404)
      fail_msg("%s %s untuk petugas wilayah lain: %d %s", rt->method, rt->pattern, st, code);
    checked++;
  }
  assert_true(checked >= 4);
  char path[128];
  snprintf(path, sizeof path, "/api/v1/kasus/%s", kode);
  assert_int_equal(status_of("GET", path, tokens[2], NULL, code), 200); /* bawaslu 35.76 */
}

/* The same for the prevention records that carry a file (pakta document,
 * kegiatan attachment), generated from the table: every route under
 * /api/v1/pakta/{} or /api/v1/kegiatan/{} answers 404 to a Bawaslu officer
 * of another kab/kota, upload and download alike; the officer of the
 * record's own region gets past the scope check. */
static void test_prevention_file_routes_foreign_wilayah(void **state) {
  char code[32], tok[64], csrf[64];
  tu_result_t r = tu_call(&env.app, "POST", "/api/v1/pakta",
                          "{\"tanggal\":\"2024-09-20\",\"tempat\":\"Balai Kota\",\"wilayah\":\"35.76.01\","
                          "\"penandatangan\":[{\"nama\":\"Lurah\"}]}",
                          tokens[2], csrfs[2]);
  assert_int_equal(r.status, 201);
  long long pakta = (long long)json_integer_value(json_object_get(r.json, "id"));
  tu_result_free(&r);
  r = tu_call(&env.app, "POST", "/api/v1/kegiatan",
              "{\"jenis\":\"sosialisasi\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.76.01\",\"judul\":\"Sosialisasi\"}",
              tokens[2], csrfs[2]);
  assert_int_equal(r.status, 201);
  long long kegiatan = (long long)json_integer_value(json_object_get(r.json, "id"));
  tu_result_free(&r);

  assert_int_equal(tu_add_user(&env, "uji.asing.cegah", "bawaslu", "35.71", "Rahasia-123!"), ERR_OK);
  r = tu_call(&env.app, "POST", "/api/v1/session", "{\"username\":\"uji.asing.cegah\",\"password\":\"Rahasia-123!\"}",
              NULL, NULL);
  assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", tok), 1);
  snprintf(csrf, sizeof csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
  tu_result_free(&r);

  static const struct {
    const char *prefix;
  } kinds[] = {{"/api/v1/pakta/{}/"}, {"/api/v1/kegiatan/{}/"}};
  int checked = 0;
  for (size_t r2 = 0; r2 < api_routes_count; r2++) {
    const route_t *rt = &api_routes[r2];
    for (size_t k = 0; k < 2; k++) {
      size_t n = strlen(kinds[k].prefix);
      if (strncmp(rt->pattern, kinds[k].prefix, n) != 0) continue;
      char path[256];
      snprintf(path, sizeof path, "%.*s%lld/%s", (int)(n - 3), rt->pattern, k == 0 ? pakta : kegiatan, rt->pattern + n);
      int st = status_of(rt->method, path, tok, csrf, code);
      if (st != 404) fail_msg("%s %s untuk petugas wilayah lain: %d %s", rt->method, path, st, code);
      /* own officer: an upload without a file is refused for its input, a
       * download finds the record and says there is no file yet */
      tu_result_t o = tu_call(&env.app, rt->method, path, "{}", tokens[2], csrfs[2]);
      const char *field = json_string_value(json_object_get(json_object_get(o.json, "error"), "field"));
      if (o.status == 404 && !(field && *field))
        fail_msg("%s %s untuk petugas wilayahnya sendiri: 404 tanpa medan", rt->method, path);
      tu_result_free(&o);
      checked++;
    }
  }
  assert_int_equal(checked, 4);
}

/* An expired session, generated from the table: nine hours after every
 * role's login (NETRAL_SESSION_HOURS is 8), every route that needs a
 * session answers 401 to every role. */
static void test_expired_session_every_route(void **state) {
  char later[CLOCK_ISO_LEN], path[256], code[32];
  clock_iso(clock_now() + 9 * 3600, later);
  setenv("NETRAL_FAKE_NOW", later, 1);
  int checked = 0;
  for (size_t r = 0; r < api_routes_count; r++) {
    const route_t *rt = &api_routes[r];
    if (rt->flags & ROUTE_PUBLIC) continue;
    concrete_path(rt->pattern, path, sizeof path);
    for (int i = 0; i < NROLES; i++, checked++) {
      int st = status_of(rt->method, path, tokens[i], csrfs[i], code);
      if (st != 401) fail_msg("%s %s peran %s, sesi kedaluwarsa: %d %s", rt->method, rt->pattern, ROLES[i], st, code);
    }
  }
  unsetenv("NETRAL_FAKE_NOW");
  assert_true(checked > 100);
}

/* Lists, counts and exports of another region, generated from the table:
 * every GET route without a path parameter, called with ?q= the terlapor's
 * name, by each role posted in Kota Kediri (35.71), never shows a Kota
 * Mojokerto case's kode or terlapor; the own region's bawaslu does see it
 * (so the check can fail). XLSX answers are compressed and skipped. */
static void test_lists_never_show_another_region(void **state) {
  static const char *const roles[] = {"pkd", "panwascam", "bawaslu", "pemda"};
  static const char *const wil[] = {"35.71.01", "35.71.01", "35.71", "35.71"};
  const char *nama = "Terlapor Rahasia Mojokerto";
  char body[640], kode[32], q[96];
  snprintf(body, sizeof body,
           "{\"rezim\":\"pemilu\",\"anonim\":true,\"terlapor\":{\"nama\":\"%s\",\"kategori\":\"asn\","
           "\"nip\":\"197805122005011003\"},\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":"
           "\"2026-11-21\",\"wilayah\":\"35.76.01\",\"lokasi\":\"Balai\",\"uraian\":\"ASN berkampanye di media sosial.\"}}",
           nama);
  tu_result_t r = tu_call(&env.app, "POST", "/api/v1/laporan", body, NULL, NULL);
  assert_int_equal(r.status, 201);
  snprintf(kode, sizeof kode, "%s", json_string_value(json_object_get(r.json, "kode")));
  tu_result_free(&r);
  snprintf(q, sizeof q, "?q=Rahasia&wilayah=35.76"); /* tu_call does not percent-decode */
  char tok[4][64], csrf[4][64];
  for (int i = 0; i < 4; i++) {
    char u[32], login[128];
    snprintf(u, sizeof u, "kediri.%s", roles[i]);
    assert_int_equal(tu_add_user(&env, u, roles[i], wil[i], "Rahasia-123!"), ERR_OK);
    snprintf(login, sizeof login, "{\"username\":\"%s\",\"password\":\"Rahasia-123!\"}", u);
    r = tu_call(&env.app, "POST", "/api/v1/session", login, NULL, NULL);
    assert_int_equal(r.status, 200);
    assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", tok[i]), 1);
    snprintf(csrf[i], 64, "%s", json_string_value(json_object_get(r.json, "csrf")));
    tu_result_free(&r);
  }
  int routes = 0;
  for (size_t k = 0; k < api_routes_count; k++) {
    const route_t *rt = &api_routes[k];
    if (strcmp(rt->method, "GET") != 0 || strstr(rt->pattern, "{}") || (rt->flags & ROUTE_PUBLIC)) continue;
    char path[300];
    snprintf(path, sizeof path, "%s%s", rt->pattern, q);
    routes++;
    for (int i = 0; i < 4; i++) {
      r = tu_call(&env.app, "GET", path, NULL, tok[i], csrf[i]);
      char *text = r.json ? json_dumps(r.json, 0) : NULL;
      const char *seen = text ? text : r.raw.data ? r.raw.data : "";
      int xlsx = strstr(r.ctype, "spreadsheet") != NULL;
      if (!xlsx && (strstr(seen, kode) || strstr(seen, nama)))
        fail_msg("%s peran %s Kota Kediri melihat kasus Kota Mojokerto (%d)", rt->pattern, roles[i], r.status);
      free(text);
      tu_result_free(&r);
    }
  }
  assert_true(routes >= 15);
  char path[300];
  snprintf(path, sizeof path, "/api/v1/kasus%s", q);
  r = tu_call(&env.app, "GET", path, NULL, tokens[2], csrfs[2]); /* bawaslu of Kota Mojokerto */
  char *text = json_dumps(r.json, 0);
  assert_non_null(strstr(text, kode));
  free(text);
  tu_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {cmocka_unit_test(test_route_matrix),
                                     cmocka_unit_test(test_case_routes_foreign_wilayah),
                                     cmocka_unit_test(test_prevention_file_routes_foreign_wilayah),
                                     cmocka_unit_test(test_expired_session_every_route),
                                     cmocka_unit_test(test_lists_never_show_another_region)};
  return cmocka_run_group_tests_name("access", tests, setup, teardown);
}
