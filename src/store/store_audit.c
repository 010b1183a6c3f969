/* store_audit.c — see store_audit.h. Rows are only ever inserted. */
#include "store/store_audit.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

err_t store_audit_last_hash(db_t *db, char out[129]) {
  db_stmt_t *st;
  out[0] = '\0';
  err_t e = db_query(db, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", &st, "");
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) snprintf(out, 129, "%s", db_text(st, 0));
  db_done(st);
  return e == ERR_DONE || e == ERR_OK ? ERR_OK : e;
}

err_t store_audit_insert(db_t *db, const audit_row_t *r, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO audit(ts,actor,action,object,details,prev_hash,hash) VALUES(?,?,?,?,?,?,?)"
                     " RETURNING id",
                     &st, "ttttttt", r->ts, r->actor, r->action, r->object, r->details, r->prev_hash, r->hash);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK && id) *id = db_int(st, 0);
  db_done(st);
  return e == ERR_OK ? ERR_OK : (e == ERR_DONE ? ERR_DB : e);
}

#define AUDIT_COLS "id,ts,actor,action,object,details,prev_hash,hash"

/* One row of AUDIT_COLS; the texts are borrowed until the next step. */
static audit_row_t read_row(db_stmt_t *st) {
  return (audit_row_t){db_int(st, 0),  db_text(st, 1), db_text(st, 2), db_text(st, 3),
                       db_text(st, 4), db_text(st, 5), db_text(st, 6), db_text(st, 7)};
}

err_t store_audit_each_page(db_t *db, int64_t page, store_audit_fn fn, void *ud) {
  /* Keyset pages: PostgreSQL hands a client the whole result of a query,
   * so one SELECT of a log of millions of entries would need gigabytes.
   * Entries are only appended, under the chain lock, so ids grow in
   * commit order and a page boundary loses nothing. */
  int64_t after = INT64_MIN, rows = page;
  err_t e = ERR_OK;
  int stopped = 0;
  while (!e && !stopped && rows == page) {
    db_stmt_t *st;
    e = db_query(db,
                 "SELECT " AUDIT_COLS " FROM audit WHERE id>? ORDER BY id LIMIT ?",
                 &st, "ii", after, page);
    if (e) break;
    rows = 0;
    while ((e = db_step(st)) == ERR_OK) {
      audit_row_t r = read_row(st);
      after = r.id;
      rows++;
      if ((e = fn(ud, &r))) {
        stopped = 1;
        break;
      }
    }
    e = db_finish(st, e);
  }
  return e;
}

err_t store_audit_each(db_t *db, store_audit_fn fn, void *ud) {
  return store_audit_each_page(db, STORE_AUDIT_PAGE, fn, ud);
}

err_t store_audit_count(db_t *db, int64_t *n) { return db_one_int(db, "SELECT COUNT(*) FROM audit", n, ""); }

err_t store_audit_search(db_t *db, const audit_filter_t *f, store_audit_fn fn, void *ud) {
  const char *act = f->action ? f->action : "", *obj = f->object ? f->object : "";
  const char *who = f->actor ? f->actor : "", *since = f->since ? f->since : "";
  char sc_like[40];
  const char *sc = db_scope_like(f->scope, sc_like, sizeof sc_like); /* "" = every actor, also cli and publik */
  size_t n = strlen(act);
  int prefix = n > 0 && act[n - 1] == '.';
  char like[96];
  /* '!' escapes LIKE's wildcards: an action name is matched as text */
  size_t k = 0;
  for (size_t i = 0; i < n && k + 3 < sizeof like; i++) {
    if (act[i] == '%' || act[i] == '_' || act[i] == '!') like[k++] = '!';
    like[k++] = act[i];
  }
  like[k++] = '%';
  like[k] = '\0';
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT " AUDIT_COLS " FROM audit"
                     " WHERE (?='' OR (?=0 AND action=?) OR (?=1 AND action LIKE ? ESCAPE '!'))"
                     " AND (?='' OR object=?) AND (?='' OR actor=?) AND (?='' OR ts>=?)"
                     " AND (?='' OR actor IN (SELECT username FROM users WHERE " DB_SCOPE_SQL("wilayah") "))"
                     " ORDER BY id DESC LIMIT ?",
                     &st, "tItIttttttttttti", act, prefix, act, prefix, like, obj, obj, who, who, since, since, sc, sc,
                     sc, sc_like, f->limit);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    audit_row_t r = read_row(st);
    if ((e = fn(ud, &r))) break;
  }
  return db_finish(st, e);
}
