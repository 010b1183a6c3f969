/* cmd_receipt.c — `netral receipt verify` (see cmd_receipt.h). */
#include "cli/cmd_receipt.h"

#include <stdio.h>
#include <string.h>
#include <sodium.h>

#include "core/assets.h"
#include "core/mem.h"
#include "domain/kode.h"
#include "domain/receipt.h"
#include "core/limits.h"
#include "core/banned.h"

static cmd_receipt_key_fn receipt_key_loader;

void cmd_receipt_set_key_loader(cmd_receipt_key_fn fn) { receipt_key_loader = fn; }

enum { RECEIPT_FILE_MAX = LIMIT_RECEIPT_FILE };

int receipt_verify_file(const unsigned char pk[32], const char *path) {
  char *data = NULL;
  size_t len = 0;
  char kode[KODE_BUF];
  int rc = 1;
  err_clear();
  err_t e = file_read_all(path, &data, &len);
  if (e) {
    printf("Tanda terima TIDAK SAH: berkas %s tidak dapat dibaca.\n", path);
    goto done;
  }
  if (len > RECEIPT_FILE_MAX) {
    printf("Tanda terima TIDAK SAH: berkas terlalu besar untuk sebuah tanda terima.\n");
    goto done;
  }
  e = receipt_verify_kode(pk, data, len, kode, sizeof kode);
  if (e) {
    printf("Tanda terima TIDAK SAH: %s\n", err_message(e));
    goto done;
  }
  printf("Tanda terima SAH: kode %s\n", kode);
  rc = 0;
done:
  xfree(data);
  return rc;
}

static void receipt_usage(FILE *f) {
  fprintf(f,
          "Pemakaian: netral receipt verify BERKAS [--kunci HEX]\n"
          "  Memeriksa tanda terima laporan (JSON) dengan kunci publik server.\n"
          "  --kunci HEX  kunci publik Ed25519 (64 karakter heksadesimal); tanpa ini\n"
          "               dipakai kunci server yang terpasang.\n");
}

int cmd_receipt(int argc, char **argv) {
  const char *path = NULL, *key_hex = NULL;
  unsigned char pk[32];
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    receipt_usage(stdout);
    return 0;
  }
  if (argc < 3 || strcmp(argv[1], "verify") != 0) goto usage;
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "--kunci") == 0 && i + 1 < argc) key_hex = argv[++i];
    else if (strncmp(argv[i], "--kunci=", 8) == 0) key_hex = argv[i] + 8;
    else if (argv[i][0] != '-' && !path) path = argv[i];
    else goto usage;
  }
  if (!path) goto usage;
  if (key_hex) {
    if (strlen(key_hex) != 64 || sodium_hex2bin(pk, sizeof pk, key_hex, 64, NULL, NULL, NULL) != 0) {
      fprintf(stderr, "Kunci publik harus 64 karakter heksadesimal.\n");
      return 2;
    }
  } else {
    err_t e = receipt_key_loader ? receipt_key_loader(pk)
                                 : err_set(ERR_CRYPTO, NULL, "Kunci server belum tersedia; pakai --kunci HEX.");
    if (e) {
      fprintf(stderr, "Gagal memuat kunci publik server: %s\n", err_message(e));
      return 2;
    }
  }
  return receipt_verify_file(pk, path);
usage:
  receipt_usage(stderr);
  return 2;
}
