/* kerawanan_xlsx.h — GET /api/v1/kerawanan.xlsx (src/api/kerawanan_xlsx.c). */
#ifndef NETRAL_KERAWANAN_XLSX_H
#define NETRAL_KERAWANAN_XLSX_H
#include "api/api.h"

/* The vulnerability ranking of ?tingkat=&wilayah= as an XLSX workbook:
 * sheet "Peringkat" (one row per unit, each indicator's contribution),
 * "Rincian" (unit × indicator: nilai, normal, bobot, kontribusi) and
 * "Metode" (indicators, weights, statistics). Same scope rules as
 * GET /api/v1/kerawanan. */
err_t api_kerawanan_xlsx(req_t *rq, resp_t *rs);
#endif
