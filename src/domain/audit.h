/*
 * audit.h — tamper-evident audit log.
 *
 * Every state change appends one entry inside the same transaction as the
 * change: (time, actor, action, object, details JSON, prev_hash, hash) with
 *   hash = BLAKE2b-256 keyed with the server's audit key, over
 *          prev_hash "\n" ts "\n" actor "\n" action "\n" object "\n" details
 * The first entry's prev_hash is "". Editing, deleting or reordering any row
 * breaks every later hash; without the key a forger cannot recompute them.
 * Entries are serialised by the write transaction (SQLite BEGIN IMMEDIATE),
 * so the chain never forks.
 */
#ifndef NETRAL_AUDIT_H
#define NETRAL_AUDIT_H
#include <jansson.h>
#include <stdint.h>
#include "domain/keys.h"
#include "store/store.h"

/* details may be NULL (stored as {}); it is borrowed, not stolen. */
err_t audit_append(db_t *db, const keys_t *k, const char *actor, const char *action, const char *object,
                   json_t *details);

typedef struct {
  int64_t count;    /* entries checked */
  int64_t bad_id;   /* first broken entry, 0 when the chain is intact */
  char reason[160]; /* Indonesian, when bad_id != 0 */
  int64_t last_id;  /* the head: last entry checked and its hash ("" when empty) */
  char last_hash[2 * 32 + 1];
} audit_report_t;
err_t audit_verify(db_t *db, const keys_t *k, audit_report_t *rep);
/* The chain alone cannot show that its newest entries were deleted (or that
 * someone holding the key rebuilt it): the remaining prefix still verifies.
 * A head recorded outside the server (printed by an earlier verify) closes
 * that gap: with checkpoint_id > 0 the entry checkpoint_id must still exist
 * with checkpoint_hash, which commits to every entry before it. Otherwise
 * rep->bad_id = checkpoint_id with the reason. */
err_t audit_verify_checkpoint(db_t *db, const keys_t *k, int64_t checkpoint_id, const char *checkpoint_hash,
                              audit_report_t *rep);
#endif
