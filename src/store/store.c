/* store.c — backend selection, connection pool, transactions and helpers (see store.h). */
#include "store/store.h"

#include <pthread.h>
#include <stdio.h>
#include <stdarg.h>
#include <string.h>
#include <time.h>

#include "core/mem.h"
#include "store/store_internal.h"
#include "core/banned.h"

typedef struct gc_req {
  store_tx_fn fn;
  void *ud;
  err_t result;
  err_detail_t detail; /* the error detail raised by fn on the leader's thread */
  int done;
  struct gc_req *next;
} gc_req_t;

struct store {
  const struct store_ops *ops;
  void *impl;
  pthread_mutex_t mu;
  db_t *free_list;
  /* group commit */
  pthread_mutex_t gc_mu;
  pthread_cond_t gc_cv;
  gc_req_t *gc_head, *gc_tail;
  int gc_leader;
};

err_t store_open(const char *url, store_t **out) {
  const struct store_ops *ops = &store_sqlite_ops;
  const char *target = url;
  if (strncmp(url, "sqlite:", 7) == 0) target = url + 7;
  else if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
    ops = &store_pg_ops; /* libpq takes the URL as it is */
  store_t *st = xcalloc(1, sizeof *st);
  if (!st) return ERR_NOMEM;
  st->ops = ops;
  pthread_mutex_init(&st->mu, NULL);
  pthread_mutex_init(&st->gc_mu, NULL);
  pthread_cond_init(&st->gc_cv, NULL);
  err_t e = ops->open(target, &st->impl);
  if (e) {
    pthread_mutex_destroy(&st->mu);
    xfree(st);
    return e;
  }
  *out = st;
  return ERR_OK;
}

void store_close(store_t *st) {
  if (!st) return;
  db_t *d = st->free_list;
  while (d) {
    db_t *n = d->next_free;
    st->ops->disconnect(d);
    d = n;
  }
  st->ops->close(st->impl);
  pthread_mutex_destroy(&st->mu);
  pthread_mutex_destroy(&st->gc_mu);
  pthread_cond_destroy(&st->gc_cv);
  xfree(st);
}

const char *store_backend(const store_t *st) { return st->ops->name; }

err_t store_acquire(store_t *st, db_t **out) {
  pthread_mutex_lock(&st->mu);
  db_t *d = st->free_list;
  if (d) st->free_list = d->next_free;
  pthread_mutex_unlock(&st->mu);
  if (d) {
    *out = d;
    return ERR_OK;
  }
  err_t e = st->ops->connect(st->impl, out);
  if (!e) (*out)->owner = st;
  return e;
}

void store_release(store_t *st, db_t *db) {
  if (!db) return;
  pthread_mutex_lock(&st->mu);
  db->next_free = st->free_list;
  st->free_list = db;
  pthread_mutex_unlock(&st->mu);
}

static const char *err_message_or(const err_detail_t *d, err_t e) {
  return d->message[0] ? d->message : err_default_msg(e);
}

static void backoff(int attempt) {
  struct timespec ts = {0, (long)(1 + attempt) * 2000000L};
  nanosleep(&ts, NULL);
}

static err_t run_tx(db_t *db, int write, store_tx_fn fn, void *ud) {
  err_t e = ERR_UNAVAILABLE;
  for (int attempt = 0; attempt < 50; attempt++) {
    e = db->ops->begin(db, write);
    if (e == ERR_UNAVAILABLE) { backoff(attempt); continue; }
    if (e) return e;
    e = fn(db, ud);
    if (e == ERR_OK) {
      e = db->ops->commit(db);
      if (e == ERR_OK) return ERR_OK;
    }
    db->ops->rollback(db);
    if (e != ERR_UNAVAILABLE) return e;
    backoff(attempt);
  }
  return e;
}

/*
 * Group commit. Concurrent writers queue their transaction functions; the
 * first one to find no leader becomes the leader, takes the whole queue and
 * runs each function inside one transaction, each under its own SAVEPOINT
 * (so a function that fails is rolled back alone, and "every write is one
 * transaction" still holds for it), then commits once: one fsync for the
 * batch instead of one per request. Followers sleep until their result is
 * in. Error details raised on the leader's thread are carried back.
 */
enum { GC_BATCH_MAX = 128 };

static err_t run_batch(db_t *db, gc_req_t *batch) {
  const struct store_ops *ops = db->ops;
  err_t e = ERR_UNAVAILABLE;
  for (int attempt = 0; attempt < 50; attempt++) {
    if ((e = ops->begin(db, 1)) == ERR_UNAVAILABLE) { backoff(attempt); continue; }
    if (e) break;
    for (gc_req_t *r = batch; r && !e; r = r->next) {
      if ((e = ops->exec_script(db, "SAVEPOINT gc"))) break;
      err_clear();
      r->result = r->fn(db, r->ud);
      if (r->result) {
        r->detail = *err_detail(r->result);
        e = ops->exec_script(db, "ROLLBACK TO SAVEPOINT gc");
      }
      if (!e) e = ops->exec_script(db, "RELEASE SAVEPOINT gc");
    }
    if (!e) e = ops->commit(db);
    if (!e) return ERR_OK;
    ops->rollback(db);
    if (e != ERR_UNAVAILABLE) break;
    backoff(attempt);
  }
  /* The batch as a whole failed: every request gets that error. */
  err_detail_t d = *err_detail(e);
  for (gc_req_t *r = batch; r; r = r->next) {
    r->result = e;
    r->detail = d;
  }
  return e;
}

err_t store_write(db_t *db, store_tx_fn fn, void *ud) {
  store_t *s = db->owner;
  if (!s) return run_tx(db, 1, fn, ud);
  gc_req_t req = {fn, ud, ERR_OK, {0}, 0, NULL};
  pthread_mutex_lock(&s->gc_mu);
  if (s->gc_tail) s->gc_tail->next = &req;
  else s->gc_head = &req;
  s->gc_tail = &req;
  while (!req.done) {
    if (s->gc_leader) {
      pthread_cond_wait(&s->gc_cv, &s->gc_mu);
      continue;
    }
    /* Become the leader: detach up to GC_BATCH_MAX queued requests. */
    s->gc_leader = 1;
    gc_req_t *batch = s->gc_head, *last = batch;
    for (int n = 1; n < GC_BATCH_MAX && last->next; n++) last = last->next;
    s->gc_head = last->next;
    if (!s->gc_head) s->gc_tail = NULL;
    last->next = NULL;
    pthread_mutex_unlock(&s->gc_mu);
    run_batch(db, batch);
    pthread_mutex_lock(&s->gc_mu);
    for (gc_req_t *r = batch, *n; r; r = n) {
      n = r->next;
      r->done = 1;
    }
    s->gc_leader = 0;
    pthread_cond_broadcast(&s->gc_cv);
  }
  pthread_mutex_unlock(&s->gc_mu);
  if (req.result) err_set(req.result, req.detail.field[0] ? req.detail.field : NULL, "%s", err_message_or(&req.detail, req.result));
  return req.result;
}
err_t store_read(db_t *db, store_tx_fn fn, void *ud) { return run_tx(db, 0, fn, ud); }

const struct store_ops *db_ops(db_t *db) { return db->ops; }

static err_t bind_va(db_stmt_t *st, const char *fmt, va_list ap) {
  const struct store_ops *ops = st->db->ops;
  err_t e = ERR_OK;
  for (int i = 0; fmt && fmt[i] && !e; i++) {
    int idx = i + 1;
    switch (fmt[i]) {
      case 't': {
        const char *s = va_arg(ap, const char *);
        e = s ? ops->bind_text(st, idx, s, strlen(s)) : ops->bind_null(st, idx);
        break;
      }
      case 'T': {
        const char *s = va_arg(ap, const char *);
        if (!s) e = ops->bind_null(st, idx);
        else e = (ops->bind_text_ref ? ops->bind_text_ref : ops->bind_text)(st, idx, s, strlen(s));
        break;
      }
      case 'i': e = ops->bind_int(st, idx, va_arg(ap, int64_t)); break;
      case 'I': e = ops->bind_int(st, idx, (int64_t)va_arg(ap, int)); break;
      case 'b': {
        const void *p = va_arg(ap, const void *);
        size_t n = va_arg(ap, size_t);
        e = ops->bind_blob(st, idx, p, n);
        break;
      }
      case 'n': e = ops->bind_null(st, idx); break;
      default: e = err_set(ERR_INTERNAL, NULL, "format bind tidak dikenal: %c", fmt[i]);
    }
  }
  return e;
}

static err_t query_va(db_t *db, const char *sql, db_stmt_t **out, const char *fmt, va_list ap) {
  db_stmt_t *st;
  err_t e = db->ops->prepare(db, sql, &st);
  if (e) return e;
  e = bind_va(st, fmt, ap);
  if (e) {
    db->ops->done(st);
    return e;
  }
  *out = st;
  return ERR_OK;
}

err_t db_query(db_t *db, const char *sql, db_stmt_t **out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  err_t e = query_va(db, sql, out, fmt, ap);
  va_end(ap);
  return e;
}

err_t db_exec(db_t *db, const char *sql, const char *fmt, ...) {
  db_stmt_t *st;
  va_list ap;
  va_start(ap, fmt);
  err_t e = query_va(db, sql, &st, fmt, ap);
  va_end(ap);
  if (e) return e;
  while ((e = db->ops->step(st)) == ERR_OK) {}
  db->ops->done(st);
  return e == ERR_DONE ? ERR_OK : e;
}

err_t db_one_int(db_t *db, const char *sql, int64_t *out, const char *fmt, ...) {
  db_stmt_t *st;
  va_list ap;
  va_start(ap, fmt);
  err_t e = query_va(db, sql, &st, fmt, ap);
  va_end(ap);
  if (e) return e;
  e = db->ops->step(st);
  if (e == ERR_OK) *out = db->ops->col_int(st, 0);
  else if (e == ERR_DONE) e = ERR_NOT_FOUND;
  db->ops->done(st);
  return e;
}

err_t db_step(db_stmt_t *st) { return st->db->ops->step(st); }
void db_done(db_stmt_t *st) { if (st) st->db->ops->done(st); }
const char *db_text_or_null(db_stmt_t *st, int i) { return st->db->ops->col_text(st, i); }
const char *db_text(db_stmt_t *st, int i) {
  const char *s = st->db->ops->col_text(st, i);
  return s ? s : "";
}
int64_t db_int(db_stmt_t *st, int i) { return st->db->ops->col_int(st, i); }
const void *db_blob(db_stmt_t *st, int i, size_t *n) { return st->db->ops->col_blob(st, i, n); }
int64_t db_changes(db_t *db) { return db->ops->changes(db); }
err_t db_exec_script(db_t *db, const char *sql) { return db->ops->exec_script(db, sql); }

const char *db_nz(const char *s) { return s && *s ? s : NULL; }

err_t db_bind_id(db_t *db, db_stmt_t *st, int idx, int64_t id) {
  return id > 0 ? db->ops->bind_int(st, idx, id) : db->ops->bind_null(st, idx);
}

err_t db_finish(db_stmt_t *st, err_t e) {
  db_done(st);
  return e == ERR_DONE ? ERR_OK : e;
}

err_t db_returning_id(db_stmt_t *st, int64_t *id) {
  err_t e = db_step(st);
  if (e == ERR_OK && id) *id = db_int(st, 0);
  db_done(st);
  return e == ERR_DONE ? ERR_DB : e;
}

const char *db_scope_like(const char *scope, char *like, size_t cap) {
  snprintf(like, cap, "%s.%%", scope ? scope : "");
  return scope ? scope : "";
}
