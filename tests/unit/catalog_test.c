/* catalog_test.c — the shipped violation catalog against tests/data/catalog_golden.csv,
 * and refusal of tables that break its legal shape. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/catalog.h"
#include "core/banned.h"

static catalog_t *cat;

static int setup(void **state) {
  (void)state;
  return catalog_load(&cat) == ERR_OK ? 0 : -1;
}
static int teardown(void **state) {
  (void)state;
  catalog_free(cat);
  return 0;
}

typedef struct {
  int rows, failures;
} golden_t;

static int list_has(const catalog_item_t **items, size_t n, const char *kode) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(items[i]->kode, kode) == 0) return 1;
  return 0;
}

static err_t golden_row(void *ud, long line, int nf, char **f) {
  golden_t *g = ud;
  if (line == 1) return ERR_OK;
  assert_int_equal(nf, 3);
  g->rows++;
  if (strcmp(f[0], "default") == 0) {
    const char *got = catalog_default_otoritas(cat, f[1]);
    if (strcmp(got ? got : "", f[2]) != 0) {
      print_error("line %ld: default(%s) = %s want %s\n", line, f[1], got ? got : "(none)", f[2]);
      g->failures++;
    }
  } else if (strcmp(f[0], "item") == 0) {
    const catalog_item_t *it = catalog_find(cat, f[1]);
    char got[128] = "";
    if (it) snprintf(got, sizeof got, "%s|%s|%s", it->keluarga, it->tingkat, it->otoritas);
    if (strcmp(got, f[2]) != 0) {
      print_error("line %ld: item %s = %s want %s\n", line, f[1], got, f[2]);
      g->failures++;
    }
  } else if (strcmp(f[0], "list") == 0) {
    const catalog_item_t *items[128];
    size_t n = catalog_list(cat, f[1], items, 128);
    assert_true(n > 0 && n <= 128);
    char want[512];
    snprintf(want, sizeof want, "%s", f[2]);
    for (char *p = want; *p;) {
      char *sp = strchr(p, ' ');
      if (sp) *sp = '\0';
      int in = list_has(items, n, p + 1);
      if (in != (p[0] == '+')) {
        print_error("line %ld: list(%s) %s\n", line, f[1], p);
        g->failures++;
      }
      if (!sp) break;
      p = sp + 1;
    }
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
  assert_int_equal(file_read_all("tests/data/catalog_golden.csv", &data, &len), ERR_OK);
  assert_int_equal(csv_parse(data, len, golden_row, &g), ERR_OK);
  xfree(data);
  assert_true(g.rows >= 30);
  assert_int_equal(g.failures, 0);
}

/* Invariants of the shipped table an officer relies on. */
static void test_shipped_table_shape(void **state) {
  (void)state;
  assert_true(catalog_count(cat) >= 25);
  size_t etik = 0, disiplin = 0, pidana = 0;
  for (size_t i = 0; i < catalog_count(cat); i++) {
    const catalog_item_t *it = catalog_at(cat, i);
    assert_non_null(catalog_otoritas_find(cat, it->otoritas));
    assert_true(strlen(it->dasar) > 5);
    if (strcmp(it->keluarga, "etik") == 0) etik++;
    if (strcmp(it->keluarga, "disiplin") == 0) {
      disiplin++;
      assert_int_equal(it->verifikasi, 1); /* DOMAIN.md: verify each item's level */
    }
    if (strcmp(it->keluarga, "pidana") == 0) {
      pidana++;
      assert_string_equal(it->otoritas, "gakkumdu");
    }
  }
  assert_true(etik >= 7 && disiplin >= 7 && pidana >= 4);
  assert_null(catalog_at(cat, catalog_count(cat)));
  const catalog_otoritas_t *o = catalog_otoritas_find(cat, "bkn_ppk");
  assert_non_null(o);
  assert_non_null(strstr(o->nama, "BKPSDM"));
  assert_non_null(catalog_otoritas_find(cat, "dkpp"));
  assert_string_equal(catalog_kategori_label("kepala_desa"), "Kepala desa");
  assert_null(catalog_kategori_label("pns"));
  assert_int_equal(catalog_list(cat, "pns", NULL, 0), 0);
}

static const char otoritas_ok[] =
    "kode,nama,kategori_default,dasar\n"
    "bkn_ppk,BKN / PPK,asn|pppk,UU 20/2023\n"
    "ankum_puspom,Ankum,tni,UU 34/2004\n"
    "propam,Propam,polri,UU 2/2002\n"
    "bupati_walikota,Bupati,kepala_desa|perangkat_desa|bpd,UU 6/2014\n"
    "gakkumdu,Gakkumdu,lainnya,UU 7/2017\n";
static const char items_head[] = "kode,teks,keluarga,tingkat,dasar,kategori,otoritas,verifikasi\n";

static err_t parse_items(const char *rows, const char *otoritas) {
  char buf[1024];
  catalog_t *c = NULL;
  snprintf(buf, sizeof buf, "%s%s", items_head, rows);
  err_clear();
  err_t e = catalog_parse(buf, strlen(buf), otoritas, strlen(otoritas), &c);
  if (e == ERR_OK) {
    assert_non_null(c);
    catalog_free(c);
  } else {
    assert_null(c);
  }
  return e;
}

static void test_broken_tables_refused(void **state) {
  (void)state;
  static const struct {
    const char *rows, *why;
  } bad[] = {
      {"A,t,etik,berat,UU,asn,bkn_ppk,0\n", "tingkat tidak sesuai"},
      {"A,t,disiplin,sanksi_moral,UU,asn,bkn_ppk,0\n", "tingkat tidak sesuai"},
      {"A,t,pidana,berat,UU,semua,gakkumdu,0\n", "tingkat tidak sesuai"},
      {"A,t,moral,-,UU,asn,bkn_ppk,0\n", "keluarga harus"},
      {"A,t,etik,sanksi_moral,UU,pns,bkn_ppk,0\n", "kategori"},
      {"A,t,etik,sanksi_moral,UU,asn|,bkn_ppk,0\n", "kategori"},
      {"A,t,etik,sanksi_moral,UU,asn,kasn,0\n", "otoritas"},
      {"A,t,etik,sanksi_moral,UU,asn,bkn_ppk,ya\n", "verifikasi"},
      {"A,t,etik,sanksi_moral,UU,asn,bkn_ppk,0\nA,u,etik,sanksi_moral,UU,asn,bkn_ppk,0\n", "ganda"},
      {"A,t,etik,sanksi_moral,UU,asn\n", "jumlah kolom"},
      {"", "kosong"},
  };
  assert_int_equal(parse_items("A,t,etik,sanksi_moral,UU,asn,bkn_ppk,0\n", otoritas_ok), ERR_OK);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    err_t e = parse_items(bad[i].rows, otoritas_ok);
    if (e != ERR_INVALID || !strstr(err_message(e), bad[i].why))
      fail_msg("case %zu: got %d '%s' want '%s'", i, e, err_message(e), bad[i].why);
    assert_string_equal(err_field(e), "katalog");
  }
  /* a kategori without default target, and a kategori with two */
  const char *no_bpd = "kode,nama,kategori_default,dasar\nx,X,asn|pppk|tni|polri|kepala_desa|perangkat_desa|lainnya,UU\n";
  assert_int_equal(parse_items("A,t,etik,sanksi_moral,UU,asn,x,0\n", no_bpd), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "bpd"));
  const char *twice = "kode,nama,kategori_default,dasar\nx,X,asn|pppk|tni|polri|kepala_desa|perangkat_desa|bpd|lainnya,UU\ny,Y,asn,UU\n";
  assert_int_equal(parse_items("A,t,etik,sanksi_moral,UU,asn,x,0\n", twice), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "baris 3"));
}

static void test_check_list(void **state) {
  (void)state;
  json_t *ok = json_pack("[s,s]", "ETK-01", "DSP-03");
  json_t *wrong_subject = json_pack("[s]", "TNI-01");
  json_t *unknown = json_pack("[s,s]", "ETK-01", "ZZZ-01");
  json_t *empty = json_array();
  json_t *not_list = json_string("ETK-01");
  assert_int_equal(catalog_check_list(cat, "asn", ok, "katalog"), ERR_OK);
  assert_int_equal(catalog_check_list(cat, "asn", wrong_subject, "katalog"), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "katalog");
  assert_non_null(strstr(err_message(ERR_INVALID), "tidak berlaku"));
  assert_int_equal(catalog_check_list(cat, "tni", wrong_subject, "katalog"), ERR_OK);
  assert_int_equal(catalog_check_list(cat, "asn", unknown, "katalog"), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "ke-2"));
  assert_int_equal(catalog_check_list(cat, "asn", empty, "katalog"), ERR_INVALID);
  assert_int_equal(catalog_check_list(cat, "asn", not_list, "katalog"), ERR_INVALID);
  assert_int_equal(catalog_check_list(cat, "pns", ok, "katalog"), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "terlapor.kategori");
  json_decref(ok);
  json_decref(wrong_subject);
  json_decref(unknown);
  json_decref(empty);
  json_decref(not_list);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_golden),
      cmocka_unit_test(test_shipped_table_shape),
      cmocka_unit_test(test_broken_tables_refused),
      cmocka_unit_test(test_check_list),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
