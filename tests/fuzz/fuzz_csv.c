/*
 * fuzz_csv.c — the CSV reader and the pegawai (registry) import rows.
 *
 * 1. csv_parse() over the buffer and csv_parse_file() over the same bytes as
 *    a stream must agree (same rows, same fields, same error) — two readers
 *    of one format;
 * 2. fields are NUL-terminated within CSV_MAX_FIELD, at most CSV_MAX_FIELDS;
 * 3. the same bytes imported as a pegawai CSV (pegawai_import, each row
 *    validated, bad rows refused with a reason) against a temp database;
 *    errors other than the database's are 4xx.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "domain/pegawai.h"
#include "fuzz_app.h"
#include "core/banned.h"

typedef struct {
  unsigned long long h; /* FNV-1a over every row and field */
  long rows;
} digest_t;

static void mix(digest_t *d, const void *p, size_t n) {
  const unsigned char *b = p;
  for (size_t i = 0; i < n; i++) d->h = (d->h ^ b[i]) * 1099511628211ULL;
}

static err_t on_row(void *ud, long line, int nf, char **fields) {
  digest_t *d = ud;
  if (nf < 0 || nf > CSV_MAX_FIELDS || line < 1) abort();
  d->rows++;
  mix(d, &line, sizeof line);
  mix(d, &nf, sizeof nf);
  for (int i = 0; i < nf; i++) {
    size_t n = strlen(fields[i]);
    if (n > CSV_MAX_FIELD) abort();
    mix(d, fields[i], n + 1);
  }
  return ERR_OK;
}

static err_t on_reject(void *ud, long line, const char *alasan, int nf, char **fields) {
  if (!alasan || !alasan[0]) abort();
  return ERR_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *buf = malloc(size ? size : 1);
  if (!buf) abort();
  memcpy(buf, data, size);
  digest_t a = {14695981039346656037ULL, 0}, b = a;
  err_t ea = csv_parse(buf, size, on_row, &a);
  FILE *f = fmemopen(buf, size ? size : 1, "r");
  if (!f) abort();
  err_t eb = size ? csv_parse_file(f, on_row, &b) : csv_parse("", 0, on_row, &b);
  fclose(f);
  if (ea != eb || (ea == ERR_OK && (a.rows != b.rows || a.h != b.h))) {
    fprintf(stderr, "csv_parse dan csv_parse_file berbeda: %d/%d baris %ld/%ld\n", ea, eb, a.rows, b.rows);
    abort();
  }
  if (ea && (err_http_status(ea) < 400 || err_http_status(ea) >= 500)) abort();

  app_t *app = fuzz_app_get();
  db_t *db;
  if (store_acquire(app->store, &db)) abort();
  f = fmemopen(buf, size ? size : 1, "r");
  if (!f) abort();
  pegawai_import_opts_t o = {.keys = &app->keys, .actor = "fuzz", .sumber = "fuzz.csv", .batch_rows = 100,
                             .reject = on_reject};
  pegawai_import_stats_t st;
  err_t e = size ? pegawai_import(db, f, &o, &st) : ERR_OK;
  fclose(f);
  store_release(app->store, db);
  if (e && (err_http_status(e) < 400 || err_http_status(e) >= 500)) {
    fprintf(stderr, "pegawai_import: %s: %s\n", err_code_str(e), err_message(e));
    abort();
  }
  free(buf);
  return 0;
}
