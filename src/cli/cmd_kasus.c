/*
 * cmd_kasus.c — `netral kasus segel --kode K`: the operator has checked a
 * case whose rows fail their seals (`netral audit verify` names it; the web
 * UI marks it "segel rusak") and accepts its kasus, bukti and rekomendasi
 * rows as they stand (caseseal.h). Audited as kasus.segel_ulang, with the
 * stage and wilayah accepted. Exit: 0 done or nothing to do, 1 failure,
 * 2 usage.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/caseseal.h"
#include "domain/kode.h"
#include "core/banned.h"

typedef struct {
  const keys_t *keys;
  char kode[KODE_BUF];
  int changed;
} kasus_cmd_t;

static err_t kasus_segel_tx(db_t *db, void *ud) {
  kasus_cmd_t *k = ud;
  return caseseal_reseal(db, k->keys, "cli", k->kode, &k->changed);
}

static const char KASUS_USAGE[] =
    "Pemakaian: netral kasus segel --kode KODE   terima baris kasus, bukti dan rekomendasinya yang segelnya rusak\n"
    "                                            apa adanya (periksa dulu tahap, wilayah dan log auditnya)\n";

int cmd_kasus(int argc, char **argv) {
  const char *kode = cli_opt(argc - 1, argv + 1, "--kode");
  kasus_cmd_t k = {NULL, "", 0};
  if (argc < 2 || strcmp(argv[1], "segel") != 0 || !kode) {
    fputs(KASUS_USAGE, stderr);
    return 2;
  }
  if (kode_normalise(kode, k.kode, sizeof k.kode) != ERR_OK) {
    fprintf(stderr, "galat (kode): Kode kasus %s tidak valid.\n", kode);
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  k.keys = &app.keys;
  db_t *db;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = store_write(db, kasus_segel_tx, &k);
    store_release(app.store, db);
  }
  app_close(&app);
  if (e) return cli_fail(e);
  if (k.changed)
    printf("Kasus %s: %d baris disegel ulang apa adanya (log audit: kasus.segel_ulang).\n", k.kode, k.changed);
  else
    printf("Segel kasus %s utuh; tidak ada yang diubah.\n", k.kode);
  return 0;
}
