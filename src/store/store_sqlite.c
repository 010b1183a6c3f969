/*
 * store_sqlite.c — the embedded SQLite backend of store.h.
 *
 * Each connection: WAL journal, foreign keys on, busy timeout 5 s,
 * synchronous=FULL: a commit is on disk before the client hears 201, even
 * across power loss; group commit (store.c) amortises the fsync over all
 * writers waiting at that moment. NETRAL_SYNC=normal trades the power-loss
 * guarantee for speed (a commit still survives a process kill -9). Statements are prepared once per connection and kept
 * in a small cache keyed by SQL text.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <pthread.h>
#include <stdio.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "store/store_internal.h"
#include "core/banned.h"

enum { STMT_CACHE = 96 };

typedef struct sq_stmt {
  struct db_stmt base;
  sqlite3_stmt *s;
  char *sql; /* copy of the SQL text: cache key */
} sq_stmt_t;

typedef struct {
  struct db base;
  sqlite3 *h;
  sq_stmt_t *cache[STMT_CACHE]; /* heap entries: addresses stay stable */
  int ncache;
} sq_db_t;

typedef struct {
  char *path;
  int lockfd; /* shared flock on the file (store_sqlite_exclusive); -1 if none */
} sq_impl_t;

static err_t sq_err(sqlite3 *h, int rc) {
  int prim = rc & 0xff;
  if (prim == SQLITE_BUSY || prim == SQLITE_LOCKED) return ERR_UNAVAILABLE;
  if (prim == SQLITE_CONSTRAINT) return err_set(ERR_CONFLICT, NULL, NULL);
  if (prim == SQLITE_NOMEM) return ERR_NOMEM;
  return err_set(ERR_DB, NULL, "Kesalahan basis data: %s", h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
}

/* SQLite's memory statistics take a global mutex on every allocation, which
 * the HTTP threads then fight over; Netral does not read them. Must run
 * before SQLite initialises, hence once, before the first connection. */
static pthread_once_t sq_once = PTHREAD_ONCE_INIT;
static void sq_global_init(void) {
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  sqlite3_initialize();
}

err_t store_sqlite_exclusive(const char *path, int *fd) {
  *fd = open(path, O_RDONLY | O_CLOEXEC);
  if (*fd < 0) return errno == ENOENT ? ERR_OK : err_set(ERR_IO, "NETRAL_DB", "Tidak dapat membuka %s.", path);
  if (flock(*fd, LOCK_EX | LOCK_NB) == 0) return ERR_OK;
  close(*fd);
  *fd = -1;
  return err_set(ERR_CONFLICT, "NETRAL_DB",
                 "Basis data %s sedang dipakai server atau perintah Netral lain; hentikan dahulu, lalu ulangi.", path);
}

/* The shared half of store_sqlite_exclusive, taken once the file exists. */
static err_t share_file(sq_impl_t *im) {
  im->lockfd = open(im->path, O_RDONLY | O_CLOEXEC);
  if (im->lockfd < 0) return ERR_OK; /* not a plain file (":memory:"): nothing to protect */
  if (flock(im->lockfd, LOCK_SH | LOCK_NB) == 0) return ERR_OK;
  close(im->lockfd);
  im->lockfd = -1;
  return err_set(ERR_UNAVAILABLE, "NETRAL_DB",
                 "Basis data %s sedang dipulihkan (netral restore); jalankan lagi setelah pemulihan selesai.", im->path);
}

static void sq_close(void *impl) {
  sq_impl_t *im = impl;
  if (!im) return;
  if (im->lockfd >= 0) close(im->lockfd);
  xfree(im->path);
  xfree(im);
}

static err_t sq_open(const char *target, void **impl) {
  pthread_once(&sq_once, sq_global_init);
  sq_impl_t *im = xcalloc(1, sizeof *im);
  if (!im) return ERR_NOMEM;
  im->lockfd = -1;
  im->path = xstrdup(target);
  if (!im->path) { xfree(im); return ERR_NOMEM; }
  /* The shared lock before SQLite touches the file (a restore may hold it),
   * or right after the first connection created it. Open once now so a bad
   * path fails at start, not on the first request. */
  db_t *probe;
  err_t e = share_file(im);
  if (!e && !(e = store_sqlite_ops.connect(im, &probe))) {
    store_sqlite_ops.disconnect(probe);
    if (im->lockfd < 0) e = share_file(im);
  }
  if (e) { sq_close(im); return e; }
  *impl = im;
  return ERR_OK;
}

static err_t sq_connect(void *impl, db_t **out) {
  sq_impl_t *im = impl;
  sq_db_t *d = xcalloc(1, sizeof *d);
  if (!d) return ERR_NOMEM;
  d->base.ops = &store_sqlite_ops;
  int rc = sqlite3_open_v2(im->path, &d->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK) {
    err_t e = err_set(ERR_DB, "NETRAL_DB", "Tidak dapat membuka basis data %s: %s", im->path,
                      d->h ? sqlite3_errmsg(d->h) : sqlite3_errstr(rc));
    sqlite3_close(d->h);
    xfree(d);
    return e;
  }
  sqlite3_busy_timeout(d->h, 5000);
  const char *sync = getenv("NETRAL_SYNC");
  const char *pragmas = (sync && strcmp(sync, "normal") == 0)
      ? "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;"
      : "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;";
  char *msg = NULL;
  rc = sqlite3_exec(d->h, pragmas, NULL, NULL, &msg);
  if (rc != SQLITE_OK) {
    err_t e = err_set(ERR_DB, "NETRAL_DB", "Gagal menyiapkan basis data: %s", msg ? msg : "");
    sqlite3_free(msg);
    sqlite3_close(d->h);
    xfree(d);
    return e;
  }
  *out = &d->base;
  return ERR_OK;
}

static void sq_disconnect(db_t *db) {
  sq_db_t *d = (sq_db_t *)db;
  for (int i = 0; i < d->ncache; i++) {
    sqlite3_finalize(d->cache[i]->s);
    xfree(d->cache[i]->sql);
    xfree(d->cache[i]);
  }
  sqlite3_close(d->h);
  xfree(d);
}

static err_t sq_exec_script(db_t *db, const char *sql) {
  sq_db_t *d = (sq_db_t *)db;
  char *msg = NULL;
  int rc = sqlite3_exec(d->h, sql, NULL, NULL, &msg);
  if (rc == SQLITE_OK) return ERR_OK;
  err_t e = (rc & 0xff) == SQLITE_BUSY ? ERR_UNAVAILABLE
                                       : err_set(ERR_DB, NULL, "Kesalahan basis data: %s", msg ? msg : "");
  sqlite3_free(msg);
  return e;
}

/*
 * Bulk mode. In WAL every page is written twice (to the WAL, then by the
 * checkpoint); in a rollback journal, pages appended past the end of the file
 * are not journaled at all, so a load into empty tables writes them once.
 * Switching out of WAL under another process that has the database open
 * would turn its readers into lock holders that block writers, so it is done
 * only when no other process holds the shared "DMS" lock that every WAL
 * connection keeps on its -shm file (byte 128 in SQLite's unix VFS). A
 * process that opens the database during the load finds a rollback journal
 * and switches it back to WAL (its PRAGMA waits for the busy timeout).
 */
enum { SQ_SHM_DMS_BYTE = 128 };

static int sq_others_attached(sqlite3 *h) {
  const char *db = sqlite3_db_filename(h, "main");
  char shm[4096];
  if (!db || !*db || snprintf(shm, sizeof shm, "%s-shm", db) >= (int)sizeof shm) return 1;
  int fd = open(shm, O_RDWR | O_CLOEXEC);
  if (fd < 0) return 1; /* cannot tell: assume others */
  struct flock fl = {0};
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = SQ_SHM_DMS_BYTE;
  fl.l_len = 1;
  int others = fcntl(fd, F_GETLK, &fl) != 0 || fl.l_type != F_UNLCK; /* our own locks never show here */
  close(fd);
  return others;
}

static err_t sq_journal(sq_db_t *d, const char *pragma, const char *want, int *ok) {
  sqlite3_stmt *st;
  int rc = sqlite3_prepare_v2(d->h, pragma, -1, &st, NULL);
  if (rc != SQLITE_OK) return sq_err(d->h, rc);
  rc = sqlite3_step(st);
  *ok = rc == SQLITE_ROW && strcmp((const char *)sqlite3_column_text(st, 0), want) == 0;
  sqlite3_finalize(st);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || (rc & 0xff) == SQLITE_BUSY ? ERR_OK : sq_err(d->h, rc);
}

static err_t sq_bulk(db_t *db, int on, int *granted) {
  sq_db_t *d = (sq_db_t *)db;
  int ok = 0;
  if (!on) return *granted ? sq_journal(d, "PRAGMA journal_mode=WAL", "wal", &ok) : ERR_OK;
  *granted = 0;
  if (sq_others_attached(d->h)) return ERR_OK;
  err_t e = sq_journal(d, "PRAGMA journal_mode=DELETE", "delete", &ok);
  *granted = !e && ok;
  return e;
}

static err_t sq_begin(db_t *db, int write) {
  return sq_exec_script(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
}
static err_t sq_commit(db_t *db) { return sq_exec_script(db, "COMMIT"); }
static void sq_rollback(db_t *db) {
  sq_db_t *d = (sq_db_t *)db;
  if (!sqlite3_get_autocommit(d->h)) sqlite3_exec(d->h, "ROLLBACK", NULL, NULL, NULL);
}

static err_t sq_prepare(db_t *db, const char *sql, db_stmt_t **out) {
  sq_db_t *d = (sq_db_t *)db;
  for (int i = 0; i < d->ncache; i++) {
    if (strcmp(d->cache[i]->sql, sql) == 0) {
      *out = &d->cache[i]->base;
      return ERR_OK;
    }
  }
  sqlite3_stmt *s;
  int rc = sqlite3_prepare_v3(d->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
  if (rc != SQLITE_OK) return sq_err(d->h, rc);
  char *key = xstrdup(sql);
  if (!key) { sqlite3_finalize(s); return ERR_NOMEM; }
  sq_stmt_t *c = NULL;
  if (d->ncache == STMT_CACHE) { /* reuse the first idle entry */
    for (int i = 0; i < d->ncache && !c; i++)
      if (!sqlite3_stmt_busy(d->cache[i]->s)) c = d->cache[i];
    if (!c) { sqlite3_finalize(s); xfree(key); return err_set(ERR_INTERNAL, NULL, "Terlalu banyak pernyataan SQL aktif."); }
    sqlite3_finalize(c->s);
    xfree(c->sql);
  } else {
    c = xcalloc(1, sizeof *c);
    if (!c) { sqlite3_finalize(s); xfree(key); return ERR_NOMEM; }
    d->cache[d->ncache++] = c;
  }
  c->base.db = db;
  c->s = s;
  c->sql = key;
  *out = &c->base;
  return ERR_OK;
}

#define SQ(st) (((sq_stmt_t *)(st))->s)
#define SQH(st) (((sq_db_t *)((st)->db))->h)

static err_t sq_bind_rc(db_stmt_t *st, int rc) { return rc == SQLITE_OK ? ERR_OK : sq_err(SQH(st), rc); }
static err_t sq_bind_text(db_stmt_t *st, int i, const char *s, size_t n) {
  return sq_bind_rc(st, sqlite3_bind_text(SQ(st), i, s, (int)n, SQLITE_TRANSIENT));
}
static err_t sq_bind_text_ref(db_stmt_t *st, int i, const char *s, size_t n) {
  return sq_bind_rc(st, sqlite3_bind_text(SQ(st), i, s, (int)n, SQLITE_STATIC));
}
static err_t sq_bind_int(db_stmt_t *st, int i, int64_t v) { return sq_bind_rc(st, sqlite3_bind_int64(SQ(st), i, v)); }
static err_t sq_bind_blob(db_stmt_t *st, int i, const void *p, size_t n) {
  return sq_bind_rc(st, sqlite3_bind_blob(SQ(st), i, p, (int)n, SQLITE_TRANSIENT));
}
static err_t sq_bind_null(db_stmt_t *st, int i) { return sq_bind_rc(st, sqlite3_bind_null(SQ(st), i)); }

static err_t sq_step(db_stmt_t *st) {
  int rc = sqlite3_step(SQ(st));
  if (rc == SQLITE_ROW) return ERR_OK;
  if (rc == SQLITE_DONE) return ERR_DONE;
  return sq_err(SQH(st), rc);
}

static const char *sq_col_text(db_stmt_t *st, int i) { return (const char *)sqlite3_column_text(SQ(st), i); }
static int64_t sq_col_int(db_stmt_t *st, int i) { return sqlite3_column_int64(SQ(st), i); }
static const void *sq_col_blob(db_stmt_t *st, int i, size_t *n) {
  const void *p = sqlite3_column_blob(SQ(st), i);
  if (n) *n = (size_t)sqlite3_column_bytes(SQ(st), i);
  return p;
}
static int sq_col_is_null(db_stmt_t *st, int i) { return sqlite3_column_type(SQ(st), i) == SQLITE_NULL; }
static void sq_done(db_stmt_t *st) {
  sqlite3_reset(SQ(st));
  sqlite3_clear_bindings(SQ(st));
}
static int64_t sq_changes(db_t *db) { return sqlite3_changes64(((sq_db_t *)db)->h); }

const struct store_ops store_sqlite_ops = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .connect = sq_connect,
    .disconnect = sq_disconnect,
    .exec_script = sq_exec_script,
    .begin = sq_begin,
    .commit = sq_commit,
    .rollback = sq_rollback,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_text_ref = sq_bind_text_ref,
    .bulk = sq_bulk,
    .bind_int = sq_bind_int,
    .bind_blob = sq_bind_blob,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .col_text = sq_col_text,
    .col_int = sq_col_int,
    .col_blob = sq_col_blob,
    .col_is_null = sq_col_is_null,
    .done = sq_done,
    .changes = sq_changes,
};
