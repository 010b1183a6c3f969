/* pegawai_test.c — registry import (good rows, bad rows with line and reason,
 * nothing partial, re-import updates by NIP, batches), pakta coverage maths,
 * and the pencegahan handlers in-process (roles, scope, audit, field errors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "domain/audit.h"
#include "domain/pakta.h"
#include "domain/pegawai.h"
#include "testutil.h"

static tu_env_t env;

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  if (tu_add_user(&env, "panwascam.jetis", "panwascam", "35.16.16", "Rahasia-123!")) return -1;
  if (tu_add_user(&env, "pemda.uji", "pemda", "35.16", "Rahasia-123!")) return -1;
  return 0;
}
static int teardown(void **state) { tu_close(&env); return 0; }

typedef struct {
  long lines[16];
  char why[16][200];
  int n;
} rej_t;

static err_t on_reject(void *ud, long line, const char *why, int nf, char **f) {
  rej_t *r = ud;
  if (r->n < 16) {
    r->lines[r->n] = line;
    snprintf(r->why[r->n], sizeof r->why[r->n], "%s", why);
  }
  r->n++;
  return ERR_OK;
}

static err_t run_import(const char *csv, long batch, rej_t *rej, pegawai_import_stats_t *s) {
  db_t *db;
  FILE *f = fmemopen((void *)csv, strlen(csv), "r");
  pegawai_import_opts_t o = {&env.app.keys, "uji", "uji.csv", batch, on_reject, NULL, NULL, rej};
  err_t e = store_acquire(env.app.store, &db);
  if (!e) {
    e = pegawai_import(db, f, &o, s);
    store_release(env.app.store, db);
  }
  fclose(f);
  return e;
}

static int64_t count(const char *sql) { return tu_count(&env, sql); }

#define HDR "nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon\n"

static void test_import_good_and_bad_rows(void **state) {
  rej_t rej = {0};
  pegawai_import_stats_t s;
  const char *csv = HDR
      "197805122005011003,\"Budi Santoso, S.Pd.\",Guru,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,keluarga,Calon Nomor 1\n"
      "19780512200501100X,Rusak,Guru,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,,\n"
      "198001012006041001,Sri,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n"
      "198203032008012002,Ani,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,99.99.99,asn,,\n"
      "198203032008012003,Tono,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,honorer,,\n"
      "198203032008012004,,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n"
      "198203032008012005,Tini,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,saudara,\n"
      "NIPD-3516162001,Kades Jetis,Kepala Desa,Pemerintah Kabupaten Mojokerto,Pemerintah Desa Jetis,35.16.16.2001,kepala_desa,,\n"
      "198203032008012006,Pendek\n";
  assert_int_equal(run_import(csv, 2, &rej, &s), ERR_OK);
  assert_int_equal(s.baris, 9);
  assert_int_equal(s.baru, 3);
  assert_int_equal(s.diperbarui, 0);
  assert_int_equal(s.ditolak, 6);
  assert_int_equal(rej.n, 6);
  assert_int_equal(rej.lines[0], 3);
  assert_non_null(strstr(rej.why[0], "NIP harus terdiri dari 18 angka"));
  assert_int_equal(rej.lines[1], 5);
  assert_non_null(strstr(rej.why[1], "wilayah \"99.99.99\" tidak dikenal"));
  assert_non_null(strstr(rej.why[2], "kategori \"honorer\""));
  assert_non_null(strstr(rej.why[3], "nama wajib diisi"));
  assert_non_null(strstr(rej.why[4], "relasi"));
  assert_int_equal(rej.lines[5], 10);
  assert_non_null(strstr(rej.why[5], "jumlah kolom"));
  /* nothing of a bad row was written, the good ones are whole */
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai"), 3);
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai WHERE nip LIKE '19820303%'"), 0);
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai WHERE nip='197805122005011003' AND relasi='keluarga'"
                         " AND opd_id IS NOT NULL AND instansi_id IS NOT NULL"), 1);
  assert_int_equal(count("SELECT COUNT(*) FROM instansi WHERE pemda='35.16'"), 1);
  assert_int_equal(count("SELECT COUNT(*) FROM opd"), 3);
  /* batches of 2 rows: one audit entry per committed batch */
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='pegawai.impor'"), 2);
}

static void test_reimport_updates_by_nip(void **state) {
  rej_t rej = {0};
  pegawai_import_stats_t s;
  const char *csv = HDR
      "197805122005011003,Budi Santoso,Kepala Sekolah,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,,\n"
      "199001012015031001,Baru,Staf,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2002,asn,,\n";
  assert_int_equal(run_import(csv, 0, &rej, &s), ERR_OK);
  assert_int_equal(s.baru, 1);
  assert_int_equal(s.diperbarui, 1);
  assert_int_equal(s.ditolak, 0);
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai WHERE nip='197805122005011003' AND jabatan='Kepala Sekolah'"
                         " AND relasi IS NULL"), 1);
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai"), 4);
}

static void test_missing_header_column(void **state) {
  rej_t rej = {0};
  pegawai_import_stats_t s;
  const char *csv = "nip,nama\n197805122005011003,Budi\n";
  assert_int_equal(run_import(csv, 0, &rej, &s), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "jabatan");
  assert_int_equal(s.baris, 0);
}

static void test_unclosed_quote_keeps_earlier_rows(void **state) {
  rej_t rej = {0};
  pegawai_import_stats_t s;
  const char *csv = HDR
      "199201012016031001,Satu,Staf,Pemerintah Kabupaten Mojokerto,Dinas Sosial,35.16.01,asn,,\n"
      "199201012016031002,\"Dua,Staf,Pemerintah Kabupaten Mojokerto,Dinas Sosial,35.16.01,asn,,\n";
  assert_int_equal(run_import(csv, 0, &rej, &s), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "kutip"));
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai WHERE nip='199201012016031001'"), 1);
  assert_int_equal(count("SELECT COUNT(*) FROM pegawai WHERE nip='199201012016031002'"), 0);
}

static void test_cakupan_maths(void **state) {
  assert_true(pakta_cakupan_persen(0, 0) < 0);
  assert_true(fabs(pakta_cakupan_persen(1, 3) - 33.33) < 1e-9);
  assert_true(fabs(pakta_cakupan_persen(2, 3) - 66.67) < 1e-9);
  assert_true(fabs(pakta_cakupan_persen(3, 3) - 100.0) < 1e-9);
}

/* ---- handlers in-process ---- */
typedef tu_result_t result_t;

static result_t call(const char *method, const char *path, const char *body, const char *token, const char *csrf) {
  return tu_call(&env.app, method, path, body, token, csrf);
}

static void login(const char *user, char token[64], char csrf[64]) {
  char body[200];
  snprintf(body, sizeof body, "{\"username\":\"%s\",\"password\":\"Rahasia-123!\"}", user);
  result_t r = call("POST", "/api/v1/session", body, NULL, NULL);
  assert_int_equal(r.status, 200);
  assert_int_equal(sscanf(r.cookie, "netral_sid=%63[^;]", token), 1);
  snprintf(csrf, 64, "%s", json_string_value(json_object_get(r.json, "csrf")));
  json_decref(r.json);
}

static const char *field_of(result_t *r) {
  return json_string_value(json_object_get(json_object_get(r->json, "error"), "field"));
}

static void test_pakta_kegiatan_api_and_coverage(void **state) {
  char tok[64], csrf[64], ptok[64], pcsrf[64];
  login("panwascam.jetis", tok, csrf);
  login("pemda.uji", ptok, pcsrf);
  const char *pakta =
      "{\"tanggal\":\"2024-09-20\",\"tempat\":\"Pendopo Kecamatan Jetis\",\"wilayah\":\"35.16.16\","
      "\"penandatangan\":[{\"nip\":\"197805122005011003\"},{\"nama\":\"Camat Jetis\",\"jabatan\":\"Camat\"}]}";
  result_t r = call("POST", "/api/v1/pakta", pakta, ptok, pcsrf);
  assert_int_equal(r.status, 403); /* pemda may read, not write */
  json_decref(r.json);
  r = call("POST", "/api/v1/pakta", pakta, tok, csrf);
  assert_int_equal(r.status, 201);
  assert_int_equal(json_integer_value(json_object_get(r.json, "terdaftar")), 1);
  assert_int_equal(json_array_size(json_object_get(r.json, "butir")), 4);
  assert_string_equal(json_string_value(json_object_get(r.json, "versi_butir")), "2024.1");
  json_decref(r.json);
  assert_int_equal(count("SELECT COUNT(*) FROM audit WHERE action='pakta.buat'"), 1);
  assert_int_equal(count("SELECT COUNT(*) FROM pakta_butir WHERE versi='2024.1'"), 4);
  /* outside the officer's wilayah */
  r = call("POST", "/api/v1/pakta",
           "{\"tanggal\":\"2024-09-20\",\"tempat\":\"X\",\"wilayah\":\"35.16.03\",\"penandatangan\":[{\"nama\":\"A\"}]}",
           tok, csrf);
  assert_int_equal(r.status, 403);
  assert_string_equal(field_of(&r), "wilayah");
  json_decref(r.json);
  /* unknown NIP names the signatory */
  r = call("POST", "/api/v1/pakta",
           "{\"tanggal\":\"2024-09-20\",\"tempat\":\"X\",\"wilayah\":\"35.16.16\",\"penandatangan\":[{\"nip\":\"199912312020121001\"}]}",
           tok, csrf);
  assert_int_equal(r.status, 422);
  assert_string_equal(field_of(&r), "penandatangan.0.nip");
  json_decref(r.json);
  /* coverage: Jetis has 4 registered officials after the imports above (Budi, Sri, Kades, Baru); 1 signed */
  r = call("GET", "/api/v1/pakta/cakupan?tingkat=kecamatan&wilayah=35.16", NULL, ptok, NULL);
  assert_int_equal(r.status, 200);
  json_t *u, *jetis = NULL;
  size_t i;
  json_array_foreach(json_object_get(r.json, "unit"), i, u) if (strcmp(json_string_value(json_object_get(u, "kode")), "35.16.16") == 0) jetis = u;
  assert_non_null(jetis);
  assert_int_equal(json_integer_value(json_object_get(jetis, "pegawai")), 4);
  assert_int_equal(json_integer_value(json_object_get(jetis, "sudah_ikrar")), 1);
  assert_true(fabs(json_real_value(json_object_get(jetis, "cakupan_persen")) - 25.0) < 1e-9);
  json_decref(r.json);
  /* kegiatan: surat edaran needs a nomor; xbanner needs an OPD */
  r = call("POST", "/api/v1/kegiatan",
           "{\"jenis\":\"surat_edaran\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.16.16\",\"judul\":\"SE netralitas\"}",
           tok, csrf);
  assert_int_equal(r.status, 422);
  assert_string_equal(field_of(&r), "nomor");
  json_decref(r.json);
  r = call("POST", "/api/v1/kegiatan",
           "{\"jenis\":\"xbanner\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.16.16\",\"judul\":\"X-banner\"}", tok, csrf);
  assert_int_equal(r.status, 422);
  assert_string_equal(field_of(&r), "opd_id");
  json_decref(r.json);
  r = call("POST", "/api/v1/kegiatan",
           "{\"jenis\":\"sosialisasi\",\"tanggal\":\"2024-09-01\",\"wilayah\":\"35.16.16\",\"judul\":\"Sosialisasi netralitas ASN\","
           "\"peserta\":120}",
           tok, csrf);
  assert_int_equal(r.status, 201);
  json_decref(r.json);
  r = call("GET", "/api/v1/kegiatan", NULL, tok, NULL);
  assert_int_equal(r.status, 200);
  assert_int_equal(json_array_size(json_object_get(r.json, "kegiatan")), 1);
  json_decref(r.json);
  /* kerawanan: pemda may not read the index; panwascam may, within scope */
  r = call("GET", "/api/v1/kerawanan?tingkat=desa&wilayah=35.16.16", NULL, ptok, NULL);
  assert_int_equal(r.status, 403);
  json_decref(r.json);
  r = call("GET", "/api/v1/kerawanan?tingkat=desa&wilayah=35.16.16", NULL, tok, NULL);
  assert_int_equal(r.status, 200);
  assert_true(json_array_size(json_object_get(r.json, "unit")) > 5);
  json_decref(r.json);
  r = call("PUT", "/api/v1/kerawanan/bobot", "{\"bobot\":{\"petahana\":4}}", tok, csrf);
  assert_int_equal(r.status, 403); /* admin only */
  json_decref(r.json);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_import_good_and_bad_rows),
      cmocka_unit_test(test_reimport_updates_by_nip),
      cmocka_unit_test(test_missing_header_column),
      cmocka_unit_test(test_unclosed_quote_keeps_earlier_rows),
      cmocka_unit_test(test_cakupan_maths),
      cmocka_unit_test(test_pakta_kegiatan_api_and_coverage),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
