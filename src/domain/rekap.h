/*
 * rekap.h — dashboard recap and exports of the case list and the recap
 * (CSV and XLSX). Counts are always within the caller's wilayah scope.
 */
#ifndef NETRAL_REKAP_H
#define NETRAL_REKAP_H
#include <jansson.h>
#include "domain/account.h"
#include "domain/case.h"
#include "store/store.h"

/* {"per_tahap":[{status,label,jumlah}],"per_kategori":[…],"per_jenis":[…],
 *  "per_wilayah":[{kode,nama,jumlah}],"per_kecamatan":[{kode,nama,jumlah}],
 *  "tindak_lanjut":{"diteruskan","ditindaklanjuti","tidak_ditindaklanjuti","menunggu","rasio"},
 *  "per_minggu":[{"minggu":"2026-W47","jumlah"}], "total"} */
err_t rekap_json(db_t *db, const account_t *who, json_t **out);
/* The case-list filters of GET /api/v1/kasus, reused by the exports. */
typedef struct {
  const char *status, *kategori, *wilayah, *q, *tenggat;
} rekap_filter_t;
/* Write the filtered case list (all pages, in scope) as CSV into buf. */
err_t rekap_cases_csv(db_t *db, const case_ctx_t *cx, const account_t *who, const rekap_filter_t *f, buf_t *out);
/* The recap (rekap_json, in who's scope) as CSV: Bagian, Kode, Nama, Jumlah;
 * first the follow-up of recommendations, then each count table. */
err_t rekap_csv(db_t *db, const account_t *who, buf_t *out);
/* Write an XLSX workbook to path: kind "kasus" (filtered case list) or "rekap". */
err_t rekap_xlsx(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kind, const rekap_filter_t *f,
                 const char *path);
#endif
