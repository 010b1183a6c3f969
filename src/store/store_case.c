/* store_case.c — see store_case.h. All case SQL of Netral lives here. */
#include "store/store_case.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

#define CP(dst, i) snprintf(dst, sizeof dst, "%s", db_text(st, i))

#define CASE_COLS                                                                                              \
  "k.id,k.kode,k.jenis,k.rezim,k.status,k.wilayah,w.nama,k.terlapor_nama,k.terlapor_nip,k.kategori,"          \
  "k.instansi,k.jabatan,k.terlapor_wilayah,k.tanggal_kejadian,k.tanggal_diketahui,k.lokasi,k.uraian,k.saksi," \
  "k.putusan,k.tanda_terima,k.pelapor_sealed,k.content_sha256,k.client_id,k.kedaluwarsa,k.diterima,"         \
  "k.dibuat_oleh,k.tenggat_tahap,k.tenggat_jatuh_tempo,k.tenggat_dasar,k.updated_at,k.segel"
#define CASE_FROM " FROM kasus k JOIN wilayah w ON w.kode=k.wilayah"

void case_row_free(case_row_t *c) {
  xfree(c->uraian);
  xfree(c->saksi);
  xfree(c->putusan);
  xfree(c->tanda_terima);
  xfree(c->pelapor_sealed);
  c->uraian = c->saksi = c->putusan = c->tanda_terima = NULL;
  c->pelapor_sealed = NULL;
}

static char *dup_or_null(db_stmt_t *st, int i) {
  const char *s = db_text_or_null(st, i);
  return s ? xstrdup(s) : NULL;
}

static err_t read_case(db_stmt_t *st, case_row_t *c) {
  memset(c, 0, sizeof *c);
  c->id = db_int(st, 0);
  CP(c->kode, 1); CP(c->jenis, 2); CP(c->rezim, 3); CP(c->status, 4); CP(c->wilayah, 5); CP(c->wilayah_nama, 6);
  CP(c->terlapor_nama, 7); CP(c->terlapor_nip, 8); CP(c->kategori, 9); CP(c->instansi, 10); CP(c->jabatan, 11);
  CP(c->terlapor_wilayah, 12); CP(c->tanggal_kejadian, 13); CP(c->tanggal_diketahui, 14); CP(c->lokasi, 15);
  c->uraian = xstrdup(db_text(st, 16));
  c->saksi = xstrdup(db_text(st, 17));
  c->putusan = dup_or_null(st, 18);
  c->tanda_terima = dup_or_null(st, 19);
  size_t n = 0;
  const void *blob = db_blob(st, 20, &n);
  if (blob && n) {
    c->pelapor_sealed = xmalloc(n);
    if (c->pelapor_sealed) memcpy(c->pelapor_sealed, blob, n);
    c->pelapor_sealed_len = n;
  }
  CP(c->content_sha256, 21); CP(c->client_id, 22);
  c->kedaluwarsa = (int)db_int(st, 23);
  CP(c->diterima, 24); CP(c->dibuat_oleh, 25); CP(c->tenggat_tahap, 26); CP(c->tenggat_jatuh_tempo, 27);
  CP(c->tenggat_dasar, 28); CP(c->updated_at, 29); CP(c->segel, 30);
  if (!c->uraian || !c->saksi) {
    case_row_free(c);
    return ERR_NOMEM;
  }
  return ERR_OK;
}

err_t store_case_insert(db_t *db, const case_row_t *c, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(
      db,
      "INSERT INTO kasus(kode,jenis,rezim,status,wilayah,terlapor_nama,terlapor_nama_norm,terlapor_nip,"
      "kategori,instansi,jabatan,terlapor_wilayah,tanggal_kejadian,tanggal_diketahui,lokasi,uraian,saksi,"
      "tanda_terima,pelapor_sealed,content_sha256,client_id,kedaluwarsa,diterima,dibuat_oleh,"
      "tenggat_tahap,tenggat_jatuh_tempo,tenggat_dasar,updated_at,segel)"
      " VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
      &st, "tttttttttttttttttt", c->kode, c->jenis, c->rezim, c->status, c->wilayah, c->terlapor_nama,
      c->terlapor_nama_norm, db_nz(c->terlapor_nip), c->kategori, db_nz(c->instansi), db_nz(c->jabatan),
      db_nz(c->terlapor_wilayah), c->tanggal_kejadian, c->tanggal_diketahui, c->lokasi, c->uraian, c->saksi,
      c->tanda_terima);
  if (e) return e;
  const struct store_ops *ops = db_ops(db);
  if (c->pelapor_sealed) e = ops->bind_blob(st, 19, c->pelapor_sealed, c->pelapor_sealed_len);
  else e = ops->bind_null(st, 19);
  const char *rest[] = {c->content_sha256, db_nz(c->client_id)};
  for (int i = 0; i < 2 && !e; i++)
    e = rest[i] ? ops->bind_text(st, 20 + i, rest[i], strlen(rest[i])) : ops->bind_null(st, 20 + i);
  if (!e) e = ops->bind_int(st, 22, c->kedaluwarsa);
  const char *tail[] = {c->diterima, db_nz(c->dibuat_oleh), db_nz(c->tenggat_tahap), db_nz(c->tenggat_jatuh_tempo),
                        db_nz(c->tenggat_dasar), c->updated_at, c->segel};
  for (int i = 0; i < 7 && !e; i++)
    e = tail[i] ? ops->bind_text(st, 23 + i, tail[i], strlen(tail[i])) : ops->bind_null(st, 23 + i);
  if (!e) e = db_step(st);
  if (e == ERR_OK && id) *id = db_int(st, 0);
  db_done(st);
  return e == ERR_DONE ? ERR_DB : e;
}

static err_t one_case(db_stmt_t *st, case_row_t *out) {
  err_t e = db_step(st);
  if (e == ERR_OK) e = read_case(st, out);
  else if (e == ERR_DONE) e = ERR_NOT_FOUND;
  db_done(st);
  return e;
}

err_t store_case_by_kode(db_t *db, const char *kode, case_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " CASE_COLS CASE_FROM " WHERE k.kode=?", &st, "t", kode);
  return e ? e : one_case(st, out);
}

err_t store_case_by_client_id(db_t *db, const char *client_id, case_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " CASE_COLS CASE_FROM " WHERE k.client_id=?", &st, "t", client_id);
  return e ? e : one_case(st, out);
}

err_t store_case_update_state(db_t *db, const case_row_t *c, const char *now) {
  return db_exec(db,
                 "UPDATE kasus SET status=?, putusan=COALESCE(?,putusan), tenggat_tahap=?, tenggat_jatuh_tempo=?,"
                 " tenggat_dasar=?, updated_at=?, segel=? WHERE id=?",
                 "ttttttti", c->status, c->putusan, db_nz(c->tenggat_tahap), db_nz(c->tenggat_jatuh_tempo),
                 db_nz(c->tenggat_dasar), now, c->segel, c->id);
}

err_t store_case_set_segel(db_t *db, int64_t id, const char *segel) {
  return db_exec(db, "UPDATE kasus SET segel=? WHERE id=?", "ti", segel, id);
}

static err_t each_case(db_stmt_t *st, store_case_fn fn, void *ud) {
  case_row_t c;
  err_t e;
  while ((e = db_step(st)) == ERR_OK) {
    if ((e = read_case(st, &c))) break;
    e = fn(ud, &c);
    case_row_free(&c);
    if (e) break;
  }
  return db_finish(st, e);
}

err_t store_case_each(db_t *db, store_case_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " CASE_COLS CASE_FROM " ORDER BY k.id", &st, "");
  return e ? e : each_case(st, fn, ud);
}

err_t store_case_count_unsealed(db_t *db, int64_t *n) {
  return db_one_int(db,
                    "SELECT (SELECT COUNT(*) FROM kasus WHERE segel='belum') + (SELECT COUNT(*) FROM bukti WHERE"
                    " segel='belum') + (SELECT COUNT(*) FROM rekomendasi WHERE segel='belum')",
                    n, "");
}

/* Build the WHERE clause of a list query; params bound in order. */
typedef struct {
  buf_t sql;
  const char *params[24];
  int np;
} where_t;

static void w_add(where_t *w, const char *clause, const char *p1, const char *p2) {
  buf_puts(&w->sql, w->np || strstr(w->sql.data ? w->sql.data : "", "WHERE") ? " AND " : " WHERE ");
  buf_puts(&w->sql, clause);
  if (p1) w->params[w->np++] = p1;
  if (p2) w->params[w->np++] = p2;
}

static void scope_clause(where_t *w, const char *col, const char *scope, arena_t *a) {
  if (!scope || !*scope) return;
  char *clause = arena_printf(a, "(%s=? OR %s LIKE ?)", col, col);
  char *like = arena_printf(a, "%s.%%", scope);
  w_add(w, clause, scope, like);
}

/* k.status IN (…) for a NULL-terminated allow-list (pemda/bkn); NULL adds nothing. */
static void status_clause(where_t *w, const char *const *only, arena_t *a) {
  if (!only) return;
  buf_t in;
  buf_init(&in);
  buf_puts(&in, "k.status IN (");
  int first = 1;
  for (const char *const *s = only; *s && w->np < 20; s++) {
    buf_puts(&in, first ? "?" : ",?");
    first = 0;
  }
  buf_puts(&in, ")");
  w_add(w, arena_strdup(a, in.data), NULL, NULL);
  for (const char *const *s = only; *s && w->np < 20; s++) w->params[w->np++] = *s;
  buf_free(&in);
}

static err_t bind_where(db_t *db, db_stmt_t *st, const where_t *w, int from) {
  err_t e = ERR_OK;
  for (int i = 0; i < w->np && !e; i++) e = db_ops(db)->bind_text(st, from + i, w->params[i], strlen(w->params[i]));
  return e;
}

err_t store_case_list(db_t *db, const case_filter_t *f, store_case_fn fn, void *ud, int64_t *total) {
  where_t w;
  arena_t a;
  db_stmt_t *st = NULL;
  err_t e = ERR_OK;
  memset(&w, 0, sizeof w);
  buf_init(&w.sql);
  arena_init(&a);
  buf_puts(&w.sql, CASE_FROM);
  scope_clause(&w, "k.wilayah", f->scope, &a);
  if (f->wilayah && *f->wilayah) scope_clause(&w, "k.wilayah", f->wilayah, &a);
  if (f->status && *f->status) w_add(&w, "k.status=?", f->status, NULL);
  if (f->kategori && *f->kategori) w_add(&w, "k.kategori=?", f->kategori, NULL);
  if (f->due_before) w_add(&w, "k.tenggat_jatuh_tempo IS NOT NULL AND k.tenggat_jatuh_tempo<?", f->due_before, NULL);
  if (f->due_from) w_add(&w, "k.tenggat_jatuh_tempo>=?", f->due_from, NULL);
  status_clause(&w, f->only_status, &a);
  if (f->q && *f->q) {
    char *like = arena_printf(&a, "%%%s%%", f->q);
    w_add(&w, "(k.kode LIKE ? OR k.terlapor_nama LIKE ? OR k.instansi LIKE ? OR k.uraian LIKE ?)", like, like);
    w.params[w.np++] = like;
    w.params[w.np++] = like;
  }
  if (w.sql.oom) { e = ERR_NOMEM; goto done; }
  if (total) {
    char *count_sql = arena_printf(&a, "SELECT COUNT(*)%s", w.sql.data);
    if ((e = db_ops(db)->prepare(db, count_sql, &st))) goto done;
    if ((e = bind_where(db, st, &w, 1))) goto done;
    if ((e = db_step(st)) == ERR_OK) *total = db_int(st, 0);
    db_done(st);
    st = NULL;
    if (e != ERR_OK) goto done;
  }
  /* Overdue and nearest deadlines first; cases without a deadline last. */
  char *sql = arena_printf(&a,
                           "SELECT " CASE_COLS "%s ORDER BY k.tenggat_jatuh_tempo IS NULL, k.tenggat_jatuh_tempo,"
                           " k.id DESC LIMIT %lld OFFSET %lld",
                           w.sql.data, (long long)f->limit, (long long)f->offset);
  if ((e = db_ops(db)->prepare(db, sql, &st))) goto done;
  if ((e = bind_where(db, st, &w, 1))) goto done;
  case_row_t c;
  while ((e = db_step(st)) == ERR_OK) {
    if ((e = read_case(st, &c))) break;
    e = fn(ud, &c);
    case_row_free(&c);
    if (e) break;
  }
  if (e == ERR_DONE) e = ERR_OK;
done:
  db_done(st);
  buf_free(&w.sql);
  arena_free(&a);
  return e;
}

err_t store_case_event_add(db_t *db, int64_t case_id, const char *waktu, const char *aktor, const char *dari,
                           const char *ke, const char *catatan, const char *data_json) {
  return db_exec(db, "INSERT INTO kasus_riwayat(kasus_id,waktu,aktor,dari,ke,catatan,data) VALUES(?,?,?,?,?,?,?)",
                 "ittttt" "t", case_id, waktu, aktor, db_nz(dari), ke, db_nz(catatan), db_nz(data_json));
}

err_t store_case_events(db_t *db, int64_t case_id, store_event_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT waktu,aktor,dari,ke,catatan,data FROM kasus_riwayat WHERE kasus_id=? ORDER BY id",
                     &st, "i", case_id);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3), db_text(st, 4),
                db_text_or_null(st, 5))))
      break;
  return db_finish(st, e);
}

err_t store_bukti_add(db_t *db, int64_t case_id, const bukti_row_t *b, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO bukti(kasus_id,sha256,mime,jenis,nama,ukuran,diterima,segel) VALUES(?,?,?,?,?,?,?,?)"
                     " RETURNING id",
                     &st, "ittttitt", case_id, b->sha256, b->mime, b->jenis, db_nz(b->nama), b->ukuran, b->diterima,
                     b->segel);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK && id) *id = db_int(st, 0);
  db_done(st);
  return e == ERR_DONE ? ERR_DB : e;
}

err_t store_bukti_count(db_t *db, int64_t case_id, int64_t *n) {
  return db_one_int(db, "SELECT COUNT(*) FROM bukti WHERE kasus_id=?", n, "i", case_id);
}

#define BUKTI_COLS "id,sha256,mime,jenis,nama,ukuran,diterima,segel"

static void read_bukti(db_stmt_t *st, bukti_row_t *b) {
  memset(b, 0, sizeof *b);
  b->id = db_int(st, 0);
  CP(b->sha256, 1); CP(b->mime, 2); CP(b->jenis, 3); CP(b->nama, 4);
  b->ukuran = db_int(st, 5);
  CP(b->diterima, 6); CP(b->segel, 7);
}

err_t store_bukti_list(db_t *db, int64_t case_id, store_bukti_fn fn, void *ud) {
  db_stmt_t *st;
  bukti_row_t b;
  err_t e = db_query(db, "SELECT " BUKTI_COLS " FROM bukti WHERE kasus_id=? ORDER BY id",
                     &st, "i", case_id);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    read_bukti(st, &b);
    if ((e = fn(ud, &b))) break;
  }
  return db_finish(st, e);
}

err_t store_bukti_get(db_t *db, int64_t case_id, int64_t bukti_id, bukti_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " BUKTI_COLS " FROM bukti WHERE kasus_id=? AND id=?", &st,
                     "ii", case_id, bukti_id);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) read_bukti(st, out);
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

err_t store_bukti_set_segel(db_t *db, int64_t id, const char *segel) {
  return db_exec(db, "UPDATE bukti SET segel=? WHERE id=?", "ti", segel, id);
}

err_t store_bukti_each(db_t *db, store_bukti_kode_fn fn, void *ud) {
  db_stmt_t *st;
  bukti_row_t b;
  err_t e = db_query(db,
                     "SELECT b.id,b.sha256,b.mime,b.jenis,b.nama,b.ukuran,b.diterima,b.segel,k.kode"
                     " FROM bukti b JOIN kasus k ON k.id=b.kasus_id ORDER BY b.id",
                     &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    read_bukti(st, &b);
    if ((e = fn(ud, db_text(st, 8), &b))) break;
  }
  return db_finish(st, e);
}

err_t store_bukti_access(db_t *db, int64_t bukti_id, const char *waktu, const char *aktor, const char *aksi) {
  return db_exec(db, "INSERT INTO bukti_akses(bukti_id,waktu,aktor,aksi) VALUES(?,?,?,?)", "ittt", bukti_id, waktu,
                 aktor, aksi);
}

err_t store_bukti_access_list(db_t *db, int64_t case_id, store_access_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT a.bukti_id,a.waktu,a.aktor,a.aksi FROM bukti_akses a JOIN bukti b ON b.id=a.bukti_id"
                     " WHERE b.kasus_id=? ORDER BY a.id",
                     &st, "i", case_id);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_int(st, 0), db_text(st, 1), db_text(st, 2), db_text(st, 3)))) break;
  return db_finish(st, e);
}

err_t store_rekom_add(db_t *db, const rekom_row_t *r) {
  return db_exec(db, "INSERT INTO rekomendasi(kasus_id,penerima,nomor,tanggal,status,segel) VALUES(?,?,?,?,?,?)",
                 "ittttt", r->case_id, r->penerima, r->nomor, r->tanggal, r->status, r->segel);
}

#define REKOM_COLS                                                                                          \
  "r.id,r.kasus_id,k.kode,r.penerima,r.nomor,r.tanggal,r.status,r.jenis_sanksi,r.nomor_sk,r.tanggal_sk," \
  "r.pejabat,r.alasan,k.wilayah,k.kategori,r.segel"

static void read_rekom(db_stmt_t *st, rekom_row_t *r) {
  memset(r, 0, sizeof *r);
  r->id = db_int(st, 0);
  r->case_id = db_int(st, 1);
  CP(r->kode_kasus, 2); CP(r->penerima, 3); CP(r->nomor, 4); CP(r->tanggal, 5); CP(r->status, 6);
  CP(r->jenis_sanksi, 7); CP(r->nomor_sk, 8); CP(r->tanggal_sk, 9); CP(r->pejabat, 10); CP(r->alasan, 11);
  CP(r->wilayah, 12); CP(r->kategori, 13); CP(r->segel, 14);
}

err_t store_rekom_open(db_t *db, int64_t case_id, rekom_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT " REKOM_COLS " FROM rekomendasi r JOIN kasus k ON k.id=r.kasus_id"
                     " WHERE r.kasus_id=? AND r.status='menunggu' ORDER BY r.id DESC LIMIT 1",
                     &st, "i", case_id);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) read_rekom(st, out);
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

err_t store_rekom_close(db_t *db, const rekom_row_t *r) {
  return db_exec(db,
                 "UPDATE rekomendasi SET status=?, jenis_sanksi=?, nomor_sk=?, tanggal_sk=?, pejabat=?, alasan=?, segel=?"
                 " WHERE id=?",
                 "ttttttti", r->status, db_nz(r->jenis_sanksi), db_nz(r->nomor_sk), db_nz(r->tanggal_sk),
                 db_nz(r->pejabat), db_nz(r->alasan), r->segel, r->id);
}

err_t store_rekom_set_segel(db_t *db, int64_t id, const char *segel) {
  return db_exec(db, "UPDATE rekomendasi SET segel=? WHERE id=?", "ti", segel, id);
}

err_t store_rekom_list(db_t *db, const char *scope, int64_t case_id, int only_waiting, store_rekom_fn fn, void *ud) {
  db_stmt_t *st;
  rekom_row_t r;
  const char *like_scope = scope && *scope ? scope : "";
  char like[40];
  snprintf(like, sizeof like, "%s.%%", like_scope);
  err_t e = db_query(db,
                     "SELECT " REKOM_COLS " FROM rekomendasi r JOIN kasus k ON k.id=r.kasus_id"
                     " WHERE (?='' OR k.wilayah=? OR k.wilayah LIKE ?) AND (?=0 OR r.kasus_id=?)"
                     " AND (?=0 OR r.status='menunggu') ORDER BY r.tanggal, r.id",
                     &st, "tttiiI", like_scope, like_scope, like, case_id, case_id, only_waiting);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    read_rekom(st, &r);
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_case_terlapor_candidates(db_t *db, const char *scope, const char *nip, const char *first_word,
                                     store_case_fn fn, void *ud) {
  db_stmt_t *st;
  const char *sc = scope && *scope ? scope : "";
  char like[40], name_like[300];
  snprintf(like, sizeof like, "%s.%%", sc);
  snprintf(name_like, sizeof name_like, "%s%%", first_word ? first_word : "");
  err_t e = db_query(db,
                     "SELECT " CASE_COLS CASE_FROM " WHERE (?='' OR k.wilayah=? OR k.wilayah LIKE ?)"
                     " AND ((? <> '' AND k.terlapor_nip=?) OR (? <> '' AND k.terlapor_nama_norm LIKE ?))"
                     " ORDER BY k.id DESC LIMIT 500",
                     &st, "ttttttt", sc, sc, like, nip ? nip : "", nip ? nip : "", first_word ? first_word : "",
                     name_like);
  return e ? e : each_case(st, fn, ud);
}

err_t store_kalender_each(db_t *db, err_t (*fn)(void *ud, const char *tanggal, const char *jenis, const char *nama),
                          void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT tanggal,jenis,nama FROM kalender ORDER BY tanggal", &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1), db_text(st, 2)))) break;
  return db_finish(st, e);
}

/* The grouping expressions are a fixed table: dim never reaches SQL as text. */
static const struct {
  const char *dim, *expr;
} count_dims[] = {
    {"status", "k.status"},
    {"kategori", "k.kategori"},
    {"jenis", "k.jenis"},
    {"kabkota", "substr(k.wilayah,1,5)"},
    {"kecamatan", "substr(k.wilayah,1,8)"},
    {"tanggal", "substr(k.diterima,1,10)"},
};

err_t store_case_count_by(db_t *db, const char *scope, const char *const *only_status, const char *dim,
                          store_count_fn fn, void *ud) {
  const char *expr = NULL;
  for (size_t i = 0; i < sizeof count_dims / sizeof count_dims[0]; i++)
    if (strcmp(count_dims[i].dim, dim) == 0) expr = count_dims[i].expr;
  if (!expr) return err_set(ERR_INTERNAL, NULL, "dimensi rekap tidak dikenal: %s", dim);
  where_t w;
  arena_t a;
  db_stmt_t *st = NULL;
  memset(&w, 0, sizeof w);
  buf_init(&w.sql);
  arena_init(&a);
  buf_puts(&w.sql, " FROM kasus k");
  scope_clause(&w, "k.wilayah", scope, &a);
  status_clause(&w, only_status, &a);
  err_t e = w.sql.oom ? ERR_NOMEM : ERR_OK;
  char *sql = e ? NULL : arena_printf(&a, "SELECT %s AS g, COUNT(*)%s GROUP BY g ORDER BY g", expr, w.sql.data);
  if (!e) e = sql ? db_ops(db)->prepare(db, sql, &st) : ERR_NOMEM;
  if (!e) e = bind_where(db, st, &w, 1);
  while (!e && (e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_int(st, 1)))) break;
  if (st) e = db_finish(st, e);
  buf_free(&w.sql);
  arena_free(&a);
  return e;
}

err_t store_rekom_count_by_status(db_t *db, const char *scope, store_count_fn fn, void *ud) {
  const char *sc = scope && *scope ? scope : "";
  char like[40];
  snprintf(like, sizeof like, "%s.%%", sc);
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT r.status, COUNT(*) FROM rekomendasi r JOIN kasus k ON k.id=r.kasus_id"
                     " WHERE (?='' OR k.wilayah=? OR k.wilayah LIKE ?) GROUP BY r.status",
                     &st, "ttt", sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_int(st, 1)))) break;
  return db_finish(st, e);
}

err_t store_rekom_count_grouped(db_t *db, const char *scope, const char *dim, store_count2_fn fn, void *ud) {
  const char *sql = strcmp(dim, "kategori") == 0
                        ? "SELECT k.kategori, r.status, COUNT(*) FROM rekomendasi r JOIN kasus k ON k.id=r.kasus_id"
                          " WHERE (?='' OR k.wilayah=? OR k.wilayah LIKE ?) GROUP BY k.kategori, r.status ORDER BY 1"
                        : "SELECT substr(k.wilayah,1,5), r.status, COUNT(*) FROM rekomendasi r JOIN kasus k ON"
                          " k.id=r.kasus_id WHERE (?='' OR k.wilayah=? OR k.wilayah LIKE ?)"
                          " GROUP BY substr(k.wilayah,1,5), r.status ORDER BY 1";
  const char *sc = scope && *scope ? scope : "";
  char like[40];
  snprintf(like, sizeof like, "%s.%%", sc);
  db_stmt_t *st;
  err_t e = db_query(db, sql, &st, "ttt", sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1), db_int(st, 2)))) break;
  return db_finish(st, e);
}

err_t store_evidence_files_each(db_t *db, store_file_ref_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT b.sha256, 'kasus ' || k.kode AS tempat FROM bukti b JOIN kasus k ON k.id=b.kasus_id"
                     " UNION ALL SELECT dokumen_sha256, 'pakta #' || id FROM pakta WHERE dokumen_sha256 IS NOT NULL"
                     " UNION ALL SELECT lampiran_sha256, 'kegiatan #' || id FROM kegiatan WHERE lampiran_sha256 IS NOT NULL"
                     " ORDER BY 1, 2",
                     &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1)))) break;
  return db_finish(st, e);
}
