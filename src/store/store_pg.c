/*
 * store_pg.c — the PostgreSQL backend of store.h (libpq), for national
 * deployments where several Netral instances share one database.
 *
 * SQL: repositories write the portable subset with `?` parameters. Before
 * preparing, each statement is rewritten once: `?` outside quotes and
 * comments becomes $1..$n, and the keyword LIKE becomes ILIKE, because
 * SQLite's LIKE ignores ASCII case and users' searches must find the same
 * rows on both backends (a prefix pattern such as '35.%' has no cased
 * letters, so PostgreSQL still uses a btree index for it).
 *
 * Statements are prepared once per connection (PQprepare under a generated
 * name) and cached by their original SQL text, as the SQLite backend does.
 * Parameters travel as text (integers formatted in decimal) except blobs,
 * which are sent as binary parameters for BYTEA. Results come back in text
 * format; a BYTEA column arrives as "\x<hex>" and is decoded on demand into
 * a buffer owned by the statement (valid until the next step or done).
 * A statement executes on its first step and keeps the whole result, so
 * several statements of one connection may be open at once (nested loops).
 *
 * Transactions. begin(write=1) is
 *     BEGIN; SELECT pg_advisory_xact_lock(NETRAL_WRITE_LOCK)
 * The audit log is a hash chain: each row stores the hash of the row before
 * it, read inside the same write transaction. Two instances writing at once
 * under READ COMMITTED would both read the same last hash and fork the
 * chain. One transaction-scoped advisory lock makes writers of every
 * instance take turns, exactly like SQLite's BEGIN IMMEDIATE does for the
 * processes sharing one file; it is released by COMMIT/ROLLBACK (also when
 * the connection dies), and the group commit in store.c keeps the number of
 * lock turns low (one per batch, not one per request). Write transactions
 * stay READ COMMITTED on purpose: each statement after the lock sees every
 * transaction committed before it (REPEATABLE READ would freeze a snapshot
 * taken before the lock was granted). Reads use REPEATABLE READ: one
 * consistent snapshot, as store_read() promises. As a second line of
 * defence the PostgreSQL schema makes audit.prev_hash UNIQUE (migrate.c), so
 * a writer that bypassed the lock would get ERR_CONFLICT instead of a fork.
 *
 * Errors: SQLSTATE class 23 (constraints) → ERR_CONFLICT; 40001, 40P01,
 * 55P03 (serialisation, deadlock, lock timeout) and a lost connection →
 * ERR_UNAVAILABLE, which store.c retries; anything else → ERR_DB with the
 * server's message. Unlike SQLite, an error inside a transaction aborts the
 * transaction on PostgreSQL: the caller must roll back (store.c does, and
 * the group commit's ROLLBACK TO SAVEPOINT restores the batch).
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/log.h"
#include "core/mem.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum { PG_STMT_CACHE = 128, PG_MAX_PARAMS = STORE_MAX_PARAMS };
/* "NETRAL" in ASCII: the key of the one advisory lock every writer takes. */
#define NETRAL_WRITE_LOCK "85921279156556"
#define BYTEAOID 17
#define BOOLOID 16

typedef struct pg_stmt {
  struct db_stmt base;
  char *sql;      /* original SQL text: cache key */
  char *pg_sql;   /* rewritten SQL ($n, ILIKE) */
  char name[24];  /* server-side prepared statement name */
  unsigned gen;   /* connection generation it was prepared on */
  int nparams;
  char **vals;    /* owned copies, NULL = SQL NULL */
  int *lens, *fmts;
  int in_use;     /* between prepare() and done() */
  PGresult *res;
  int row, nrows;
  unsigned char **blobs; /* decoded BYTEA per column of the current row */
  size_t *blob_lens;
  int nblobs;
} pg_stmt_t;

typedef struct {
  struct db base;
  PGconn *conn;
  unsigned gen;  /* bumped when the connection is re-established */
  unsigned next_name;
  int64_t changes;
  pg_stmt_t *cache[PG_STMT_CACHE];
  int ncache;
} pg_db_t;

typedef struct {
  char *url;
} pg_impl_t;

static void pg_notice(void *arg, const char *msg) { (void)arg; (void)msg; }

/* Per-session settings, on connect and after a reconnect. A writer stuck
 * holding the advisory lock must not stall every instance: lock waits give
 * up after 10 s (55P03 → retried), an idle transaction is ended by the
 * server after 60 s. */
static err_t pg_session_setup(PGconn *c) {
  PGresult *r = PQexec(c, "SET application_name='netral'; SET lock_timeout='10s';"
                          " SET idle_in_transaction_session_timeout='60s'; SET client_min_messages=warning");
  err_t e = PQresultStatus(r) == PGRES_COMMAND_OK
                ? ERR_OK
                : err_set(ERR_DB, "NETRAL_DB", "Gagal menyiapkan sesi PostgreSQL: %s", PQresultErrorMessage(r));
  PQclear(r);
  return e;
}

/* Map a failed result (or a connection failure when r is NULL) to err_t. */
static err_t pg_err(pg_db_t *d, const PGresult *r) {
  const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
  if (PQstatus(d->conn) == CONNECTION_BAD) {
    /* Prepared statements die with the session: re-prepare lazily. */
    log_warn("koneksi PostgreSQL terputus: %s", PQerrorMessage(d->conn));
    PQreset(d->conn);
    if (PQstatus(d->conn) == CONNECTION_OK) pg_session_setup(d->conn);
    d->gen++;
    return err_set(ERR_UNAVAILABLE, NULL, "Koneksi basis data terputus; coba lagi.");
  }
  if (state && strncmp(state, "23", 2) == 0) return err_set(ERR_CONFLICT, NULL, NULL);
  if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0))
    return ERR_UNAVAILABLE;
  const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  if (!msg) msg = PQerrorMessage(d->conn);
  return err_set(ERR_DB, NULL, "Kesalahan basis data: %s%s%s", msg, state ? " " : "", state ? state : "");
}

/*
 * Rewrite portable SQL for PostgreSQL: `?` → $n outside '…', "…" and
 * -- comments; LIKE → ILIKE as a whole word. Caller frees the result.
 */
static char *pg_rewrite(const char *sql, int *nparams) {
  size_t n = strlen(sql);
  /* Worst case: every char a `?` growing to "$4096" (5) or LIKE→ILIKE (+1). */
  _Static_assert(PG_MAX_PARAMS <= 9999, "a parameter number must fit the 5 bytes reserved per `?`");
  size_t cap = n * 5 + 1;
  char *out = xmalloc(cap);
  if (!out) return NULL;
  size_t o = 0;
  int np = 0;
  char quote = 0;
  for (size_t i = 0; i < n; i++) {
    char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0; /* '' inside a string closes and reopens: same result */
      out[o++] = c;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      out[o++] = c;
      continue;
    }
    if (c == '-' && sql[i + 1] == '-') { /* comment to end of line */
      while (i < n && sql[i] != '\n') out[o++] = sql[i++];
      if (i < n) out[o++] = sql[i];
      continue;
    }
    if (c == '?') {
      if (++np > PG_MAX_PARAMS) { xfree(out); return NULL; }
      o += (size_t)snprintf(out + o, cap - o, "$%d", np);
      continue;
    }
    if ((c == 'L' || c == 'l') && strncasecmp(sql + i, "LIKE", 4) == 0) {
      char before = i ? sql[i - 1] : ' ', after = sql[i + 4];
      int word = !(before == '_' || (before >= '0' && before <= '9') || ((before | 32) >= 'a' && (before | 32) <= 'z')) &&
                 !(after == '_' || (after >= '0' && after <= '9') || ((after | 32) >= 'a' && (after | 32) <= 'z'));
      if (word) {
        memcpy(out + o, "ILIKE", 5);
        o += 5;
        i += 3;
        continue;
      }
    }
    out[o++] = c;
  }
  out[o] = '\0';
  *nparams = np;
  return out;
}

static err_t pg_open(const char *target, void **impl) {
  pg_impl_t *im = xcalloc(1, sizeof *im);
  if (!im) return ERR_NOMEM;
  im->url = xstrdup(target);
  if (!im->url) { xfree(im); return ERR_NOMEM; }
  *impl = im;
  /* Connect once now so a bad URL fails at start, not on the first request. */
  db_t *probe;
  err_t e = store_pg_ops.connect(im, &probe);
  if (e) { xfree(im->url); xfree(im); return e; }
  /* Byte order (collation "C") keeps ORDER BY and prefix LIKE identical to SQLite. */
  PGresult *r = PQexec(((pg_db_t *)probe)->conn, "SELECT datcollate FROM pg_database WHERE datname=current_database()");
  if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
    const char *coll = PQgetvalue(r, 0, 0);
    if (strcmp(coll, "C") != 0 && strcmp(coll, "POSIX") != 0 && strcmp(coll, "C.UTF-8") != 0 && strcmp(coll, "C.utf8") != 0)
      log_warn("basis data PostgreSQL memakai collation %s; disarankan \"C\" agar urutan sama dengan SQLite "
               "(lihat docs/deploy.md)", coll);
  }
  PQclear(r);
  store_pg_ops.disconnect(probe);
  return ERR_OK;
}

static void pg_close(void *impl) {
  pg_impl_t *im = impl;
  if (!im) return;
  xfree(im->url);
  xfree(im);
}

static err_t pg_connect(void *impl, db_t **out) {
  pg_impl_t *im = impl;
  pg_db_t *d = xcalloc(1, sizeof *d);
  if (!d) return ERR_NOMEM;
  d->base.ops = &store_pg_ops;
  d->conn = PQconnectdb(im->url);
  if (!d->conn || PQstatus(d->conn) != CONNECTION_OK) {
    err_t e = err_set(ERR_DB, "NETRAL_DB", "Tidak dapat tersambung ke PostgreSQL: %s",
                      d->conn ? PQerrorMessage(d->conn) : "kehabisan memori");
    PQfinish(d->conn);
    xfree(d);
    return e;
  }
  PQsetNoticeProcessor(d->conn, pg_notice, NULL);
  err_t e = pg_session_setup(d->conn);
  if (e) {
    PQfinish(d->conn);
    xfree(d);
    return e;
  }
  *out = &d->base;
  return ERR_OK;
}

static void stmt_clear_row(pg_stmt_t *s) {
  for (int i = 0; i < s->nblobs; i++) {
    xfree(s->blobs[i]);
    s->blobs[i] = NULL;
  }
}

static void stmt_reset(pg_stmt_t *s) {
  stmt_clear_row(s);
  PQclear(s->res);
  s->res = NULL;
  s->row = -1;
  s->nrows = 0;
  for (int i = 0; i < s->nparams; i++) {
    xfree(s->vals[i]);
    s->vals[i] = NULL;
    s->lens[i] = 0;
    s->fmts[i] = 0;
  }
  s->in_use = 0;
}

static void stmt_free(pg_stmt_t *s) {
  stmt_reset(s);
  xfree(s->blobs);
  xfree(s->blob_lens);
  xfree(s->vals);
  xfree(s->lens);
  xfree(s->fmts);
  xfree(s->sql);
  xfree(s->pg_sql);
  xfree(s);
}

static void pg_disconnect(db_t *db) {
  pg_db_t *d = (pg_db_t *)db;
  for (int i = 0; i < d->ncache; i++) stmt_free(d->cache[i]);
  PQfinish(d->conn);
  xfree(d);
}

static err_t pg_exec_script(db_t *db, const char *sql) {
  pg_db_t *d = (pg_db_t *)db;
  PGresult *r = PQexec(d->conn, sql);
  ExecStatusType s = PQresultStatus(r);
  err_t e = (s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK) ? ERR_OK : pg_err(d, r);
  PQclear(r);
  return e;
}

static err_t pg_begin(db_t *db, int write) {
  return pg_exec_script(db, write ? "BEGIN; SELECT pg_advisory_xact_lock(" NETRAL_WRITE_LOCK ")"
                                  : "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

static err_t pg_commit(db_t *db) {
  pg_db_t *d = (pg_db_t *)db;
  /* COMMIT of an aborted transaction "succeeds" as ROLLBACK: report it. */
  if (PQtransactionStatus(d->conn) == PQTRANS_INERROR)
    return err_set(ERR_DB, NULL, "Kesalahan basis data: transaksi dibatalkan karena kesalahan sebelumnya.");
  PGresult *r = PQexec(d->conn, "COMMIT");
  err_t e = PQresultStatus(r) == PGRES_COMMAND_OK ? ERR_OK : pg_err(d, r);
  if (!e && strcmp(PQcmdStatus(r), "COMMIT") != 0)
    e = err_set(ERR_DB, NULL, "Kesalahan basis data: transaksi tidak tersimpan (%s).", PQcmdStatus(r));
  PQclear(r);
  return e;
}

static void pg_rollback(db_t *db) {
  pg_db_t *d = (pg_db_t *)db;
  if (PQtransactionStatus(d->conn) != PQTRANS_IDLE) PQclear(PQexec(d->conn, "ROLLBACK"));
}

static err_t stmt_server_prepare(pg_db_t *d, pg_stmt_t *s) {
  snprintf(s->name, sizeof s->name, "netral_%u", ++d->next_name);
  PGresult *r = PQprepare(d->conn, s->name, s->pg_sql, 0, NULL);
  err_t e = PQresultStatus(r) == PGRES_COMMAND_OK ? ERR_OK : pg_err(d, r);
  PQclear(r);
  if (!e) s->gen = d->gen;
  return e;
}

static err_t pg_prepare(db_t *db, const char *sql, db_stmt_t **out) {
  pg_db_t *d = (pg_db_t *)db;
  for (int i = 0; i < d->ncache; i++) {
    if (strcmp(d->cache[i]->sql, sql) == 0) {
      d->cache[i]->in_use = 1;
      *out = &d->cache[i]->base;
      return ERR_OK;
    }
  }
  int np = 0;
  pg_stmt_t *s = xcalloc(1, sizeof *s);
  if (!s) return ERR_NOMEM;
  s->base.db = db;
  s->row = -1;
  s->sql = xstrdup(sql);
  s->pg_sql = pg_rewrite(sql, &np);
  if (!s->sql || !s->pg_sql) {
    stmt_free(s);
    return err_set(ERR_INTERNAL, NULL, "Pernyataan SQL tidak dapat disiapkan (terlalu banyak parameter atau memori).");
  }
  s->nparams = np;
  if (np) {
    s->vals = xcalloc((size_t)np, sizeof *s->vals);
    s->lens = xcalloc((size_t)np, sizeof *s->lens);
    s->fmts = xcalloc((size_t)np, sizeof *s->fmts);
    if (!s->vals || !s->lens || !s->fmts) { stmt_free(s); return ERR_NOMEM; }
  }
  err_t e = stmt_server_prepare(d, s);
  if (e) { stmt_free(s); return e; }
  if (d->ncache == PG_STMT_CACHE) { /* evict the first idle entry */
    int victim = -1;
    for (int i = 0; i < d->ncache && victim < 0; i++)
      if (!d->cache[i]->in_use) victim = i;
    if (victim < 0) { stmt_free(s); return err_set(ERR_INTERNAL, NULL, "Terlalu banyak pernyataan SQL aktif."); }
    char q[64];
    snprintf(q, sizeof q, "DEALLOCATE %s", d->cache[victim]->name);
    if (d->cache[victim]->gen == d->gen) PQclear(PQexec(d->conn, q)); /* failure only leaks a server-side plan */
    stmt_free(d->cache[victim]);
    d->cache[victim] = s;
  } else {
    d->cache[d->ncache++] = s;
  }
  s->in_use = 1;
  *out = &s->base;
  return ERR_OK;
}

#define PS(st) ((pg_stmt_t *)(st))

static err_t bind_check(pg_stmt_t *s, int i) {
  if (i < 1 || i > s->nparams)
    return err_set(ERR_INTERNAL, NULL, "Parameter SQL ke-%d di luar jangkauan (%d).", i, s->nparams);
  xfree(s->vals[i - 1]);
  s->vals[i - 1] = NULL;
  s->lens[i - 1] = 0;
  s->fmts[i - 1] = 0;
  return ERR_OK;
}

static err_t pg_bind_text(db_stmt_t *st, int i, const char *p, size_t n) {
  pg_stmt_t *s = PS(st);
  err_t e = bind_check(s, i);
  if (e) return e;
  /* Text parameters are NUL-terminated; PostgreSQL text cannot hold NUL anyway. */
  if (!(s->vals[i - 1] = xstrndup(p, n))) return ERR_NOMEM;
  return ERR_OK;
}

static err_t pg_bind_int(db_stmt_t *st, int i, int64_t v) {
  char buf[24];
  int n = snprintf(buf, sizeof buf, "%lld", (long long)v);
  return pg_bind_text(st, i, buf, (size_t)n);
}

static err_t pg_bind_blob(db_stmt_t *st, int i, const void *p, size_t n) {
  pg_stmt_t *s = PS(st);
  err_t e = bind_check(s, i);
  if (e) return e;
  if (n > 0x7fffffff) return err_set(ERR_TOO_LARGE, NULL, "Data biner terlalu besar.");
  if (!(s->vals[i - 1] = xmalloc(n ? n : 1))) return ERR_NOMEM;
  if (n) memcpy(s->vals[i - 1], p, n);
  s->lens[i - 1] = (int)n;
  s->fmts[i - 1] = 1; /* binary: raw bytes for BYTEA */
  return ERR_OK;
}

static err_t pg_bind_null(db_stmt_t *st, int i) { return bind_check(PS(st), i); }

static err_t pg_execute(pg_db_t *d, pg_stmt_t *s) {
  /* A SELECT outside a transaction is retried once on a fresh connection
   * (database restart, failover, idle connection cut by a proxy): nothing
   * can have been half-done. Anything else reports ERR_UNAVAILABLE and
   * store_write() retries the whole transaction. */
  int retry = PQtransactionStatus(d->conn) == PQTRANS_IDLE && strncasecmp(s->pg_sql, "SELECT", 6) == 0;
  PGresult *r;
  ExecStatusType rs;
  for (;;) {
    if (s->gen != d->gen) { /* the connection was re-established */
      err_t e = stmt_server_prepare(d, s);
      if (e) return e;
    }
    r = PQexecPrepared(d->conn, s->name, s->nparams, (const char *const *)s->vals, s->lens, s->fmts, 0);
    rs = PQresultStatus(r);
    if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK) break;
    unsigned gen = d->gen;
    err_t e = pg_err(d, r);
    PQclear(r);
    if (!(e == ERR_UNAVAILABLE && retry && d->gen != gen && PQstatus(d->conn) == CONNECTION_OK)) return e;
    retry = 0;
  }
  /* Like sqlite3_changes(): only INSERT/UPDATE/DELETE set the count. */
  const char *tag = PQcmdStatus(r);
  if (strncmp(tag, "INSERT", 6) == 0 || strncmp(tag, "UPDATE", 6) == 0 || strncmp(tag, "DELETE", 6) == 0)
    d->changes = strtoll(PQcmdTuples(r), NULL, 10);
  s->res = r;
  s->nrows = rs == PGRES_TUPLES_OK ? PQntuples(r) : 0;
  s->row = -1;
  int nf = PQnfields(r);
  if (nf > s->nblobs) {
    unsigned char **b = xrealloc(s->blobs, (size_t)nf * sizeof *b);
    if (!b) return ERR_NOMEM;
    s->blobs = b;
    size_t *bl = xrealloc(s->blob_lens, (size_t)nf * sizeof *bl);
    if (!bl) return ERR_NOMEM;
    s->blob_lens = bl;
    for (int i = s->nblobs; i < nf; i++) { s->blobs[i] = NULL; s->blob_lens[i] = 0; }
    s->nblobs = nf;
  }
  return ERR_OK;
}

static err_t pg_step(db_stmt_t *st) {
  pg_stmt_t *s = PS(st);
  pg_db_t *d = (pg_db_t *)st->db;
  if (!s->res) {
    err_t e = pg_execute(d, s);
    if (e) return e;
  }
  stmt_clear_row(s);
  if (s->row + 1 >= s->nrows) {
    s->row = s->nrows;
    return ERR_DONE;
  }
  s->row++;
  return ERR_OK;
}

static int col_ok(pg_stmt_t *s, int i) {
  return s->res && s->row >= 0 && s->row < s->nrows && i >= 0 && i < PQnfields(s->res);
}

static const char *pg_col_text(db_stmt_t *st, int i) {
  pg_stmt_t *s = PS(st);
  if (!col_ok(s, i) || PQgetisnull(s->res, s->row, i)) return NULL;
  return PQgetvalue(s->res, s->row, i);
}

static int64_t pg_col_int(db_stmt_t *st, int i) {
  const char *v = pg_col_text(st, i);
  if (!v) return 0;
  if (PQftype(PS(st)->res, i) == BOOLOID) return v[0] == 't';
  return strtoll(v, NULL, 10); /* numeric "12.0" → 12, as SQLite's integer read */
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = (char)(c | 32);
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static const void *pg_col_blob(db_stmt_t *st, int i, size_t *n) {
  pg_stmt_t *s = PS(st);
  if (n) *n = 0;
  if (!col_ok(s, i) || PQgetisnull(s->res, s->row, i)) return NULL;
  const char *v = PQgetvalue(s->res, s->row, i);
  size_t len = (size_t)PQgetlength(s->res, s->row, i);
  if (PQftype(s->res, i) != BYTEAOID) { /* a text column read as bytes */
    if (n) *n = len;
    return v;
  }
  if (!s->blobs[i]) {
    if (len < 2 || v[0] != '\\' || v[1] != 'x') return NULL; /* bytea_output must be hex (the default) */
    size_t out = (len - 2) / 2;
    unsigned char *b = xmalloc(out ? out : 1);
    if (!b) return NULL;
    for (size_t k = 0; k < out; k++) {
      int hi = hexval(v[2 + 2 * k]), lo = hexval(v[3 + 2 * k]);
      if (hi < 0 || lo < 0) { xfree(b); return NULL; }
      b[k] = (unsigned char)(hi << 4 | lo);
    }
    s->blobs[i] = b;
    s->blob_lens[i] = out;
  }
  if (n) *n = s->blob_lens[i];
  return s->blobs[i];
}

static int pg_col_is_null(db_stmt_t *st, int i) {
  pg_stmt_t *s = PS(st);
  return !col_ok(s, i) || PQgetisnull(s->res, s->row, i);
}

static void pg_done(db_stmt_t *st) { stmt_reset(PS(st)); }

static int64_t pg_changes(db_t *db) { return ((pg_db_t *)db)->changes; }

const struct store_ops store_pg_ops = {
    .name = "postgres",
    .open = pg_open,
    .close = pg_close,
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .exec_script = pg_exec_script,
    .begin = pg_begin,
    .commit = pg_commit,
    .rollback = pg_rollback,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_blob = pg_bind_blob,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .col_text = pg_col_text,
    .col_int = pg_col_int,
    .col_blob = pg_col_blob,
    .col_is_null = pg_col_is_null,
    .done = pg_done,
    .changes = pg_changes,
};
