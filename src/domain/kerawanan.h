/*
 * kerawanan.h — the explainable vulnerability index (indeks kerawanan
 * netralitas) of kab/kota, kecamatan, desa or OPD.
 *
 * Indicators are data: data/kerawanan_indikator.csv
 *   kode,nama,bobot,arah,sumber,keterangan
 * with default weights 1–4 (IKP 2024 practice: expert weights 1–4); an
 * admin may override a weight (0–4, 0 switches the indicator off) in the
 * kerawanan_bobot table. Every kode in the file must be one this module
 * knows how to measure (kerawanan.c, table "measures").
 *
 * Method, over the units compared (all units of one level within a wilayah):
 *  1. raw value x_i per indicator per unit (from the registry, pakta,
 *     kegiatan, petahana and kasus tables);
 *  2. min–max normalisation to 0–100 across the units:
 *       n_i = 100 (x_i − min_i) / (max_i − min_i)   (arah positif)
 *       n_i = 100 − that                             (arah negatif)
 *     and n_i = 0 for every unit when max_i = min_i (the indicator does not
 *     tell the units apart);
 *  3. composite skor = Σ w_i n_i / Σ w_i (0–100); contribution_i = w_i n_i / Σ w_i,
 *     so the contributions add up to the score;
 *  4. category by the mean μ and population standard deviation σ of the
 *     scores of the units compared (IKP method): tinggi when skor > μ + σ,
 *     rendah when skor < μ − σ, sedang otherwise;
 *  5. zoning by counts (KASN): merah > 20 reported officials (distinct
 *     terlapor in the last 365 days), kuning 6–20, hijau < 6.
 */
#ifndef NETRAL_KERAWANAN_H
#define NETRAL_KERAWANAN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "domain/account.h"
#include "domain/keys.h"
#include "store/store.h"

enum { KRW_MAX_IND = 16, KRW_PERIODE_HARI = 365 };

typedef struct {
  char kode[40], nama[160], sumber[24], keterangan[480];
  int bobot;      /* effective weight 0–4 */
  int bobot_awal; /* default from the file */
  int arah;       /* +1 positif (higher = more vulnerable), −1 negatif */
} kerawanan_indikator_t;

typedef struct {
  size_t n;
  kerawanan_indikator_t it[KRW_MAX_IND];
} kerawanan_set_t;

typedef struct {
  char kode[24], nama[200], wilayah[24];
  double mentah[KRW_MAX_IND];
  int64_t terlapor, pegawai;
  /* results of kerawanan_hitung */
  double normal[KRW_MAX_IND], kontribusi[KRW_MAX_IND], skor;
  const char *kategori, *zona; /* static */
  int peringkat;
} kerawanan_unit_t;

typedef struct {
  double rata, sd, batas_rendah, batas_tinggi;
} kerawanan_stat_t;

/* Parse the indicator table (buffer). ERR_INVALID with line number. */
err_t kerawanan_indikator_parse(const char *csv, size_t len, kerawanan_set_t *out);
/* Shipped file plus the weight overrides stored in the database. */
err_t kerawanan_indikator_load(db_t *db, kerawanan_set_t *out);
/* Steps 2–4 over u[0..n) in place, then sort by skor (desc, kode asc) and rank. */
void kerawanan_hitung(const kerawanan_set_t *s, kerawanan_unit_t *u, size_t n, kerawanan_stat_t *st);
const char *kerawanan_zona(int64_t terlapor); /* static */

/* The whole index as JSON for tingkat (kabkota|kecamatan|desa|opd) within
 * wilayah. who NULL = no scope (CLI). today: "YYYY-MM-DD" or NULL (now, WIB). */
err_t kerawanan_index(db_t *db, const account_t *who, const char *tingkat, const char *wilayah, json_t **out);
/* Admin: {"bobot":{"kode":0..4,…}}; audited. */
err_t kerawanan_bobot_set(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);
/* {"wilayah":"35.16","pemilihan":"pilkada2024","calon":"…"}; audited. */
err_t kerawanan_petahana_set(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);
/* {"petahana":[{wilayah,wilayah_nama,pemilihan,calon,diubah_oleh,diubah}]}: the flags
 * inside who's wilayah and those of a wider wilayah that cover it. */
err_t kerawanan_petahana_list(db_t *db, const account_t *who, json_t **out);
/* Remove the flag of wilayah; ERR_NOT_FOUND when there is none within
 * who's wilayah. Audited (kerawanan.petahana.hapus). */
err_t kerawanan_petahana_hapus(db_t *db, const keys_t *k, const account_t *who, const char *wilayah, json_t **out);
#endif
