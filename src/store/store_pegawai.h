/*
 * store_pegawai.h — SQL of the registry of officials (pegawai) and of its
 * bulk import: instansi and OPD lookup-or-create, insert and upsert by NIP,
 * and the two import modes.
 *
 * Import modes (store_pegawai_bulk_begin decides):
 *   fresh  — the registry is empty: its one index (unique NIP) is dropped,
 *            rows are appended with store_pegawai_insert_many, and
 *            store_pegawai_merge merges NIPs repeated in the file (the
 *            row read last wins, as in update mode) and builds the index
 *            once, by sorting. The backend may also switch to a faster
 *            durable mode for it (store_ops.bulk: on SQLite a rollback
 *            journal, so appended pages are written once instead of to the
 *            WAL and again at checkpoint) when no other process has the
 *            database open; it switches back at the end.
 *   update — rows go through store_pegawai_upsert (insert, or update by
 *            NIP) with the index live.
 * A process killed in the middle of a fresh import leaves the registry
 * without its NIP index: store_pegawai_repair (run by every import, and by
 * every migrate and so server start unless that import may still be
 * running) merges and rebuilds them.
 * Strings passed to callbacks are borrowed and valid only during the call.
 */
#ifndef NETRAL_STORE_PEGAWAI_H
#define NETRAL_STORE_PEGAWAI_H
#include <stdint.h>
#include "store/store.h"

typedef struct {
  const char *nip, *nama, *jabatan, *kategori, *wilayah, *relasi, *relasi_calon;
  int64_t instansi_id, opd_id; /* 0: none */
  int64_t impor_id;            /* the import writing the row (pegawai_impor) */
} store_pegawai_in_t;

typedef struct {
  int fresh;          /* 1: the registry was empty; NIP index dropped */
  int bulk_mode;      /* the backend granted its bulk mode (store_ops.bulk) */
  int64_t repaired;   /* update mode: rows merged repairing a killed first load */
} store_bulk_t;

/* Pair with store_pegawai_bulk_end on the same connection, outside any transaction. */
err_t store_pegawai_bulk_begin(db_t *db, store_bulk_t *b);
/* Fresh mode: inside a write transaction, before bulk_end: drop the older
 * rows of every NIP that occurs more than once; *merged = rows dropped. */
err_t store_pegawai_merge(db_t *db, int64_t *merged);
/* Restores the connection's settings (the NIP index comes from store_pegawai_merge). */
err_t store_pegawai_bulk_end(db_t *db, const store_bulk_t *b);
/* Merge repeated NIPs and rebuild the NIP index when it is missing; *merged =
 * rows dropped (0 when the index was there). Runs its own transaction.
 * Unless force, nothing is done while an import opened in the last hours is
 * still "berjalan" (it may be a first load that builds the index at its end). */
err_t store_pegawai_repair(db_t *db, int force, int64_t *merged);

/* The import log: a row per import, opened when it starts and closed with
 * its outcome ("selesai" or "gagal") and counts. */
err_t store_pegawai_impor_open(db_t *db, const char *mulai, const char *sumber, const char *oleh, int64_t *id);
typedef struct {
  const char *selesai, *status;
  int64_t baris, baru, diperbarui, ditolak;
} store_impor_end_t;
err_t store_pegawai_impor_close(db_t *db, int64_t id, const store_impor_end_t *end);
/* Imports left "berjalan" by a killed process become "gagal"; *n = how many. */
err_t store_pegawai_impor_abandoned(db_t *db, int64_t *n);

err_t store_wilayah_each_kode(db_t *db, err_t (*fn)(void *ud, const char *kode, const char *tingkat), void *ud);
err_t store_instansi_ensure(db_t *db, const char *pemda, const char *nama, int64_t *id);
err_t store_opd_ensure(db_t *db, int64_t instansi_id, const char *nama, const char *wilayah, int64_t *id);
/* Fresh mode only: append rows (no NIP check; store_pegawai_merge merges).
 * Text is bound without a copy: the strings must outlive the call. */
err_t store_pegawai_insert_many(db_t *db, const store_pegawai_in_t *const *rows, size_t n);
/* Insert, or update by NIP; *created = 1 when the row is new. floor_id:
 * store_pegawai_max_id read in the same transaction before the first upsert. */
err_t store_pegawai_upsert(db_t *db, const store_pegawai_in_t *p, int64_t floor_id, int *created);
err_t store_pegawai_max_id(db_t *db, int64_t *id);
typedef struct {
  int64_t id, opd_id;
  char nip[32], nama[256], jabatan[256], wilayah[24], kategori[24];
} store_pegawai_row_t;
err_t store_pegawai_by_nip(db_t *db, const char *nip, store_pegawai_row_t *out); /* ERR_NOT_FOUND */
err_t store_pegawai_count(db_t *db, int64_t *n);
#endif
