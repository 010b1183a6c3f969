/*
 * pegawai.h — the registry of officials (pegawai) with their instansi and
 * OPD (unit kerja) per pemda, and its bulk CSV import.
 *
 * CSV (header row required, columns in any order, UTF-8, RFC 4180):
 *   nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori[,relasi][,relasi_calon]
 *   nip        asn/pppk: an 18-digit NIP (identitas_nip_check); other
 *              kategori (tni, polri, kepala_desa, perangkat_desa, bpd,
 *              lainnya) carry their own identity number (NRP, NIPD…):
 *              4–24 characters of 0-9 A-Z a-z . - /
 *   wilayah    a Kemendagri code known to the database (where the official
 *              works); the instansi belongs to the pemda of its kab/kota
 *              (first two segments) or province
 *   kategori   asn, pppk, tni, polri, kepala_desa, perangkat_desa, bpd, lainnya
 *   unit_kerja OPD name, may be empty; an OPD is created on first sight with
 *              the wilayah of that row
 *   relasi     declared relation to a calon: "", or '|'-separated among
 *              keluarga, latar_belakang, lainnya; relasi_calon names the calon
 *
 * Bad-row policy (documented in docs/pencegahan.md): every row is validated
 * in full before it is written; a bad row is never written at all and is
 * handed to the reject callback with its line number and an Indonesian
 * reason; good rows are committed in transactions of batch_rows rows (each
 * with one audit entry). A database failure stops the import: batches
 * already committed stay, the failing batch rolls back whole, and running the
 * same file again is safe because rows are keyed by NIP (re-import updates).
 * A NIP repeated inside one file: the later row wins (counted as updated).
 */
#ifndef NETRAL_PEGAWAI_H
#define NETRAL_PEGAWAI_H
#include "core/limits.h"
#include <stdio.h>
#include "domain/keys.h"
#include "store/store.h"

enum { PEGAWAI_BATCH_DEFAULT = 50000, PEGAWAI_TEXT_MAX = LIMIT_PEGAWAI_TEXT };

typedef struct {
  long baris;      /* data rows read */
  long baru, diperbarui, ditolak;
  unsigned long long bita; /* input bytes consumed (approximate, for progress) */
  int register_kosong;     /* the registry was empty: first-load mode (store_pegawai.h) */
  int muat_massal;         /* the store granted its bulk mode (no other process had the database open) */
} pegawai_import_stats_t;

typedef struct {
  const keys_t *keys;   /* audit key */
  const char *actor;    /* audit actor */
  const char *sumber;   /* file name recorded in the audit entry */
  long batch_rows;      /* rows per transaction; 0 = PEGAWAI_BATCH_DEFAULT */
  /* A rejected row: line number (1-based, the header is line 1), reason,
   * and its fields (borrowed). May be NULL. */
  err_t (*reject)(void *ud, long line, const char *alasan, int nf, char **fields);
  /* The header row as read (borrowed), before any reject. May be NULL. */
  err_t (*header)(void *ud, int nf, char **fields);
  /* Called every few thousand rows and at the end. May be NULL. */
  void (*progress)(void *ud, const pegawai_import_stats_t *s);
  void *ud;
} pegawai_import_opts_t;

/* Stream in (CSV as above) into the registry. *stats is filled even on error. */
err_t pegawai_import(db_t *db, FILE *in, const pegawai_import_opts_t *o, pegawai_import_stats_t *stats);

/* Validate one relasi value ("" allowed). */
int pegawai_relasi_valid(const char *s);
#endif
