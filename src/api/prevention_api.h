/* prevention_api.h — handlers of pencegahan: pakta, kegiatan, coverage, kerawanan (src/api/prevention.c). */
#ifndef NETRAL_PREVENTION_API_H
#define NETRAL_PREVENTION_API_H
#include "api/api.h"

err_t api_pakta_create(req_t *rq, resp_t *rs);
err_t api_pakta_list(req_t *rq, resp_t *rs);
err_t api_pakta_cakupan(req_t *rq, resp_t *rs);
err_t api_kegiatan_create(req_t *rq, resp_t *rs);
err_t api_kegiatan_list(req_t *rq, resp_t *rs);
err_t api_kerawanan(req_t *rq, resp_t *rs);
err_t api_kerawanan_bobot(req_t *rq, resp_t *rs);
err_t api_kerawanan_petahana(req_t *rq, resp_t *rs);
#endif
