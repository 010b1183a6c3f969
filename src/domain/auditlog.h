/*
 * auditlog.h — reading the audit log (GET /api/v1/audit, web/audit.html):
 * who did what, when, with which reason. Admin reads every entry; bawaslu
 * the entries of the accounts of its wilayah and below (its own officers:
 * "who of us opened a reporter's identity, and why"), never another
 * region's. Each action has an Indonesian label from one table.
 */
#ifndef NETRAL_AUDITLOG_H
#define NETRAL_AUDITLOG_H
#include "core/limits.h"
#include <jansson.h>
#include "domain/account.h"
#include "store/store_audit.h"

enum { AUDITLOG_DEFAULT = 100, AUDITLOG_MAX = LIMIT_AUDITLOG_ROWS };
/* Query fields as typed (NULL or "" = any): aksi (exact or "prefix."),
 * pelaku, objek, sejak (YYYY-MM-DD), batas (1..AUDITLOG_MAX, NULL = default).
 * ERR_INVALID names the bad field. *out: array of {id, waktu, pelaku, aksi,
 * aksi_label, objek, rincian}. */
typedef struct {
  const char *aksi, *pelaku, *objek, *sejak, *batas;
} auditlog_query_t;
err_t auditlog_list(db_t *db, const account_t *who, const auditlog_query_t *q, json_t **out);
/* The same fields checked into a store filter (scope left NULL): batas
 * 1..max, def when absent. Shared by the API and `netral audit list`. */
err_t auditlog_filter(const auditlog_query_t *q, long def, long max, audit_filter_t *f);
/* The label of an action ("identitas.buka" → "Membuka identitas pelapor"); the code itself when unknown. */
const char *auditlog_label(const char *action);
#endif
