/* cli.c — `netral <command>`: the command table and shared helpers. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "cli/cmd_backup.h"
#include "cli/cmd_import.h"
#include "cli/cmd_kerawanan.h"
#include "cli/cmd_migrate_data.h"
#include "cli/cmd_receipt.h"
#include "cli/cmd_screen.h"
#include "cli/cmd_tenggat.h"
#include "cli/commands.h"
#include "core/banned.h"

static config_t g_cfg;

/* screen's --threads is its scanner threads, not the HTTP pool's */
static const char *const screen_own[] = {"--threads", NULL};

static const cli_command_t commands[] = {
    {"serve", cmd_serve, "serve                      Jalankan server HTTP (API + antarmuka web)", NULL},
    {"migrate", cmd_migrate, "migrate                    Terapkan migrasi skema basis data", NULL},
    {"migrate-data", cmd_migrate_data, "migrate-data --from sqlite:BERKAS --to postgres://…  Pindahkan seluruh data ke PostgreSQL (satu transaksi, dicek jumlah baris dan audit)", NULL},
    {"user", cmd_user, "user add|list|disable|enable|passwd|segel  Kelola akun staf (kata sandi dibaca dari stdin)", NULL},
    {"kasus", cmd_kasus, "kasus segel --kode KODE      Terima kasus yang segelnya rusak apa adanya, setelah diperiksa", NULL},
    {"bukti", cmd_bukti, "bukti verify | enkripsi      Periksa ulang setiap berkas bukti, dokumen pakta dan lampiran di disk | enkripsikan berkas lama yang belum terenkripsi", NULL},
    {"audit", cmd_audit, "audit verify|list           Periksa keutuhan rantai log audit dan segel akun dan kasus; tampilkan entrinya (mis. --aksi identitas.buka)", NULL},
    {"screen", cmd_screen, "screen [--json] [--eval F] [BERKAS|-]  Saring unggahan media sosial (JSONL) untuk konten kampanye", screen_own},
    {"receipt", cmd_receipt, "receipt verify BERKAS        Periksa tanda terima laporan (tanda tangan Ed25519)", NULL},
    {"tenggat", cmd_tenggat, "tenggat --rezim R --tahap T --mulai TGL [--json]  Hitung jatuh tempo dan dasar hukumnya", NULL},
    {"import", cmd_import, "import pegawai BERKAS.csv    Impor daftar pegawai (ASN, perangkat desa, …); ulang = perbarui per NIP", NULL},
    {"kerawanan", cmd_kerawanan, "kerawanan --tingkat T --wilayah KODE [--json]  Peringkat indeks kerawanan netralitas", NULL},
    {"backup", cmd_backup, "backup BERKAS [--dengan-kunci]  Cadangkan basis data + berkas bukti ke satu arsip tar (kunci tidak ikut, lihat docs/keamanan.md)", NULL},
    {"restore", cmd_restore, "restore BERKAS [--paksa]     Pulihkan dari arsip cadangan (hentikan server dahulu; sidik SHA-256 diperiksa)", NULL},
};

const config_t *cli_config(void) { return &g_cfg; }

int cli_fail(err_t e) {
  const char *f = err_field(e);
  if (f[0]) fprintf(stderr, "galat (%s): %s\n", f, err_message(e));
  else fprintf(stderr, "galat: %s\n", err_message(e));
  return 1;
}

int cli_app_open(app_t *app) {
  err_t e = app_open(app, &g_cfg);
  return e ? cli_fail(e) : 0;
}

const char *cli_opt(int argc, char **argv, const char *name) {
  size_t n = strlen(name);
  for (int i = 1; i < argc; i++) {
    if (strncmp(argv[i], name, n) != 0) continue;
    if (argv[i][n] == '=') return argv[i] + n + 1;
    if (argv[i][n] == '\0' && i + 1 < argc) return argv[i + 1];
  }
  return NULL;
}

int cli_flag(int argc, char **argv, const char *name) {
  for (int i = 1; i < argc; i++)
    if (strcmp(argv[i], name) == 0) return 1;
  return 0;
}

/* The server's Ed25519 public key, from NETRAL_KEY_FILE (for `netral receipt verify`). */
static err_t cli_public_key(unsigned char pk[32]) {
  keys_t k;
  err_t e = keys_load(g_cfg.key_file, &k);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "NETRAL_KEY_FILE", "Berkas kunci %s tidak ada.", g_cfg.key_file);
  if (e) return e;
  memcpy(pk, k.sign_pk, 32);
  sodium_memzero(&k, sizeof k);
  return ERR_OK;
}

static void usage(FILE *out) {
  fprintf(out, "Netral %s — pengawasan netralitas ASN, TNI, Polri dan perangkat desa\n\n", NETRAL_VERSION);
  fprintf(out, "Pemakaian: netral [opsi] <perintah> [argumen]\n\nPerintah:\n");
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) fprintf(out, "  %s\n", commands[i].usage);
  fprintf(out, "\n");
  config_print_help(out);
}

int cli_main(int argc, char **argv) {
  int ci = config_command_index(argc, argv);
  const char *const *own = NULL;
  for (size_t i = 0; ci < argc && i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[ci], commands[i].name) == 0) own = commands[i].own;
  err_t e = config_load(&g_cfg, &argc, argv, own);
  if (e) return cli_fail(e);
  cmd_receipt_set_key_loader(cli_public_key);
  if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
    usage(argc < 2 ? stderr : stdout);
    return argc < 2 ? 2 : 0;
  }
  if (strcmp(argv[1], "--version") == 0) {
    printf("netral %s\n", NETRAL_VERSION);
    return 0;
  }
  for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
    if (strcmp(argv[1], commands[i].name) == 0) return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "Perintah tidak dikenal: %s. Lihat `netral --help`.\n", argv[1]);
  return 2;
}
