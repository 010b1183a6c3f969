/*
 * case.h — case handling (penanganan pelanggaran): public intake of laporan
 * and anonymous informasi awal, staff temuan, the workflow transitions with
 * their statutory deadlines, evidence, sealed reporter identity, tracking,
 * lists, rekomendasi follow-up and the repeat-offender lookup.
 *
 * Every function that changes state must run inside store_write(); it
 * appends the audit entry in the same transaction.
 *
 * Visibility: staff see cases whose wilayah lies within theirs (admin all);
 * pemda and BKN see only cases that reached a rekomendasi (diteruskan or
 * later). A case out of sight answers ERR_NOT_FOUND, never 403, so codes
 * of other regions cannot be probed.
 */
#ifndef NETRAL_CASE_H
#define NETRAL_CASE_H
#include <jansson.h>
#include "domain/account.h"
#include "domain/catalog.h"
#include "domain/deadline.h"
#include "domain/keys.h"
#include "store/store.h"

typedef struct {
  const keys_t *keys;
  const deadline_rules_t *rules;
  const deadline_calendar_t *cal;
  const catalog_t *catalog;
  const char *data_dir;
  size_t max_upload;
  long max_files;
  long followup_days;
} case_ctx_t;

/* Public intake. body is the parsed request, raw the exact bytes received
 * (hashed into the receipt). *out = {"kode","tanda_terima":{…}}; *created = 0
 * when client_id was seen before (same answer, nothing written). */
err_t case_intake(db_t *db, const case_ctx_t *cx, json_t *body, const char *raw, size_t raw_len, json_t **out,
                  int *created);
/* Staff temuan (same shape minus pelapor/anonim). */
err_t case_temuan(db_t *db, const case_ctx_t *cx, const account_t *who, json_t *body, json_t **out);
/* Public tracking view: stage, dates, next deadline; no personal data. */
err_t case_lacak(db_t *db, const case_ctx_t *cx, const char *kode, json_t **out);
/* Staff detail with timeline, evidence, allowed transitions, history of the terlapor. */
err_t case_detail(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, json_t **out);
err_t case_transition(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, json_t *fields);
/* tenggat: NULL/"" any, "terlambat" overdue, "24jam" due within 24 hours,
 * "3hari" due within 3 days (not yet overdue). *read (may be NULL): rows
 * the page read, shown or not (a case whose seal fails is not shown to the
 * employer), so a caller walking every page knows when the last is read. */
err_t case_list(db_t *db, const case_ctx_t *cx, const account_t *who, const char *status, const char *kategori,
                const char *wilayah, const char *q, const char *tenggat, long page, long per_page, json_t **out,
                long *read);
/* The states of the cases who may see at all: pemda and BKN only those a
 * rekomendasi reached (NULL-terminated list); NULL = every state. Every
 * read path that lists, counts or names cases applies it. */
const char *const *case_states_visible_to(const account_t *who);
/* ERR_NOT_FOUND unless who may see the case (checked before any input). */
err_t case_check_visible(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode);
err_t case_unseal(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, const char *alasan,
                  json_t **out);
/* Evidence on a public report (by tracking code) or by staff. */
err_t case_add_evidence(db_t *db, const case_ctx_t *cx, const char *actor, const account_t *who, const char *kode,
                        const unsigned char *p, size_t n, const char *filename, json_t **out);
/* One evidence file as served: body holds the decrypted content (checked
 * against its SHA-256 on the way, evidence.h) or, when cleaned, a copy of it
 * without identifying metadata (mediameta.h). */
typedef struct {
  char mime[48];
  int cleaned;
  buf_t body; /* caller frees */
} evidence_file_t;
/* Open one evidence file and record it in the custody log as "unduh"
 * (download) or "lihat" (shown in the page), with "_bersih" when the copy
 * without metadata was served. That copy is served to pemda and BKN always
 * (the employer needs what the photo shows, not where and when the reporter
 * took it) and to anyone who asks (bersih); photos only (JPEG, PNG, WebP),
 * other types as stored. A stored file that is missing is ERR_NOT_FOUND, one
 * that does not open or no longer matches its hash ERR_INTERNAL (logged):
 * nothing is served and nothing enters the custody log. Runs its own
 * transactions (db must not be in one): none is held while the file is read. */
err_t case_open_evidence(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, int64_t bukti_id,
                         int download, int bersih, evidence_file_t *out);
/* only_late: waiting longer than cx->followup_days working days (reminder list). */
err_t case_rekomendasi(db_t *db, const case_ctx_t *cx, const account_t *who, int only_waiting, int only_late,
                       json_t **out);
/* Earlier cases of the same terlapor: same NIP, or a similar name (titles,
 * case and spacing ignored); instansi (may be NULL) narrows name matches to
 * the same instansi. */
err_t case_terlapor_lookup(db_t *db, const case_ctx_t *cx, const account_t *who, const char *q, const char *instansi,
                           const char *exclude_kode, json_t **out);
#endif
