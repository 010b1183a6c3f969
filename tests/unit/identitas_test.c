/* identitas_test.c — NIK/NIP checks and name matching, driven by
 * tests/data/identitas_golden.csv (jenis,masukan,harapan,catatan). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/identitas.h"
#include "core/banned.h"

typedef struct {
  int rows, failures;
  int seen_nik, seen_nip, seen_nama, seen_mirip;
} golden_t;

static void check_id(golden_t *g, long line, const char *jenis, const char *in, const char *want) {
  const char *field = strcmp(jenis, "nik") == 0 ? "pelapor.nik" : "terlapor.nip";
  err_clear();
  err_t e = strcmp(jenis, "nik") == 0 ? identitas_nik_check(in, field, NULL) : identitas_nip_check(in, field, NULL);
  if (strcmp(want, "ok") == 0) {
    if (e != ERR_OK) {
      print_error("line %ld: %s %s refused: %s\n", line, jenis, in, err_message(e));
      g->failures++;
    }
    return;
  }
  const char *reason = strncmp(want, "invalid:", 8) == 0 ? want + 8 : "";
  if (e != ERR_INVALID || strcmp(err_field(e), field) != 0 || !strstr(err_message(e), reason)) {
    print_error("line %ld: %s %s: got %d '%s' want %s\n", line, jenis, in, e, e ? err_message(e) : "", want);
    g->failures++;
  }
}

static void check_mirip(golden_t *g, long line, const char *in, const char *want) {
  char a[256];
  const char *bar = strchr(in, '|');
  assert_non_null(bar);
  snprintf(a, sizeof a, "%.*s", (int)(bar - in), in);
  double s = nama_mirip(a, bar + 1), limit = strtod(want + (want[1] == '=' ? 2 : 1), NULL);
  int ok = want[0] == '>' ? s >= limit : s < limit;
  if (!ok || s < 0.0 || s > 1.0) {
    print_error("line %ld: mirip(%s, %s) = %.3f want %s\n", line, a, bar + 1, s, want);
    g->failures++;
  }
  if (fabs(s - nama_mirip(bar + 1, a)) > 1e-9) {
    print_error("line %ld: mirip not symmetric\n", line);
    g->failures++;
  }
}

static err_t golden_row(void *ud, long line, int nf, char **f) {
  golden_t *g = ud;
  if (line == 1) return ERR_OK; /* header */
  assert_true(nf >= 3);
  g->rows++;
  if (strcmp(f[0], "nik") == 0 || strcmp(f[0], "nip") == 0) {
    check_id(g, line, f[0], f[1], f[2]);
    *(f[0][2] == 'k' ? &g->seen_nik : &g->seen_nip) += 1;
  } else if (strcmp(f[0], "nama") == 0) {
    char out[NAMA_MAX];
    g->seen_nama++;
    if (nama_normalise(f[1], out, sizeof out) != ERR_OK || strcmp(out, f[2]) != 0) {
      print_error("line %ld: nama '%s' -> '%s' want '%s'\n", line, f[1], out, f[2]);
      g->failures++;
    }
  } else if (strcmp(f[0], "mirip") == 0) {
    g->seen_mirip++;
    check_mirip(g, line, f[1], f[2]);
  } else {
    fail_msg("line %ld: unknown jenis %s", line, f[0]);
  }
  return ERR_OK;
}

static void test_golden(void **state) {
  (void)state;
  char *data = NULL;
  size_t len = 0;
  golden_t g = {0};
  assert_int_equal(file_read_all("tests/data/identitas_golden.csv", &data, &len), ERR_OK);
  assert_int_equal(csv_parse(data, len, golden_row, &g), ERR_OK);
  xfree(data);
  assert_true(g.seen_nik >= 10 && g.seen_nip >= 10 && g.seen_nama >= 10 && g.seen_mirip >= 5);
  assert_int_equal(g.failures, 0);
}

static void test_decoded_fields(void **state) {
  (void)state;
  identitas_nik_t k;
  assert_int_equal(identitas_nik_check("3576015508850002", "pelapor.nik", &k), ERR_OK);
  assert_int_equal(k.provinsi, 35);
  assert_int_equal(k.kabkota, 76);
  assert_int_equal(k.hari, 15);
  assert_int_equal(k.bulan, 8);
  assert_int_equal(k.tahun2, 85);
  assert_int_equal(k.perempuan, 1);
  identitas_nip_t p;
  assert_int_equal(identitas_nip_check("199001012021212005", "terlapor.nip", &p), ERR_OK);
  assert_int_equal(p.pppk, 1);
  assert_int_equal(p.perempuan, 1);
  assert_int_equal(p.tmt_tahun, 2021);
  assert_int_equal(p.urut, 5);
}

static void test_normalise_small_buffer(void **state) {
  (void)state;
  char out[6];
  assert_int_equal(nama_normalise("Budi Santoso", out, sizeof out), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "nama");
  assert_int_equal(nama_normalise("Budi", out, sizeof out), ERR_OK);
  assert_string_equal(out, "budi");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_decoded_fields),
      cmocka_unit_test(test_normalise_small_buffer),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
