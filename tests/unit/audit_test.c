/* audit_test.c — the hash chain verifies, and any edit, deletion or foreign key breaks it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain/audit.h"
#include "testutil.h"

static tu_env_t env;
static db_t *db;

static int setup(void **state) {
  if (tu_open(&env)) return -1;
  return store_acquire(env.app.store, &db) ? -1 : 0;
}
static int teardown(void **state) {
  store_release(env.app.store, db);
  tu_close(&env);
  return 0;
}

static err_t append3(db_t *d, void *ud) {
  err_t e = ERR_OK;
  for (int i = 0; i < 3 && !e; i++) {
    json_t *det = json_pack("{s:i}", "n", i);
    e = audit_append(d, &env.app.keys, "uji", "uji.aksi", "objek", det);
    json_decref(det);
  }
  return e;
}

static void test_chain_verifies(void **state) {
  audit_report_t rep;
  assert_int_equal(store_write(db, append3, NULL), ERR_OK);
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.count, 3);
  assert_int_equal(rep.bad_id, 0);
}

static void test_edit_breaks_chain_at_that_entry(void **state) {
  audit_report_t rep;
  int64_t id = 0;
  assert_int_equal(db_one_int(db, "SELECT MIN(id)+1 FROM audit", &id, ""), ERR_OK);
  assert_int_equal(db_exec(db, "UPDATE audit SET actor='penyusup' WHERE id=?", "i", id), ERR_OK);
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, id);
  assert_non_null(strstr(rep.reason, "diubah"));
}

static void test_other_key_fails(void **state) {
  keys_t other = env.app.keys;
  audit_report_t rep;
  other.audit[0] ^= 1;
  assert_int_equal(db_exec(db, "DELETE FROM audit", ""), ERR_OK);
  assert_int_equal(store_write(db, append3, NULL), ERR_OK);
  assert_int_equal(audit_verify(db, &other, &rep), ERR_OK);
  assert_true(rep.bad_id > 0);
}

static void test_deleted_middle_entry_detected(void **state) {
  audit_report_t rep;
  assert_int_equal(db_exec(db, "DELETE FROM audit", ""), ERR_OK);
  assert_int_equal(store_write(db, append3, NULL), ERR_OK);
  int64_t mid = 0;
  assert_int_equal(db_one_int(db, "SELECT MIN(id)+1 FROM audit", &mid, ""), ERR_OK);
  assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id=?", "i", mid), ERR_OK);
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, mid + 1);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chain_verifies),
      cmocka_unit_test(test_edit_breaks_chain_at_that_entry),
      cmocka_unit_test(test_other_key_fails),
      cmocka_unit_test(test_deleted_middle_entry_detected),
  };
  return cmocka_run_group_tests_name("audit", tests, setup, teardown);
}
