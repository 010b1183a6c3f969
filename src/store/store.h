/*
 * store.h — backend-neutral storage.
 *
 * Two levels:
 *  1. `struct store_ops`: the vtable a backend implements (SQLite now,
 *     PostgreSQL later): connections, transactions, prepared statements with
 *     positional `?` parameters, typed column reads, migrations.
 *  2. Repository functions (store_user.c, store_audit.c, …) that hold all SQL
 *     of Netral, written once in the portable subset both backends accept.
 *     Domain code calls repositories; handlers never see SQL.
 *
 * Connections: store_acquire() hands out a db_t from a pool; a db_t is used
 * by one thread at a time and returned with store_release().
 *
 * Transactions: every write goes through store_write(), which runs a callback
 * inside one transaction (BEGIN IMMEDIATE on SQLite), commits on ERR_OK,
 * rolls back on anything else and retries transparently when the database is
 * busy. A failed request therefore leaves nothing half-written.
 */
#ifndef NETRAL_STORE_H
#define NETRAL_STORE_H
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

/* Most `?` parameters one statement may have, on every backend. */
enum { STORE_MAX_PARAMS = 4096 };

typedef struct db db_t;             /* one connection */
typedef struct db_stmt db_stmt_t;   /* a prepared statement, owned by its db_t */
typedef struct store store_t;

struct store_ops {
  const char *name; /* "sqlite" | "postgres" */
  err_t (*open)(const char *target, void **impl);
  void (*close)(void *impl);
  err_t (*connect)(void *impl, db_t **out);
  void (*disconnect)(db_t *db);
  err_t (*exec_script)(db_t *db, const char *sql); /* several statements, no params */
  /* Optional. A bulk load into empty tables on this connection: on = 1 asks
   * for the backend's fastest durable mode, granted (*granted = 1) only when
   * no other process uses the database; on = 0 with the granted value ends it. */
  err_t (*bulk)(db_t *db, int on, int *granted);
  err_t (*begin)(db_t *db, int write);
  err_t (*commit)(db_t *db);
  void (*rollback)(db_t *db);
  /* Prepared statements are cached per connection by SQL text; the returned
   * statement is borrowed and must be finished with db_done(). */
  err_t (*prepare)(db_t *db, const char *sql, db_stmt_t **out);
  err_t (*bind_text)(db_stmt_t *st, int idx, const char *s, size_t n);
  /* Optional (NULL: bind_text): s is not copied and must stay valid until
   * db_done(); for bulk loads, where the copy is measurable. */
  err_t (*bind_text_ref)(db_stmt_t *st, int idx, const char *s, size_t n);
  err_t (*bind_int)(db_stmt_t *st, int idx, int64_t v);
  err_t (*bind_blob)(db_stmt_t *st, int idx, const void *p, size_t n);
  err_t (*bind_null)(db_stmt_t *st, int idx);
  /* ERR_OK: a row is ready; ERR_DONE: no more rows; ERR_CONFLICT: a
   * uniqueness/foreign key constraint failed; ERR_UNAVAILABLE: busy. */
  err_t (*step)(db_stmt_t *st);
  const char *(*col_text)(db_stmt_t *st, int i); /* borrowed until next step; NULL for SQL NULL */
  int64_t (*col_int)(db_stmt_t *st, int i);
  const void *(*col_blob)(db_stmt_t *st, int i, size_t *n);
  int (*col_is_null)(db_stmt_t *st, int i);
  void (*done)(db_stmt_t *st); /* reset + clear bindings */
  int64_t (*changes)(db_t *db);
};

extern const struct store_ops store_sqlite_ops;
extern const struct store_ops store_pg_ops;

/* SQLite only: take the database file PATH for exclusive use (netral
 * restore replaces it). Every store_open of a SQLite file holds a shared
 * lock on it (flock, independent of SQLite's own fcntl locks) until
 * store_close, so this fails with ERR_CONFLICT while a server or another
 * command has the database open, and a store_open fails with
 * ERR_UNAVAILABLE while this is held. *fd: the lock, released by close();
 * -1 when PATH does not exist (nothing to protect). */
err_t store_sqlite_exclusive(const char *path, int *fd);

/* Open by URL: "sqlite:PATH" (or a bare path) or "postgres://…". */
err_t store_open(const char *url, store_t **out);
void store_close(store_t *st);
const char *store_backend(const store_t *st);
err_t store_acquire(store_t *st, db_t **out);
void store_release(store_t *st, db_t *db);

/* Run fn inside one write transaction (retried on busy). */
typedef err_t (*store_tx_fn)(db_t *db, void *ud);
err_t store_write(db_t *db, store_tx_fn fn, void *ud);
/* Run fn inside one read transaction (consistent snapshot). */
err_t store_read(db_t *db, store_tx_fn fn, void *ud);

/*
 * Convenience over the vtable. fmt has one letter per `?` parameter:
 *   t = const char* (NULL → SQL NULL)   i = int64_t   I = int
 *   T = like t, not copied: valid until db_done() (bind_text_ref)
 *   b = const void*, size_t             n = NULL
 */
err_t db_query(db_t *db, const char *sql, db_stmt_t **out, const char *fmt, ...);
err_t db_exec(db_t *db, const char *sql, const char *fmt, ...);
err_t db_step(db_stmt_t *st); /* ERR_OK row, ERR_DONE end */
void db_done(db_stmt_t *st);
const char *db_text(db_stmt_t *st, int i); /* "" for NULL; borrowed */
const char *db_text_or_null(db_stmt_t *st, int i);
int64_t db_int(db_stmt_t *st, int i);
const void *db_blob(db_stmt_t *st, int i, size_t *n);
int64_t db_changes(db_t *db);
/* Single-value helpers: ERR_NOT_FOUND when no row. */
err_t db_one_int(db_t *db, const char *sql, int64_t *out, const char *fmt, ...);
err_t db_exec_script(db_t *db, const char *sql);

/* Helpers shared by the repository files. */
const char *db_nz(const char *s); /* NULL for NULL or "" (an optional text column) */
err_t db_bind_id(db_t *db, db_stmt_t *st, int idx, int64_t id); /* id ≤ 0 binds SQL NULL */
/* End a row loop: finish st; ERR_DONE (no more rows) becomes ERR_OK, any other e stays. */
err_t db_finish(db_stmt_t *st, err_t e);
/* Step a statement with RETURNING id, read the id, finish the statement. */
err_t db_returning_id(db_stmt_t *st, int64_t *id);
/* A wilayah scope as three parameters sc, sc, like of DB_SCOPE_SQL(col): "" = everywhere,
 * else the code itself or any code below it. Returns sc; like receives "scope.%". */
#define DB_SCOPE_SQL(col) "(?='' OR " col "=? OR " col " LIKE ?)"
const char *db_scope_like(const char *scope, char *like, size_t cap);
const struct store_ops *db_ops(db_t *db);

/* Migrations: apply all pending (returns count applied). */
err_t store_migrate(db_t *db, int *applied);
int store_schema_version(db_t *db);
#endif
