/*
 * store_registry.h — SQL for browsing the registry of officials (instansi,
 * OPD, pegawai), for the files attached to prevention records (the signed
 * pakta document, a kegiatan's attachment) and for listing and removing
 * petahana flags. The tables themselves are created by migrations 5 and 9;
 * the import and the aggregates stay in store_prevention.c.
 *
 * Scope: `scope` is a wilayah code; a row is in scope when its wilayah equals
 * it or lies below it. "" means everything (admin). The caller narrows the
 * user's scope with any filter before calling (domain/registry.c).
 * Strings passed to callbacks are borrowed and valid only during the call.
 */
#ifndef NETRAL_STORE_REGISTRY_H
#define NETRAL_STORE_REGISTRY_H
#include <stdint.h>
#include "store/store.h"

/* ---- registry browsing ---- */
typedef struct {
  int64_t id, opd, pegawai; /* opd, pegawai: counts within scope */
  const char *pemda, *pemda_nama, *nama;
} store_instansi_row_t;
/* Instansi whose pemda lies in scope, plus those of a wider pemda that have
 * an OPD or an official in scope (a kecamatan officer sees the kab/kota
 * instansi working in their kecamatan). pemda "" = any. By pemda, nama. */
err_t store_instansi_list(db_t *db, const char *scope, const char *pemda,
                          err_t (*fn)(void *ud, const store_instansi_row_t *r), void *ud);
typedef struct {
  int64_t id;
  char pemda[24], nama[256];
} store_instansi_one_t;
err_t store_instansi_get(db_t *db, int64_t id, store_instansi_one_t *out); /* ERR_NOT_FOUND */

typedef struct {
  int64_t id, instansi_id, pegawai; /* pegawai: count within scope */
  const char *nama, *instansi, *wilayah, *wilayah_nama;
} store_opd_list_row_t;
/* OPD whose office lies in scope; instansi_id 0 = any. By instansi, nama. */
err_t store_opd_list(db_t *db, const char *scope, int64_t instansi_id,
                     err_t (*fn)(void *ud, const store_opd_list_row_t *r), void *ud);

typedef struct {
  const char *scope;
  const char *nip;      /* exact NIP; NULL = any */
  const char *q;        /* case-insensitive part of the name, or start of the NIP; NULL = any */
  int64_t instansi_id;  /* 0 = any */
  int64_t opd_id;       /* 0 = any */
  int64_t limit, offset;
} store_pegawai_filter_t;
typedef struct {
  int64_t id, instansi_id, opd_id; /* 0: none */
  const char *nip, *nama, *jabatan, *kategori, *wilayah, *wilayah_nama, *instansi, *opd;
} store_pegawai_list_row_t;
/* Matching officials by nama, nip; *total = all matches (not just this page). */
err_t store_pegawai_search(db_t *db, const store_pegawai_filter_t *f,
                           err_t (*fn)(void *ud, const store_pegawai_list_row_t *r), void *ud, int64_t *total);

/* ---- files of prevention records ---- */
typedef enum { STORE_BERKAS_PAKTA, STORE_BERKAS_KEGIATAN } store_berkas_t;
typedef struct {
  int64_t id, ukuran;
  char wilayah[24], sha256[72], nama[256], mime[48], diunggah[32];
} store_berkas_row_t;
/* The record's wilayah and its file (sha256 "" when none; mime "" when only a
 * hash was recorded before uploads existed). ERR_NOT_FOUND. */
err_t store_berkas_get(db_t *db, store_berkas_t kind, int64_t id, store_berkas_row_t *out);
err_t store_berkas_set(db_t *db, store_berkas_t kind, int64_t id, const char *sha256, const char *nama,
                       const char *mime, int64_t ukuran, const char *diunggah);

/* ---- petahana ---- */
typedef struct {
  const char *wilayah, *wilayah_nama, *pemilihan, *calon, *diubah_oleh, *diubah;
} store_petahana_row_t;
/* Flags in scope, and flags of a wider wilayah that covers the scope. */
err_t store_petahana_list(db_t *db, const char *scope, err_t (*fn)(void *ud, const store_petahana_row_t *r),
                          void *ud);
err_t store_petahana_delete(db_t *db, const char *wilayah, int *deleted);
#endif
