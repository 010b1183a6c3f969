/* audit.c — the keyed hash chain (see audit.h). */
#include "domain/audit.h"

#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/enc.h"
#include "store/store_audit.h"
#include "core/banned.h"

enum { AUDIT_HASH_BYTES = 32 };

static void audit_hash(const keys_t *k, const char *prev, const char *ts, const char *actor, const char *action,
                       const char *object, const char *details, char out[2 * AUDIT_HASH_BYTES + 1]) {
  crypto_generichash_state s;
  unsigned char h[AUDIT_HASH_BYTES];
  const char *parts[] = {prev, ts, actor, action, object, details};
  crypto_generichash_init(&s, k->audit, sizeof k->audit, sizeof h);
  for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
    if (i) crypto_generichash_update(&s, (const unsigned char *)"\n", 1);
    crypto_generichash_update(&s, (const unsigned char *)parts[i], strlen(parts[i]));
  }
  crypto_generichash_final(&s, h, sizeof h);
  enc_hex(h, sizeof h, out);
}

err_t audit_append(db_t *db, const keys_t *k, const char *actor, const char *action, const char *object,
                   json_t *details) {
  char prev[129], hash[2 * AUDIT_HASH_BYTES + 1], ts[CLOCK_ISO_LEN];
  char *dj = details ? json_dumps(details, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
  const char *d = dj ? dj : "{}";
  err_t e = store_audit_last_hash(db, prev);
  if (e) goto done;
  clock_iso(clock_now(), ts);
  audit_hash(k, prev, ts, actor, action, object, d, hash);
  audit_row_t r = {0, ts, actor, action, object, d, prev, hash};
  e = store_audit_insert(db, &r, NULL);
done:
  free(dj);
  return e;
}

typedef struct {
  const keys_t *k;
  audit_report_t *rep;
  char prev[129];
  int64_t cp_id;
  const char *cp_hash;
  int cp_seen;
} verify_ctx_t;

static err_t verify_row(void *ud, const audit_row_t *r) {
  verify_ctx_t *c = ud;
  char want[2 * AUDIT_HASH_BYTES + 1];
  c->rep->count++;
  if (strcmp(r->prev_hash, c->prev) != 0) {
    c->rep->bad_id = r->id;
    snprintf(c->rep->reason, sizeof c->rep->reason, "prev_hash tidak menyambung ke entri sebelumnya");
    return ERR_DONE;
  }
  audit_hash(c->k, r->prev_hash, r->ts, r->actor, r->action, r->object, r->details, want);
  if (!enc_eq(want, r->hash)) {
    c->rep->bad_id = r->id;
    snprintf(c->rep->reason, sizeof c->rep->reason, "isi entri tidak cocok dengan hash-nya (diubah)");
    return ERR_DONE;
  }
  if (r->id == c->cp_id) {
    c->cp_seen = 1;
    if (!enc_eq(c->cp_hash, r->hash)) {
      c->rep->bad_id = r->id;
      snprintf(c->rep->reason, sizeof c->rep->reason, "hash entri berbeda dari titik periksa yang tercatat (log dibangun ulang)");
      return ERR_DONE;
    }
  }
  snprintf(c->prev, sizeof c->prev, "%s", r->hash);
  c->rep->last_id = r->id;
  snprintf(c->rep->last_hash, sizeof c->rep->last_hash, "%s", r->hash);
  return ERR_OK;
}

err_t audit_verify_checkpoint(db_t *db, const keys_t *k, int64_t checkpoint_id, const char *checkpoint_hash,
                              audit_report_t *rep) {
  memset(rep, 0, sizeof *rep);
  verify_ctx_t c = {k, rep, "", checkpoint_id, checkpoint_hash ? checkpoint_hash : "", 0};
  err_t e = store_audit_each(db, verify_row, &c);
  if (e == ERR_DONE) e = ERR_OK;
  if (!e && !rep->bad_id && checkpoint_id > 0 && !c.cp_seen) {
    rep->bad_id = checkpoint_id;
    snprintf(rep->reason, sizeof rep->reason, "entri titik periksa tidak ada lagi (log dipotong atau dihapus)");
  }
  return e;
}

err_t audit_verify(db_t *db, const keys_t *k, audit_report_t *rep) {
  return audit_verify_checkpoint(db, k, 0, NULL, rep);
}
