/* store_registry.c — see store_registry.h. Portable SQL (SQLite and PostgreSQL). */
#include "store/store_registry.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

/* ---- registry browsing ---- */

err_t store_instansi_list(db_t *db, const char *scope, const char *pemda,
                          err_t (*fn)(void *ud, const store_instansi_row_t *r), void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like), *pd = pemda ? pemda : "";
  err_t e = db_query(db,
                     "SELECT i.id,i.pemda,COALESCE(w.nama,i.pemda),i.nama,COALESCE(oc.n,0),COALESCE(pc.n,0)"
                     " FROM instansi i LEFT JOIN wilayah w ON w.kode=i.pemda"
                     " LEFT JOIN (SELECT instansi_id,COUNT(*) AS n FROM opd WHERE " DB_SCOPE_SQL("wilayah")
                     " GROUP BY instansi_id) oc ON oc.instansi_id=i.id"
                     " LEFT JOIN (SELECT instansi_id,COUNT(*) AS n FROM pegawai WHERE instansi_id IS NOT NULL AND "
                     DB_SCOPE_SQL("wilayah") " GROUP BY instansi_id) pc ON pc.instansi_id=i.id"
                     " WHERE (?='' OR i.pemda=?) AND (" DB_SCOPE_SQL("i.pemda")
                     " OR oc.n IS NOT NULL OR pc.n IS NOT NULL)"
                     " ORDER BY i.pemda,i.nama",
                     &st, "ttttttttttt", sc, sc, like, sc, sc, like, pd, pd, sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_instansi_row_t r = {db_int(st, 0), db_int(st, 4), db_int(st, 5), db_text(st, 1), db_text(st, 2),
                              db_text(st, 3)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_instansi_get(db_t *db, int64_t id, store_instansi_one_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT id,pemda,nama FROM instansi WHERE id=?", &st, "i", id);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    out->id = db_int(st, 0);
    snprintf(out->pemda, sizeof out->pemda, "%s", db_text(st, 1));
    snprintf(out->nama, sizeof out->nama, "%s", db_text(st, 2));
  }
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

err_t store_opd_list(db_t *db, const char *scope, int64_t instansi_id,
                     err_t (*fn)(void *ud, const store_opd_list_row_t *r), void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  /* An OPD's wilayah is its office; it is also listed where it has officials
   * (a Dinas Pendidikan registered at one school still employs teachers in
   * every kecamatan). The count is of its officials within scope, from one
   * grouped pass over the registry (no index on pegawai.opd_id is assumed). */
  err_t e = db_query(db,
                     "SELECT o.id,o.instansi_id,o.nama,i.nama,o.wilayah,COALESCE(w.nama,o.wilayah),COALESCE(pc.n,0)"
                     " FROM opd o JOIN instansi i ON i.id=o.instansi_id LEFT JOIN wilayah w ON w.kode=o.wilayah"
                     " LEFT JOIN (SELECT opd_id,COUNT(*) AS n FROM pegawai WHERE opd_id IS NOT NULL AND "
                     DB_SCOPE_SQL("wilayah") " GROUP BY opd_id) pc ON pc.opd_id=o.id"
                     " WHERE (?=0 OR o.instansi_id=?) AND (" DB_SCOPE_SQL("o.wilayah") " OR pc.n IS NOT NULL)"
                     " ORDER BY i.nama,o.nama,o.id",
                     &st, "tttiittt", sc, sc, like, instansi_id, instansi_id, sc, sc, like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_opd_list_row_t r = {db_int(st, 0),  db_int(st, 1),  db_int(st, 6), db_text(st, 2),
                              db_text(st, 3), db_text(st, 4), db_text(st, 5)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

/* Parameters of a statement assembled from fixed fragments. */
typedef struct {
  int n;
  struct {
    const char *s; /* NULL: integer */
    int64_t v;
  } p[16];
} params_t;

static void ptext(params_t *ps, const char *s) {
  if (ps->n < 16) ps->p[ps->n++].s = s;
}
static void pint(params_t *ps, int64_t v) {
  if (ps->n < 16) {
    ps->p[ps->n].s = NULL;
    ps->p[ps->n++].v = v;
  }
}

static err_t prepare_params(db_t *db, const char *sql, const params_t *ps, db_stmt_t **out) {
  db_stmt_t *st = NULL;
  err_t e = db_ops(db)->prepare(db, sql, &st);
  for (int i = 0; !e && i < ps->n; i++)
    e = ps->p[i].s ? db_ops(db)->bind_text(st, i + 1, ps->p[i].s, strlen(ps->p[i].s))
                   : db_ops(db)->bind_int(st, i + 1, ps->p[i].v);
  if (e) {
    if (st) db_done(st);
    return e;
  }
  *out = st;
  return ERR_OK;
}

/* LIKE pattern for text inside a value ("%budi%") or at its start ("1978%"),
 * with the pattern characters of the input escaped by backslash. */
static void like_pattern(const char *in, int anywhere, char *out, size_t cap) {
  size_t o = 0;
  if (anywhere && o + 1 < cap) out[o++] = '%';
  for (const char *s = in; *s && o + 3 < cap; s++) {
    if (*s == '%' || *s == '_' || *s == '\\') out[o++] = '\\';
    out[o++] = *s;
  }
  if (o + 1 < cap) out[o++] = '%';
  out[o] = '\0';
}

err_t store_pegawai_search(db_t *db, const store_pegawai_filter_t *f,
                           err_t (*fn)(void *ud, const store_pegawai_list_row_t *r), void *ud, int64_t *total) {
  char sql[2048], where[768], like[40], qany[512], qnip[512];
  params_t ps = {0};
  size_t w = 0;
  db_stmt_t *st;
  err_t e;
  /* Only the filters in use go into the statement, so the NIP lookup and an
   * OPD's officials use their indexes. Every fragment is a constant. */
#define WHERE_ADD(frag) w += (size_t)snprintf(where + w, sizeof where - w, "%s%s", w ? " AND " : " WHERE ", frag)
  where[0] = '\0';
  if (f->scope && *f->scope) {
    db_scope_like(f->scope, like, sizeof like);
    WHERE_ADD("(p.wilayah=? OR p.wilayah LIKE ?)");
    ptext(&ps, f->scope);
    ptext(&ps, like);
  }
  if (f->nip && *f->nip) {
    WHERE_ADD("p.nip=?");
    ptext(&ps, f->nip);
  }
  if (f->q && *f->q) {
    like_pattern(f->q, 1, qany, sizeof qany);
    like_pattern(f->q, 0, qnip, sizeof qnip);
    WHERE_ADD("(lower(p.nama) LIKE lower(?) ESCAPE '\\' OR p.nip LIKE ? ESCAPE '\\')");
    ptext(&ps, qany);
    ptext(&ps, qnip);
  }
  if (f->instansi_id > 0) {
    WHERE_ADD("p.instansi_id=?");
    pint(&ps, f->instansi_id);
  }
  if (f->opd_id > 0) {
    WHERE_ADD("p.opd_id=?");
    pint(&ps, f->opd_id);
  }
#undef WHERE_ADD
  if (w >= sizeof where) return err_set(ERR_INTERNAL, NULL, "Kueri daftar pegawai terlalu panjang.");
  snprintf(sql, sizeof sql,
           "SELECT p.id,COALESCE(p.instansi_id,0),COALESCE(p.opd_id,0),p.nip,p.nama,p.jabatan,p.kategori,p.wilayah,"
           " COALESCE(w.nama,p.wilayah),i.nama,o.nama,COUNT(*) OVER ()"
           " FROM pegawai p LEFT JOIN wilayah w ON w.kode=p.wilayah LEFT JOIN instansi i ON i.id=p.instansi_id"
           " LEFT JOIN opd o ON o.id=p.opd_id%s ORDER BY p.nama,p.nip LIMIT ? OFFSET ?",
           where);
  pint(&ps, f->limit);
  pint(&ps, f->offset);
  if ((e = prepare_params(db, sql, &ps, &st))) return e;
  *total = 0;
  int rows = 0;
  while ((e = db_step(st)) == ERR_OK) {
    store_pegawai_list_row_t r = {db_int(st, 0),  db_int(st, 1),  db_int(st, 2),  db_text(st, 3),
                                  db_text(st, 4), db_text(st, 5), db_text(st, 6), db_text(st, 7),
                                  db_text(st, 8), db_text(st, 9), db_text(st, 10)};
    *total = db_int(st, 11);
    rows++;
    if ((e = fn(ud, &r))) break;
  }
  e = db_finish(st, e);
  if (e || rows || f->offset == 0) return e;
  /* A page past the end still reports how many there are. */
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM pegawai p%s", where);
  ps.n -= 2;
  if ((e = prepare_params(db, sql, &ps, &st))) return e;
  e = db_step(st);
  if (e == ERR_OK) *total = db_int(st, 0);
  return db_finish(st, e);
}

/* ---- files of prevention records ---- */

static const struct {
  const char *get, *set;
} berkas_sql[] = {
    [STORE_BERKAS_PAKTA] = {"SELECT id,wilayah,dokumen_sha256,dokumen_nama,dokumen_mime,COALESCE(dokumen_ukuran,0),"
                            "dokumen_diunggah FROM pakta WHERE id=?",
                            "UPDATE pakta SET dokumen_sha256=?,dokumen_nama=?,dokumen_mime=?,dokumen_ukuran=?,"
                            "dokumen_diunggah=? WHERE id=?"},
    [STORE_BERKAS_KEGIATAN] = {"SELECT id,wilayah,lampiran_sha256,lampiran_nama,lampiran_mime,"
                               "COALESCE(lampiran_ukuran,0),lampiran_diunggah FROM kegiatan WHERE id=?",
                               "UPDATE kegiatan SET lampiran_sha256=?,lampiran_nama=?,lampiran_mime=?,"
                               "lampiran_ukuran=?,lampiran_diunggah=? WHERE id=?"},
};

err_t store_berkas_get(db_t *db, store_berkas_t kind, int64_t id, store_berkas_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, berkas_sql[kind].get, &st, "i", id);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    out->id = db_int(st, 0);
    snprintf(out->wilayah, sizeof out->wilayah, "%s", db_text(st, 1));
    snprintf(out->sha256, sizeof out->sha256, "%s", db_text(st, 2));
    snprintf(out->nama, sizeof out->nama, "%s", db_text(st, 3));
    snprintf(out->mime, sizeof out->mime, "%s", db_text(st, 4));
    out->ukuran = db_int(st, 5);
    snprintf(out->diunggah, sizeof out->diunggah, "%s", db_text(st, 6));
  }
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}

err_t store_berkas_set(db_t *db, store_berkas_t kind, int64_t id, const char *sha256, const char *nama,
                       const char *mime, int64_t ukuran, const char *diunggah) {
  err_t e = db_exec(db, berkas_sql[kind].set, "tttiti", sha256, nama, mime, ukuran, diunggah, id);
  if (!e && db_changes(db) == 0) e = ERR_NOT_FOUND;
  return e;
}

/* ---- petahana ---- */

err_t store_petahana_list(db_t *db, const char *scope, err_t (*fn)(void *ud, const store_petahana_row_t *r),
                          void *ud) {
  db_stmt_t *st;
  char like[40];
  const char *sc = db_scope_like(scope, like, sizeof like);
  err_t e = db_query(db,
                     "SELECT t.wilayah,COALESCE(w.nama,t.wilayah),t.pemilihan,t.calon,t.diubah_oleh,t.diubah"
                     " FROM petahana t LEFT JOIN wilayah w ON w.kode=t.wilayah"
                     " WHERE " DB_SCOPE_SQL("t.wilayah") " OR ? LIKE t.wilayah || '.%' ORDER BY t.wilayah",
                     &st, "tttt", sc, sc, like, sc);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    store_petahana_row_t r = {db_text(st, 0), db_text(st, 1), db_text(st, 2),
                              db_text_or_null(st, 3), db_text(st, 4), db_text(st, 5)};
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}

err_t store_petahana_delete(db_t *db, const char *wilayah, int *deleted) {
  err_t e = db_exec(db, "DELETE FROM petahana WHERE wilayah=?", "t", wilayah);
  *deleted = !e && db_changes(db) > 0;
  return e;
}
