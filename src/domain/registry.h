/*
 * registry.h — browsing the registry of officials (daftar pegawai): the
 * instansi of a pemda, the OPD of an instansi or a wilayah, and a search of
 * officials by NIP or name, for officers who pick pakta signatories and for
 * pemda staff who keep the registry. Read-only; the registry is filled by
 * `netral import pegawai` (domain/pegawai.c).
 *
 * Scope (wilayah.h): a user sees what lies in their wilayah (admin: all).
 * A filter narrows that scope; a filter outside it gives an empty list, as
 * the case list does. Naming one object outside the scope (an instansi id,
 * a pemda) answers ERR_NOT_FOUND, as a case code does, so ids cannot be
 * probed. A kecamatan officer sees the instansi and OPD of their pemda that
 * have an office or officials in their kecamatan, with counts for it only.
 *
 * Officials are listed without their declared relations to a calon: those
 * feed the vulnerability index as counts and are not needed to pick a
 * signatory.
 */
#ifndef NETRAL_REGISTRY_H
#define NETRAL_REGISTRY_H
#include "core/limits.h"
#include <jansson.h>
#include "domain/account.h"
#include "store/store.h"

enum { REGISTRY_LIMIT_DEFAULT = 20, REGISTRY_LIMIT_MAX = LIMIT_REGISTRY_ROWS };

/* {"pemda":P|null,"instansi":[{id,nama,pemda,pemda_nama,opd,pegawai}]}.
 * pemda: a province or kab/kota code, NULL/"" = all in scope. */
err_t registry_instansi(db_t *db, const account_t *who, const char *pemda, json_t **out);

/* {"instansi":{id,nama,pemda}|null,"opd":[{id,nama,instansi_id,instansi,wilayah,wilayah_nama,pegawai}]}.
 * instansi: id text (NULL/"" = any); wilayah: filter code (NULL/"" = none). */
err_t registry_opd(db_t *db, const account_t *who, const char *instansi, const char *wilayah, json_t **out);

typedef struct {
  const char *nip, *q, *wilayah, *instansi, *opd; /* NULL or "" = no filter */
  long limit, halaman;                            /* limit clamped to 1..REGISTRY_LIMIT_MAX; halaman from 1 */
} registry_cari_t;
/* {"pegawai":[{id,nip,nama,jabatan,kategori,wilayah,wilayah_nama,instansi_id,instansi,opd_id,opd}],
 *  "total","halaman","limit"}; by name. */
err_t registry_pegawai(db_t *db, const account_t *who, const registry_cari_t *c, json_t **out);
#endif
