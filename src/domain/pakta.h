/*
 * pakta.h — prevention records: pakta integritas / ikrar netralitas signing
 * events, the activity log (kegiatan) and pakta coverage.
 *
 * Pakta: date, place, wilayah (and optionally an OPD), the version of the
 * four pledge points (data/pakta_butir.csv; the text of each version used is
 * copied into the database on first use, so it stays what was signed even
 * if the file changes), and the signatories: officials from the registry by
 * NIP (they count for coverage) or free text (nama, jabatan; listed but not
 * counted). The signed document is uploaded afterwards (pakta_berkas_simpan).
 * Kegiatan: jenis from a fixed table (sosialisasi, imbauan, surat_edaran
 * with nomor, xbanner per OPD, mou, bimtek, rapat_pemetaan), date,
 * wilayah/OPD, audience count; an attachment is uploaded afterwards.
 * Coverage: per OPD, kecamatan or desa within a wilayah, the share of
 * registry officials who signed at least one pakta (distinct officials).
 *
 * Writes run inside store_write and append the audit entry in the same
 * transaction. Scope: a user writes and reads only within their wilayah
 * (admin everywhere); a wilayah outside it is ERR_FORBIDDEN naming "wilayah".
 */
#ifndef NETRAL_PAKTA_H
#define NETRAL_PAKTA_H
#include "core/limits.h"
#include <jansson.h>
#include <stdint.h>
#include "domain/account.h"
#include "core/mem.h"
#include "domain/keys.h"
#include "store/store.h"
#include "store/store_prevention.h"
#include "store/store_registry.h"

enum { PAKTA_TTD_MAX = LIMIT_PAKTA_TTD };

err_t pakta_create(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);
err_t pakta_list(db_t *db, const account_t *who, const char *wilayah, json_t **out);
err_t kegiatan_create(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);
err_t kegiatan_list(db_t *db, const account_t *who, const char *wilayah, const char *jenis, json_t **out);
/* tingkat: opd | kecamatan | desa (also kabkota). */
err_t pakta_cakupan(db_t *db, const account_t *who, const char *tingkat, const char *wilayah, json_t **out);

/* ---- files: the signed pakta document, a kegiatan's attachment ----
 * Stored content-addressed and encrypted in <data_dir>/bukti like evidence (evidence.h):
 * PDF, JPEG or PNG by magic bytes, at most max_bytes. The record keeps the
 * SHA-256, name, type, size and upload time; a new upload replaces the
 * record's file (the old one stays in the store, and the audit entry names
 * both hashes). kind is STORE_BERKAS_PAKTA or STORE_BERKAS_KEGIATAN; id_text
 * is the record id from the request path. A record outside who's wilayah is
 * ERR_NOT_FOUND, as a missing one. */
typedef struct {
  const char *data_dir;
  size_t max_bytes;
} pakta_berkas_cfg_t;
/* The form field and error field of a kind: "dokumen" | "lampiran". Static. */
const char *pakta_berkas_medan(store_berkas_t kind);
/* ERR_NOT_FOUND unless the record exists within who's wilayah. */
err_t pakta_berkas_check(db_t *db, const account_t *who, store_berkas_t kind, const char *id_text);
/* Store p[0..n) as the record's file; audited (pakta.dokumen / kegiatan.lampiran).
 * filename may be NULL. *out: {id,sha256,nama,jenis,mime,ukuran,diunggah,url}. */
err_t pakta_berkas_simpan(db_t *db, const keys_t *k, const account_t *who, const pakta_berkas_cfg_t *cfg,
                          store_berkas_t kind, const char *id_text, const unsigned char *p, size_t n,
                          const char *filename, json_t **out);
/* The record's file, decrypted and checked against its SHA-256 (evidence.h),
 * into body (empty; caller frees, also on error), with its mime and download
 * name. ERR_NOT_FOUND when none was uploaded or the stored file is missing,
 * ERR_INTERNAL (logged) when the stored file is damaged. */
err_t pakta_berkas_buka(db_t *db, const keys_t *k, const account_t *who, const char *data_dir, store_berkas_t kind,
                        const char *id_text, buf_t *body, char mime[48], char nama[256]);

/* Coverage in percent, rounded to 2 decimals; -1 when there are no officials. */
double pakta_cakupan_persen(int64_t ikrar, int64_t pegawai);
/* "kabkota"|"kecamatan"|"desa"|"opd" → level; 0 ok, -1 unknown. */
int pakta_tingkat_parse(const char *s, store_unit_t *out);
/* Effective read scope for who and an optional requested wilayah into out
 * ("" = everything, admin only). ERR_FORBIDDEN / ERR_INVALID naming "wilayah". */
err_t pakta_scope(db_t *db, const account_t *who, const char *wilayah, char out[24]);
#endif
