/* cmd_admin.c — `netral migrate`, `netral user add|list|disable|enable|passwd|segel`, `netral audit verify|list`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/commands.h"
#include "domain/account.h"
#include "domain/audit.h"
#include "domain/auditlog.h"
#include "domain/caseseal.h"
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
  int active, changed;
} user_cmd_t;

static err_t user_add_tx(db_t *db, void *ud) {
  user_cmd_t *u = ud;
  return account_add(db, &u->app->keys, "cli", u->username, u->role, u->wilayah, u->password, 0);
}

static err_t user_active_tx(db_t *db, void *ud) {
  user_cmd_t *u = ud;
  return account_set_active(db, &u->app->keys, "cli", u->username, u->active);
}

static err_t user_passwd_tx(db_t *db, void *ud) {
  user_cmd_t *u = ud;
  return account_reset_password(db, &u->app->keys, "cli", u->username, u->password);
}

static err_t user_segel_tx(db_t *db, void *ud) {
  user_cmd_t *u = ud;
  return account_reseal(db, &u->app->keys, "cli", u->username, &u->changed);
}

static err_t print_user(void *ud, const user_row_t *u) {
  int sealed = account_row_sealed(ud, u);
  printf("%-24s %-10s %-10s %-28s %s\n", u->username, u->role, u->wilayah, u->wilayah_nama,
         !sealed ? "SEGEL RUSAK (diubah di luar aplikasi; tidak dapat dipakai)" : u->active ? "aktif" : "nonaktif");
  return ERR_OK;
}

/* The password is one line of stdin (never an argument: ps shows those). */
static int read_password(user_cmd_t *u) {
  if (!fgets(u->password, sizeof u->password, stdin)) {
    fprintf(stderr, "galat (password): kata sandi harus diberikan lewat stdin.\n");
    return 2;
  }
  u->password[strcspn(u->password, "\r\n")] = '\0';
  return 0;
}

static int user_write(user_cmd_t *u, store_tx_fn fn) {
  db_t *db;
  err_t e = store_acquire(u->app->store, &db);
  if (!e) {
    e = store_write(db, fn, u);
    store_release(u->app->store, db);
  }
  sodium_memzero(u->password, sizeof u->password);
  return e ? cli_fail(e) : 0;
}

static int user_list(app_t *app) {
  db_t *db;
  err_t e = store_acquire(app->store, &db);
  if (!e) {
    printf("%-24s %-10s %-10s %-28s %s\n", "NAMA PENGGUNA", "PERAN", "WILAYAH", "NAMA WILAYAH", "STATUS");
    e = store_user_each(db, print_user, &app->keys);
    store_release(app->store, db);
  }
  return e ? cli_fail(e) : 0;
}

static const char USER_USAGE[] =
    "Pemakaian: netral user add --username U --role PERAN --wilayah KODE   (kata sandi dari stdin)\n"
    "           netral user list\n"
    "           netral user disable --username U    nonaktifkan akun dan akhiri semua sesinya\n"
    "           netral user enable --username U     aktifkan kembali\n"
    "           netral user passwd --username U     kata sandi baru dari stdin, wajib diganti saat masuk\n"
    "           netral user segel --username U      terima baris akun yang segelnya rusak apa adanya (periksa dulu\n"
    "                                               peran dan wilayahnya di `user list`); semua sesinya berakhir\n";

int cmd_user(int argc, char **argv) {
  const char *sub = argc > 1 ? argv[1] : "";
  int add = strcmp(sub, "add") == 0, list = strcmp(sub, "list") == 0, passwd = strcmp(sub, "passwd") == 0;
  int disable = strcmp(sub, "disable") == 0, enable = strcmp(sub, "enable") == 0, segel = strcmp(sub, "segel") == 0;
  user_cmd_t u = {NULL, cli_opt(argc - 1, argv + 1, "--username"), cli_opt(argc - 1, argv + 1, "--role"),
                  cli_opt(argc - 1, argv + 1, "--wilayah"), "", enable, 0};
  if (!(add || list || passwd || disable || enable || segel) || (!list && !u.username) || (add && (!u.role || !u.wilayah))) {
    fputs(USER_USAGE, stderr);
    return 2;
  }
  int rc = add || passwd ? read_password(&u) : 0;
  if (rc) return rc;
  app_t app;
  if (cli_app_open(&app)) return 1;
  u.app = &app;
  if (list) rc = user_list(&app);
  else rc = user_write(&u, add ? user_add_tx : passwd ? user_passwd_tx : segel ? user_segel_tx : user_active_tx);
  if (!rc && add) printf("Akun %s (%s, wilayah %s) dibuat.\n", u.username, u.role, u.wilayah);
  if (!rc && passwd) printf("Kata sandi akun %s diganti; wajib diganti lagi saat masuk. Semua sesinya berakhir.\n", u.username);
  if (!rc && segel)
    printf(u.changed ? "Akun %s disegel ulang apa adanya; semua sesinya berakhir (log audit: akun.segel_ulang).\n"
                     : "Segel akun %s utuh; tidak ada yang diubah.\n", u.username);
  if (!rc && (disable || enable))
    printf(enable ? "Akun %s aktif kembali.\n" : "Akun %s dinonaktifkan; semua sesinya berakhir.\n", u.username);
  app_close(&app);
  return rc;
}

/* --titik ID:HASH, as printed by an earlier verify. 0 parsed, -1 malformed. */
static int parse_checkpoint(const char *s, int64_t *id, char hash[65]) {
  char *end;
  long long v = s ? strtoll(s, &end, 10) : 0;
  if (!s || v <= 0 || *end != ':' || strlen(end + 1) != 64 || strspn(end + 1, "0123456789abcdef") != 64) return -1;
  *id = v;
  snprintf(hash, 65, "%s", end + 1);
  return 0;
}

static const char AUDIT_USAGE[] =
    "Pemakaian: netral audit verify [--titik ID:HASH]   (juga memeriksa segel setiap akun, kasus, bukti dan\n"
    "                                                  rekomendasi)\n"
    "  --titik: ujung log yang dicetak pemeriksaan sebelumnya dan dicatat di luar server;\n"
    "           gagal bila entri itu hilang atau berbeda (log dipotong atau dibangun ulang).\n"
    "           netral audit list [--aksi AKSI|AWALAN.] [--objek X] [--pelaku U] [--sejak YYYY-MM-DD] [--batas N] [--json]\n"
    "  entri terbaru dahulu (bawaan 50), mis. --aksi identitas.buka: siapa membuka identitas pelapor, kapan, mengapa.\n";

static err_t print_audit(void *ud, const audit_row_t *r) {
  if (*(const int *)ud) {
    json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:o?}", "id", (json_int_t)r->id, "waktu", r->ts, "pelaku", r->actor,
                          "aksi", r->action, "objek", r->object, "rincian", json_loads(r->details, 0, NULL));
    char *line = o ? json_dumps(o, JSON_COMPACT | JSON_ENSURE_ASCII) : NULL;
    json_decref(o);
    if (!line) return ERR_NOMEM;
    puts(line);
    free(line);
  } else {
    printf("%-8lld %-20s %-24s %-20s %-24s %s\n", (long long)r->id, r->ts, r->actor, r->action, r->object,
           strcmp(r->details, "{}") == 0 ? "" : r->details);
  }
  return ERR_OK;
}

static int audit_list(int argc, char **argv) {
  auditlog_query_t q = {cli_opt(argc, argv, "--aksi"), cli_opt(argc, argv, "--pelaku"), cli_opt(argc, argv, "--objek"),
                        cli_opt(argc, argv, "--sejak"), cli_opt(argc, argv, "--batas")};
  int json = cli_flag(argc, argv, "--json");
  audit_filter_t f;
  err_t e = auditlog_filter(&q, 50, 1000000, &f);
  if (e) {
    fprintf(stderr, "galat (--%s): %s\n", err_field(e), err_message(e));
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  db_t *db;
  e = store_acquire(app.store, &db);
  if (!e) {
    if (!json) printf("%-8s %-20s %-24s %-20s %-24s %s\n", "ID", "WAKTU (UTC)", "PELAKU", "AKSI", "OBJEK", "RINCIAN");
    e = store_audit_search(db, &f, print_audit, &json);
    store_release(app.store, db);
  }
  app_close(&app);
  return e ? cli_fail(e) : 0;
}

int cmd_audit(int argc, char **argv) {
  const char *cp = cli_opt(argc, argv, "--titik");
  int64_t cp_id = 0;
  char cp_hash[65] = "";
  if (argc >= 2 && strcmp(argv[1], "list") == 0) return audit_list(argc, argv);
  if (argc < 2 || strcmp(argv[1], "verify") != 0 || (cp && parse_checkpoint(cp, &cp_id, cp_hash))) {
    fputs(AUDIT_USAGE, stderr);
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  db_t *db;
  audit_report_t rep;
  account_seal_report_t seals;
  caseseal_report_t cases;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = audit_verify_checkpoint(db, &app.keys, cp_id, cp_hash, &rep);
    if (!e) e = account_check_seals(db, &app.keys, &seals);
    if (!e) e = caseseal_check(db, &app.keys, &cases);
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
  if (cp_id) printf("titik periksa #%lld cocok\n", (long long)cp_id);
  if (rep.last_id)
    printf("ujung: %lld:%s\n(catat di luar server; periksa nanti dengan --titik %lld:%s)\n", (long long)rep.last_id,
           rep.last_hash, (long long)rep.last_id, rep.last_hash);
  int rc = 0;
  if (seals.nbroken) {
    printf("segel akun RUSAK: %ld dari %ld akun diubah di luar aplikasi: %s%s (periksa, lalu netral user segel)\n",
           seals.nbroken, seals.total, seals.broken, seals.nbroken > ACCOUNT_REPORT_NAMES ? ", …" : "");
    rc = 1;
  } else {
    printf("segel akun OK: %ld akun\n", seals.total);
  }
  if (cases.bad_kasus || cases.bad_bukti || cases.bad_rekom) {
    printf("segel kasus RUSAK: %ld dari %ld kasus, %ld dari %ld bukti, %ld dari %ld rekomendasi diubah di luar "
           "aplikasi; kasus:",
           cases.bad_kasus, cases.kasus, cases.bad_bukti, cases.bukti, cases.bad_rekom, cases.rekom);
    for (int i = 0; i < cases.nkodes; i++) printf("%s %s", i ? "," : "", cases.kodes[i]);
    printf("%s (periksa, lalu netral kasus segel --kode KODE)\n", cases.more ? ", …" : "");
    rc = 1;
  } else {
    printf("segel kasus OK: %ld kasus, %ld bukti, %ld rekomendasi\n", cases.kasus, cases.bukti, cases.rekom);
  }
  return rc;
}
