/* pegawai_bulk_test.c — the first import into an empty registry (rows
 * appended, NIPs repeated in the file merged, the unique NIP index built at
 * the end) and the repair of a registry whose import was killed half-way.
 * Each test has its own database (on PostgreSQL too: tests/e2e/pg_test.sh). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/clock.h"
#include "domain/audit.h"
#include "domain/pegawai.h"
#include "testutil.h"

#define HDR "nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon\n"

static err_t on_reject(void *ud, long line, const char *why, int nf, char **f) {
  (void)line, (void)why, (void)nf, (void)f;
  (*(int *)ud)++;
  return ERR_OK;
}

static int is_sqlite(tu_env_t *t) { return strcmp(store_backend(t->app.store), "sqlite") == 0; }



static err_t import_in(tu_env_t *t, const char *csv, long batch, pegawai_import_stats_t *s) {
  db_t *db;
  int rejected = 0;
  FILE *f = fmemopen((void *)csv, strlen(csv), "r");
  pegawai_import_opts_t o = {&t->app.keys, "uji", "uji.csv", batch, on_reject, NULL, NULL, &rejected};
  err_t e = store_acquire(t->app.store, &db);
  if (!e) {
    e = pegawai_import(db, f, &o, s);
    store_release(t->app.store, db);
  }
  fclose(f);
  return e;
}

static void exec_in(tu_env_t *t, const char *sql) {
  db_t *db;
  assert_int_equal(store_acquire(t->app.store, &db), ERR_OK);
  assert_int_equal(db_exec_script(db, sql), ERR_OK);
  store_release(t->app.store, db);
}

static void assert_audit_intact(tu_env_t *t) {
  db_t *db;
  audit_report_t rep;
  assert_int_equal(store_acquire(t->app.store, &db), ERR_OK);
  assert_int_equal(audit_verify(db, &t->app.keys, &rep), ERR_OK);
  store_release(t->app.store, db);
}

static int64_t nip_index(tu_env_t *t) {
  return tu_count(t, is_sqlite(t) ? "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name='pegawai_nip'"
                                  : "SELECT COUNT(*) FROM pg_indexes WHERE indexname='pegawai_nip'");
}

static void test_fresh_import_merges_repeated_nip(void **state) {
  tu_env_t t;
  assert_int_equal(tu_open(&t), 0);
  pegawai_import_stats_t s;
  /* batches of 2: the repeated NIP lands in another batch than its first row */
  const char *csv = HDR
      "197805122005011003,Budi Lama,Guru,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,,\n"
      "198001012006041001,Sri,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n"
      "199001012015031001,Tono,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n"
      "197805122005011003,Budi Baru,Kepala Sekolah,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,"
      "keluarga,Calon Nomor 1\n";
  assert_int_equal(import_in(&t, csv, 2, &s), ERR_OK);
  assert_int_equal(s.baris, 4);
  assert_int_equal(s.baru, 3);
  assert_int_equal(s.diperbarui, 1); /* the later row won */
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai"), 3);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai WHERE nip='197805122005011003' AND nama='Budi Baru'"
                                " AND jabatan='Kepala Sekolah' AND relasi='keluarga'"), 1);
  assert_int_equal(nip_index(&t), 1);
  /* the import log: one finished import with its counts; every row points at it */
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai_impor WHERE status='selesai' AND sumber='uji.csv'"
                                " AND baris=4 AND baru=3 AND diperbarui=1 AND ditolak=0 AND selesai IS NOT NULL"), 1);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai p JOIN pegawai_impor i ON i.id=p.impor_id"), 3);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM audit WHERE action='pegawai.impor.gabung'"
                                " AND details LIKE '%\"nip_ganda_digabung\":1%'"), 1);
  if (is_sqlite(&t)) { /* the connection is back in WAL mode with its foreign keys on */
    assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
    assert_int_equal(tu_count(&t, "SELECT foreign_keys FROM pragma_foreign_keys"), 1);
  }
  /* the unique index holds: importing the same file again updates every row */
  assert_int_equal(import_in(&t, csv, 0, &s), ERR_OK);
  assert_int_equal(s.baru, 0);
  assert_int_equal(s.diperbarui, 4);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai"), 3);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai WHERE impor_id=(SELECT MAX(id) FROM pegawai_impor)"), 3);
  /* update mode: a new NIP twice in the file is one new row, then updated */
  const char *twice = HDR
      "199505052020121001,Dewi,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n"
      "199505052020121001,Dewi Lestari,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n";
  assert_int_equal(import_in(&t, twice, 0, &s), ERR_OK);
  assert_int_equal(s.baru, 1);
  assert_int_equal(s.diperbarui, 1);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai WHERE nip='199505052020121001' AND nama='Dewi Lestari'"), 1);
  assert_audit_intact(&t);
  tu_close(&t);
}

static void test_killed_fresh_import_is_repaired(void **state) {
  tu_env_t t;
  assert_int_equal(tu_open(&t), 0);
  pegawai_import_stats_t s;
  const char *csv = HDR
      "197805122005011003,Budi,Guru,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,,\n"
      "198001012006041001,Sri,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,\n";
  assert_int_equal(import_in(&t, csv, 0, &s), ERR_OK);
  /* What a process killed between its batches and the end leaves: no NIP
   * index, a NIP twice (a later batch), and a pakta signature on the old row. */
  exec_in(&t, "DROP INDEX pegawai_nip;"
              " INSERT INTO pegawai(nip,nama,kategori,wilayah)"
              "  VALUES('197805122005011003','Budi Baru','asn','35.16.16');"
              " INSERT INTO pakta(tanggal,tempat,wilayah,versi_butir,dibuat_oleh,dibuat)"
              "  VALUES('2024-09-20','Jetis','35.16.16','2024.1','uji','2024-09-20T00:00:00Z');"
              " INSERT INTO pakta_penandatangan(pakta_id,pegawai_id,nama)"
              "  SELECT MAX(k.id),MIN(p.id),'Budi' FROM pakta k, pegawai p WHERE p.nip='197805122005011003';");
  assert_int_equal(nip_index(&t), 0);
  /* The killed import is still "berjalan" in the log. Started an hour ago, it may
   * be a first load still running: a server start leaves the registry alone. */
  char sql[256], hour_ago[CLOCK_ISO_LEN];
  clock_iso(clock_now() - 3600, hour_ago);
  snprintf(sql, sizeof sql,
           "INSERT INTO pegawai_impor(mulai,sumber,oleh,status) VALUES('%s','putus.csv','uji','berjalan')", hour_ago);
  exec_in(&t, sql);
  db_t *db;
  int applied = -1;
  assert_int_equal(store_acquire(t.app.store, &db), ERR_OK);
  assert_int_equal(store_migrate(db, &applied), ERR_OK);
  store_release(t.app.store, db);
  assert_int_equal(nip_index(&t), 0);
  /* A day later it is certainly dead: every server start (migrate) repairs. */
  exec_in(&t, "UPDATE pegawai_impor SET mulai='2000-01-01T00:00:00Z' WHERE sumber='putus.csv'");
  assert_int_equal(store_acquire(t.app.store, &db), ERR_OK);
  assert_int_equal(store_migrate(db, &applied), ERR_OK);
  store_release(t.app.store, db);
  assert_int_equal(applied, 0);
  assert_int_equal(nip_index(&t), 1);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai WHERE nip='197805122005011003'"), 1);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai WHERE nip='197805122005011003' AND nama='Budi Baru'"), 1);
  /* the signature follows the surviving row */
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pakta_penandatangan s JOIN pegawai p ON p.id=s.pegawai_id"
                                " WHERE p.nama='Budi Baru'"), 1);
  /* the next import marks the killed one as failed */
  assert_int_equal(import_in(&t, csv, 0, &s), ERR_OK);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai_impor WHERE sumber='putus.csv' AND status='gagal'"), 1);
  assert_int_equal(tu_count(&t, "SELECT COUNT(*) FROM pegawai_impor WHERE status='berjalan'"), 0);
  tu_close(&t);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fresh_import_merges_repeated_nip),
      cmocka_unit_test(test_killed_fresh_import_is_repaired),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
