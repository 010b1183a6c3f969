/* store_wilayah.c — see store_wilayah.h. */
#include "store/store_wilayah.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static void read_w(db_stmt_t *st, wilayah_row_t *w) {
  snprintf(w->kode, sizeof w->kode, "%s", db_text(st, 0));
  snprintf(w->nama, sizeof w->nama, "%s", db_text(st, 1));
  snprintf(w->tingkat, sizeof w->tingkat, "%s", db_text(st, 2));
  snprintf(w->induk, sizeof w->induk, "%s", db_text(st, 3));
}

err_t store_wilayah_get(db_t *db, const char *kode, wilayah_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT kode,nama,tingkat,induk FROM wilayah WHERE kode=?", &st, "t", kode);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) read_w(st, out);
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

err_t store_wilayah_children(db_t *db, const char *kode, store_wilayah_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT kode,nama,tingkat,induk FROM wilayah WHERE induk=? ORDER BY kode", &st, "t", kode);
  if (e) return e;
  wilayah_row_t w;
  while ((e = db_step(st)) == ERR_OK) {
    read_w(st, &w);
    if ((e = fn(ud, &w))) break;
  }
  return db_finish(st, e);
}

err_t store_wilayah_count(db_t *db, int64_t *n) { return db_one_int(db, "SELECT COUNT(*) FROM wilayah", n, ""); }
