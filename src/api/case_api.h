/* case_api.h — the loaded case module state and case handlers. */
#ifndef NETRAL_CASE_API_H
#define NETRAL_CASE_API_H
#include <pthread.h>

#include "api/api.h"
#include "domain/case.h"

/* One version of the admin-editable legal tables. Versions are never freed
 * while the server runs (a request may still hold the previous one); an
 * admin edit is rare, so the few kilobytes kept are cheap. */
typedef struct rules_ver {
  deadline_rules_t rules;
  deadline_calendar_t cal;
  int64_t version; /* versi_pengaturan at build time */
  struct rules_ver *prev;
} rules_ver_t;

typedef struct {
  pthread_mutex_t mu;
  rules_ver_t *cur;
  int64_t checked_at; /* last time the database version was compared */
  catalog_t *catalog;
  case_ctx_t cx;
} case_mod_t;

/* This thread's snapshot of the case context (valid until its next call).
 * At most every CASE_RULES_RECHECK seconds it also compares the rules
 * version in the database and reloads when another server changed them. */
enum { CASE_RULES_RECHECK = 15 };
const case_ctx_t *case_ctx(app_t *app);
/* Build a new rules version from the database (inside the admin's write
 * transaction, so it validates the edit); ERR_INVALID names the bad field. */
err_t case_rules_build(db_t *db, rules_ver_t **out);
void case_rules_install(app_t *app, rules_ver_t *v); /* after commit; consumes v (an older one is dropped) */
void case_rules_discard(rules_ver_t *v);

err_t api_tenggat_list(req_t *rq, resp_t *rs);
err_t api_tenggat_update(req_t *rq, resp_t *rs);
err_t api_kalender_add(req_t *rq, resp_t *rs);
err_t api_kalender_delete(req_t *rq, resp_t *rs);

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
err_t api_export_rekap_csv(req_t *rq, resp_t *rs);
err_t api_export_cases_csv(req_t *rq, resp_t *rs);
err_t api_export_cases_xlsx(req_t *rq, resp_t *rs);
err_t api_export_rekap_xlsx(req_t *rq, resp_t *rs);
#endif
