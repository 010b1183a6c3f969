/* case_api.h — the loaded case module state and case handlers. */
#ifndef NETRAL_CASE_API_H
#define NETRAL_CASE_API_H
#include "api/api.h"
#include "domain/case.h"

typedef struct {
  deadline_rules_t rules;
  deadline_calendar_t cal;
  catalog_t *catalog;
  case_ctx_t cx;
} case_mod_t;

const case_ctx_t *case_ctx(const app_t *app);

err_t api_laporan_create(req_t *rq, resp_t *rs);
err_t api_laporan_bukti(req_t *rq, resp_t *rs);
err_t api_lacak(req_t *rq, resp_t *rs);
err_t api_receipt_verify(req_t *rq, resp_t *rs);
err_t api_kasus_list(req_t *rq, resp_t *rs);
err_t api_kasus_get(req_t *rq, resp_t *rs);
err_t api_kasus_transisi(req_t *rq, resp_t *rs);
err_t api_kasus_identitas(req_t *rq, resp_t *rs);
err_t api_kasus_bukti_get(req_t *rq, resp_t *rs);
err_t api_kasus_bukti_add(req_t *rq, resp_t *rs);
err_t api_temuan_create(req_t *rq, resp_t *rs);
err_t api_katalog(req_t *rq, resp_t *rs);
err_t api_otoritas(req_t *rq, resp_t *rs);
err_t api_rekomendasi(req_t *rq, resp_t *rs);
err_t api_terlapor(req_t *rq, resp_t *rs);
err_t api_rekap(req_t *rq, resp_t *rs);
err_t api_export_cases_csv(req_t *rq, resp_t *rs);
err_t api_export_cases_xlsx(req_t *rq, resp_t *rs);
err_t api_export_rekap_xlsx(req_t *rq, resp_t *rs);
#endif
