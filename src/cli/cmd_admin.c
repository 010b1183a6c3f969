/* cmd_admin.c — `netral migrate`, `netral user add|list`, `netral audit verify`. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "core/banned.h"

int cmd_migrate(int argc, char **argv) {
  app_t app;
  if (cli_app_open(&app)) return 1; /* app_open applies pending migrations */
  db_t *db;
  int v = -1;
  if (store_acquire(app.store, &db) == ERR_OK) {
    v = store_schema_version(db);
    store_release(app.store, db);
  }
  printf("Skema basis data mutakhir (versi %d).\n", v);
  app_close(&app);
  return 0;
}

typedef struct {
  app_t *app;
  const char *username, *role, *wilayah;
  char password[300];
} user_add_t;

static err_t user_add_tx(db_t *db, void *ud) {
  user_add_t *u = ud;
  return account_add(db, &u->app->keys, "cli", u->username, u->role, u->wilayah, u->password, 0);
}

static err_t print_user(void *ud, const user_row_t *u) {
  printf("%-24s %-10s %-10s %-28s %s\n", u->username, u->role, u->wilayah, u->wilayah_nama,
         u->active ? "aktif" : "nonaktif");
  return ERR_OK;
}

static int user_add(app_t *app, int argc, char **argv) {
  user_add_t u = {app, cli_opt(argc, argv, "--username"), cli_opt(argc, argv, "--role"),
                  cli_opt(argc, argv, "--wilayah"), ""};
  if (!u.username || !u.role || !u.wilayah) {
    fprintf(stderr, "Pemakaian: netral user add --username U --role PERAN --wilayah KODE  (kata sandi dari stdin)\n");
    return 2;
  }
  if (!fgets(u.password, sizeof u.password, stdin)) {
    fprintf(stderr, "galat (password): kata sandi harus diberikan lewat stdin.\n");
    return 2;
  }
  u.password[strcspn(u.password, "\r\n")] = '\0';
  db_t *db;
  err_t e = store_acquire(app->store, &db);
  if (!e) {
    e = store_write(db, user_add_tx, &u);
    store_release(app->store, db);
  }
  sodium_memzero(u.password, sizeof u.password);
  if (e) return cli_fail(e);
  printf("Akun %s (%s, wilayah %s) dibuat.\n", u.username, u.role, u.wilayah);
  return 0;
}

int cmd_user(int argc, char **argv) {
  const char *sub = argc > 1 ? argv[1] : "";
  if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0) {
    fprintf(stderr, "Pemakaian: netral user add|list\n");
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  int rc = 0;
  if (strcmp(sub, "add") == 0) {
    rc = user_add(&app, argc - 1, argv + 1);
  } else {
    db_t *db;
    err_t e = store_acquire(app.store, &db);
    if (!e) {
      printf("%-24s %-10s %-10s %-28s %s\n", "NAMA PENGGUNA", "PERAN", "WILAYAH", "NAMA WILAYAH", "STATUS");
      e = store_user_each(db, print_user, NULL);
      store_release(app.store, db);
    }
    if (e) rc = cli_fail(e);
  }
  app_close(&app);
  return rc;
}

int cmd_audit(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "verify") != 0) {
    fprintf(stderr, "Pemakaian: netral audit verify\n");
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  db_t *db;
  audit_report_t rep;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = audit_verify(db, &app.keys, &rep);
    store_release(app.store, db);
  }
  app_close(&app);
  if (e) return cli_fail(e);
  if (rep.bad_id) {
    printf("audit RUSAK: entri #%lld — %s (%lld entri diperiksa)\n", (long long)rep.bad_id, rep.reason,
           (long long)rep.count);
    return 1;
  }
  printf("audit OK: %lld entri\n", (long long)rep.count);
  return 0;
}
