/* audit_test.c — the hash chain verifies, and any edit, deletion or foreign key breaks it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain/audit.h"
#include "store/store_audit.h"
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

/* Deleting the newest entries leaves a prefix that still verifies; a head
 * recorded earlier (id:hash) catches it, and a rebuilt entry with another
 * hash at that id too. */
static void test_checkpoint_detects_truncation(void **state) {
  audit_report_t rep;
  assert_int_equal(db_exec(db, "DELETE FROM audit", ""), ERR_OK);
  assert_int_equal(store_write(db, append3, NULL), ERR_OK);
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.count, 3);
  int64_t head = rep.last_id;
  char hash[65];
  snprintf(hash, sizeof hash, "%s", rep.last_hash);
  assert_int_equal(strlen(hash), 64);
  assert_int_equal(audit_verify_checkpoint(db, &env.app.keys, head, hash, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, 0);
  assert_int_equal(store_write(db, append3, NULL), ERR_OK); /* growth after the checkpoint is fine */
  assert_int_equal(audit_verify_checkpoint(db, &env.app.keys, head, hash, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, 0);
  assert_int_equal(db_exec(db, "DELETE FROM audit WHERE id>=?", "i", head), ERR_OK);
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, 0); /* the chain alone cannot tell */
  assert_int_equal(audit_verify_checkpoint(db, &env.app.keys, head, hash, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, head);
  assert_non_null(strstr(rep.reason, "tidak ada lagi"));
  hash[0] = hash[0] == 'a' ? 'b' : 'a';
  assert_int_equal(audit_verify_checkpoint(db, &env.app.keys, head - 1, hash, &rep), ERR_OK);
  assert_int_equal(rep.bad_id, head - 1);
  assert_non_null(strstr(rep.reason, "berbeda"));
}

static err_t append_kinds(db_t *d, void *ud) {
  static const char *const rows[][3] = {{"budi", "akun.tambah", "u1"},     {"budi", "akun.nonaktif", "u1"},
                                        {"siti", "identitas.buka", "K1"}, {"siti", "akunXtambah", "u2"},
                                        {"siti", "akun%", "u3"},          {"budi", "identitas.buka", "K2"}};
  err_t e = ERR_OK;
  for (size_t i = 0; i < sizeof rows / sizeof rows[0] && !e; i++)
    e = audit_append(d, &env.app.keys, rows[i][0], rows[i][1], rows[i][2], NULL);
  return e;
}

/* budi: an officer of a kecamatan of Kota Mojokerto (35.76); siti: of Kota Kediri (35.71). */
static err_t add_users(db_t *d, void *ud) {
  err_t e = account_add(d, &env.app.keys, "uji", "budi", "panwascam", "35.76.01", "Rahasia-123!", 0);
  return e ? e : account_add(d, &env.app.keys, "uji", "siti", "bawaslu", "35.71", "Rahasia-123!", 0);
}

typedef struct {
  char got[256];
} found_t;

static err_t note_found(void *ud, const audit_row_t *r) {
  found_t *f = ud;
  size_t n = strlen(f->got);
  snprintf(f->got + n, sizeof f->got - n, "%s%s/%s/%s", n ? " " : "", r->actor, r->action, r->object);
  return ERR_OK;
}

/* audit list: newest first; an action exactly or every action under a
 * "prefix."; '%' and '_' in the filter are text, not wildcards; object,
 * actor, since, the actors' wilayah and limit narrow it. */
static void test_search(void **state) {
  assert_int_equal(store_write(db, add_users, NULL), ERR_OK);
  assert_int_equal(db_exec(db, "DELETE FROM audit", ""), ERR_OK);
  assert_int_equal(store_write(db, append_kinds, NULL), ERR_OK);
  static const struct {
    audit_filter_t f;
    const char *want;
  } cases[] = {
      {{"identitas.buka", NULL, NULL, NULL, NULL, 50}, "budi/identitas.buka/K2 siti/identitas.buka/K1"},
      {{"akun.", NULL, NULL, NULL, NULL, 50}, "budi/akun.nonaktif/u1 budi/akun.tambah/u1"},
      {{"akun%", NULL, NULL, NULL, NULL, 50}, "siti/akun%/u3"},
      {{"akun_tambah", NULL, NULL, NULL, NULL, 50}, ""},
      {{NULL, "K1", NULL, NULL, NULL, 50}, "siti/identitas.buka/K1"},
      {{NULL, NULL, "siti", NULL, NULL, 2}, "siti/akun%/u3 siti/akunXtambah/u2"},
      {{"identitas.buka", NULL, "budi", NULL, NULL, 50}, "budi/identitas.buka/K2"},
      {{NULL, NULL, NULL, "2999-01-01", NULL, 50}, ""},
      {{NULL, NULL, NULL, "2000-01-01", NULL, 1}, "budi/identitas.buka/K2"},
      /* scope: the accounts of a wilayah and below */
      {{NULL, NULL, NULL, NULL, "35.76", 50}, "budi/identitas.buka/K2 budi/akun.nonaktif/u1 budi/akun.tambah/u1"},
      {{"identitas.buka", NULL, NULL, NULL, "35.71", 50}, "siti/identitas.buka/K1"},
      {{NULL, NULL, NULL, NULL, "35.16", 50}, ""},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    found_t f = {""};
    assert_int_equal(store_audit_search(db, &cases[i].f, note_found, &f), ERR_OK);
    if (strcmp(f.got, cases[i].want) != 0) fail_msg("kasus %zu: dapat '%s', harap '%s'", i, f.got, cases[i].want);
  }
}

typedef struct {
  int64_t id[64];
  int n, stop_at;
} seen_t;

static err_t note_id(void *ud, const audit_row_t *r) {
  seen_t *c = ud;
  if (c->n < 64) c->id[c->n] = r->id;
  c->n++;
  return c->n == c->stop_at ? ERR_DONE : ERR_OK;
}

/* The log is read in keyset pages: every page size visits every entry
 * once, in id order, and stopping early stops the reading. */
static void test_pages_visit_every_entry_once(void **state) {
  assert_int_equal(db_exec(db, "DELETE FROM audit", ""), ERR_OK);
  for (int i = 0; i < 7; i++) assert_int_equal(store_write(db, append3, NULL), ERR_OK);
  seen_t all = {{0}, 0, 0};
  assert_int_equal(store_audit_each(db, note_id, &all), ERR_OK);
  assert_int_equal(all.n, 21);
  for (int i = 1; i < all.n; i++) assert_true(all.id[i] > all.id[i - 1]);
  const int64_t pages[] = {1, 2, 5, 20, 21, 22};
  for (size_t p = 0; p < sizeof pages / sizeof *pages; p++) {
    seen_t got = {{0}, 0, 0};
    assert_int_equal(store_audit_each_page(db, pages[p], note_id, &got), ERR_OK);
    assert_int_equal(got.n, 21);
    assert_memory_equal(got.id, all.id, 21 * sizeof *all.id);
  }
  seen_t part = {{0}, 0, 8};
  assert_int_equal(store_audit_each_page(db, 5, note_id, &part), ERR_OK);
  assert_int_equal(part.n, 8);
  audit_report_t rep;
  assert_int_equal(audit_verify(db, &env.app.keys, &rep), ERR_OK);
  assert_int_equal(rep.count, 21);
  assert_int_equal(rep.bad_id, 0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_chain_verifies),
      cmocka_unit_test(test_pages_visit_every_entry_once),
      cmocka_unit_test(test_edit_breaks_chain_at_that_entry),
      cmocka_unit_test(test_other_key_fails),
      cmocka_unit_test(test_deleted_middle_entry_detected),
      cmocka_unit_test(test_checkpoint_detects_truncation),
      cmocka_unit_test(test_search),
  };
  return cmocka_run_group_tests_name("audit", tests, setup, teardown);
}
