/*
 * fuzz_app.h — a throw-away application (SQLite database, keys, data dir in
 * a temp directory) shared by the fuzz targets that need a store. Opened once
 * per process on the first input; removed at exit.
 */
#ifndef NETRAL_FUZZ_APP_H
#define NETRAL_FUZZ_APP_H
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "http/app.h"

static app_t fuzz_app;
static char fuzz_dir[64];

static void fuzz_app_cleanup(void) {
  char cmd[128];
  app_close(&fuzz_app);
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
  if (system(cmd) != 0) fprintf(stderr, "fuzz: gagal menghapus %s\n", fuzz_dir);
}

/* Open the app once; aborts the fuzzer when it cannot (a setup bug, not a finding). */
static app_t *fuzz_app_get(void) {
  static int opened;
  static char db[PATH_MAX], key[PATH_MAX];
  if (opened) return &fuzz_app;
  config_t cfg;
  int argc = 0;
  char *argv[1] = {NULL};
  /* Fuzz runs are not about durability: skip fsync so each input is cheap. */
  setenv("NETRAL_SYNC", "normal", 1);
  snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/netral-fuzz-XXXXXX");
  if (!mkdtemp(fuzz_dir)) abort();
  snprintf(db, sizeof db, "sqlite:%s/netral.db", fuzz_dir);
  snprintf(key, sizeof key, "%s/netral.key", fuzz_dir);
  config_load(&cfg, &argc, argv, NULL);
  cfg.db = db;
  cfg.key_file = key;
  cfg.data_dir = fuzz_dir;
  cfg.demo = "0";
  cfg.rate_intake = "0";
  if (app_open(&fuzz_app, &cfg) != ERR_OK) {
    fprintf(stderr, "fuzz: app_open gagal: %s\n", err_message(ERR_DB));
    abort();
  }
  atexit(fuzz_app_cleanup);
  opened = 1;
  return &fuzz_app;
}
/* A refused input must be the client's fault: a 4xx with a message, never a 5xx. */
static inline void fuzz_check_4xx(err_t e, const char *where) {
  int st = err_http_status(e);
  if (st < 400 || st >= 500) {
    fprintf(stderr, "%s: status %d (%s): %s\n", where, st, err_code_str(e), err_message(e));
    abort();
  }
}
#endif
