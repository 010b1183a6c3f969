/* store_rules.c — see store_rules.h. */
#include "store/store_rules.h"

#include "core/banned.h"

err_t store_rules_each(db_t *db, store_rule_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT rezim,tahap,jumlah,satuan,mulai,perpanjangan,dasar,verifikasi,keterangan"
                     " FROM tenggat_aturan ORDER BY rezim,tahap",
                     &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    rule_row_t r = {db_text(st, 0), db_text(st, 1), db_text(st, 3), db_text(st, 4), db_text(st, 5),
                    db_text(st, 6), db_text(st, 8), (int)db_int(st, 2), (int)db_int(st, 7)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_rules_update(db_t *db, const rule_row_t *r) {
  err_t e = db_exec(db,
                    "UPDATE tenggat_aturan SET jumlah=?, satuan=?, dasar=?, verifikasi=?, keterangan=?"
                    " WHERE rezim=? AND tahap=?",
                    "IttItt" "t", r->jumlah, r->satuan, r->dasar, r->verifikasi, r->keterangan, r->rezim, r->tahap);
  if (e) return e;
  return db_changes(db) ? ERR_OK : err_set(ERR_NOT_FOUND, "tahap", "Aturan tenggat %s/%s tidak ada.", r->rezim, r->tahap);
}

err_t store_kalender_add(db_t *db, const char *tanggal, const char *jenis, const char *nama) {
  err_t e = db_exec(db, "INSERT INTO kalender(tanggal,jenis,nama) VALUES(?,?,?)", "ttt", tanggal, jenis, nama);
  if (e == ERR_CONFLICT) return err_set(ERR_CONFLICT, "tanggal", "Tanggal %s sudah ada di kalender.", tanggal);
  return e;
}

err_t store_kalender_delete(db_t *db, const char *tanggal) {
  err_t e = db_exec(db, "DELETE FROM kalender WHERE tanggal=?", "t", tanggal);
  if (e) return e;
  return db_changes(db) ? ERR_OK : err_set(ERR_NOT_FOUND, "tanggal", "Tanggal %s tidak ada di kalender.", tanggal);
}

err_t store_rules_version(db_t *db, int64_t *v) {
  return db_one_int(db, "SELECT versi FROM versi_pengaturan WHERE nama='tenggat'", v, "");
}

err_t store_rules_bump(db_t *db, int64_t *v) {
  err_t e = db_exec(db, "UPDATE versi_pengaturan SET versi=versi+1 WHERE nama='tenggat'", "");
  return e ? e : store_rules_version(db, v);
}
