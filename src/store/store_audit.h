/* store_audit.h — SQL of the append-only audit chain. */
#ifndef NETRAL_STORE_AUDIT_H
#define NETRAL_STORE_AUDIT_H
#include <stdint.h>
#include "store/store.h"
typedef struct {
  int64_t id;
  const char *ts, *actor, *action, *object, *details, *prev_hash, *hash; /* borrowed */
} audit_row_t;
/* Hash of the newest entry, or "" when the log is empty. out: 129 bytes. */
err_t store_audit_last_hash(db_t *db, char out[129]);
err_t store_audit_insert(db_t *db, const audit_row_t *r, int64_t *id);
typedef err_t (*store_audit_fn)(void *ud, const audit_row_t *r);
/* fn for every entry in id order, read STORE_AUDIT_PAGE entries per query
 * (bounded memory on PostgreSQL); stops at fn's first non-OK result, which
 * is returned (ERR_DONE as ERR_OK). _page: the same with another page size. */
enum { STORE_AUDIT_PAGE = 10000 };
err_t store_audit_each(db_t *db, store_audit_fn fn, void *ud);
err_t store_audit_each_page(db_t *db, int64_t page, store_audit_fn fn, void *ud);
err_t store_audit_count(db_t *db, int64_t *n);
/* Newest first, at most limit entries matching every non-empty field:
 * action exactly, or every action under it when it ends with '.'
 * ("akun."); object and actor exactly; since: ts >= since (ISO text);
 * scope: only entries whose actor is an account of that wilayah or below. */
typedef struct {
  const char *action, *object, *actor, *since, *scope;
  int64_t limit;
} audit_filter_t;
err_t store_audit_search(db_t *db, const audit_filter_t *f, store_audit_fn fn, void *ud);
#endif
