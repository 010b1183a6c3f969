/*
 * deadline_test.c — the statutory deadline engine.
 *
 * The golden file tests/data/deadline_golden.csv holds hand-checked rows
 * (rezim, tahap, mulai, jatuh_tempo) against the shipped rule table and the
 * real 2024–2026 holiday calendar. The other tests cover what an officer
 * sees: urgency status, the kedaluwarsa flag on late reports, rows an admin
 * adds, bad data rejected with the field named, and `netral tenggat` output.
 * Run from the repository root (data/ is found there).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "cli/cmd_tenggat.h"
#include "core/assets.h"
#include "core/caldate.h"
#include "core/csv.h"
#include "core/mem.h"
#include "domain/deadline.h"

typedef struct {
  deadline_rules_t rules;
  deadline_calendar_t cal;
} fixture_t;

static int setup(void **state) {
  fixture_t *f = xcalloc(1, sizeof *f);
  if (!f) return -1;
  deadline_rules_init(&f->rules);
  deadline_calendar_init(&f->cal);
  if (deadline_load_shipped(&f->rules, &f->cal)) {
    fprintf(stderr, "gagal memuat data: %s\n", err_message(ERR_IO));
    return -1;
  }
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fixture_t *f = *state;
  deadline_rules_free(&f->rules);
  deadline_calendar_free(&f->cal);
  xfree(f);
  return 0;
}

static caldate_t day(const char *s) {
  caldate_t d = 0;
  assert_int_equal(caldate_parse(s, &d), ERR_OK);
  return d;
}

static caldatetime_t at(const char *s) {
  caldatetime_t t = 0;
  assert_int_equal(caldate_parse_datetime(s, &t, NULL), ERR_OK);
  return t;
}

/* ---- golden file --------------------------------------------------------- */

typedef struct {
  fixture_t *f;
  int rows, failures;
} golden_t;

static err_t golden_row(void *ud, long line, int nf, char **fl) {
  golden_t *g = ud;
  if (line == 1) return ERR_OK; /* header */
  assert_true(nf >= 4);
  caldatetime_t mulai;
  assert_int_equal(caldate_parse_datetime(fl[2], &mulai, NULL), ERR_OK);
  deadline_result_t res;
  err_t e = deadline_due(&g->f->rules, &g->f->cal, fl[0], fl[1], mulai, &res);
  char got[CALDATETIME_STR] = "";
  if (!e) deadline_format_due(&res, got, sizeof got);
  if (e || strcmp(got, fl[3]) != 0 || res.kalender_kurang) {
    fprintf(stderr, "golden baris %ld: %s %s %s: diharapkan %s, didapat %s (%s)\n", line, fl[0], fl[1], fl[2], fl[3],
            got, e ? err_message(e) : (nf > 4 ? fl[4] : ""));
    g->failures++;
  }
  g->rows++;
  return ERR_OK;
}

static void test_golden(void **state) {
  golden_t g = {.f = *state};
  char *data = NULL;
  size_t len = 0;
  assert_int_equal(file_read_all("tests/data/deadline_golden.csv", &data, &len), ERR_OK);
  assert_int_equal(csv_parse(data, len, golden_row, &g), ERR_OK);
  xfree(data);
  assert_true(g.rows >= 25);
  assert_int_equal(g.failures, 0);
}

/* ---- shipped rule table -------------------------------------------------- */

static void test_shipped_rules_complete(void **state) {
  fixture_t *f = *state;
  static const char *const tahap[] = {"laporan",    "temuan",   "kajian_awal",   "penanganan", "penanganan_diperpanjang",
                                      "pidana_ke_polisi", "verifikasi_bkn", "tindak_lanjut_ppk"};
  static const char *const rezim[] = {"pemilu", "pilkada"};
  for (size_t r = 0; r < 2; r++) {
    for (size_t t = 0; t < sizeof tahap / sizeof tahap[0]; t++) {
      const deadline_rule_t *rule = deadline_find(&f->rules, rezim[r], tahap[t]);
      assert_non_null(rule);
      assert_true(strlen(rule->dasar) > 0);
      if (*rule->perpanjangan) assert_non_null(deadline_find(&f->rules, rezim[r], rule->perpanjangan));
    }
  }
  /* The statutory anchors users will check first. */
  const deadline_rule_t *r = deadline_find(&f->rules, "pemilu", "laporan");
  assert_int_equal(r->jumlah, 7);
  assert_int_equal(r->satuan, DEADLINE_HARI_KERJA);
  assert_string_equal(r->dasar, "UU 7/2017 Ps 454 ayat (6)");
  r = deadline_find(&f->rules, "pilkada", "laporan");
  assert_int_equal(r->satuan, DEADLINE_HARI_KALENDER);
  assert_string_equal(r->dasar, "UU 10/2016 Ps 134 ayat (4)");
  r = deadline_find(&f->rules, "pemilu", "pidana_ke_polisi");
  assert_int_equal(r->jumlah, 24);
  assert_int_equal(r->satuan, DEADLINE_JAM);
  assert_int_equal(r->verifikasi, 1);
  assert_int_equal(deadline_find(&f->rules, "pilkada", "penanganan_diperpanjang")->jumlah, 5);
  assert_int_equal(deadline_find(&f->rules, "pemilu", "penanganan_diperpanjang")->jumlah, 14);
  /* Shared rows come from rezim "semua". */
  assert_string_equal(deadline_find(&f->rules, "pilkada", "verifikasi_bkn")->rezim, "semua");
  assert_null(deadline_find(&f->rules, "pemilu", "tidak_ada"));
}

static void test_working_days(void **state) {
  fixture_t *f = *state;
  static const struct {
    const char *date;
    int working;
  } rows[] = {
      {"2024-02-13", 1}, {"2024-02-14", 0}, /* Pemilu voting day */
      {"2024-02-17", 0},                    /* Saturday */
      {"2024-04-08", 0}, {"2024-04-16", 1}, /* cuti bersama / first day back */
      {"2024-11-27", 0}, {"2024-12-26", 0}, {"2024-12-27", 1}, {"2025-08-18", 0},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
    assert_int_equal(deadline_calendar_is_working_day(&f->cal, day(rows[i].date)), rows[i].working);
  const deadline_holiday_t *h = deadline_calendar_holiday(&f->cal, day("2024-04-10"));
  assert_non_null(h);
  assert_int_equal(h->jenis, DEADLINE_LIBUR_NASIONAL);
  assert_true(deadline_calendar_covers_year(&f->cal, 2025));
  assert_false(deadline_calendar_covers_year(&f->cal, 2027));
}

static void test_outside_calendar_flagged(void **state) {
  fixture_t *f = *state;
  deadline_result_t res;
  /* 2027 has no holidays yet: the count is done but flagged for the officer. */
  assert_int_equal(deadline_due(&f->rules, &f->cal, "pemilu", "laporan", at("2026-12-28"), &res), ERR_OK);
  assert_int_equal(res.kalender_kurang, 1);
  /* Calendar days never depend on holidays. */
  assert_int_equal(deadline_due(&f->rules, &f->cal, "pilkada", "laporan", at("2027-06-01"), &res), ERR_OK);
  assert_int_equal(res.kalender_kurang, 0);
  assert_int_equal(res.tanggal, day("2027-06-08"));
}

static void test_unknown_inputs(void **state) {
  fixture_t *f = *state;
  deadline_result_t res;
  assert_int_equal(deadline_due(&f->rules, &f->cal, "pileg", "laporan", at("2024-01-02"), &res), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "rezim");
  assert_int_equal(deadline_due(&f->rules, &f->cal, "semua", "laporan", at("2024-01-02"), &res), ERR_INVALID);
  assert_int_equal(deadline_due(&f->rules, &f->cal, "pemilu", "banding", at("2024-01-02"), &res), ERR_NOT_FOUND);
  assert_string_equal(err_field(ERR_NOT_FOUND), "tahap");
}

/* ---- late reports -------------------------------------------------------- */

static void test_report_kedaluwarsa(void **state) {
  fixture_t *f = *state;
  static const struct {
    const char *rezim, *diketahui, *diterima;
    int late;
  } rows[] = {
      {"pemilu", "2024-02-08", "2024-02-21", 0}, /* last day of the 7 hari kerja */
      {"pemilu", "2024-02-08", "2024-02-22", 1},
      {"pemilu", "2024-02-08", "2024-02-08", 0}, /* same day */
      {"pilkada", "2024-11-20", "2024-11-27", 0}, /* due on the voting holiday, not moved */
      {"pilkada", "2024-11-20", "2024-11-28", 1},
      {"pemilu", "2025-03-27", "2025-04-16", 0}, /* Lebaran 2025 stretches the window */
      {"pemilu", "2025-03-27", "2025-04-17", 1},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    int late = -1;
    deadline_result_t res;
    assert_int_equal(deadline_report_kedaluwarsa(&f->rules, &f->cal, rows[i].rezim, day(rows[i].diketahui),
                                                 day(rows[i].diterima), &late, &res),
                     ERR_OK);
    assert_int_equal(late, rows[i].late);
    assert_string_equal(res.rule->tahap, "laporan");
  }
  int late = -1;
  assert_int_equal(deadline_report_kedaluwarsa(&f->rules, &f->cal, "pemilu", day("2024-03-02"), day("2024-03-01"),
                                               &late, NULL),
                   ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "tanggal_diketahui");
}

/* ---- status -------------------------------------------------------------- */

static void test_status(void **state) {
  (void)state;
  caldatetime_t due = at("2024-02-21T23:59"); /* end of a day-rule due date */
  static const struct {
    const char *now;
    deadline_state_t want;
    const char *label;
  } rows[] = {
      {"2024-02-22T00:00", DEADLINE_TERLAMBAT, "Terlambat"},
      {"2024-03-30T12:00", DEADLINE_TERLAMBAT, "Terlambat"},
      {"2024-02-21T23:59", DEADLINE_KURANG_24_JAM, "Kurang dari 24 jam"},
      {"2024-02-21T00:00", DEADLINE_KURANG_24_JAM, "Kurang dari 24 jam"},
      {"2024-02-20T23:59", DEADLINE_KURANG_3_HARI, "Kurang dari 3 hari"}, /* exactly 24 h left */
      {"2024-02-19T00:00", DEADLINE_KURANG_3_HARI, "Kurang dari 3 hari"},
      {"2024-02-18T23:59", DEADLINE_AMAN, "Aman"}, /* exactly 3 days left */
      {"2024-02-08T00:00", DEADLINE_AMAN, "Aman"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    deadline_state_t s = deadline_status(due, at(rows[i].now));
    assert_int_equal(s, rows[i].want);
    assert_string_equal(deadline_state_label(s), rows[i].label);
  }
  assert_string_equal(deadline_state_code(DEADLINE_KURANG_24_JAM), "kurang_24_jam");
  /* Hour rules: due is the exact minute. */
  assert_int_equal(deadline_status(at("2024-02-15T10:30"), at("2024-02-15T10:31")), DEADLINE_TERLAMBAT);
  assert_int_equal(deadline_status(at("2024-02-15T10:30"), at("2024-02-14T10:30")), DEADLINE_KURANG_3_HARI);
}

/* ---- rows an admin edits ------------------------------------------------- */

static void test_rows_from_admin(void **state) {
  (void)state;
  deadline_rules_t r;
  deadline_calendar_t c;
  deadline_rules_init(&r);
  deadline_calendar_init(&c);
  deadline_rule_t row = {.rezim = "semua", .tahap = "tindak_lanjut_ppk", .jumlah = 3, .satuan = DEADLINE_HARI_KERJA,
                         .mulai = "rekomendasi", .dasar = "Pengingat internal", .verifikasi = 1};
  assert_int_equal(deadline_rules_add(&r, &row), ERR_OK);
  /* A regime-specific row overrides the shared one. */
  deadline_rule_t own = row;
  own.rezim = "pilkada";
  own.jumlah = 1;
  assert_int_equal(deadline_rules_add(&r, &own), ERR_OK);
  assert_int_equal(deadline_rules_add(&r, &own), ERR_CONFLICT);

  /* A one-off local holiday added by the admin moves the deadline. */
  assert_int_equal(deadline_calendar_add(&c, "2024-06-12", "cuti_bersama", "Libur lokal"), ERR_OK);
  assert_int_equal(deadline_calendar_add(&c, "2024-06-11", "libur_nasional", NULL), ERR_OK);
  assert_int_equal(c.items[0].tanggal, day("2024-06-11")); /* kept sorted */
  deadline_result_t res;
  /* Mon 10 Jun 2024: Tue 11 and Wed 12 off; Thu 13 (1), Fri 14 (2), Mon 17 (3). */
  assert_int_equal(deadline_due(&r, &c, "pemilu", "tindak_lanjut_ppk", at("2024-06-10"), &res), ERR_OK);
  assert_int_equal(res.tanggal, day("2024-06-17"));
  assert_int_equal(deadline_due(&r, &c, "pilkada", "tindak_lanjut_ppk", at("2024-06-10"), &res), ERR_OK);
  assert_int_equal(res.tanggal, day("2024-06-13"));

  /* Bad rows are refused with the field named. */
  static const struct {
    const char *field;
    deadline_rule_t row;
  } bad[] = {
      {"rezim", {.rezim = "pileg", .tahap = "x", .jumlah = 1, .mulai = "diterima", .dasar = "d"}},
      {"tahap", {.rezim = "pemilu", .tahap = "Kajian Awal", .jumlah = 1, .mulai = "diterima", .dasar = "d"}},
      {"jumlah", {.rezim = "pemilu", .tahap = "x", .jumlah = 0, .mulai = "diterima", .dasar = "d"}},
      {"satuan", {.rezim = "pemilu", .tahap = "x", .jumlah = 1, .satuan = DEADLINE_UNIT__COUNT, .mulai = "diterima", .dasar = "d"}},
      {"mulai", {.rezim = "pemilu", .tahap = "x", .jumlah = 1, .mulai = "kemarin", .dasar = "d"}},
      {"dasar", {.rezim = "pemilu", .tahap = "x", .jumlah = 1, .mulai = "diterima", .dasar = ""}},
      {"verifikasi", {.rezim = "pemilu", .tahap = "x", .jumlah = 1, .mulai = "diterima", .dasar = "d", .verifikasi = 2}},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(deadline_rules_add(&r, &bad[i].row), ERR_INVALID);
    assert_string_equal(err_field(ERR_INVALID), bad[i].field);
  }
  assert_int_equal(deadline_calendar_add(&c, "2024-02-30", "libur_nasional", "x"), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "tanggal");
  assert_int_equal(deadline_calendar_add(&c, "2024-02-20", "libur_daerah", "x"), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "jenis");
  deadline_rules_free(&r);
  deadline_calendar_free(&c);
}

static void test_csv_errors(void **state) {
  (void)state;
  deadline_rules_t r;
  deadline_rules_init(&r);
  static const char missing[] = "rezim,tahap,jumlah,satuan,mulai\npemilu,laporan,7,hari_kerja,diketahui\n";
  assert_int_equal(deadline_rules_load_csv(&r, missing, sizeof missing - 1), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "dasar"));
  static const char unit[] = "rezim,tahap,jumlah,satuan,mulai,dasar\npemilu,laporan,7,minggu,diketahui,UU\n";
  assert_int_equal(deadline_rules_load_csv(&r, unit, sizeof unit - 1), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "satuan");
  assert_non_null(strstr(err_message(ERR_INVALID), "Baris 2"));
  static const char num[] = "rezim,tahap,jumlah,satuan,mulai,dasar\npemilu,laporan,7x,jam,diketahui,UU\n";
  assert_int_equal(deadline_rules_load_csv(&r, num, sizeof num - 1), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "jumlah");
  deadline_rules_free(&r);

  deadline_calendar_t c;
  deadline_calendar_init(&c);
  static const char cal[] = "tanggal,jenis,nama\n2024-01-01,libur_nasional,Tahun Baru\n2024-13-01,libur_nasional,x\n";
  assert_int_equal(deadline_calendar_load_csv(&c, cal, sizeof cal - 1), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "Baris 3"));
  deadline_calendar_free(&c);
}

/* ---- netral tenggat ------------------------------------------------------ */

/* Run cmd_tenggat with stdout/stderr captured into out/errbuf. */
static int run_cli(char *out, size_t cap, char *errbuf, size_t ecap, int argc, char **argv) {
  fflush(stdout);
  fflush(stderr);
  FILE *fo = tmpfile(), *fe = tmpfile();
  assert_non_null(fo);
  assert_non_null(fe);
  int so = dup(1), se = dup(2);
  dup2(fileno(fo), 1);
  dup2(fileno(fe), 2);
  int rc = cmd_tenggat(argc, argv);
  fflush(stdout);
  fflush(stderr);
  dup2(so, 1);
  dup2(se, 2);
  close(so);
  close(se);
  rewind(fo);
  rewind(fe);
  size_t n = fread(out, 1, cap - 1, fo);
  out[n] = '\0';
  n = fread(errbuf, 1, ecap - 1, fe);
  errbuf[n] = '\0';
  fclose(fo);
  fclose(fe);
  return rc;
}

static void test_cli(void **state) {
  (void)state;
  char out[2048], errb[2048];
  char *json[] = {"tenggat", "--rezim", "pemilu", "--tahap", "laporan", "--mulai", "2024-02-05", "--json"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 8, json), 0);
  assert_non_null(strstr(out, "{\"jatuh_tempo\":\"2024-02-19\",\"dasar\":\"UU 7/2017 Ps 454 ayat (6)\""));

  char *text[] = {"tenggat", "--rezim=pemilu", "--tahap=laporan", "--mulai=2024-02-08"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 4, text), 0);
  assert_string_equal(out, "Jatuh tempo: Rabu, 21 Februari 2024 (7 hari kerja sejak 2024-02-08)\n"
                           "Dasar: UU 7/2017 Ps 454 ayat (6)\n");

  char *jam[] = {"tenggat", "--rezim", "pemilu", "--tahap", "pidana_ke_polisi", "--mulai", "2024-12-31T18:00", "--json"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 8, jam), 0);
  assert_non_null(strstr(out, "\"jatuh_tempo\":\"2025-01-01T18:00\""));
  assert_non_null(strstr(out, "\"verifikasi\":true"));

  char *bad_date[] = {"tenggat", "--rezim", "pemilu", "--tahap", "laporan", "--mulai", "2024-02-30"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 7, bad_date), 2);
  assert_non_null(strstr(errb, "--mulai: tanggal tidak valid, gunakan YYYY-MM-DD"));

  char *bad_rezim[] = {"tenggat", "--rezim", "pileg", "--tahap", "laporan", "--mulai", "2024-02-05"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 7, bad_rezim), 2);
  assert_non_null(strstr(errb, "--rezim"));

  char *bad_tahap[] = {"tenggat", "--rezim", "pilkada", "--tahap", "banding", "--mulai", "2024-02-05"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 7, bad_tahap), 2);
  assert_non_null(strstr(errb, "--tahap"));
  assert_non_null(strstr(errb, "kajian_awal"));

  char *missing[] = {"tenggat", "--rezim", "pemilu", "--tahap"};
  assert_int_equal(run_cli(out, sizeof out, errb, sizeof errb, 4, missing), 2);
  assert_non_null(strstr(errb, "--tahap"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_shipped_rules_complete),
      cmocka_unit_test(test_working_days),
      cmocka_unit_test(test_outside_calendar_flagged),
      cmocka_unit_test(test_unknown_inputs),
      cmocka_unit_test(test_report_kedaluwarsa),
      cmocka_unit_test(test_status),
      cmocka_unit_test(test_rows_from_admin),
      cmocka_unit_test(test_csv_errors),
      cmocka_unit_test(test_cli),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
