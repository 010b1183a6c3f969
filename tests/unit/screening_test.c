/* screening_test.c — social-media screening through http_dispatch (no socket):
 * batch screening with offsets, the threshold queue scoped by wilayah, limits,
 * relevan → temuan with the capture PDF as evidence, tidak_relevan, double
 * decisions, precision in real use; and the shared engine screened from several
 * threads at once (each thread on its own scratch) giving the same answers. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "testutil.h"
#include "api/screen_api.h"
#include "domain/screening.h"
#include "domain/receipt.h"

static tu_env_t env;

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  if (tu_add_user(&env, "bawaslu.mjk", "bawaslu", "35.76", "Rahasia-123!")) return -1;
  if (tu_add_user(&env, "bawaslu.kdr", "bawaslu", "35.71", "Rahasia-123!")) return -1;
  if (tu_add_user(&env, "pkd.mjk", "pkd", "35.76.01", "Rahasia-123!")) return -1;
  return 0;
}
static int teardown(void **state) { tu_close(&env); return 0; }

typedef struct {
  char token[64], csrf[64];
} sess_t;

typedef tu_result_t result_t;

static result_t call(const char *method, const char *path, const char *body, const sess_t *s) {
  return tu_call(&env.app, method, path, body, s ? s->token : NULL, s ? s->csrf : NULL);
}

static void done(result_t *r) { tu_result_free(r); }

static sess_t login(const char *user) {
  sess_t s;
  char body[128];
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Rahasia-123!\"}", user);
  req_t rq;
  resp_t rs;
  req_init(&rq, &env.app, "POST", "/api/v1/session");
  rq.body = body;
  rq.body_len = strlen(body);
  resp_init(&rs);
  http_dispatch(api_routes, api_routes_count, &rq, &rs);
  assert_int_equal(rs.status, 200);
  assert_int_equal(sscanf(rs.set_cookie, "netral_sid=%63[^;]", s.token), 1);
  json_t *j = json_loads(rs.body.data, 0, NULL);
  snprintf(s.csrf, sizeof s.csrf, "%s", json_string_value(json_object_get(j, "csrf")));
  json_decref(j);
  resp_free(&rs);
  req_free(&rq);
  return s;
}

static const char *jpath(json_t *j, const char *path) {
  static char out[256];
  char key[64];
  const char *p = path;
  while (j && *p) {
    size_t k = strcspn(p, ".");
    snprintf(key, sizeof key, "%.*s", (int)k, p);
    j = json_is_array(j) ? json_array_get(j, strtoul(key, NULL, 10)) : json_object_get(j, key);
    p += k + (p[k] == '.');
  }
  if (json_is_string(j)) return json_string_value(j);
  if (json_is_integer(j)) {
    snprintf(out, sizeof out, "%lld", (long long)json_integer_value(j));
    return out;
  }
  return NULL;
}

static const char BATCH[] =
    "{\"posts\":["
    "{\"id\":\"a1\",\"platform\":\"facebook\",\"akun\":\"budi\",\"nama\":\"Budi Santoso\",\"nip\":\"197805122005011003\","
    "\"waktu\":\"2024-11-20T08:00:00+07:00\",\"url\":\"https://fb.example/a1\","
    "\"teks\":\"Sugeng \xC3\xA9njing, ayo c0bl0s nomer 2 Mas Agus!\"},"
    "{\"id\":\"a2\",\"teks\":\"Bawaslu mengimbau ASN jangan ikut kampanye dan tetap netral.\"},"
    "{\"id\":\"a3\",\"platform\":\"x\",\"teks\":\"Serangan fajar nanti malam, amplop dari tim Mas Agus, coblos nomor 2\"}"
    "]}";

static int64_t id_a1, id_a3;

static void test_screen_batch_and_queue(void **state) {
  sess_t s = login("bawaslu.mjk");
  result_t r = call("POST", "/api/v1/screen", BATCH, &s);
  assert_int_equal(r.status, 200);
  assert_string_equal(jpath(r.json, "jumlah"), "3");
  assert_string_equal(jpath(r.json, "diantrekan"), "2");
  assert_string_equal(jpath(r.json, "hasil.0.id"), "a1");
  assert_true(atoi(jpath(r.json, "hasil.0.skor")) >= SCREENING_THRESHOLD);
  assert_true(atoi(jpath(r.json, "hasil.1.skor")) < SCREENING_THRESHOLD);
  assert_null(jpath(r.json, "hasil.1.antrian_id"));
  /* offsets: a hit spans "c0bl0s nomer 2" in the original bytes (é is 2 bytes) */
  const char *teks = "Sugeng \xC3\xA9njing, ayo c0bl0s nomer 2 Mas Agus!";
  int seen = 0;
  json_t *hits = json_object_get(json_array_get(json_object_get(r.json, "hasil"), 0), "hits");
  for (size_t i = 0; i < json_array_size(hits); i++) {
    json_t *h = json_array_get(hits, i);
    size_t a = (size_t)json_integer_value(json_object_get(h, "mulai")), b = (size_t)json_integer_value(json_object_get(h, "akhir"));
    assert_true(a < b && b <= strlen(teks));
    if (b - a == 14 && memcmp(teks + a, "c0bl0s nomer 2", 14) == 0) seen = 1;
  }
  assert_true(seen);
  id_a1 = atoll(jpath(r.json, "hasil.0.antrian_id"));
  id_a3 = atoll(jpath(r.json, "hasil.2.antrian_id"));
  assert_true(id_a1 > 0 && id_a3 > 0 && id_a1 != id_a3);
  done(&r);

  r = call("GET", "/api/v1/screen/antrian?status=menunggu", NULL, &s);
  assert_int_equal(r.status, 200);
  assert_string_equal(jpath(r.json, "total"), "2");
  json_t *items = json_object_get(r.json, "items");
  for (size_t i = 0; i < json_array_size(items); i++) {
    json_t *it = json_array_get(items, i);
    const char *cap = json_string_value(json_object_get(it, "tangkapan"));
    char sha[RECEIPT_SHA256_HEX];
    receipt_sha256_hex((const unsigned char *)cap, strlen(cap), sha);
    assert_string_equal(sha, json_string_value(json_object_get(it, "sha256")));
    assert_string_equal(json_string_value(json_object_get(it, "wilayah")), "35.76");
    assert_string_equal(json_string_value(json_object_get(it, "status")), "menunggu");
  }
  done(&r);
}

static void test_limits_and_roles(void **state) {
  sess_t s = login("bawaslu.mjk");
  buf_t big;
  buf_init(&big);
  buf_puts(&big, "{\"posts\":[");
  for (int i = 0; i <= SCREENING_MAX_POSTS; i++) {
    char one[64];
    snprintf(one, sizeof one, "%s{\"id\":%d,\"teks\":\"halo\"}", i ? "," : "", i);
    buf_puts(&big, one);
  }
  buf_puts(&big, "]}");
  result_t r = call("POST", "/api/v1/screen", big.data, &s);
  assert_int_equal(r.status, 413);
  assert_string_equal(jpath(r.json, "error.field"), "posts");
  done(&r);
  buf_free(&big);
  r = call("POST", "/api/v1/screen", "{\"posts\":[{\"id\":1,\"teks\":42}]}", &s);
  assert_int_equal(r.status, 422);
  assert_string_equal(jpath(r.json, "error.field"), "posts.0.teks");
  done(&r);
  r = call("POST", "/api/v1/screen", "{\"posts\":[{\"teks\":\"a\",\"url\":7}]}", &s);
  assert_int_equal(r.status, 422);
  assert_string_equal(jpath(r.json, "error.field"), "posts.0.url");
  done(&r);
  sess_t p = login("pkd.mjk");
  r = call("POST", "/api/v1/screen", BATCH, &p);
  assert_int_equal(r.status, 403);
  done(&r);
}

static void test_other_region_cannot_see(void **state) {
  sess_t k = login("bawaslu.kdr");
  result_t r = call("GET", "/api/v1/screen/antrian", NULL, &k);
  assert_int_equal(r.status, 200);
  assert_string_equal(jpath(r.json, "total"), "0");
  done(&r);
  char path[96];
  snprintf(path, sizeof path, "/api/v1/screen/antrian/%lld/keputusan", (long long)id_a1);
  r = call("POST", path, "{\"keputusan\":\"tidak_relevan\"}", &k);
  assert_int_equal(r.status, 404);
  done(&r);
}

static void test_decisions_case_evidence_presisi(void **state) {
  sess_t s = login("bawaslu.mjk");
  char path[96];
  snprintf(path, sizeof path, "/api/v1/screen/antrian/%lld/keputusan", (long long)id_a1);
  result_t r = call("POST", path, "{\"keputusan\":\"relevan\",\"jenis\":\"temuan\",\"rezim\":\"pilkada\","
                                  "\"peristiwa\":{\"wilayah\":\"35.76.01\"}}", &s);
  assert_int_equal(r.status, 200);
  char kode[32];
  snprintf(kode, sizeof kode, "%s", jpath(r.json, "kasus.kode"));
  assert_string_equal(jpath(r.json, "kasus.jenis"), "temuan");
  assert_string_equal(jpath(r.json, "kasus.bukti.jenis"), "PDF");
  done(&r);
  r = call("POST", path, "{\"keputusan\":\"relevan\"}", &s);
  assert_int_equal(r.status, 409);
  done(&r);

  char kpath[96];
  snprintf(kpath, sizeof kpath, "/api/v1/kasus/%s", kode);
  r = call("GET", kpath, NULL, &s);
  assert_int_equal(r.status, 200);
  assert_string_equal(jpath(r.json, "terlapor.nama"), "Budi Santoso");
  assert_string_equal(jpath(r.json, "peristiwa.tanggal_kejadian"), "2024-11-20");
  assert_non_null(strstr(jpath(r.json, "peristiwa.uraian"), "https://fb.example/a1"));
  char burl[160];
  snprintf(burl, sizeof burl, "%s", jpath(r.json, "bukti.0.url"));
  done(&r);
  r = call("GET", burl, NULL, &s);
  assert_int_equal(r.status, 200);
  assert_true(r.raw.len > 200);
  assert_memory_equal(r.raw.data, "%PDF-", 5);
  buf_append(&r.raw, "", 1);
  assert_non_null(memmem(r.raw.data, r.raw.len, "c0bl0s nomer 2", 14));         /* text page */
  assert_non_null(memmem(r.raw.data, r.raw.len, "\"id\":\"a1\"", 9));            /* embedded JSON */
  assert_non_null(memmem(r.raw.data, r.raw.len, "Sugeng \xC3\xA9njing", 13));     /* exact UTF-8 bytes */
  done(&r);

  snprintf(path, sizeof path, "/api/v1/screen/antrian/%lld/keputusan", (long long)id_a3);
  r = call("POST", path, "{\"keputusan\":\"tidak_relevan\",\"catatan\":\"akun parodi\"}", &s);
  assert_int_equal(r.status, 200);
  done(&r);
  r = call("GET", "/api/v1/screen/presisi", NULL, &s);
  assert_int_equal(r.status, 200);
  assert_string_equal(jpath(r.json, "keseluruhan.relevan"), "1");
  assert_string_equal(jpath(r.json, "keseluruhan.tidak_relevan"), "1");
  assert_true(json_real_value(json_object_get(json_object_get(r.json, "keseluruhan"), "presisi")) == 0.5);
  done(&r);
  r = call("GET", "/api/v1/screen/antrian?status=relevan", NULL, &s);
  assert_string_equal(jpath(r.json, "items.0.kasus_kode"), kode);
  assert_string_equal(jpath(r.json, "items.0.diputus_oleh"), "bawaslu.mjk");
  done(&r);
}

/* Several threads screen the same batch on the shared engine at once. */
typedef struct {
  json_t *body;
  char *answer;
} job_t;

static void *worker(void *p) {
  job_t *j = p;
  screening_batch_t *b = NULL;
  for (int round = 0; round < 20; round++) {
    if (screening_screen(screen_engine_of(&env.app), j->body, &b) != ERR_OK) return NULL;
    json_t *a = screening_answer(b);
    free(j->answer);
    j->answer = json_dumps(a, JSON_COMPACT);
    json_decref(a);
    screening_batch_free(b);
  }
  return NULL;
}

static void test_threads_share_engine(void **state) {
  json_t *body = json_loads(BATCH, 0, NULL);
  job_t jobs[4];
  pthread_t th[4];
  job_t ref = {body, NULL};
  worker(&ref);
  assert_non_null(ref.answer);
  for (int i = 0; i < 4; i++) {
    jobs[i] = (job_t){body, NULL};
    assert_int_equal(pthread_create(&th[i], NULL, worker, &jobs[i]), 0);
  }
  for (int i = 0; i < 4; i++) {
    pthread_join(th[i], NULL);
    assert_non_null(jobs[i].answer);
    assert_string_equal(jobs[i].answer, ref.answer);
    free(jobs[i].answer);
  }
  free(ref.answer);
  json_decref(body);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_screen_batch_and_queue),
      cmocka_unit_test(test_limits_and_roles),
      cmocka_unit_test(test_other_region_cannot_see),
      cmocka_unit_test(test_decisions_case_evidence_presisi),
      cmocka_unit_test(test_threads_share_engine),
  };
  return cmocka_run_group_tests_name("screening", tests, setup, teardown);
}
