/* cmd_serve.c — `netral serve`: open the app, seed demo accounts on an empty
 * database, serve until SIGINT/SIGTERM. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "core/log.h"
#include "http/server.h"
#include "api/case_api.h"
#include "domain/demo.h"
#include "core/banned.h"

typedef struct {
  app_t *app;
  account_demo_t rows[ACCOUNT_DEMO_MAX];
  int n;
} seed_t;

static err_t seed_tx(db_t *db, void *ud) {
  seed_t *s = ud;
  return account_seed_demo(db, &s->app->keys, s->rows, &s->n);
}

static err_t seed_cases_tx(db_t *db, void *ud) {
  seed_t *s = ud;
  int created;
  return demo_seed_cases(db, case_ctx(s->app), &created);
}

static void print_demo(seed_t *s) {
  if (!s->n) return;
  printf("\nAkun demo dibuat (kata sandi sekali pakai, wajib diganti saat masuk pertama):\n");
  printf("  %-24s %-10s %-9s %s\n", "NAMA PENGGUNA", "PERAN", "WILAYAH", "KATA SANDI");
  for (int i = 0; i < s->n; i++)
    printf("  %-24s %-10s %-9s %s\n", s->rows[i].username, s->rows[i].role, s->rows[i].wilayah, s->rows[i].password);
  printf("Simpan kata sandi ini sekarang: tidak akan ditampilkan lagi.\n\n");
  sodium_memzero(s->rows, sizeof s->rows);
}

int cmd_serve(int argc, char **argv) {
  app_t app;
  server_t *srv = NULL;
  int rc = 1;
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL); /* before threads start, so they inherit it */
  signal(SIGPIPE, SIG_IGN);
  if (cli_app_open(&app)) return 1;
  if (strcmp(app.cfg.demo, "1") == 0) {
    db_t *db;
    static seed_t s;
    s.app = &app;
    err_t e = store_acquire(app.store, &db);
    if (!e) {
      e = store_write(db, seed_tx, &s);
      store_release(app.store, db);
    }
    if (!e && s.n) {
      /* Demo cases only alongside the demo accounts, i.e. on a brand-new database. */
      e = store_acquire(app.store, &db);
      if (!e) {
        e = store_write(db, seed_cases_tx, &s);
        store_release(app.store, db);
      }
    }
    if (e) { cli_fail(e); goto done; }
    print_demo(&s);
  }
  err_t e = server_start(&app, &srv);
  if (e) { cli_fail(e); goto done; }
  char host[64];
  snprintf(host, sizeof host, "%s", app.cfg.listen);
  char *colon = strrchr(host, ':');
  if (colon) *colon = '\0';
  printf("Netral %s berjalan di http://%s:%u (basis data %s). Tekan Ctrl+C untuk berhenti.\n", "0.1.0", host,
         server_port(srv), store_backend(app.store));
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  log_info("berhenti (sinyal %d)", sig);
  rc = 0;
done:
  server_stop(srv);
  app_close(&app);
  return rc;
}
