/*
 * store_case.h — SQL of cases (laporan, temuan, informasi awal), their
 * timeline, evidence with its custody log, and rekomendasi.
 *
 * Scope: functions that read cases take `scope` — a wilayah code; only cases
 * whose wilayah equals it or lies below it are visible. "" means all (admin).
 */
#ifndef NETRAL_STORE_CASE_H
#define NETRAL_STORE_CASE_H
#include <stdint.h>
#include "core/limits.h"
#include "store/store.h"

enum {
  CASE_TEXT_BYTES = LIMIT_FIELD_TEXT * 4 + 1,
  CASE_LOKASI_BYTES = LIMIT_LOKASI * 4 + 1,
  REKOM_TEXT_BYTES = LIMIT_WORKFLOW_TEXT + 1, /* a transition's text field, in bytes */
};

typedef struct {
  int64_t id;
  char kode[24], jenis[20], rezim[12], status[28], wilayah[24], wilayah_nama[96];
  /* Text fields hold their input limit in UTF-8 (up to 4 bytes a character),
   * so nothing read back is cut short of what was written. */
  char terlapor_nama[CASE_TEXT_BYTES], terlapor_nama_norm[CASE_TEXT_BYTES], terlapor_nip[24], kategori[20];
  char instansi[CASE_TEXT_BYTES], jabatan[CASE_TEXT_BYTES], terlapor_wilayah[24];
  char tanggal_kejadian[12], tanggal_diketahui[12], lokasi[CASE_LOKASI_BYTES];
  char *uraian;  /* heap; case_row_free */
  char *saksi;   /* JSON text; heap */
  char *putusan; /* JSON text or NULL; heap */
  char *tanda_terima; /* JSON text or NULL; heap */
  unsigned char *pelapor_sealed; /* nonce||ciphertext or NULL; heap */
  size_t pelapor_sealed_len;
  char content_sha256[65], client_id[72];
  int kedaluwarsa;
  char diterima[24], dibuat_oleh[48];
  char tenggat_tahap[40], tenggat_jatuh_tempo[20], tenggat_dasar[256];
  char updated_at[24];
  char segel[72]; /* caseseal.h; "belum" before it was sealed */
} case_row_t;
void case_row_free(case_row_t *c);

typedef err_t (*store_case_fn)(void *ud, const case_row_t *c);
err_t store_case_insert(db_t *db, const case_row_t *c, int64_t *id);
err_t store_case_by_kode(db_t *db, const char *kode, case_row_t *out); /* ERR_NOT_FOUND */
err_t store_case_by_client_id(db_t *db, const char *client_id, case_row_t *out);
/* Writes c's status, putusan (when not NULL), tenggat fields and segel. */
err_t store_case_update_state(db_t *db, const case_row_t *c, const char *now);
err_t store_case_set_segel(db_t *db, int64_t id, const char *segel);
/* Every case, by id (seal checks of the whole database). */
err_t store_case_each(db_t *db, store_case_fn fn, void *ud);
/* Rows of kasus, bukti and rekomendasi still without a seal ('belum'). */
err_t store_case_count_unsealed(db_t *db, int64_t *n);

typedef struct {
  const char *scope;      /* wilayah scope; "" = all */
  const char *status;     /* NULL = any */
  const char *kategori;
  const char *wilayah;    /* narrower filter within scope */
  const char *q;          /* text: kode, terlapor, instansi, uraian */
  const char *const *only_status; /* NULL-terminated allow-list (pemda/bkn), NULL = any */
  const char *due_from;   /* "YYYY-MM-DDTHH:MM": only jatuh_tempo >= this (NULL: no bound) */
  const char *due_before; /* only jatuh_tempo < this (NULL: no bound) */
  int64_t limit, offset;
} case_filter_t;
err_t store_case_list(db_t *db, const case_filter_t *f, store_case_fn fn, void *ud, int64_t *total);

/* Timeline. */
err_t store_case_event_add(db_t *db, int64_t case_id, const char *waktu, const char *aktor, const char *dari,
                           const char *ke, const char *catatan, const char *data_json);
typedef err_t (*store_event_fn)(void *ud, const char *waktu, const char *aktor, const char *dari, const char *ke,
                                const char *catatan, const char *data_json);
err_t store_case_events(db_t *db, int64_t case_id, store_event_fn fn, void *ud);

/* Evidence and custody. */
typedef struct {
  int64_t id;
  char sha256[65], mime[48], jenis[16], nama[256], diterima[24];
  int64_t ukuran;
  char segel[72]; /* caseseal.h */
} bukti_row_t;
err_t store_bukti_add(db_t *db, int64_t case_id, const bukti_row_t *b, int64_t *id);
err_t store_bukti_count(db_t *db, int64_t case_id, int64_t *n);
typedef err_t (*store_bukti_fn)(void *ud, const bukti_row_t *b);
err_t store_bukti_list(db_t *db, int64_t case_id, store_bukti_fn fn, void *ud);
err_t store_bukti_get(db_t *db, int64_t case_id, int64_t bukti_id, bukti_row_t *out);
err_t store_bukti_set_segel(db_t *db, int64_t id, const char *segel);
/* Every evidence row with the kode of its case, by id. */
typedef err_t (*store_bukti_kode_fn)(void *ud, const char *kode, const bukti_row_t *b);
err_t store_bukti_each(db_t *db, store_bukti_kode_fn fn, void *ud);
/* Every stored file the database names, ordered by hash (the same file may
 * be named by several places): evidence of cases ("kasus NTR-…"), pakta
 * documents ("pakta #id") and activity attachments ("kegiatan #id"). */
typedef err_t (*store_file_ref_fn)(void *ud, const char *sha256, const char *place);
err_t store_evidence_files_each(db_t *db, store_file_ref_fn fn, void *ud);
/* The custody log of every evidence file of a case, oldest first. */
typedef err_t (*store_access_fn)(void *ud, int64_t bukti_id, const char *waktu, const char *aktor, const char *aksi);
err_t store_bukti_access_list(db_t *db, int64_t case_id, store_access_fn fn, void *ud);
err_t store_bukti_access(db_t *db, int64_t bukti_id, const char *waktu, const char *aktor, const char *aksi);

/* Rekomendasi. */
typedef struct {
  int64_t id, case_id;
  char kode_kasus[24], penerima[40], nomor[REKOM_TEXT_BYTES], tanggal[12], status[28];
  char jenis_sanksi[256], nomor_sk[REKOM_TEXT_BYTES], tanggal_sk[12], pejabat[REKOM_TEXT_BYTES];
  char alasan[REKOM_TEXT_BYTES], wilayah[24], kategori[20];
  char segel[72]; /* caseseal.h */
} rekom_row_t;
err_t store_rekom_add(db_t *db, const rekom_row_t *r);
/* The newest rekomendasi still waiting ("menunggu") for the case. */
err_t store_rekom_open(db_t *db, int64_t case_id, rekom_row_t *out);
/* Writes r's status, sanction fields and segel (by r->id). */
err_t store_rekom_close(db_t *db, const rekom_row_t *r);
err_t store_rekom_set_segel(db_t *db, int64_t id, const char *segel);
typedef err_t (*store_rekom_fn)(void *ud, const rekom_row_t *r);
err_t store_rekom_list(db_t *db, const char *scope, int64_t case_id, int only_waiting, store_rekom_fn fn, void *ud);

/* Repeat-offender candidates in scope: same NIP, or normalised name sharing
 * the first word (the caller ranks by similarity). */
err_t store_case_terlapor_candidates(db_t *db, const char *scope, const char *nip, const char *first_word,
                                     store_case_fn fn, void *ud);
err_t store_kalender_each(db_t *db, err_t (*fn)(void *ud, const char *tanggal, const char *jenis, const char *nama),
                          void *ud);
#endif

/* Recap counts in scope: dim is one of status, kategori, kabkota, kecamatan,
 * minggu (ISO week of diterima, "YYYY-Www" computed by the caller from
 * the diterima date). the callback receives (key, count). */
typedef err_t (*store_count_fn)(void *ud, const char *key, int64_t n);
/* only_status: NULL-terminated allow-list of k.status (pemda/bkn), NULL = any. */
err_t store_case_count_by(db_t *db, const char *scope, const char *const *only_status, const char *dim,
                          store_count_fn fn, void *ud);
/* Rekomendasi counts by (group, status) in scope; dim "kabkota" or "kategori". */
typedef err_t (*store_count2_fn)(void *ud, const char *group, const char *status, int64_t n);
err_t store_rekom_count_grouped(db_t *db, const char *scope, const char *dim, store_count2_fn fn, void *ud);
/* Rekomendasi counts by status in scope. */
err_t store_rekom_count_by_status(db_t *db, const char *scope, store_count_fn fn, void *ud);
