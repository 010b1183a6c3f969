/*
 * catalog.h — the violation catalog (katalog pelanggaran) and forwarding
 * targets (otoritas), loaded from data files an admin can edit:
 *
 *   data/katalog/pelanggaran.csv
 *     kode,teks,keluarga,tingkat,dasar,kategori,otoritas,verifikasi
 *     keluarga  etik | disiplin | pidana | perundangan_lain | administrasi
 *     tingkat   sanksi_moral | sedang | berat | -   ("-": not graded here)
 *     kategori  subject kategori the item applies to, '|'-separated, or semua
 *     otoritas  default forwarding target (a kode of otoritas.csv)
 *     verifikasi 1 where DOMAIN.md says the legal fact must be verified
 *   data/katalog/otoritas.csv
 *     kode,nama,kategori_default,dasar
 *     kategori_default: subject kategori ('|'-separated) whose rekomendasi
 *     goes to this target by default; each kategori has exactly one.
 *
 * Loading enforces the legal shape of the table, so a wrong edit is refused
 * with its line number instead of silently loaded: kode unique; keluarga
 * etik carries tingkat sanksi_moral and disiplin carries sedang or berat
 * (SKB Netralitas ASN 2022; PP 94/2021 Ps 8), other families "-"; every
 * kategori and otoritas known; every subject kategori has one default target.
 *
 * Subject kategori (fixed, UU 20/2023, UU 34/2004, UU 2/2002, UU 6/2014):
 *   asn, pppk, tni, polri, kepala_desa, perangkat_desa, bpd, lainnya.
 * A catalog is immutable once loaded and may be shared between threads.
 * All returned pointers are borrowed from the catalog and die with it.
 */
#ifndef NETRAL_CATALOG_H
#define NETRAL_CATALOG_H
#include <stddef.h>
#include <jansson.h>
#include "core/err.h"

typedef struct {
  const char *kode, *teks, *keluarga, *tingkat, *dasar, *otoritas;
  unsigned kategori; /* bit set, see catalog_kategori_bit() */
  int verifikasi;
} catalog_item_t;

typedef struct {
  const char *kode, *nama, *dasar;
  unsigned kategori_default; /* bit set */
} catalog_otoritas_t;

typedef struct catalog catalog_t;

/* Load both files from the data directory. *out: caller frees with catalog_free. */
err_t catalog_load(catalog_t **out);
/* Same from buffers (tests, admin preview of an edited file). */
err_t catalog_parse(const char *items_csv, size_t items_len, const char *otoritas_csv,
                    size_t otoritas_len, catalog_t **out);
void catalog_free(catalog_t *c);

size_t catalog_count(const catalog_t *c);
const catalog_item_t *catalog_at(const catalog_t *c, size_t i); /* NULL past the end */
const catalog_item_t *catalog_find(const catalog_t *c, const char *kode); /* NULL if none */
/* Items that apply to subject kategori, in file order: up to cap into out;
 * returns the total number that match (may exceed cap). */
size_t catalog_list(const catalog_t *c, const char *kategori, const catalog_item_t **out, size_t cap);

size_t catalog_otoritas_count(const catalog_t *c);
const catalog_otoritas_t *catalog_otoritas_at(const catalog_t *c, size_t i);
const catalog_otoritas_t *catalog_otoritas_find(const catalog_t *c, const char *kode);
/* kode of the default forwarding target for a subject kategori; NULL if unknown. */
const char *catalog_default_otoritas(const catalog_t *c, const char *kategori);

/* Subject kategori: bit (0 when unknown), validity and Indonesian label. */
unsigned catalog_kategori_bit(const char *kategori);
int catalog_kategori_valid(const char *kategori);
const char *catalog_kategori_label(const char *kategori); /* NULL when unknown; static */
const char *const *catalog_kategori_names(size_t *n);     /* static, in order */

/* Check a putusan's "katalog" list: a non-empty JSON array of item kodes,
 * each known and applicable to the subject kategori (not checked when
 * kategori is NULL). ERR_INVALID naming field otherwise, or naming
 * "terlapor.kategori" when kategori is unknown. */
err_t catalog_check_list(const catalog_t *c, const char *kategori, const json_t *list, const char *field);
#endif
