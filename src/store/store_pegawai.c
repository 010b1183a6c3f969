/* store_pegawai.c — see store_pegawai.h. All SQL of the registry of officials lives here. */
#include "store/store_pegawai.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/banned.h"

static int is_sqlite(db_t *db) { return strcmp(db_ops(db)->name, "sqlite") == 0; }

/* The registry's only index: the unique NIP index. Aggregates read whole
 * scopes (a scan either way), and an index that rows are not appended to in
 * key order costs more to keep during an import than the import itself
 * (measured: two secondary indexes made a 4.3-million-row load 7x slower;
 * built afterwards by sorting they cost as much as the rows). */
#define NIP_INDEX "pegawai_nip"
#define NIP_INDEX_CREATE "CREATE UNIQUE INDEX IF NOT EXISTS " NIP_INDEX " ON pegawai(nip)"

static err_t nip_index_exists(db_t *db, int *yes) {
  int64_t n = 0;
  err_t e = is_sqlite(db)
                ? db_one_int(db, "SELECT COUNT(*) FROM sqlite_master WHERE type='index' AND name=?", &n, "t", NIP_INDEX)
                : db_one_int(db, "SELECT COUNT(*) FROM pg_indexes WHERE schemaname=current_schema() AND indexname=?",
                             &n, "t", NIP_INDEX);
  *yes = n > 0;
  return e;
}

static err_t drop_nip_index_tx(db_t *db, void *ud) {
  (void)ud;
  return db_exec_script(db, "DROP INDEX IF EXISTS " NIP_INDEX);
}

err_t store_pegawai_bulk_begin(db_t *db, store_bulk_t *b) {
  int64_t any = 0;
  err_t e;
  memset(b, 0, sizeof *b);
  if (is_sqlite(db)) {
    /* The importer has checked every reference in memory already. The page
     * cache stays bounded (32 MB) whatever the registry's size. */
    if ((e = db_exec_script(db, "PRAGMA foreign_keys=OFF; PRAGMA cache_size=-32768;"))) return e;
  }
  if ((e = db_one_int(db, "SELECT COUNT(*) FROM (SELECT 1 FROM pegawai LIMIT 1) t", &any, ""))) return e;
  /* Update mode needs the unique NIP index; an import killed before its end is repaired
   * here whatever its age (imports do not run side by side). */
  if (any) return store_pegawai_repair(db, 1, &b->repaired);
  if ((e = store_write(db, drop_nip_index_tx, NULL))) return e;
  b->fresh = 1;
  if (db_ops(db)->bulk && (e = db_ops(db)->bulk(db, 1, &b->bulk_mode))) return e;
  return ERR_OK;
}

/* Try to build the unique NIP index; on a repeated NIP, keep the newest row
 * of each (signatures of pakta move to it) and build it then. */
err_t store_pegawai_merge(db_t *db, int64_t *merged) {
  *merged = 0;
  err_t e = db_exec_script(db, "SAVEPOINT nip_unik");
  if (e) return e;
  e = db_exec(db, NIP_INDEX_CREATE, ""); /* a prepared statement: a repeated NIP is ERR_CONFLICT */
  if (e == ERR_OK) return db_exec_script(db, "RELEASE SAVEPOINT nip_unik");
  if (e != ERR_CONFLICT) return e;
  err_clear();
  if ((e = db_exec_script(db, "ROLLBACK TO SAVEPOINT nip_unik; RELEASE SAVEPOINT nip_unik;"
                              " CREATE INDEX pegawai_nip_gabung ON pegawai(nip, id);"
                              " UPDATE pakta_penandatangan SET pegawai_id=(SELECT MAX(q.id) FROM pegawai p"
                              "  JOIN pegawai q ON q.nip=p.nip WHERE p.id=pakta_penandatangan.pegawai_id)"
                              " WHERE pegawai_id IS NOT NULL;")))
    return e;
  if ((e = db_exec(db,
                   "DELETE FROM pegawai WHERE EXISTS (SELECT 1 FROM pegawai q"
                   " WHERE q.nip=pegawai.nip AND q.id>pegawai.id)",
                   "")))
    return e;
  *merged = db_changes(db);
  if ((e = db_exec_script(db, "DROP INDEX pegawai_nip_gabung"))) return e;
  return db_exec_script(db, NIP_INDEX_CREATE);
}

err_t store_pegawai_bulk_end(db_t *db, const store_bulk_t *b) {
  err_t e = ERR_OK;
  if (db_ops(db)->bulk) {
    int granted = b->bulk_mode;
    err_t e2 = db_ops(db)->bulk(db, 0, &granted);
    if (!e) e = e2;
  }
  if (is_sqlite(db)) {
    err_t e2 = db_exec_script(db, "PRAGMA foreign_keys=ON; PRAGMA cache_size=-2000;");
    if (!e) e = e2;
  }
  return e;
}

typedef struct {
  int64_t merged;
} repair_t;

static err_t repair_tx(db_t *db, void *ud) {
  repair_t *r = ud;
  int have = 0;
  err_t e = nip_index_exists(db, &have); /* again, inside the transaction */
  if (!e && !have) e = store_pegawai_merge(db, &r->merged);
  return e;
}

/* An import started less than this long ago and not closed may still be
 * running (a first load has no NIP index until its end): leave it alone. */
enum { REPAIR_GRACE_S = 6 * 3600 };

err_t store_pegawai_repair(db_t *db, int force, int64_t *merged) {
  int have = 1;
  *merged = 0;
  if (!force) {
    char since[CLOCK_ISO_LEN];
    int64_t running = 0;
    clock_iso(clock_now() - REPAIR_GRACE_S, since);
    err_t e = db_one_int(db, "SELECT COUNT(*) FROM pegawai_impor WHERE status='berjalan' AND mulai>?", &running, "t",
                         since);
    if (e) return e;
    if (running) return ERR_OK;
  }
  err_t e = nip_index_exists(db, &have);
  if (e || have) return e;
  repair_t r = {0};
  e = store_write(db, repair_tx, &r);
  if (!e) *merged = r.merged;
  return e;
}

err_t store_wilayah_each_kode(db_t *db, err_t (*fn)(void *ud, const char *kode, const char *tingkat), void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT kode,tingkat FROM wilayah", &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1)))) break;
  return db_finish(st, e);
}

err_t store_instansi_ensure(db_t *db, const char *pemda, const char *nama, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO instansi(pemda,nama) VALUES(?,?)"
                     " ON CONFLICT(pemda,nama) DO UPDATE SET nama=excluded.nama RETURNING id",
                     &st, "tt", pemda, nama);
  return e ? e : db_returning_id(st, id);
}

err_t store_opd_ensure(db_t *db, int64_t instansi_id, const char *nama, const char *wilayah, int64_t *id) {
  db_stmt_t *st;
  /* The OPD keeps the wilayah it was first registered with (its office). */
  err_t e = db_query(db,
                     "INSERT INTO opd(instansi_id,nama,wilayah) VALUES(?,?,?)"
                     " ON CONFLICT(instansi_id,nama) DO UPDATE SET nama=excluded.nama RETURNING id",
                     &st, "itt", instansi_id, nama, wilayah);
  return e ? e : db_returning_id(st, id);
}

#define PEGAWAI_INSERT                                                                                     \
  "INSERT INTO pegawai(nip,nama,jabatan,kategori,wilayah,relasi,relasi_calon,instansi_id,opd_id,impor_id)" \
  " VALUES(?,?,?,?,?,?,?,?,?,?)"

static err_t bind_row(db_t *db, db_stmt_t *st, int base, const store_pegawai_in_t *p) {
  const struct store_ops *ops = db_ops(db);
  /* Not copied: p's strings outlive the statement run (db_done follows). */
  err_t (*text)(db_stmt_t *, int, const char *, size_t) = ops->bind_text_ref ? ops->bind_text_ref : ops->bind_text;
  const char *t[7] = {p->nip, p->nama, db_nz(p->jabatan), p->kategori, p->wilayah, db_nz(p->relasi), db_nz(p->relasi_calon)};
  err_t e = ERR_OK;
  for (int i = 0; i < 7 && !e; i++) e = t[i] ? text(st, base + i, t[i], strlen(t[i])) : ops->bind_null(st, base + i);
  if (!e) e = db_bind_id(db, st, base + 7, p->instansi_id);
  if (!e) e = db_bind_id(db, st, base + 8, p->opd_id);
  if (!e) e = db_bind_id(db, st, base + 9, p->impor_id);
  return e;
}

static err_t insert_row(db_t *db, const char *sql, const store_pegawai_in_t *p) {
  db_stmt_t *st;
  err_t e = db_ops(db)->prepare(db, sql, &st);
  if (e) return e;
  e = bind_row(db, st, 1, p);
  if (!e) e = db_step(st);
  db_done(st);
  return e == ERR_DONE ? ERR_OK : (e ? e : ERR_DB);
}

/* One statement appends INSERT_ROWS rows: a statement run costs about as
 * much as the rows it appends (cursor opened and the table's last page
 * sought anew each run), so the fixed part is shared. */
enum { INSERT_ROWS = 32, INSERT_COLS = 10 };
static char insert_many_sql[sizeof PEGAWAI_INSERT + INSERT_ROWS * 24];
static pthread_once_t insert_many_once = PTHREAD_ONCE_INIT;
static void insert_many_build(void) {
  size_t k = (size_t)snprintf(insert_many_sql, sizeof insert_many_sql, "%s", PEGAWAI_INSERT);
  for (int i = 1; i < INSERT_ROWS; i++)
    k += (size_t)snprintf(insert_many_sql + k, sizeof insert_many_sql - k, ",(?,?,?,?,?,?,?,?,?,?)");
}

err_t store_pegawai_insert_many(db_t *db, const store_pegawai_in_t *const *rows, size_t n) {
  pthread_once(&insert_many_once, insert_many_build);
  err_t e = ERR_OK;
  size_t i = 0;
  for (; i + INSERT_ROWS <= n && !e; i += INSERT_ROWS) {
    db_stmt_t *st;
    if ((e = db_ops(db)->prepare(db, insert_many_sql, &st))) return e;
    for (int r = 0; r < INSERT_ROWS && !e; r++) e = bind_row(db, st, 1 + r * INSERT_COLS, rows[i + (size_t)r]);
    if (!e) e = db_step(st);
    db_done(st);
    e = e == ERR_DONE ? ERR_OK : (e ? e : ERR_DB);
  }
  for (; i < n && !e; i++) e = insert_row(db, PEGAWAI_INSERT, rows[i]);
  return e;
}

/* One statement: the NIP index is probed once. New or updated: on SQLite a
 * new row's id is above every id present before (floor_id); PostgreSQL
 * says it directly (xmax is 0 on a row this statement inserted). */
#define PEGAWAI_UPSERT_SET                                                                                  \
  " ON CONFLICT(nip) DO UPDATE SET nama=excluded.nama, jabatan=excluded.jabatan, kategori=excluded.kategori," \
  " wilayah=excluded.wilayah, relasi=excluded.relasi, relasi_calon=excluded.relasi_calon,"                  \
  " instansi_id=excluded.instansi_id, opd_id=excluded.opd_id, impor_id=excluded.impor_id"

err_t store_pegawai_upsert(db_t *db, const store_pegawai_in_t *p, int64_t floor_id, int *created) {
  int sqlite = is_sqlite(db);
  db_stmt_t *st;
  err_t e = db_ops(db)->prepare(db,
                                sqlite ? PEGAWAI_INSERT PEGAWAI_UPSERT_SET " RETURNING id"
                                       : PEGAWAI_INSERT PEGAWAI_UPSERT_SET " RETURNING CASE WHEN xmax::text='0' THEN 1 ELSE 0 END",
                                &st);
  if (e) return e;
  e = bind_row(db, st, 1, p);
  if (!e) e = db_step(st);
  if (e == ERR_OK) *created = sqlite ? db_int(st, 0) > floor_id : db_int(st, 0) == 1;
  db_done(st);
  return e == ERR_OK ? ERR_OK : (e == ERR_DONE ? ERR_DB : e);
}

err_t store_pegawai_impor_open(db_t *db, const char *mulai, const char *sumber, const char *oleh, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db, "INSERT INTO pegawai_impor(mulai,sumber,oleh) VALUES(?,?,?) RETURNING id", &st, "ttt", mulai,
                     db_nz(sumber), oleh);
  return e ? e : db_returning_id(st, id);
}

err_t store_pegawai_impor_abandoned(db_t *db, int64_t *n) {
  err_t e = db_exec(db, "UPDATE pegawai_impor SET status='gagal' WHERE status='berjalan'", "");
  if (!e) *n = db_changes(db);
  return e;
}

err_t store_pegawai_impor_close(db_t *db, int64_t id, const store_impor_end_t *end) {
  return db_exec(db,
                 "UPDATE pegawai_impor SET selesai=?, status=?, baris=?, baru=?, diperbarui=?, ditolak=? WHERE id=?",
                 "ttiiiii", end->selesai, end->status, end->baris, end->baru, end->diperbarui, end->ditolak, id);
}

err_t store_pegawai_max_id(db_t *db, int64_t *id) {
  return db_one_int(db, "SELECT COALESCE(MAX(id),0) FROM pegawai", id, "");
}

err_t store_pegawai_count(db_t *db, int64_t *n) { return db_one_int(db, "SELECT COUNT(*) FROM pegawai", n, ""); }

err_t store_pegawai_by_nip(db_t *db, const char *nip, store_pegawai_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT id,COALESCE(opd_id,0),nip,nama,jabatan,wilayah,kategori FROM pegawai WHERE nip=?",
                     &st, "t", nip);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    out->id = db_int(st, 0);
    out->opd_id = db_int(st, 1);
    snprintf(out->nip, sizeof out->nip, "%s", db_text(st, 2));
    snprintf(out->nama, sizeof out->nama, "%s", db_text(st, 3));
    snprintf(out->jabatan, sizeof out->jabatan, "%s", db_text(st, 4));
    snprintf(out->wilayah, sizeof out->wilayah, "%s", db_text(st, 5));
    snprintf(out->kategori, sizeof out->kategori, "%s", db_text(st, 6));
  }
  db_done(st);
  return e == ERR_DONE ? ERR_NOT_FOUND : e;
}
