/* kerawanan_test.c — golden test of the vulnerability index maths on the
 * hand-computed fixture in tests/data/kerawanan/, indicator-table checks,
 * zoning boundaries, and the index end to end on a small database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <math.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/mem.h"
#include "domain/kerawanan.h"
#include "domain/pegawai.h"
#include "testutil.h"

#define FIX "tests/data/kerawanan/"

typedef struct {
  kerawanan_unit_t u[16];
  size_t n;
  int col[8];
  int ncol;
} mentah_t;

static err_t mentah_row(void *ud, long line, int nf, char **f) {
  mentah_t *m = ud;
  if (line == 1) { m->ncol = nf; return ERR_OK; }
  kerawanan_unit_t *u = &m->u[m->n++];
  memset(u, 0, sizeof *u);
  snprintf(u->kode, sizeof u->kode, "%s", f[0]);
  snprintf(u->wilayah, sizeof u->wilayah, "%s", f[0]);
  u->terlapor = strtol(f[1], NULL, 10);
  for (int i = 2; i < nf; i++) u->mentah[i - 2] = strtod(f[i], NULL);
  return ERR_OK;
}

typedef struct {
  const kerawanan_unit_t *u;
  size_t n;
  int checked;
} harapan_t;

static void split_check(const char *list, const double *got, size_t n) {
  char buf[256];
  snprintf(buf, sizeof buf, "%s", list);
  char *p = buf;
  for (size_t i = 0; i < n; i++) {
    char *bar = strchr(p, '|');
    if (bar) *bar = '\0';
    assert_true(fabs(strtod(p, NULL) - got[i]) < 0.006);
    p = bar ? bar + 1 : p + strlen(p);
  }
}

static err_t harapan_row(void *ud, long line, int nf, char **f) {
  harapan_t *h = ud;
  if (line == 1) return ERR_OK;
  assert_int_equal(nf, 7);
  int rank = (int)strtol(f[0], NULL, 10);
  const kerawanan_unit_t *u = &h->u[rank - 1];
  assert_int_equal(u->peringkat, rank);
  assert_string_equal(u->kode, f[1]);
  assert_true(fabs(u->skor - strtod(f[2], NULL)) < 0.006);
  assert_string_equal(u->kategori, f[3]);
  assert_string_equal(u->zona, f[4]);
  split_check(f[5], u->normal, 4);
  split_check(f[6], u->kontribusi, 4);
  h->checked++;
  return ERR_OK;
}

static void test_golden(void **state) {
  char *csv;
  size_t len;
  kerawanan_set_t set;
  mentah_t m;
  kerawanan_stat_t st;
  memset(&m, 0, sizeof m);
  assert_int_equal(file_read_all(FIX "indikator.csv", &csv, &len), ERR_OK);
  assert_int_equal(kerawanan_indikator_parse(csv, len, &set), ERR_OK);
  xfree(csv);
  assert_int_equal(set.n, 4);
  assert_int_equal(set.it[2].arah, -1);
  assert_int_equal(file_read_all(FIX "mentah.csv", &csv, &len), ERR_OK);
  assert_int_equal(csv_parse(csv, len, mentah_row, &m), ERR_OK);
  xfree(csv);
  kerawanan_hitung(&set, m.u, m.n, &st);
  assert_true(fabs(st.rata - 35.28) < 0.006);
  assert_true(fabs(st.sd - 15.78) < 0.006);
  /* the contributions add up to the score */
  for (size_t k = 0; k < m.n; k++) {
    double s = 0;
    for (size_t i = 0; i < set.n; i++) s += m.u[k].kontribusi[i];
    assert_true(fabs(s - m.u[k].skor) < 1e-9);
  }
  harapan_t h = {m.u, m.n, 0};
  assert_int_equal(file_read_all(FIX "harapan.csv", &csv, &len), ERR_OK);
  assert_int_equal(csv_parse(csv, len, harapan_row, &h), ERR_OK);
  xfree(csv);
  assert_int_equal(h.checked, 4);
}

static void test_indicator_table_rejects(void **state) {
  kerawanan_set_t set;
  const char *bad_weight = "kode,nama,bobot,arah,sumber,keterangan\nlaporan_per_1000,L,5,positif,kasus,x\n";
  assert_int_equal(kerawanan_indikator_parse(bad_weight, strlen(bad_weight), &set), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "bobot harus 1–4"));
  const char *unknown = "kode,nama,bobot,arah,sumber,keterangan\nbulan_purnama,B,2,positif,x,x\n";
  assert_int_equal(kerawanan_indikator_parse(unknown, strlen(unknown), &set), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "tidak dikenal"));
  const char *dup = "kode,nama,bobot,arah,sumber,keterangan\npetahana,P,2,positif,x,x\npetahana,P,2,positif,x,x\n";
  assert_int_equal(kerawanan_indikator_parse(dup, strlen(dup), &set), ERR_INVALID);
  /* the shipped table loads and uses weights 1–4 only */
  assert_int_equal(kerawanan_indikator_load(NULL, &set), ERR_OK);
  assert_true(set.n >= 8);
  for (size_t i = 0; i < set.n; i++) assert_true(set.it[i].bobot >= 1 && set.it[i].bobot <= 4);
}

static void test_zona_boundaries(void **state) {
  assert_string_equal(kerawanan_zona(0), "hijau");
  assert_string_equal(kerawanan_zona(5), "hijau");
  assert_string_equal(kerawanan_zona(6), "kuning");
  assert_string_equal(kerawanan_zona(20), "kuning");
  assert_string_equal(kerawanan_zona(21), "merah");
}

static void test_single_unit_is_sedang(void **state) {
  kerawanan_set_t set;
  kerawanan_stat_t st;
  assert_int_equal(kerawanan_indikator_load(NULL, &set), ERR_OK);
  kerawanan_unit_t u;
  memset(&u, 0, sizeof u);
  snprintf(u.kode, sizeof u.kode, "35.16");
  u.mentah[0] = 7;
  kerawanan_hitung(&set, &u, 1, &st);
  assert_true(u.skor == 0); /* nothing to compare against: max = min */
  assert_string_equal(u.kategori, "sedang");
}

/* End to end on a database: registry, pakta, kegiatan, petahana and cases feed the raw values. */
static tu_env_t env;
static err_t imp(db_t *db, const char *csv, pegawai_import_stats_t *s) {
  FILE *f = fmemopen((void *)csv, strlen(csv), "r");
  pegawai_import_opts_t o = {&env.app.keys, "uji", "uji.csv", 2, NULL, NULL, NULL, NULL};
  err_t e = pegawai_import(db, f, &o, s);
  fclose(f);
  return e;
}

static void test_index_from_database(void **state) {
  db_t *db;
  pegawai_import_stats_t s;
  assert_int_equal(tu_open(&env), 0);
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  const char *csv =
      "nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon\n"
      "197805122005011003,Budi,Guru,Pemkab Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,keluarga,Calon A\n"
      "198001012006041001,Sri,Staf,Pemkab Mojokerto,Dinas Pendidikan,35.16.16.2002,asn,,\n"
      "198203032008012002,Ani,Staf,Pemkab Mojokerto,Kecamatan Pacet,35.16.03.2001,asn,,\n"
      "KD-3516032001,Kades Pacet,Kepala Desa,Pemkab Mojokerto,Pemerintah Desa,35.16.03.2001,kepala_desa,,\n";
  assert_int_equal(imp(db, csv, &s), ERR_OK);
  assert_int_equal(s.baru, 4);
  /* one case in Jetis within the period, received "now" */
  assert_int_equal(db_exec(db,
                           "INSERT INTO kasus(kode,jenis,rezim,status,wilayah,terlapor_nama,terlapor_nama_norm,"
                           "terlapor_nip,kategori,tanggal_kejadian,tanggal_diketahui,lokasi,uraian,content_sha256,"
                           "diterima,updated_at) VALUES('NTR-UJI1','laporan','pilkada','diteruskan','35.16.16.2001',"
                           "'Budi','budi','197805122005011003','asn','2026-01-01','2026-01-02','x','uraian uji',"
                           "'00','2099-01-01T00:00:00Z','2099-01-01T00:00:00Z')",
                           ""),
                   ERR_OK);
  json_t *out = NULL;
  assert_int_equal(kerawanan_index(db, NULL, "kecamatan", "35.16", &out), ERR_OK);
  json_t *units = json_object_get(out, "unit");
  assert_int_equal(json_array_size(units), 18);
  json_t *top = json_array_get(units, 0);
  assert_string_equal(json_string_value(json_object_get(top, "kode")), "35.16.16"); /* Jetis */
  json_t *r0 = json_array_get(json_object_get(top, "rincian"), 0);
  assert_string_equal(json_string_value(json_object_get(r0, "kode")), "laporan_per_1000");
  assert_true(fabs(json_real_value(json_object_get(r0, "nilai")) - 500.0) < 0.01); /* 1 case / 2 officials */
  json_t *r1 = json_array_get(json_object_get(top, "rincian"), 1);
  assert_true(fabs(json_real_value(json_object_get(r1, "nilai")) - 500.0) < 0.01); /* diteruskan = terbukti */
  json_decref(out);
  /* unknown tingkat names the field */
  assert_int_equal(kerawanan_index(db, NULL, "rt", "35.16", &out), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "tingkat");
  store_release(env.app.store, db);
  tu_close(&env);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_indicator_table_rejects),
      cmocka_unit_test(test_zona_boundaries),
      cmocka_unit_test(test_single_unit_is_sedang),
      cmocka_unit_test(test_index_from_database),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
