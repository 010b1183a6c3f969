/* workflow_test.c — every (state, target, role) against tests/data/workflow_matrix.csv,
 * required fields against tests/data/workflow_fields.csv, and the messages users see. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/role.h"
#include "domain/workflow.h"
#include "core/banned.h"

enum { NS = WORKFLOW__COUNT };

/* expected[from][to][role index]: -1 no such step, 0 forbidden, 1 allowed */
static int expected[NS][NS][ROLE_COUNT];
static json_t *ok_fields[NS][NS];

static workflow_state_t state_of(const char *name) {
  workflow_state_t s;
  if (workflow_state_parse(name, &s) != ERR_OK) fail_msg("unknown state %s in golden", name);
  return s;
}

static err_t matrix_row(void *ud, long line, int nf, char **f) {
  (void)ud;
  if (line == 1) {
    size_t n;
    const role_t *roles = role_all(&n);
    assert_int_equal(nf, 2 + ROLE_COUNT);
    for (size_t r = 0; r < n; r++) assert_string_equal(f[2 + r], role_code(roles[r]));
    return ERR_OK;
  }
  assert_int_equal(nf, 2 + ROLE_COUNT);
  workflow_state_t a = state_of(f[0]), b = state_of(f[1]);
  for (int r = 0; r < ROLE_COUNT; r++) expected[a][b][r] = f[2 + r][0] == '1';
  return ERR_OK;
}

typedef struct {
  int failures, rows;
} fields_t;

static err_t fields_row(void *ud, long line, int nf, char **f) {
  fields_t *g = ud;
  if (line == 1) return ERR_OK;
  assert_int_equal(nf, 4);
  g->rows++;
  workflow_state_t a = state_of(f[0]), b = state_of(f[1]);
  json_error_t jerr;
  json_t *j = json_loads(f[2], 0, &jerr);
  if (!j) fail_msg("line %ld: bad JSON %s", line, f[2]);
  err_clear();
  err_t e = workflow_check(a, b, ROLE_ADMIN, j);
  if (strcmp(f[3], "ok") == 0) {
    if (e != ERR_OK) {
      print_error("line %ld: %s->%s refused: %s\n", line, f[0], f[1], err_message(e));
      g->failures++;
    }
    if (!ok_fields[a][b]) ok_fields[a][b] = json_incref(j);
  } else if (e != ERR_INVALID || strcmp(err_field(e), f[3]) != 0) {
    print_error("line %ld: %s->%s got %d field '%s' (%s) want field %s\n", line, f[0], f[1], e, err_field(e),
                err_message(e), f[3]);
    g->failures++;
  } else if (strlen(err_message(e)) < 15) {
    print_error("line %ld: message too terse: %s\n", line, err_message(e));
    g->failures++;
  }
  json_decref(j);
  return ERR_OK;
}

static void load(const char *path, csv_row_fn fn, void *ud) {
  char *data = NULL;
  size_t len = 0;
  assert_int_equal(file_read_all(path, &data, &len), ERR_OK);
  assert_int_equal(csv_parse(data, len, fn, ud), ERR_OK);
  xfree(data);
}

static int setup(void **state) {
  (void)state;
  for (int a = 0; a < NS; a++)
    for (int b = 0; b < NS; b++)
      for (int r = 0; r < ROLE_COUNT; r++) expected[a][b][r] = -1;
  return 0;
}

static int teardown(void **state) {
  (void)state;
  for (int a = 0; a < NS; a++)
    for (int b = 0; b < NS; b++) json_decref(ok_fields[a][b]);
  return 0;
}

static void test_fields_golden(void **state) {
  (void)state;
  fields_t g = {0};
  load("tests/data/workflow_fields.csv", fields_row, &g);
  assert_true(g.rows >= 40);
  assert_int_equal(g.failures, 0);
}

/* Runs after test_fields_golden, which collected valid fields per step. */
static void test_matrix_every_pair_every_role(void **state) {
  (void)state;
  size_t nroles;
  const role_t *roles = role_all(&nroles);
  int steps = 0, failures = 0;
  load("tests/data/workflow_matrix.csv", matrix_row, NULL);
  for (int a = 0; a < NS; a++) {
    for (int b = 0; b < NS; b++) {
      if (expected[a][b][0] >= 0) {
        steps++;
        if (!ok_fields[a][b]) fail_msg("no valid fields row for %s->%s", workflow_state_name(a), workflow_state_name(b));
      }
      for (size_t r = 0; r < nroles; r++) {
        err_t want = expected[a][b][r] < 0 ? ERR_CONFLICT : expected[a][b][r] ? ERR_OK : ERR_FORBIDDEN;
        err_t got = workflow_check(a, b, roles[r], ok_fields[a][b]);
        if (got != want) {
          print_error("%s -> %s as %s: got %s want %s\n", workflow_state_name(a), workflow_state_name(b),
                      role_code(roles[r]), err_code_str(got), err_code_str(want));
          failures++;
        }
      }
    }
  }
  size_t rows;
  workflow_table(&rows);
  assert_int_equal(steps, (int)rows);
  assert_int_equal(failures, 0);
}

static void test_allowed_lists_match_matrix(void **state) {
  (void)state;
  size_t nroles;
  const role_t *roles = role_all(&nroles);
  for (int a = 0; a < NS; a++) {
    for (size_t r = 0; r < nroles; r++) {
      const workflow_transition_t *out[NS];
      size_t n = workflow_allowed(a, roles[r], out, NS);
      size_t want = 0;
      for (int b = 0; b < NS; b++) want += expected[a][b][r] == 1;
      assert_int_equal(n, want);
      for (size_t i = 0; i < n; i++) {
        assert_int_equal(out[i]->from, a);
        assert_int_equal(expected[a][out[i]->to][r], 1);
        assert_non_null(out[i]->aksi);
      }
    }
    /* a user holding two roles gets the union */
    size_t both = workflow_allowed(a, ROLE_PKD | ROLE_PEMDA, NULL, 0);
    size_t want = 0;
    for (int b = 0; b < NS; b++) want += expected[a][b][0] == 1 || expected[a][b][3] == 1;
    assert_int_equal(both, want);
  }
}

static void test_conflict_message_lists_actions(void **state) {
  (void)state;
  err_t e = workflow_check(WORKFLOW_KAJIAN_AWAL, WORKFLOW_PUTUSAN, ROLE_BAWASLU, NULL);
  assert_int_equal(e, ERR_CONFLICT);
  const char *m = err_message(e);
  assert_non_null(strstr(m, "Kajian awal"));
  assert_non_null(strstr(m, "Registrasi laporan"));
  assert_non_null(strstr(m, "Minta kelengkapan laporan"));
  assert_non_null(strstr(m, "Tidak diregistrasi"));
  assert_null(strstr(m, "Tetapkan putusan"));
  assert_string_equal(err_field(e), "ke");
  e = workflow_check(WORKFLOW_SELESAI, WORKFLOW_KAJIAN, ROLE_ADMIN, NULL);
  assert_int_equal(e, ERR_CONFLICT);
  assert_non_null(strstr(err_message(e), "sudah final"));
  assert_true(workflow_state_final(WORKFLOW_SELESAI));
  assert_true(workflow_state_final(WORKFLOW_TIDAK_DIREGISTRASI));
  assert_false(workflow_state_final(WORKFLOW_DITERUSKAN));
}

static void test_forbidden_message_names_roles(void **state) {
  (void)state;
  json_t *f = json_pack("{s:s}", "alasan", "syarat_formal");
  err_t e = workflow_check(WORKFLOW_KAJIAN_AWAL, WORKFLOW_TIDAK_DIREGISTRASI, ROLE_PKD, f);
  assert_int_equal(e, ERR_FORBIDDEN);
  assert_non_null(strstr(err_message(e), "Panwaslu Kecamatan"));
  assert_non_null(strstr(err_message(e), "Bawaslu Kabupaten/Kota"));
  assert_null(strstr(err_message(e), "Pengawas Kelurahan/Desa"));
  /* the role check comes before field checks: no field leak to the unauthorised */
  e = workflow_check(WORKFLOW_DITERUSKAN, WORKFLOW_DITINDAKLANJUTI, ROLE_PKD, NULL);
  assert_int_equal(e, ERR_FORBIDDEN);
  json_decref(f);
}

static void test_tahap(void **state) {
  (void)state;
  json_t *bkn = json_pack("{s:s}", "penerima", "bkn_ppk");
  json_t *gak = json_pack("{s:s}", "penerima", "gakkumdu");
  const workflow_transition_t *t = workflow_find(WORKFLOW_PUTUSAN, WORKFLOW_DITERUSKAN);
  assert_non_null(t);
  assert_string_equal(workflow_tahap(t, bkn), "tindak_lanjut_ppk");
  assert_string_equal(workflow_tahap(t, gak), "pidana_ke_polisi");
  assert_string_equal(workflow_tahap(workflow_find(WORKFLOW_KAJIAN_AWAL, WORKFLOW_DIREGISTRASI), NULL), "penanganan");
  assert_string_equal(workflow_tahap(workflow_find(WORKFLOW_KAJIAN, WORKFLOW_KLARIFIKASI), NULL),
                      "penanganan_diperpanjang");
  assert_null(workflow_tahap(workflow_find(WORKFLOW_KLARIFIKASI, WORKFLOW_KAJIAN), NULL));
  assert_null(workflow_tahap(NULL, NULL));
  json_decref(bkn);
  json_decref(gak);
}

static void test_initial_and_names(void **state) {
  (void)state;
  workflow_state_t s;
  const char *tahap = "x";
  assert_int_equal(workflow_initial("laporan", &s, &tahap), ERR_OK);
  assert_int_equal(s, WORKFLOW_DITERIMA);
  assert_string_equal(tahap, "kajian_awal");
  assert_int_equal(workflow_initial("temuan", &s, &tahap), ERR_OK);
  assert_string_equal(tahap, "temuan");
  assert_int_equal(workflow_initial("informasi_awal", &s, &tahap), ERR_OK);
  assert_int_equal(s, WORKFLOW_INFORMASI_AWAL);
  assert_null(tahap);
  assert_int_equal(workflow_initial("temuan", &s, NULL), ERR_OK);
  assert_int_equal(s, WORKFLOW_TEMUAN);
  assert_int_equal(workflow_initial("aduan", &s, NULL), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "jenis");
  for (int i = 0; i < NS; i++) {
    assert_int_equal(workflow_state_parse(workflow_state_name(i), &s), ERR_OK);
    assert_int_equal(s, i);
    assert_true(strlen(workflow_state_label(i)) > 3);
  }
  assert_int_equal(workflow_state_parse("ditutup", &s), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "ke");
  size_t n;
  const role_t *roles = role_all(&n);
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(role_parse(role_code(roles[i])), roles[i]);
    assert_non_null(role_label(roles[i]));
  }
  assert_int_equal(role_parse("publik"), ROLE_NONE);
}

static err_t tenggat_row(void *ud, long line, int nf, char **f) {
  char *known = ud;
  if (line == 1 || nf < 2) return ERR_OK;
  size_t o = strlen(known);
  snprintf(known + o, 4096 - o, "|%s|", f[1]);
  return ERR_OK;
}

/* Every deadline stage the workflow starts is a row of data/tenggat.csv. */
static void test_tahap_names_exist_in_tenggat(void **state) {
  (void)state;
  char known[4096] = "", *data = NULL, needle[80];
  size_t len = 0, n;
  assert_int_equal(assets_read("tenggat.csv", &data, &len), ERR_OK);
  assert_int_equal(csv_parse(data, len, tenggat_row, known), ERR_OK);
  xfree(data);
  const workflow_transition_t *rows = workflow_table(&n);
  json_t *gak = json_pack("{s:s}", "penerima", "gakkumdu");
  for (size_t i = 0; i < n; i++) {
    const char *names[] = {rows[i].tahap, workflow_tahap(&rows[i], gak)};
    for (size_t k = 0; k < 2; k++) {
      if (!names[k]) continue;
      snprintf(needle, sizeof needle, "|%s|", names[k]);
      if (!strstr(known, needle)) fail_msg("tahap %s not in data/tenggat.csv", names[k]);
    }
  }
  const char *jenis[] = {"laporan", "temuan", "informasi_awal"};
  for (size_t i = 0; i < 3; i++) {
    workflow_state_t s;
    const char *t = NULL;
    assert_int_equal(workflow_initial(jenis[i], &s, &t), ERR_OK);
    if (!t) continue;
    snprintf(needle, sizeof needle, "|%s|", t);
    if (!strstr(known, needle)) fail_msg("tahap %s not in data/tenggat.csv", t);
  }
  json_decref(gak);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fields_golden),
      cmocka_unit_test(test_matrix_every_pair_every_role),
      cmocka_unit_test(test_allowed_lists_match_matrix),
      cmocka_unit_test(test_conflict_message_lists_actions),
      cmocka_unit_test(test_forbidden_message_names_roles),
      cmocka_unit_test(test_tahap),
      cmocka_unit_test(test_initial_and_names),
      cmocka_unit_test(test_tahap_names_exist_in_tenggat),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
