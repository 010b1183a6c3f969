/* cmd_migrate_data.c — SQLite → PostgreSQL data move (see cmd_migrate_data.h). */
#include "cli/cmd_migrate_data.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/mem.h"
#include "domain/audit.h"
#include "domain/keys.h"
#include "store/migrations.h"
#include "store/store.h"
#include "core/banned.h"

enum { MD_MAX_TABLES = 96, MD_MAX_COLS = 64, MD_MAX_DEPS = 16, MD_NAME = 64, MD_BATCH = 500 };

typedef struct {
  char name[MD_NAME];
  int ncols;
  char cols[MD_MAX_COLS][MD_NAME];
  int is_blob[MD_MAX_COLS];
  char idcol[MD_NAME]; /* the INTEGER PRIMARY KEY column, "" when none */
  char deps[MD_MAX_DEPS][MD_NAME];
  int ndeps;
  int64_t src_rows, dst_rows;
} md_table_t;

typedef struct {
  db_t *src;
  const keys_t *keys;
  md_table_t *t; /* in copy order */
  int nt;
  int64_t copied;
  int tty;            /* progress on stderr */
  double t0, last;
  audit_report_t rep;
  char failed_table[MD_NAME];
} md_ctx_t;

/* Copy name into a fixed slot; names longer than the slot are refused. */
static err_t put_name(char dst[MD_NAME], const char *s) {
  if (strlen(s) >= MD_NAME) return err_set(ERR_INVALID, NULL, "Nama terlalu panjang: %s", s);
  snprintf(dst, MD_NAME, "%s", s);
  return ERR_OK;
}

static err_t read_table(db_t *src, md_table_t *t) {
  db_stmt_t *st;
  int npk = 0, int_pk = -1;
  err_t e = db_query(src, "SELECT name, upper(type), pk FROM pragma_table_info(?) ORDER BY cid", &st, "t", t->name);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    if (t->ncols == MD_MAX_COLS) { e = err_set(ERR_INVALID, NULL, "Tabel %s punya terlalu banyak kolom.", t->name); break; }
    if ((e = put_name(t->cols[t->ncols], db_text(st, 0)))) break;
    const char *type = db_text(st, 1);
    t->is_blob[t->ncols] = strcmp(type, "BLOB") == 0;
    if (db_int(st, 2) > 0) {
      npk++;
      if (strcmp(type, "INTEGER") == 0) int_pk = t->ncols;
    }
    t->ncols++;
  }
  db_done(st);
  if (e != ERR_DONE) return e;
  if (npk == 1 && int_pk >= 0) snprintf(t->idcol, sizeof t->idcol, "%s", t->cols[int_pk]);
  e = db_query(src, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", &st, "t", t->name);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    if (strcmp(db_text(st, 0), t->name) == 0) continue; /* self-reference: rowid order handles it */
    if (t->ndeps == MD_MAX_DEPS) { e = err_set(ERR_INVALID, NULL, "Tabel %s punya terlalu banyak acuan.", t->name); break; }
    if ((e = put_name(t->deps[t->ndeps++], db_text(st, 0)))) break;
  }
  db_done(st);
  if (e != ERR_DONE) return e;
  char sql[MD_NAME + 32];
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t->name);
  return db_one_int(src, sql, &t->src_rows, "");
}

/* Every table of the source, parents before children. */
static err_t discover(db_t *src, md_table_t *out, int *nout) {
  static md_table_t all[MD_MAX_TABLES];
  int n = 0;
  db_stmt_t *st;
  err_t e = db_query(src,
                     "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'"
                     " ORDER BY name",
                     &st, "");
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK) {
    if (n == MD_MAX_TABLES) { e = err_set(ERR_INVALID, NULL, "Terlalu banyak tabel."); break; }
    memset(&all[n], 0, sizeof all[n]);
    if ((e = put_name(all[n++].name, db_text(st, 0)))) break;
  }
  db_done(st);
  if (e != ERR_DONE) return e;
  for (int i = 0; i < n; i++)
    if ((e = read_table(src, &all[i]))) return e;
  int placed[MD_MAX_TABLES] = {0}, k = 0;
  while (k < n) {
    int progress = 0;
    for (int i = 0; i < n; i++) {
      if (placed[i]) continue;
      int ready = 1;
      for (int d = 0; d < all[i].ndeps && ready; d++)
        for (int j = 0; j < n; j++)
          if (!placed[j] && strcmp(all[j].name, all[i].deps[d]) == 0) ready = 0;
      if (!ready) continue;
      out[k++] = all[i];
      placed[i] = 1;
      progress = 1;
    }
    if (!progress) return err_set(ERR_INVALID, NULL, "Acuan antartabel melingkar; urutan salin tidak dapat ditentukan.");
  }
  *nout = n;
  return ERR_OK;
}

/* INSERT INTO t(cols) VALUES (?,…),(?,…)… for rows rows. */
static err_t insert_sql(const md_table_t *t, int rows, buf_t *b) {
  buf_reset(b);
  buf_printf(b, "INSERT INTO \"%s\"(", t->name);
  for (int i = 0; i < t->ncols; i++) buf_printf(b, "%s\"%s\"", i ? "," : "", t->cols[i]);
  buf_puts(b, ") VALUES");
  for (int r = 0; r < rows; r++) {
    buf_puts(b, r ? ",(" : "(");
    for (int i = 0; i < t->ncols; i++) buf_puts(b, i ? ",?" : "?");
    buf_puts(b, ")");
  }
  return b->oom ? ERR_NOMEM : ERR_OK;
}

static void progress(md_ctx_t *c, const md_table_t *t, int64_t done, int force) {
  if (!c->tty) return;
  double now = clock_mono();
  if (!force && now - c->last < 0.2) return;
  c->last = now;
  double dt = now - c->t0;
  fprintf(stderr, "\r\033[KMenyalin %s: %lld/%lld baris; seluruhnya %lld baris, %.0f baris/detik", t->name,
          (long long)done, (long long)t->src_rows, (long long)(c->copied + done),
          dt > 0 ? (double)(c->copied + done) / dt : 0.0);
}

/* Rows go in multi-row INSERTs of up to MD_BATCH rows (a round trip per row
 * was the cost on PostgreSQL): the statement for a full batch is prepared
 * once (cached by its text) and each source row's values are bound straight
 * into their slot, so nothing is buffered. The batch size of each statement
 * is decided from the row count read before the copy; rows the source
 * gains or loses meanwhile end in a count mismatch, which rolls back. */
static err_t copy_table(md_ctx_t *c, db_t *dst, md_table_t *t) {
  char sel[4096];
  size_t a = (size_t)snprintf(sel, sizeof sel, "SELECT ");
  for (int i = 0; i < t->ncols; i++) a += (size_t)snprintf(sel + a, sizeof sel - a, "%s\"%s\"", i ? "," : "", t->cols[i]);
  a += (size_t)snprintf(sel + a, sizeof sel - a, " FROM \"%s\" ORDER BY rowid", t->name);
  if (a >= sizeof sel) return err_set(ERR_INVALID, NULL, "Tabel %s terlalu lebar.", t->name);
  int per = STORE_MAX_PARAMS / (t->ncols ? t->ncols : 1);
  if (per > MD_BATCH) per = MD_BATCH;

  const struct store_ops *so = db_ops(c->src), *dop = db_ops(dst);
  db_stmt_t *rs, *ws = NULL;
  buf_t ins;
  buf_init(&ins);
  int64_t done = 0, left = t->src_rows;
  int rows = 0, in_batch = 0; /* rows of the current statement, rows bound so far */
  err_t e = db_query(c->src, sel, &rs, "");
  if (e) return e;
  while ((e = db_step(rs)) == ERR_OK) {
    if (!ws) {
      rows = left >= per ? per : left > 0 ? (int)left : 1;
      if ((e = insert_sql(t, rows, &ins)) || (e = dop->prepare(dst, ins.data, &ws))) break;
      in_batch = 0;
    }
    for (int i = 0, p = in_batch * t->ncols + 1; i < t->ncols && !e; i++, p++) {
      if (so->col_is_null(rs, i)) {
        e = dop->bind_null(ws, p);
      } else if (t->is_blob[i]) {
        size_t n = 0;
        const void *v = so->col_blob(rs, i, &n);
        e = dop->bind_blob(ws, p, v ? v : "", n);
      } else {
        const char *v = so->col_text(rs, i);
        e = dop->bind_text(ws, p, v, strlen(v));
      }
    }
    if (e) break;
    if (++in_batch < rows) continue;
    if ((e = db_step(ws)) == ERR_DONE) e = ERR_OK;
    db_done(ws);
    ws = NULL;
    if (e) break;
    done += rows;
    left -= rows;
    progress(c, t, done, 0);
  }
  if (ws) { /* the source ended inside a batch: it lost rows since they were counted */
    db_done(ws);
    if (e == ERR_DONE)
      e = err_set(ERR_INTERNAL, NULL, "Jumlah baris tabel %s berubah selama penyalinan (sumber %lld, terbaca %lld).",
                  t->name, (long long)t->src_rows, (long long)(done + in_batch));
  }
  db_done(rs);
  buf_free(&ins);
  if (e != ERR_DONE) return e;
  progress(c, t, done, 1);
  c->copied += done;
  char sql[4 * MD_NAME + 128];
  if (t->idcol[0]) { /* identity continues after the largest copied id (NULL sequence: plain integer key) */
    snprintf(sql, sizeof sql,
             "SELECT setval(pg_get_serial_sequence('\"%s\"','%s'), COALESCE((SELECT MAX(\"%s\") FROM \"%s\"),0)+1, false)",
             t->name, t->idcol, t->idcol, t->name);
    db_stmt_t *q;
    if ((e = db_query(dst, sql, &q, ""))) return e;
    e = db_step(q);
    db_done(q);
    if (e != ERR_OK) return e == ERR_DONE ? ERR_DB : e;
  }
  snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM \"%s\"", t->name);
  return db_one_int(dst, sql, &t->dst_rows, "");
}

static err_t copy_tx(db_t *dst, void *ud) {
  md_ctx_t *c = ud;
  char sql[MD_MAX_TABLES * (MD_NAME + 4) + 32];
  size_t n = (size_t)snprintf(sql, sizeof sql, "TRUNCATE ");
  for (int i = 0; i < c->nt; i++) n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"", i ? "," : "", c->t[i].name);
  char why[320];
  err_t e = db_exec_script(dst, sql);
  if (e) {
    snprintf(why, sizeof why, "%s", err_message(e)); /* err_set overwrites the detail err_message points into */
    return err_set(e, NULL, "Tabel tujuan tidak dapat dikosongkan: %s", why);
  }
  c->copied = 0;
  c->failed_table[0] = '\0';
  for (int i = 0; i < c->nt; i++) {
    if ((e = copy_table(c, dst, &c->t[i]))) {
      snprintf(c->failed_table, sizeof c->failed_table, "%s", c->t[i].name);
      snprintf(why, sizeof why, "%s", err_message(e));
      return err_set(e, NULL, "Tabel %s gagal disalin: %s", c->t[i].name, why);
    }
    if (c->t[i].dst_rows != c->t[i].src_rows)
      return err_set(ERR_INTERNAL, NULL, "Jumlah baris tabel %s tidak cocok: sumber %lld, tujuan %lld.", c->t[i].name,
                     (long long)c->t[i].src_rows, (long long)c->t[i].dst_rows);
  }
  if ((e = audit_verify(dst, c->keys, &c->rep))) return e;
  if (c->rep.bad_id)
    return err_set(ERR_INTERNAL, NULL, "audit RUSAK di tujuan: entri #%lld — %s", (long long)c->rep.bad_id,
                   c->rep.reason);
  return ERR_OK;
}

/* The URL without its password, for printing. */
static void redact(const char *url, char *out, size_t cap) {
  const char *scheme = strstr(url, "://"), *at = strchr(url, '@');
  const char *colon = scheme ? strchr(scheme + 3, ':') : NULL;
  if (scheme && at && colon && colon < at) snprintf(out, cap, "%.*s:***%s", (int)(colon - url), url, at);
  else snprintf(out, cap, "%s", url);
}

int cmd_migrate_data(int argc, char **argv) {
  const char *from = cli_opt(argc, argv, "--from"), *to = cli_opt(argc, argv, "--to");
  if (!from || !to || strncmp(from, "sqlite:", 7) != 0 ||
      (strncmp(to, "postgres://", 11) != 0 && strncmp(to, "postgresql://", 13) != 0)) {
    fprintf(stderr, "Pemakaian: netral migrate-data --from sqlite:BERKAS --to postgres://PENGGUNA@HOST/BASISDATA\n");
    return 2;
  }
  if (access(from + 7, R_OK) != 0) {
    fprintf(stderr, "galat (--from): berkas %s tidak ada atau tidak terbaca.\n", from + 7);
    return 1;
  }
  static md_table_t tables[MD_MAX_TABLES];
  keys_t keys;
  store_t *ss = NULL, *ds = NULL;
  db_t *src = NULL, *dst = NULL;
  int rc = 1, src_tx = 0;
  char shown[512];
  redact(to, shown, sizeof shown);
  err_t e = keys_load(cli_config()->key_file, &keys);
  if (e == ERR_NOT_FOUND)
    e = err_set(e, "NETRAL_KEY_FILE", "Berkas kunci %s tidak ada; pakai kunci server sumber.", cli_config()->key_file);
  if (e) goto fail;

  /* Source: latest schema, intact chain, read in one snapshot. */
  if ((e = store_open(from, &ss)) || (e = store_acquire(ss, &src))) goto fail;
  int v = store_schema_version(src);
  if (v != migrations_latest()) {
    e = err_set(ERR_INVALID, "--from",
                "Skema sumber versi %d, versi terbaru %d: jalankan dahulu `NETRAL_DB=%s netral migrate`.", v,
                migrations_latest(), from);
    goto fail;
  }
  if ((e = db_ops(src)->begin(src, 0))) goto fail;
  src_tx = 1;
  audit_report_t srep;
  if ((e = audit_verify(src, &keys, &srep))) goto fail;
  if (srep.bad_id) {
    e = err_set(ERR_INVALID, "--from", "audit sumber RUSAK di entri #%lld (%s): data tidak dipindah.",
                (long long)srep.bad_id, srep.reason);
    goto fail;
  }
  md_ctx_t c = {.src = src, .keys = &keys, .t = tables};
  if ((e = discover(src, tables, &c.nt))) goto fail;
  printf("Sumber : %s (skema versi %d, %d tabel, audit OK: %lld entri)\n", from, v, c.nt, (long long)srep.count);

  /* Target: schema and reference data by the migrations, then empty of user data. */
  int applied = 0;
  if ((e = store_open(to, &ds)) || (e = store_acquire(ds, &dst)) || (e = store_migrate(dst, &applied))) goto fail;
  printf("Tujuan : %s (%d migrasi diterapkan)\n", shown, applied);
  static const char *const guard[] = {"users", "kasus", "audit"};
  for (size_t i = 0; i < sizeof guard / sizeof guard[0]; i++) {
    char sql[64];
    int64_t n = 0;
    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", guard[i]);
    if ((e = db_one_int(dst, sql, &n, ""))) goto fail;
    if (n) {
      e = err_set(ERR_CONFLICT, "--to", "Basis data tujuan sudah berisi data (%lld baris di tabel %s); migrate-data "
                  "hanya mengisi basis data baru.", (long long)n, guard[i]);
      goto fail;
    }
  }

  double t0 = clock_mono();
  c.tty = isatty(STDERR_FILENO);
  c.t0 = c.last = t0;
  e = store_write(dst, copy_tx, &c);
  if (c.tty) fputs("\r\033[K", stderr);
  if (e) goto fail;
  double dt = clock_mono() - t0;
  printf("\n%-24s %12s %12s\n", "TABEL", "SUMBER", "TUJUAN");
  for (int i = 0; i < c.nt; i++)
    printf("%-24s %12lld %12lld  cocok\n", tables[i].name, (long long)tables[i].src_rows, (long long)tables[i].dst_rows);
  printf("\nSelesai: %d tabel, %lld baris disalin dalam satu transaksi (%.1f detik); jumlah baris cocok di setiap "
         "tabel; audit OK di tujuan: %lld entri.\n",
         c.nt, (long long)c.copied, dt, (long long)c.rep.count);
  printf("Berikutnya: jalankan server dengan NETRAL_DB=%s dan NETRAL_KEY_FILE yang sama; salin folder bukti "
         "(NETRAL_DATA_DIR/bukti) ke penyimpanan bersama semua instans.\n", shown);
  rc = 0;
fail:
  if (rc) cli_fail(e ? e : ERR_INTERNAL);
  if (src_tx) db_ops(src)->rollback(src);
  if (src) store_release(ss, src);
  if (dst) store_release(ds, dst);
  store_close(ss);
  store_close(ds);
  sodium_memzero(&keys, sizeof keys);
  return rc;
}
