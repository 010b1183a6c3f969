/* registry_test.c — in-process HTTP tests of what issue 7 left open:
 * browsing the registry of officials (instansi, OPD, pegawai) by role and
 * wilayah, uploading and downloading the signed pakta document and a
 * kegiatan's attachment (type, size, scope, audit, bytes back unchanged),
 * and listing/removing petahana flags. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>

#include "core/enc.h"
#include "testutil.h"

static tu_env_t env;

typedef struct {
  const char *user, *role, *wilayah;
  char tok[64], csrf[64];
} akun_t;

enum { PANWASCAM, BAWASLU, BAWASLU_KOTA, PEMDA, ADMIN, NAKUN };
static akun_t akun[NAKUN] = {
    {"panwascam.jetis", "panwascam", "35.16.16", "", ""}, {"bawaslu.kab", "bawaslu", "35.16", "", ""},
    {"bawaslu.kediri", "bawaslu", "35.71", "", ""},       {"pemda.kab", "pemda", "35.16", "", ""},
    {"admin.uji", "admin", "35", "", ""},
};

static int64_t count(const char *sql) { return tu_count(&env, sql); }

/* A small registry: Kab. Mojokerto (two OPD, one office in Jetis, one in
 * Pacet; Dinas Pendidikan also employs a teacher in Pacet) and Kota Kediri. */
static err_t seed_tx(db_t *db, void *ud) {
  int64_t kab, kota, dik, pacet, sos;
  err_t e;
  (void)ud;
#define ONE(out, ...) if ((e = db_one_int(db, __VA_ARGS__))) return e; (void)out
  ONE(kab, "INSERT INTO instansi(pemda,nama) VALUES('35.16','Pemerintah Kabupaten Mojokerto') RETURNING id", &kab, "");
  ONE(kota, "INSERT INTO instansi(pemda,nama) VALUES('35.71','Pemerintah Kota Kediri') RETURNING id", &kota, "");
  ONE(dik, "INSERT INTO opd(instansi_id,nama,wilayah) VALUES(?,'Dinas Pendidikan','35.16.16.2001') RETURNING id", &dik,
      "i", kab);
  ONE(pacet, "INSERT INTO opd(instansi_id,nama,wilayah) VALUES(?,'Kecamatan Pacet','35.16.03') RETURNING id", &pacet,
      "i", kab);
  ONE(sos, "INSERT INTO opd(instansi_id,nama,wilayah) VALUES(?,'Dinas Sosial','35.71.01') RETURNING id", &sos, "i",
      kota);
#undef ONE
  static const struct {
    const char *nip, *nama, *jabatan, *wilayah;
    int inst; /* 0 kab, 1 kota */
    int opd;  /* 0 dik, 1 pacet, 2 sos */
  } p[] = {
      {"197805122005011003", "Budi Santoso", "Guru", "35.16.16.2001", 0, 0},
      {"198001012006041001", "Sri Wahyuni", "Guru", "35.16.16.2002", 0, 0},
      {"198203032008012002", "Ani Lestari", "Staf", "35.16.03", 0, 1},
      {"198505052010011005", "Bambang 50% Persen", "Guru", "35.16.03.2001", 0, 0},
      {"199001012015031001", "Budiman Kediri", "Staf", "35.71.01", 1, 2},
  };
  int64_t inst[2] = {kab, kota}, opd[3] = {dik, pacet, sos};
  /* The registry's bookkeeping columns change with the import (a timestamp
   * per row before migration 10, an import id after): fill only the columns
   * these tests are about, plus diperbarui where the schema still has it. */
  int64_t has_diperbarui = 0;
  if (strcmp(db_ops(db)->name, "sqlite") == 0)
    e = db_one_int(db, "SELECT COUNT(*) FROM pragma_table_info('pegawai') WHERE name='diperbarui'", &has_diperbarui, "");
  else
    e = db_one_int(db, "SELECT COUNT(*) FROM information_schema.columns WHERE table_name='pegawai'"
                   " AND column_name='diperbarui'", &has_diperbarui, "");
  if (e) return e;
  const char *sql = has_diperbarui
                        ? "INSERT INTO pegawai(nip,nama,jabatan,kategori,wilayah,relasi,instansi_id,opd_id,diperbarui)"
                          " VALUES(?,?,?,'asn',?,?,?,?,'2024-09-01')"
                        : "INSERT INTO pegawai(nip,nama,jabatan,kategori,wilayah,relasi,instansi_id,opd_id)"
                          " VALUES(?,?,?,'asn',?,?,?,?)";
  for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
    if ((e = db_exec(db, sql, "tttttii", p[i].nip, p[i].nama, p[i].jabatan, p[i].wilayah, i == 0 ? "keluarga" : NULL,
                     inst[p[i].inst], opd[p[i].opd])))
      return e;
  return ERR_OK;
}

static void login(akun_t *a) {
  char body[200];
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Rahasia-123!\"}", a->user);
  tu_result_t r = tu_call(&env.app, "POST", "/api/v1/session", body, NULL, NULL);
  assert_int_equal(r.status, 200);
  assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", a->tok), 1);
  snprintf(a->csrf, sizeof a->csrf, "%s", json_string_value(json_object_get(r.json, "csrf")));
  tu_result_free(&r);
}

static int setup(void **state) {
  db_t *db;
  if (tu_open(&env)) return -1;
  env.app.cfg.max_upload_mb = "1"; /* the size limit is tested at 1 MB */
  for (int i = 0; i < NAKUN; i++)
    if (tu_add_user(&env, akun[i].user, akun[i].role, akun[i].wilayah, "Rahasia-123!")) return -1;
  if (store_acquire(env.app.store, &db)) return -1;
  err_t e = store_write(db, seed_tx, NULL);
  store_release(env.app.store, db);
  if (e) return -1;
  for (int i = 0; i < NAKUN; i++) login(&akun[i]);
  return 0;
}
static int teardown(void **state) { tu_close(&env); return 0; }

/* ---- helpers ---- */

static tu_result_t get(int who, const char *path) { return tu_call(&env.app, "GET", path, NULL, akun[who].tok, NULL); }
static tu_result_t send(int who, const char *method, const char *path, const char *body) {
  return tu_call(&env.app, method, path, body, akun[who].tok, akun[who].csrf);
}
static const char *err_field_of(const tu_result_t *r) {
  return json_string_value(json_object_get(json_object_get(r->json, "error"), "field"));
}
static const char *err_msg_of(const tu_result_t *r) {
  return json_string_value(json_object_get(json_object_get(r->json, "error"), "message"));
}
static json_t *arr_of(const tu_result_t *r, const char *key) { return json_object_get(r->json, key); }
static json_t *find_by(json_t *arr, const char *key, const char *val) {
  size_t i;
  json_t *o;
  json_array_foreach(arr, i, o) if (strcmp(json_string_value(json_object_get(o, key)) ?: "", val) == 0) return o;
  return NULL;
}
static json_int_t int_of(json_t *o, const char *key) { return json_integer_value(json_object_get(o, key)); }

/* An HTTP call with a binary body and the response headers a download sets. */
typedef tu_result_t hres_t;

static hres_t hcall(int who, const char *method, const char *path, const char *ctype, const char *body, size_t len) {
  return tu_call_body(&env.app, method, path, ctype, body, len, akun[who].tok, akun[who].csrf);
}
static void hfree(hres_t *r) { tu_result_free(r); }

#define BOUNDARY "----NetralUji7MA4YWxkTrZu0gW"
/* multipart/form-data with one file part; caller frees *body. */
static size_t multipart(char **body, const char *field, const char *filename, const void *data, size_t n) {
  buf_t b;
  buf_init(&b);
  buf_printf(&b, "--" BOUNDARY "\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n", field, filename);
  buf_append(&b, data, n);
  buf_puts(&b, "\r\n--" BOUNDARY "--\r\n");
  size_t len = 0;
  *body = buf_take(&b, &len);
  return len;
}

static hres_t upload(int who, const char *path, const char *field, const char *filename, const void *data, size_t n) {
  char *body;
  size_t len = multipart(&body, field, filename, data, n);
  hres_t r = hcall(who, "POST", path, "multipart/form-data; boundary=" BOUNDARY, body, len);
  free(body);
  return r;
}

static void sha256_hex(const void *p, size_t n, char out[65]) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, p, n);
  enc_hex(d, sizeof d, out);
}

static const char PDF[] = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n";
static const unsigned char PNG[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0,
                                    0,    1,   0,   0,   0,    1,    8,    6,    0, 0, 0, 0x1f, 0x15, 0xc4, 0x89};
static const unsigned char JPEG[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xD9};
static const char WEBP[] = "RIFF\x24\0\0\0WEBPVP8 \x18\0\0\0";

/* ---- registry browsing ---- */

static void test_instansi_by_scope(void **state) {
  tu_result_t r = get(BAWASLU, "/api/v1/instansi");
  assert_int_equal(r.status, 200);
  json_t *a = arr_of(&r, "instansi");
  assert_int_equal(json_array_size(a), 1);
  json_t *kab = find_by(a, "pemda", "35.16");
  assert_non_null(kab);
  assert_int_equal(int_of(kab, "opd"), 2);
  assert_int_equal(int_of(kab, "pegawai"), 4);
  assert_string_equal(json_string_value(json_object_get(kab, "pemda_nama")), "Kabupaten Mojokerto");
  tu_result_free(&r);

  /* a kab/kota officer asking for another pemda: as for a foreign case */
  r = get(BAWASLU, "/api/v1/instansi?pemda=35.71");
  assert_int_equal(r.status, 404);
  assert_string_equal(err_field_of(&r), "pemda");
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/instansi?pemda=35.16.16");
  assert_int_equal(r.status, 422);
  assert_string_equal(err_field_of(&r), "pemda");
  tu_result_free(&r);

  /* a kecamatan officer sees the instansi of their pemda with counts for their kecamatan */
  r = get(PANWASCAM, "/api/v1/instansi?pemda=35.16");
  assert_int_equal(r.status, 200);
  a = arr_of(&r, "instansi");
  assert_int_equal(json_array_size(a), 1);
  assert_int_equal(int_of(json_array_get(a, 0), "opd"), 1);
  assert_int_equal(int_of(json_array_get(a, 0), "pegawai"), 2);
  tu_result_free(&r);

  /* pemda staff read the registry of their own pemda; admin sees all */
  r = get(PEMDA, "/api/v1/instansi");
  assert_int_equal(r.status, 200);
  assert_int_equal(json_array_size(arr_of(&r, "instansi")), 1);
  tu_result_free(&r);
  r = get(ADMIN, "/api/v1/instansi");
  assert_int_equal(json_array_size(arr_of(&r, "instansi")), 2);
  tu_result_free(&r);
}

static void test_opd_by_instansi_and_wilayah(void **state) {
  int64_t kab = count("SELECT id FROM instansi WHERE pemda='35.16'");
  int64_t kota = count("SELECT id FROM instansi WHERE pemda='35.71'");
  char path[96];
  snprintf(path, sizeof path, "/api/v1/opd?instansi=%lld", (long long)kab);
  tu_result_t r = get(BAWASLU, path);
  assert_int_equal(r.status, 200);
  json_t *a = arr_of(&r, "opd");
  assert_int_equal(json_array_size(a), 2);
  json_t *dik = find_by(a, "nama", "Dinas Pendidikan");
  assert_non_null(dik);
  assert_int_equal(int_of(dik, "pegawai"), 3);
  assert_string_equal(json_string_value(json_object_get(dik, "instansi")), "Pemerintah Kabupaten Mojokerto");
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "instansi"), "pemda")), "35.16");
  tu_result_free(&r);

  /* Pacet: its own office, plus Dinas Pendidikan for the teacher who works there */
  r = get(BAWASLU, "/api/v1/opd?wilayah=35.16.03");
  assert_int_equal(r.status, 200);
  a = arr_of(&r, "opd");
  assert_int_equal(json_array_size(a), 2);
  assert_int_equal(int_of(find_by(a, "nama", "Dinas Pendidikan"), "pegawai"), 1);
  assert_int_equal(int_of(find_by(a, "nama", "Kecamatan Pacet"), "pegawai"), 1);
  tu_result_free(&r);

  /* the Jetis officer: only what works in Jetis */
  r = get(PANWASCAM, path);
  assert_int_equal(r.status, 200);
  a = arr_of(&r, "opd");
  assert_int_equal(json_array_size(a), 1);
  assert_int_equal(int_of(json_array_get(a, 0), "pegawai"), 2);
  tu_result_free(&r);

  /* foreign instansi → 404; foreign wilayah filter → empty */
  snprintf(path, sizeof path, "/api/v1/opd?instansi=%lld", (long long)kota);
  r = get(BAWASLU, path);
  assert_int_equal(r.status, 404);
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/opd?instansi=abc");
  assert_int_equal(r.status, 422);
  assert_string_equal(err_field_of(&r), "instansi");
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/opd?wilayah=35.71");
  assert_int_equal(r.status, 200);
  assert_int_equal(json_array_size(arr_of(&r, "opd")), 0);
  tu_result_free(&r);
  r = get(ADMIN, path);
  assert_int_equal(r.status, 200);
  assert_int_equal(json_array_size(arr_of(&r, "opd")), 1);
  tu_result_free(&r);
}

static void test_pegawai_search(void **state) {
  tu_result_t r = get(BAWASLU, "/api/v1/pegawai?q=budi");
  assert_int_equal(r.status, 200);
  json_t *a = arr_of(&r, "pegawai");
  assert_int_equal(json_array_size(a), 1); /* Budiman of Kota Kediri is outside the scope */
  json_t *b = json_array_get(a, 0);
  assert_string_equal(json_string_value(json_object_get(b, "nip")), "197805122005011003");
  assert_string_equal(json_string_value(json_object_get(b, "opd")), "Dinas Pendidikan");
  assert_string_equal(json_string_value(json_object_get(b, "wilayah_nama")), "Mlirip");
  assert_null(json_object_get(b, "relasi")); /* declared relations are not listed */
  tu_result_free(&r);

  r = get(BAWASLU, "/api/v1/pegawai?q= SANTOSO ");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 1);
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?q=1980");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 1); /* start of a NIP */
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?q=50%");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 1); /* % is a character, not a wildcard */
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?q=_");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 0);
  tu_result_free(&r);

  /* NIP: exact; another pemda's official is not found, admin finds them */
  r = get(BAWASLU, "/api/v1/pegawai?nip=199001012015031001");
  assert_int_equal(r.status, 200);
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 0);
  assert_int_equal(int_of(r.json, "total"), 0);
  tu_result_free(&r);
  r = get(ADMIN, "/api/v1/pegawai?nip=199001012015031001");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 1);
  tu_result_free(&r);
  r = get(PANWASCAM, "/api/v1/pegawai?nip=198203032008012002"); /* Pacet, not Jetis */
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 0);
  tu_result_free(&r);

  /* pages by name, at most 100 a page */
  r = get(BAWASLU, "/api/v1/pegawai?limit=2&halaman=2");
  assert_int_equal(r.status, 200);
  a = arr_of(&r, "pegawai");
  assert_int_equal(int_of(r.json, "total"), 4);
  assert_int_equal(json_array_size(a), 2);
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "nama")), "Budi Santoso");
  assert_string_equal(json_string_value(json_object_get(json_array_get(a, 1), "nama")), "Sri Wahyuni");
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?limit=2&halaman=9");
  assert_int_equal(json_array_size(arr_of(&r, "pegawai")), 0);
  assert_int_equal(int_of(r.json, "total"), 4);
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?limit=5000");
  assert_int_equal(int_of(r.json, "limit"), 100);
  tu_result_free(&r);

  /* filters: wilayah inside the scope narrows it, outside gives nothing */
  r = get(BAWASLU, "/api/v1/pegawai?wilayah=35.16.16");
  assert_int_equal(int_of(r.json, "total"), 2);
  tu_result_free(&r);
  r = get(PANWASCAM, "/api/v1/pegawai?wilayah=35.16");
  assert_int_equal(int_of(r.json, "total"), 2); /* still only Jetis */
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?wilayah=35.71");
  assert_int_equal(int_of(r.json, "total"), 0);
  tu_result_free(&r);
  r = get(BAWASLU, "/api/v1/pegawai?wilayah=35.1x");
  assert_int_equal(r.status, 422);
  assert_string_equal(err_field_of(&r), "wilayah");
  tu_result_free(&r);
  char path[96];
  snprintf(path, sizeof path, "/api/v1/pegawai?opd=%lld",
           (long long)count("SELECT id FROM opd WHERE nama='Kecamatan Pacet'"));
  r = get(BAWASLU, path);
  assert_int_equal(int_of(r.json, "total"), 1);
  tu_result_free(&r);
}

/* ---- files ---- */

static int64_t make_pakta(void) {
  tu_result_t r = send(PANWASCAM, "POST", "/api/v1/pakta",
                       "{\"tanggal\":\"2024-09-20\",\"tempat\":\"Pendopo Kecamatan Jetis\",\"wilayah\":\"35.16.16\","
                       "\"penandatangan\":[{\"nip\":\"197805122005011003\"},{\"nama\":\"Camat Jetis\"}]}");
  assert_int_equal(r.status, 201);
  int64_t id = int_of(r.json, "id");
  tu_result_free(&r);
  return id;
}

static void test_pakta_dokumen(void **state) {
  int64_t id = make_pakta();
  char path[96], sha[65];
  snprintf(path, sizeof path, "/api/v1/pakta/%lld/dokumen", (long long)id);
  sha256_hex(PDF, sizeof PDF - 1, sha);

  /* role, then scope: pemda may not upload; a foreign officer gets 404 */
  hres_t r = upload(PEMDA, path, "dokumen", "ikrar.pdf", PDF, sizeof PDF - 1);
  assert_int_equal(r.status, 403);
  hfree(&r);
  r = upload(BAWASLU_KOTA, path, "dokumen", "ikrar.pdf", PDF, sizeof PDF - 1);
  assert_int_equal(r.status, 404);
  hfree(&r);

  /* refused uploads name the field and say why, in Indonesian */
  const char *html = "<html><script>alert(1)</script></html>";
  r = upload(PANWASCAM, path, "dokumen", "ikrar.pdf", html, strlen(html));
  assert_int_equal(r.status, 415);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "dokumen");
  assert_non_null(strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
                         "PDF, JPEG atau PNG"));
  hfree(&r);
  r = upload(PANWASCAM, path, "dokumen", "foto.webp", WEBP, sizeof WEBP - 1);
  assert_int_equal(r.status, 415);
  assert_non_null(strstr(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")), "WebP"));
  hfree(&r);
  size_t big = 1024 * 1024 + 1;
  char *blob = malloc(big);
  assert_non_null(blob);
  memset(blob, 'x', big);
  memcpy(blob, "%PDF-1.4\n", 9);
  r = upload(PANWASCAM, path, "dokumen", "besar.pdf", blob, big);
  free(blob);
  assert_int_equal(r.status, 413);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "dokumen");
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
                      "Dokumen pakta terlalu besar. Ukuran paling besar 1 MB.");
  hfree(&r);
  r = upload(PANWASCAM, path, "dokumen", "kosong.pdf", "", 0);
  assert_int_equal(r.status, 422);
  hfree(&r);
  r = upload(PANWASCAM, path, "berkas", "ikrar.pdf", PDF, sizeof PDF - 1);
  assert_int_equal(r.status, 422);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "dokumen");
  hfree(&r);
  r = hcall(PANWASCAM, "POST", path, "application/json", "{}", 2);
  assert_int_equal(r.status, 400);
  hfree(&r);
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='pakta.dokumen'"), 0);

  /* the real upload: stored, hashed, audited */
  r = upload(PANWASCAM, path, "dokumen", "Ikrar Jetis 2024 \xE2\x80\x93 ttd.pdf", PDF, sizeof PDF - 1);
  assert_int_equal(r.status, 201);
  json_t *d = json_object_get(r.json, "dokumen");
  assert_string_equal(json_string_value(json_object_get(d, "sha256")), sha);
  assert_string_equal(json_string_value(json_object_get(d, "jenis")), "PDF");
  assert_string_equal(json_string_value(json_object_get(d, "nama")), "Ikrar Jetis 2024 \xE2\x80\x93 ttd.pdf");
  assert_string_equal(json_string_value(json_object_get(d, "url")), path);
  hfree(&r);
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='pakta.dokumen'"), 1);
  char obj[128];
  snprintf(obj, sizeof obj, "SELECT COUNT(*) FROM audit WHERE action='pakta.dokumen' AND object='pakta:%lld'",
           (long long)id);
  assert_int_equal(count(obj), 1);

  /* the list carries hash and link */
  tu_result_t l = get(BAWASLU, "/api/v1/pakta");
  json_t *it;
  size_t i;
  int seen = 0;
  json_array_foreach(arr_of(&l, "pakta"), i, it) if (int_of(it, "id") == id) {
    seen = 1;
    assert_string_equal(json_string_value(json_object_get(json_object_get(it, "dokumen"), "sha256")), sha);
    assert_string_equal(json_string_value(json_object_get(json_object_get(it, "dokumen"), "url")), path);
  }
  assert_true(seen);
  tu_result_free(&l);

  /* download: any role in scope, bytes unchanged, as an attachment of the right type */
  r = hcall(PEMDA, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 200);
  assert_int_equal(r.raw.len, sizeof PDF - 1);
  assert_memory_equal(r.raw.data, PDF, sizeof PDF - 1);
  assert_string_equal(r.ctype, "application/pdf");
  assert_string_equal(r.disposition, "attachment; filename=\"Ikrar Jetis 2024 ___ ttd.pdf\"; "
                                     "filename*=UTF-8''Ikrar%20Jetis%202024%20%E2%80%93%20ttd.pdf");
  hfree(&r);
  r = hcall(BAWASLU_KOTA, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 404);
  hfree(&r);

  /* a new upload replaces the record's file; the audit names the old hash */
  r = upload(BAWASLU, path, "dokumen", "scan.png", PNG, sizeof PNG);
  assert_int_equal(r.status, 201);
  hfree(&r);
  r = hcall(ADMIN, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.ctype, "image/png");
  assert_memory_equal(r.raw.data, PNG, sizeof PNG);
  hfree(&r);
  char q[200];
  snprintf(q, sizeof q, "SELECT COUNT(*) FROM audit WHERE action='pakta.dokumen' AND details LIKE '%%\"sebelumnya\":\"%s\"%%'",
           sha);
  assert_int_equal(count(q), 1);

  /* a pakta without a document; the old hash-only JSON field is refused with directions */
  int64_t id2 = make_pakta();
  snprintf(path, sizeof path, "/api/v1/pakta/%lld/dokumen", (long long)id2);
  r = hcall(PANWASCAM, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 404);
  hfree(&r);
  r = hcall(PANWASCAM, "GET", "/api/v1/pakta/999999/dokumen", NULL, NULL, 0);
  assert_int_equal(r.status, 404);
  hfree(&r);
  tu_result_t j = send(PANWASCAM, "POST", "/api/v1/pakta",
                       "{\"tanggal\":\"2024-09-20\",\"tempat\":\"X\",\"wilayah\":\"35.16.16\",\"dokumen\":{\"sha256\":\""
                       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"},\"penandatangan\":[{\"nama\":\"A\"}]}");
  assert_int_equal(j.status, 422);
  assert_string_equal(err_field_of(&j), "dokumen");
  assert_non_null(strstr(err_msg_of(&j), "/api/v1/pakta/{id}/dokumen"));
  tu_result_free(&j);
}

static void test_kegiatan_lampiran(void **state) {
  tu_result_t j = send(PANWASCAM, "POST", "/api/v1/kegiatan",
                       "{\"jenis\":\"sosialisasi\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.16.16\","
                       "\"judul\":\"Sosialisasi netralitas ASN\",\"peserta\":80}");
  assert_int_equal(j.status, 201);
  int64_t id = int_of(j.json, "id");
  tu_result_free(&j);
  char path[96], sha[65];
  snprintf(path, sizeof path, "/api/v1/kegiatan/%lld/lampiran", (long long)id);
  sha256_hex(JPEG, sizeof JPEG, sha);

  hres_t r = upload(PEMDA, path, "lampiran", "foto.jpg", JPEG, sizeof JPEG);
  assert_int_equal(r.status, 403);
  hfree(&r);
  r = upload(BAWASLU_KOTA, path, "lampiran", "foto.jpg", JPEG, sizeof JPEG);
  assert_int_equal(r.status, 404);
  hfree(&r);
  const char mp3[] = "ID3\x03\0\0\0\0\0\0rest";
  r = upload(PANWASCAM, path, "lampiran", "rekaman.jpg", mp3, sizeof mp3 - 1);
  assert_int_equal(r.status, 415);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "field")), "lampiran");
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")),
                      "Lampiran kegiatan harus berupa PDF, JPEG atau PNG; berkas ini MP3.");
  hfree(&r);
  r = upload(PANWASCAM, path, "lampiran", "foto kegiatan.jpg", JPEG, sizeof JPEG);
  assert_int_equal(r.status, 201);
  assert_string_equal(json_string_value(json_object_get(json_object_get(r.json, "lampiran"), "sha256")), sha);
  hfree(&r);
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='kegiatan.lampiran'"), 1);

  tu_result_t l = get(PEMDA, "/api/v1/kegiatan");
  json_t *it;
  size_t i;
  int seen = 0;
  json_array_foreach(arr_of(&l, "kegiatan"), i, it) if (int_of(it, "id") == id) {
    seen = 1;
    json_t *lp = json_object_get(it, "lampiran");
    assert_string_equal(json_string_value(json_object_get(lp, "sha256")), sha);
    assert_string_equal(json_string_value(json_object_get(lp, "jenis")), "JPEG");
    assert_int_equal(int_of(lp, "ukuran"), (json_int_t)sizeof JPEG);
    assert_string_equal(json_string_value(json_object_get(lp, "url")), path);
  }
  assert_true(seen);
  tu_result_free(&l);

  r = hcall(BAWASLU, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 200);
  assert_string_equal(r.ctype, "image/jpeg");
  assert_int_equal(r.raw.len, sizeof JPEG);
  assert_memory_equal(r.raw.data, JPEG, sizeof JPEG);
  assert_non_null(strstr(r.disposition, "attachment; filename=\"foto kegiatan.jpg\""));
  hfree(&r);
  r = hcall(BAWASLU_KOTA, "GET", path, NULL, NULL, 0);
  assert_int_equal(r.status, 404);
  hfree(&r);

  j = send(PANWASCAM, "POST", "/api/v1/kegiatan",
           "{\"jenis\":\"imbauan\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.16.16\",\"judul\":\"Imbauan\","
           "\"lampiran_sha256\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}");
  assert_int_equal(j.status, 422);
  assert_string_equal(err_field_of(&j), "lampiran_sha256");
  tu_result_free(&j);
}

/* ---- petahana ---- */

static void test_petahana_list_and_remove(void **state) {
  tu_result_t r = send(BAWASLU, "PUT", "/api/v1/kerawanan/petahana",
                       "{\"wilayah\":\"35.16\",\"pemilihan\":\"pilkada2024\",\"calon\":\"Bupati petahana\"}");
  assert_int_equal(r.status, 200);
  tu_result_free(&r);
  r = send(PANWASCAM, "PUT", "/api/v1/kerawanan/petahana", "{\"wilayah\":\"35.16.16\",\"pemilihan\":\"pilkada2024\"}");
  assert_int_equal(r.status, 403); /* bawaslu and admin only */
  tu_result_free(&r);

  r = get(PANWASCAM, "/api/v1/kerawanan/petahana"); /* the kab flag covers Jetis */
  assert_int_equal(r.status, 200);
  json_t *p = json_array_get(arr_of(&r, "petahana"), 0);
  assert_non_null(p);
  assert_string_equal(json_string_value(json_object_get(p, "wilayah")), "35.16");
  assert_string_equal(json_string_value(json_object_get(p, "calon")), "Bupati petahana");
  assert_string_equal(json_string_value(json_object_get(p, "diubah_oleh")), "bawaslu.kab");
  tu_result_free(&r);
  r = get(BAWASLU_KOTA, "/api/v1/kerawanan/petahana");
  assert_int_equal(json_array_size(arr_of(&r, "petahana")), 0);
  tu_result_free(&r);
  r = get(PEMDA, "/api/v1/kerawanan/petahana");
  assert_int_equal(r.status, 403);
  tu_result_free(&r);

  r = send(BAWASLU_KOTA, "DELETE", "/api/v1/kerawanan/petahana/35.16", NULL);
  assert_int_equal(r.status, 404);
  tu_result_free(&r);
  r = send(PANWASCAM, "DELETE", "/api/v1/kerawanan/petahana/35.16", NULL);
  assert_int_equal(r.status, 403);
  tu_result_free(&r);
  r = send(BAWASLU, "DELETE", "/api/v1/kerawanan/petahana/35.16", NULL);
  assert_int_equal(r.status, 200);
  tu_result_free(&r);
  assert_int_equal(count("SELECT COUNT(*) FROM petahana"), 0);
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='kerawanan.petahana.hapus' AND object='35.16'"), 1);
  r = send(BAWASLU, "DELETE", "/api/v1/kerawanan/petahana/35.16", NULL);
  assert_int_equal(r.status, 404);
  tu_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_instansi_by_scope),  cmocka_unit_test(test_opd_by_instansi_and_wilayah),
      cmocka_unit_test(test_pegawai_search),     cmocka_unit_test(test_pakta_dokumen),
      cmocka_unit_test(test_kegiatan_lampiran), cmocka_unit_test(test_petahana_list_and_remove),
  };
  return cmocka_run_group_tests_name("registry", tests, setup, teardown);
}
