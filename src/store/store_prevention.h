/*
 * store_prevention.h — SQL of prevention (pencegahan): the registry of
 * instansi, OPD and pegawai, pakta integritas signing events, the activity
 * log (kegiatan), the petahana flags and the editable kerawanan weights, and
 * the per-unit aggregates the coverage and vulnerability index read.
 *
 * All SQL is the portable subset (substr, length, COALESCE, ||, ON CONFLICT,
 * RETURNING). Aggregates group by a unit expression taken from a fixed table
 * (store_unit_t), never from caller text.
 * Strings passed to callbacks are borrowed and valid only during the call.
 */
#ifndef NETRAL_STORE_PREVENTION_H
#define NETRAL_STORE_PREVENTION_H
#include <stdint.h>
#include "store/store.h"
#include "store/store_pegawai.h"

/* Compared units: kab/kota, kecamatan, desa (wilayah code prefixes of 5, 8
 * and 13 characters) or OPD (opd.id). */
typedef enum { STORE_UNIT_KABKOTA, STORE_UNIT_KECAMATAN, STORE_UNIT_DESA, STORE_UNIT_OPD } store_unit_t;

/* ---- registry (import and pegawai rows: store_pegawai.h) ---- */
typedef struct {
  int64_t id;
  char nama[256], wilayah[24], instansi[256];
} store_opd_row_t;
err_t store_opd_get(db_t *db, int64_t id, store_opd_row_t *out); /* ERR_NOT_FOUND */

/* ---- pakta integritas ---- */
err_t store_pakta_butir_ensure(db_t *db, const char *versi, int nomor, const char *teks);
typedef struct {
  const char *tanggal, *tempat, *wilayah, *versi_butir, *keterangan, *dibuat_oleh, *dibuat;
  int64_t opd_id; /* 0: none */
} store_pakta_in_t;
err_t store_pakta_insert(db_t *db, const store_pakta_in_t *p, int64_t *id);
err_t store_pakta_ttd_insert(db_t *db, int64_t pakta_id, int64_t pegawai_id, const char *nama, const char *jabatan,
                             const char *nip);
typedef struct {
  int64_t id, opd_id, jumlah_ttd, ttd_terdaftar, dokumen_ukuran;
  const char *tanggal, *tempat, *wilayah, *wilayah_nama, *opd_nama, *versi_butir, *dokumen_sha256, *dokumen_nama,
      *dokumen_mime, *dokumen_diunggah, *keterangan, *dibuat_oleh, *dibuat; /* dokumen_*: "" when none */
} store_pakta_row_t;
/* Newest first; scope "" = all. */
err_t store_pakta_list(db_t *db, const char *scope, int64_t limit, err_t (*fn)(void *ud, const store_pakta_row_t *r),
                       void *ud);
err_t store_pakta_ttd_each(db_t *db, int64_t pakta_id,
                           err_t (*fn)(void *ud, int64_t pegawai_id, const char *nama, const char *jabatan,
                                       const char *nip),
                           void *ud);

/* ---- kegiatan ---- */
typedef struct {
  const char *jenis, *tanggal, *wilayah, *judul, *nomor, *keterangan, *dibuat_oleh, *dibuat;
  int64_t opd_id, peserta;
} store_kegiatan_in_t;
err_t store_kegiatan_insert(db_t *db, const store_kegiatan_in_t *k, int64_t *id);
typedef struct {
  int64_t id, opd_id, peserta, lampiran_ukuran;
  const char *jenis, *tanggal, *wilayah, *wilayah_nama, *opd_nama, *judul, *nomor, *lampiran_sha256, *lampiran_nama,
      *lampiran_mime, *lampiran_diunggah, *keterangan, *dibuat_oleh, *dibuat; /* lampiran_*: "" when none */
} store_kegiatan_row_t;
/* Newest first; scope "" = all; jenis NULL/"" = all. */
err_t store_kegiatan_list(db_t *db, const char *scope, const char *jenis, int64_t limit,
                          err_t (*fn)(void *ud, const store_kegiatan_row_t *r), void *ud);
/* Latest date per (wilayah, opd_id) of activities of the given kinds
 * (NULL-terminated list, at most 8). opd_id 0 = none. */
err_t store_kegiatan_latest(db_t *db, const char *const *jenis,
                            err_t (*fn)(void *ud, const char *wilayah, int64_t opd_id, const char *tanggal), void *ud);

/* ---- units and aggregates ---- */
/* The units compared at a level within scope: key (wilayah code or OPD id as
 * text), name, wilayah (for an OPD: its office's wilayah). In key order. */
err_t store_units(db_t *db, store_unit_t level, const char *scope,
                  err_t (*fn)(void *ud, const char *key, const char *nama, const char *wilayah), void *ud);
/* Registry counts per unit: officials, officials who signed a pakta,
 * officials with a declared relation to a calon. */
err_t store_pegawai_agg(db_t *db, store_unit_t level, const char *scope,
                        err_t (*fn)(void *ud, const char *key, int64_t pegawai, int64_t ikrar, int64_t relasi),
                        void *ud);
/* Cases within scope (by the event's wilayah or the registered official's
 * wilayah): wilayah, terlapor NIP and normalised name, status, putusan JSON
 * (may be NULL), receipt time, the official's OPD id (0 when the NIP is not
 * in the registry). */
typedef struct {
  const char *wilayah, *nip, *nama_norm, *status, *putusan, *diterima;
  int64_t opd_id;
} store_kasus_ringkas_t;
err_t store_kasus_ringkas(db_t *db, const char *scope, err_t (*fn)(void *ud, const store_kasus_ringkas_t *k),
                          void *ud);

/* ---- petahana and weights ---- */
err_t store_petahana_set(db_t *db, const char *wilayah, const char *pemilihan, const char *calon, const char *oleh,
                         const char *waktu);
err_t store_petahana_each(db_t *db, err_t (*fn)(void *ud, const char *wilayah, const char *pemilihan), void *ud);
err_t store_bobot_set(db_t *db, const char *kode, int bobot, const char *oleh, const char *waktu);
err_t store_bobot_each(db_t *db, err_t (*fn)(void *ud, const char *kode, int bobot), void *ud);
#endif
