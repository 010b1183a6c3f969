/*
 * routes.c — THE route table. Adding an endpoint = adding a row.
 * Columns: method, pattern ({} = one path segment), handler, roles, flags.
 * The access-control test walks this table (every role × every route).
 */
#include "api/api.h"
#include "api/case_api.h"
#include "api/kerawanan_xlsx.h"
#include "api/prevention_api.h"
#include "api/screen_api.h"
#include "domain/role.h"
#include "core/banned.h"

const route_t api_routes[] = {
    {"GET", "/api/v1/health", api_health, 0, ROUTE_PUBLIC},
    {"POST", "/api/v1/session", api_session_create, 0, ROUTE_PUBLIC},
    {"GET", "/api/v1/session", api_session_get, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"DELETE", "/api/v1/session", api_session_delete, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"POST", "/api/v1/session/sandi", api_session_password, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"GET", "/api/v1/wilayah/{}", api_wilayah_get, 0, ROUTE_PUBLIC},
    /* the audit log: admin every entry, bawaslu the entries of its own officers */
    {"GET", "/api/v1/audit", api_audit_list, ROLE_BAWASLU | ROLE_ADMIN, 0},
    /* public intake and tracking */
    {"POST", "/api/v1/laporan", api_laporan_create, 0, ROUTE_PUBLIC},
    {"POST", "/api/v1/laporan/{}/bukti", api_laporan_bukti, 0, ROUTE_PUBLIC | ROUTE_UPLOAD},
    {"GET", "/api/v1/lacak/{}", api_lacak, 0, ROUTE_PUBLIC},
    {"POST", "/api/v1/tanda-terima/verifikasi", api_receipt_verify, 0, ROUTE_PUBLIC},
    {"GET", "/api/v1/katalog", api_katalog, 0, ROUTE_PUBLIC},
    {"GET", "/api/v1/otoritas", api_otoritas, 0, ROUTE_PUBLIC},
    /* staff case desk */
    {"GET", "/api/v1/kasus", api_kasus_list, ROLE_ALL, 0},
    {"GET", "/api/v1/kasus/{}", api_kasus_get, ROLE_ALL, 0},
    {"POST", "/api/v1/kasus/{}/transisi", api_kasus_transisi, ROLE_ALL, 0},
    /* bawaslu only, in its wilayah: the IT admin of a deployment never reads reporter identities */
    {"POST", "/api/v1/kasus/{}/identitas", api_kasus_identitas, ROLE_BAWASLU, 0},
    {"GET", "/api/v1/kasus/{}/bukti/{}", api_kasus_bukti_get, ROLE_ALL, 0},
    {"POST", "/api/v1/kasus/{}/bukti", api_kasus_bukti_add, ROLE_PENGAWAS | ROLE_ADMIN, ROUTE_UPLOAD},
    {"POST", "/api/v1/temuan", api_temuan_create, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"GET", "/api/v1/rekomendasi", api_rekomendasi, ROLE_ALL, 0},
    {"GET", "/api/v1/terlapor", api_terlapor, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    /* social-media screening; ROUTE_UPLOAD: a batch of 1,000 posts exceeds the JSON body limit */
    {"POST", "/api/v1/screen", api_screen_post, ROLE_PANWASCAM | ROLE_BAWASLU | ROLE_ADMIN, ROUTE_UPLOAD},
    {"GET", "/api/v1/screen/antrian", api_screen_antrian, ROLE_PANWASCAM | ROLE_BAWASLU | ROLE_ADMIN, 0},
    {"POST", "/api/v1/screen/antrian/{}/keputusan", api_screen_keputusan, ROLE_PANWASCAM | ROLE_BAWASLU | ROLE_ADMIN, 0},
    {"GET", "/api/v1/screen/presisi", api_screen_presisi, ROLE_PANWASCAM | ROLE_BAWASLU | ROLE_ADMIN, 0},
    /* legal tables an admin keeps current */
    {"GET", "/api/v1/tenggat", api_tenggat_list, ROLE_ALL, 0},
    {"PUT", "/api/v1/tenggat/{}/{}", api_tenggat_update, ROLE_ADMIN, 0},
    {"POST", "/api/v1/kalender", api_kalender_add, ROLE_ADMIN, 0},
    {"DELETE", "/api/v1/kalender/{}", api_kalender_delete, ROLE_ADMIN, 0},
    /* dashboard and exports */
    {"GET", "/api/v1/rekap", api_rekap, ROLE_ALL, 0},
    {"GET", "/api/v1/ekspor/kasus.csv", api_export_cases_csv, ROLE_ALL, 0},
    {"GET", "/api/v1/ekspor/kasus.xlsx", api_export_cases_xlsx, ROLE_ALL, 0},
    {"GET", "/api/v1/ekspor/rekap.xlsx", api_export_rekap_xlsx, ROLE_ALL, 0},
    {"GET", "/api/v1/ekspor/rekap.csv", api_export_rekap_csv, ROLE_ALL, 0},
    /* pencegahan: pakta integritas, kegiatan, cakupan, kerawanan */
    {"POST", "/api/v1/pakta", api_pakta_create, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"GET", "/api/v1/pakta", api_pakta_list, ROLE_ALL, 0},
    {"GET", "/api/v1/pakta/cakupan", api_pakta_cakupan, ROLE_ALL, 0},
    {"POST", "/api/v1/pakta/{}/dokumen", api_pakta_dokumen_post, ROLE_PENGAWAS | ROLE_ADMIN, ROUTE_UPLOAD},
    {"GET", "/api/v1/pakta/{}/dokumen", api_pakta_dokumen_get, ROLE_ALL, 0},
    {"POST", "/api/v1/kegiatan", api_kegiatan_create, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"GET", "/api/v1/kegiatan", api_kegiatan_list, ROLE_ALL, 0},
    {"POST", "/api/v1/kegiatan/{}/lampiran", api_kegiatan_lampiran_post, ROLE_PENGAWAS | ROLE_ADMIN, ROUTE_UPLOAD},
    {"GET", "/api/v1/kegiatan/{}/lampiran", api_kegiatan_lampiran_get, ROLE_ALL, 0},
    {"GET", "/api/v1/kerawanan", api_kerawanan, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"GET", "/api/v1/kerawanan.xlsx", api_kerawanan_xlsx, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"PUT", "/api/v1/kerawanan/bobot", api_kerawanan_bobot, ROLE_ADMIN, 0},
    {"PUT", "/api/v1/kerawanan/petahana", api_kerawanan_petahana, ROLE_BAWASLU | ROLE_ADMIN, 0},
    {"GET", "/api/v1/kerawanan/petahana", api_kerawanan_petahana_list, ROLE_PENGAWAS | ROLE_ADMIN, 0},
    {"DELETE", "/api/v1/kerawanan/petahana/{}", api_kerawanan_petahana_delete, ROLE_BAWASLU | ROLE_ADMIN, 0},
    /* registry of officials (daftar pegawai), read-only, wilayah-scoped */
    {"GET", "/api/v1/instansi", api_instansi_list, ROLE_ALL, 0},
    {"GET", "/api/v1/opd", api_opd_list, ROLE_ALL, 0},
    {"GET", "/api/v1/pegawai", api_pegawai_list, ROLE_ALL, 0},
};
const size_t api_routes_count = sizeof api_routes / sizeof api_routes[0];
