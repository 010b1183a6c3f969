/* store_test.c — SQLite backend: migrations, reference data, transactions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdint.h>

#include "store/store_wilayah.h"
#include "testutil.h"

static tu_env_t env;

static int setup(void **state) { return tu_open(&env); }
static int teardown(void **state) { tu_close(&env); return 0; }

static void test_migrations_load_wilayah(void **state) {
  db_t *db;
  wilayah_row_t w;
  int64_t n = 0;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(store_wilayah_count(db, &n), ERR_OK);
  /* 552 national rows + 9,199 Jawa Timur rows, 39 of them shared (35 and its kab/kota). */
  assert_int_equal(n, 552 + 9199 - 39);
  assert_int_equal(store_wilayah_get(db, "35.16.16", &w), ERR_OK);
  assert_string_equal(w.nama, "Jetis");
  assert_string_equal(w.induk, "35.16");
  assert_int_equal(store_wilayah_get(db, "99.99", &w), ERR_NOT_FOUND);
  assert_int_equal(store_schema_version(db), migrations_latest());
  store_release(env.app.store, db);
}

static void test_migrate_twice_is_noop(void **state) {
  db_t *db;
  int applied = -1;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(store_migrate(db, &applied), ERR_OK);
  assert_int_equal(applied, 0);
  store_release(env.app.store, db);
}

static err_t insert_then_fail(db_t *db, void *ud) {
  err_t e = db_exec(db, "INSERT INTO kalender(tanggal,jenis,nama) VALUES('2030-01-01','libur_nasional','Uji')", "");
  if (e) return e;
  return err_set(ERR_INVALID, "x", "gagal sengaja");
}

static void test_failed_write_leaves_nothing(void **state) {
  db_t *db;
  int64_t n = -1;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(store_write(db, insert_then_fail, NULL), ERR_INVALID);
  assert_int_equal(db_one_int(db, "SELECT COUNT(*) FROM kalender WHERE tanggal='2030-01-01'", &n, ""), ERR_OK);
  assert_int_equal(n, 0);
  store_release(env.app.store, db);
}

static err_t insert_dup(db_t *db, void *ud) {
  return db_exec(db, "INSERT INTO kalender(tanggal,jenis,nama) VALUES('2024-01-01','libur_nasional','Dup')", "");
}

static void test_constraint_is_conflict(void **state) {
  db_t *db;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(store_write(db, insert_dup, NULL), ERR_CONFLICT);
  store_release(env.app.store, db);
}

/* Group commit: 8 threads × 40 writes; every third write fails on purpose
 * and must leave nothing, the others must all be there, and each failure
 * must come back to its own thread with its own field. */
enum { GC_THREADS = 8, GC_WRITES = 40 };
typedef struct {
  int thread, i;
} gc_arg_t;

static err_t gc_fn(db_t *db, void *ud) {
  gc_arg_t *a = ud;
  char day[48], name[48];
  snprintf(day, sizeof day, "2031-%02d-%02d", a->thread + 1, a->i % 28 + 1);
  snprintf(name, sizeof name, "t%d-%d", a->thread, a->i);
  err_t e = db_exec(db, "INSERT INTO kalender(tanggal,jenis,nama) VALUES(?,'cuti_bersama',?)", "tt", day, name);
  if (e) return e;
  if (a->i % 3 == 2) return err_set(ERR_INVALID, name, "gagal %s", name);
  return ERR_OK;
}

static void *gc_thread(void *p) {
  int t = (int)(intptr_t)p, bad = 0;
  db_t *db;
  if (store_acquire(env.app.store, &db)) return (void *)1;
  for (int i = 0; i < 28; i++) {
    gc_arg_t a = {t, i};
    err_t e = store_write(db, gc_fn, &a);
    char name[32];
    snprintf(name, sizeof name, "t%d-%d", t, i);
    if (i % 3 == 2) bad |= e != ERR_INVALID || strcmp(err_field(e), name) != 0;
    else bad |= e != ERR_OK;
  }
  store_release(env.app.store, db);
  return (void *)(intptr_t)bad;
}

static void test_group_commit_isolates_failures(void **state) {
  pthread_t th[GC_THREADS];
  for (int t = 0; t < GC_THREADS; t++) pthread_create(&th[t], NULL, gc_thread, (void *)(intptr_t)t);
  int bad = 0;
  for (int t = 0; t < GC_THREADS; t++) {
    void *r;
    pthread_join(th[t], &r);
    bad |= (int)(intptr_t)r;
  }
  assert_int_equal(bad, 0);
  db_t *db;
  int64_t n = 0;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(db_one_int(db, "SELECT COUNT(*) FROM kalender WHERE tanggal LIKE '2031-%'", &n, ""), ERR_OK);
  assert_int_equal(n, GC_THREADS * (28 - 28 / 3));
  store_release(env.app.store, db);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_migrations_load_wilayah),
      cmocka_unit_test(test_migrate_twice_is_noop),
      cmocka_unit_test(test_failed_write_leaves_nothing),
      cmocka_unit_test(test_constraint_is_conflict),
      cmocka_unit_test(test_group_commit_isolates_failures),
  };
  return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
