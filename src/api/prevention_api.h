/* prevention_api.h — handlers of pencegahan: pakta, kegiatan, their files, coverage, kerawanan
 * (src/api/prevention.c) and the registry of officials (src/api/registry.c). */
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
err_t api_kerawanan_petahana_list(req_t *rq, resp_t *rs);
err_t api_kerawanan_petahana_delete(req_t *rq, resp_t *rs);
/* Signed pakta document and kegiatan attachment: upload (multipart) and download. */
err_t api_pakta_dokumen_post(req_t *rq, resp_t *rs);
err_t api_pakta_dokumen_get(req_t *rq, resp_t *rs);
err_t api_kegiatan_lampiran_post(req_t *rq, resp_t *rs);
err_t api_kegiatan_lampiran_get(req_t *rq, resp_t *rs);
/* Registry browsing (src/api/registry.c). */
err_t api_instansi_list(req_t *rq, resp_t *rs);
err_t api_opd_list(req_t *rq, resp_t *rs);
err_t api_pegawai_list(req_t *rq, resp_t *rs);
#endif
