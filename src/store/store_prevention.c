/* store_prevention.c — see store_prevention.h. All prevention SQL of Netral lives here. */
#include "store/store_prevention.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

/* ---- registry (the pegawai table itself: store_pegawai.c) ---- */

err_t store_opd_get(db_t *db, int64_t id, store_opd_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT o.id,o.nama,o.wilayah,i.nama FROM opd o JOIN instansi i ON i.id=o.instansi_id"
                     " WHERE o.id=?", &st, "i", id);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    out->id = db_int(st, 0);
    snprintf(out->nama, sizeof out->nama, "%s", db_text(st, 1));
    snprintf(out->wilayah, sizeof out->wilayah, "%s", db_text(st, 2));
    snprintf(out->instansi, sizeof out->instansi, "%s", db_text(st, 3));
  }
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

/* ---- pakta integritas ---- */

err_t store_pakta_butir_ensure(db_t *db, const char *versi, int nomor, const char *teks) {
  return db_exec(db, "INSERT INTO pakta_butir(versi,nomor,teks) VALUES(?,?,?) ON CONFLICT(versi,nomor) DO NOTHING",
                 "tIt", versi, nomor, teks);
}

err_t store_pakta_insert(db_t *db, const store_pakta_in_t *p, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO pakta(tanggal,tempat,wilayah,versi_butir,keterangan,dibuat_oleh,dibuat,opd_id)"
                     " VALUES(?,?,?,?,?,?,?,?) RETURNING id",
                     &st, "ttttttt", p->tanggal, p->tempat, p->wilayah, p->versi_butir, db_nz(p->keterangan),
                     p->dibuat_oleh, p->dibuat);
  if (e) return e;
  if ((e = db_bind_id(db, st, 8, p->opd_id))) { db_done(st); return e; }
  return db_returning_id(st, id);
}

err_t store_pakta_ttd_insert(db_t *db, int64_t pakta_id, int64_t pegawai_id, const char *nama, const char *jabatan,
                             const char *nip) {
  db_stmt_t *st;
  err_t e = db_query(db, "INSERT INTO pakta_penandatangan(pakta_id,nama,jabatan,nip,pegawai_id) VALUES(?,?,?,?,?)",
                     &st, "ittt", pakta_id, nama, db_nz(jabatan), db_nz(nip));
  if (e) return e;
  if (!(e = db_bind_id(db, st, 5, pegawai_id))) e = db_step(st);
  return db_finish(st, e);
}

err_t store_pakta_list(db_t *db, const char *scope, int64_t limit, err_t (*fn)(void *ud, const store_pakta_row_t *r),
                       void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  err_t e = db_query(db,
                     "SELECT p.id,COALESCE(p.opd_id,0),"
                     " (SELECT COUNT(*) FROM pakta_penandatangan t WHERE t.pakta_id=p.id),"
                     " (SELECT COUNT(*) FROM pakta_penandatangan t WHERE t.pakta_id=p.id AND t.pegawai_id IS NOT NULL),"
                     " p.tanggal,p.tempat,p.wilayah,w.nama,o.nama,p.versi_butir,p.dokumen_sha256,p.dokumen_nama,"
                     " p.keterangan,p.dibuat_oleh,p.dibuat,p.dokumen_mime,COALESCE(p.dokumen_ukuran,0),p.dokumen_diunggah"
                     " FROM pakta p JOIN wilayah w ON w.kode=p.wilayah LEFT JOIN opd o ON o.id=p.opd_id"
                     " WHERE " DB_SCOPE_SQL("p.wilayah") " ORDER BY p.tanggal DESC, p.id DESC LIMIT ?",
                     &st, "ttti", sc, sc, like, limit);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_pakta_row_t r = {.id = db_int(st, 0), .opd_id = db_int(st, 1), .jumlah_ttd = db_int(st, 2),
                           .ttd_terdaftar = db_int(st, 3), .tanggal = db_text(st, 4), .tempat = db_text(st, 5),
                           .wilayah = db_text(st, 6), .wilayah_nama = db_text(st, 7), .opd_nama = db_text(st, 8),
                           .versi_butir = db_text(st, 9), .dokumen_sha256 = db_text(st, 10),
                           .dokumen_nama = db_text(st, 11), .keterangan = db_text(st, 12),
                           .dibuat_oleh = db_text(st, 13), .dibuat = db_text(st, 14), .dokumen_mime = db_text(st, 15),
                           .dokumen_ukuran = db_int(st, 16), .dokumen_diunggah = db_text(st, 17)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_pakta_ttd_each(db_t *db, int64_t pakta_id,
                           err_t (*fn)(void *ud, int64_t pegawai_id, const char *nama, const char *jabatan,
                                       const char *nip),
                           void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT COALESCE(pegawai_id,0),nama,jabatan,nip FROM pakta_penandatangan WHERE pakta_id=?"
                     " ORDER BY id", &st, "i", pakta_id);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_int(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3)))) break;
  return db_finish(st, e);
}

/* ---- kegiatan ---- */

err_t store_kegiatan_insert(db_t *db, const store_kegiatan_in_t *k, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO kegiatan(jenis,tanggal,wilayah,judul,nomor,keterangan,dibuat_oleh,dibuat,peserta,opd_id)"
                     " VALUES(?,?,?,?,?,?,?,?,?,?) RETURNING id",
                     &st, "ttttttttI", k->jenis, k->tanggal, k->wilayah, k->judul, db_nz(k->nomor), db_nz(k->keterangan),
                     k->dibuat_oleh, k->dibuat, (int)k->peserta);
  if (e) return e;
  if ((e = db_bind_id(db, st, 10, k->opd_id))) { db_done(st); return e; }
  return db_returning_id(st, id);
}

err_t store_kegiatan_list(db_t *db, const char *scope, const char *jenis, int64_t limit,
                          err_t (*fn)(void *ud, const store_kegiatan_row_t *r), void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  const char *j = jenis ? jenis : "";
  err_t e = db_query(db,
                     "SELECT k.id,COALESCE(k.opd_id,0),k.peserta,k.jenis,k.tanggal,k.wilayah,w.nama,o.nama,k.judul,"
                     " k.nomor,k.lampiran_sha256,k.keterangan,k.dibuat_oleh,k.dibuat,k.lampiran_nama,k.lampiran_mime,"
                     " COALESCE(k.lampiran_ukuran,0),k.lampiran_diunggah"
                     " FROM kegiatan k JOIN wilayah w ON w.kode=k.wilayah LEFT JOIN opd o ON o.id=k.opd_id"
                     " WHERE " DB_SCOPE_SQL("k.wilayah") " AND (?='' OR k.jenis=?)"
                     " ORDER BY k.tanggal DESC, k.id DESC LIMIT ?",
                     &st, "ttttti", sc, sc, like, j, j, limit);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_kegiatan_row_t r = {.id = db_int(st, 0), .opd_id = db_int(st, 1), .peserta = db_int(st, 2),
                              .jenis = db_text(st, 3), .tanggal = db_text(st, 4), .wilayah = db_text(st, 5),
                              .wilayah_nama = db_text(st, 6), .opd_nama = db_text(st, 7), .judul = db_text(st, 8),
                              .nomor = db_text(st, 9), .lampiran_sha256 = db_text(st, 10),
                              .keterangan = db_text(st, 11), .dibuat_oleh = db_text(st, 12), .dibuat = db_text(st, 13),
                              .lampiran_nama = db_text(st, 14), .lampiran_mime = db_text(st, 15),
                              .lampiran_ukuran = db_int(st, 16), .lampiran_diunggah = db_text(st, 17)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_kegiatan_latest(db_t *db, const char *const *jenis,
                            err_t (*fn)(void *ud, const char *wilayah, int64_t opd_id, const char *tanggal), void *ud) {
  const char *j[8] = {"", "", "", "", "", "", "", ""};
  for (int i = 0; i < 8 && jenis && jenis[i]; i++) j[i] = jenis[i];
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT wilayah,COALESCE(opd_id,0),MAX(tanggal) FROM kegiatan"
                     " WHERE jenis IN (?,?,?,?,?,?,?,?) GROUP BY wilayah,opd_id",
                     &st, "tttttttt", j[0], j[1], j[2], j[3], j[4], j[5], j[6], j[7]);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_int(st, 1), db_text(st, 2)))) break;
  return db_finish(st, e);
}

/* ---- units and aggregates ---- */

static const struct {
  const char *tingkat;  /* wilayah.tingkat of the units */
  const char *group;    /* unit key of a pegawai row */
  const char *has_unit; /* the row belongs to some unit of this level */
} levels[] = {
    [STORE_UNIT_KABKOTA] = {"kabkota", "substr(p.wilayah,1,5)", "length(p.wilayah)>=5"},
    [STORE_UNIT_KECAMATAN] = {"kecamatan", "substr(p.wilayah,1,8)", "length(p.wilayah)>=8"},
    [STORE_UNIT_DESA] = {"desa", "substr(p.wilayah,1,13)", "length(p.wilayah)>=13"},
    [STORE_UNIT_OPD] = {NULL, "CAST(p.opd_id AS TEXT)", "p.opd_id IS NOT NULL"},
};

err_t store_units(db_t *db, store_unit_t level, const char *scope,
                  err_t (*fn)(void *ud, const char *key, const char *nama, const char *wilayah), void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  err_t e;
  if (level == STORE_UNIT_OPD)
    e = db_query(db,
                 "SELECT CAST(o.id AS TEXT),o.nama || ' (' || i.nama || ')',o.wilayah FROM opd o"
                 " JOIN instansi i ON i.id=o.instansi_id WHERE " DB_SCOPE_SQL("o.wilayah") " ORDER BY o.id",
                 &st, "ttt", sc, sc, like);
  else
    e = db_query(db, "SELECT kode,nama,kode FROM wilayah WHERE tingkat=? AND " DB_SCOPE_SQL("kode") " ORDER BY kode", &st,
                 "tttt", levels[level].tingkat, sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1), db_text(st, 2)))) break;
  return db_finish(st, e);
}

err_t store_pegawai_agg(db_t *db, store_unit_t level, const char *scope,
                        err_t (*fn)(void *ud, const char *key, int64_t pegawai, int64_t ikrar, int64_t relasi),
                        void *ud) {
  char sql[1024], like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  snprintf(sql, sizeof sql,
           "SELECT %s,COUNT(*),COUNT(s.pegawai_id),SUM(CASE WHEN p.relasi IS NULL THEN 0 ELSE 1 END)"
           " FROM pegawai p LEFT JOIN (SELECT DISTINCT pegawai_id FROM pakta_penandatangan"
           " WHERE pegawai_id IS NOT NULL) s ON s.pegawai_id=p.id"
           " WHERE " DB_SCOPE_SQL("p.wilayah") " AND %s GROUP BY %s",
           levels[level].group, levels[level].has_unit, levels[level].group);
  db_stmt_t *st;
  err_t e = db_query(db, sql, &st, "ttt", sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_int(st, 1), db_int(st, 2), db_int(st, 3)))) break;
  return db_finish(st, e);
}

err_t store_kasus_ringkas(db_t *db, const char *scope, err_t (*fn)(void *ud, const store_kasus_ringkas_t *k),
                          void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  err_t e = db_query(db,
                     "SELECT k.wilayah,COALESCE(k.terlapor_nip,''),k.terlapor_nama_norm,k.status,k.putusan,"
                     " k.diterima,COALESCE(p.opd_id,0)"
                     " FROM kasus k LEFT JOIN pegawai p ON p.nip=k.terlapor_nip"
                     " WHERE " DB_SCOPE_SQL("k.wilayah") " OR (p.wilayah=? OR p.wilayah LIKE ?)",
                     &st, "ttttt", sc, sc, like, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_kasus_ringkas_t k = {db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3),
                               db_text_or_null(st, 4), db_text(st, 5), db_int(st, 6)};
    if ((e = fn(ud, &k))) break;
  }
  return db_finish(st, e);
}

/* ---- petahana and weights ---- */

err_t store_petahana_set(db_t *db, const char *wilayah, const char *pemilihan, const char *calon, const char *oleh,
                         const char *waktu) {
  return db_exec(db,
                 "INSERT INTO petahana(wilayah,pemilihan,calon,diubah_oleh,diubah) VALUES(?,?,?,?,?)"
                 " ON CONFLICT(wilayah) DO UPDATE SET pemilihan=excluded.pemilihan, calon=excluded.calon,"
                 " diubah_oleh=excluded.diubah_oleh, diubah=excluded.diubah",
                 "ttttt", wilayah, pemilihan, db_nz(calon), oleh, waktu);
}

err_t store_petahana_each(db_t *db, err_t (*fn)(void *ud, const char *wilayah, const char *pemilihan), void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT wilayah,pemilihan FROM petahana ORDER BY wilayah", &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1)))) break;
  return db_finish(st, e);
}

err_t store_bobot_set(db_t *db, const char *kode, int bobot, const char *oleh, const char *waktu) {
  return db_exec(db,
                 "INSERT INTO kerawanan_bobot(kode,bobot,diubah_oleh,diubah) VALUES(?,?,?,?)"
                 " ON CONFLICT(kode) DO UPDATE SET bobot=excluded.bobot, diubah_oleh=excluded.diubah_oleh,"
                 " diubah=excluded.diubah",
                 "tItt", kode, bobot, oleh, waktu);
}

err_t store_bobot_each(db_t *db, err_t (*fn)(void *ud, const char *kode, int bobot), void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT kode,bobot FROM kerawanan_bobot", &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), (int)db_int(st, 1)))) break;
  return db_finish(st, e);
}
