/* keys.c — key file format: one `name=hex` line per key (see keys.h). */
#include "domain/keys.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/enc.h"
#include "core/fsutil.h"
#include "core/banned.h"

static const struct {
  const char *name;
  size_t off, len;
} key_rows[] = {
    {"ed25519_sk", offsetof(keys_t, sign_sk), crypto_sign_SECRETKEYBYTES},
    {"secretbox", offsetof(keys_t, box), crypto_secretbox_KEYBYTES},
    {"audit", offsetof(keys_t, audit), crypto_generichash_KEYBYTES},
};
enum { KEY_ROWS = sizeof key_rows / sizeof key_rows[0] };

err_t keys_load(const char *path, keys_t *k) {
  FILE *f = fopen(path, "r");
  if (!f) return errno == ENOENT ? ERR_NOT_FOUND : err_set(ERR_IO, NULL, "Tidak dapat membuka berkas kunci %s.", path);
  char line[512];
  int found = 0;
  err_t e = ERR_OK;
  memset(k, 0, sizeof *k);
  while (fgets(line, sizeof line, f)) {
    line[strcspn(line, "\r\n")] = '\0';
    char *eq = strchr(line, '=');
    if (!eq) continue;
    *eq = '\0';
    for (int i = 0; i < KEY_ROWS; i++) {
      if (strcmp(line, key_rows[i].name) != 0) continue;
      if (strlen(eq + 1) != 2 * key_rows[i].len ||
          enc_unhex(eq + 1, (unsigned char *)k + key_rows[i].off, key_rows[i].len)) {
        e = err_set(ERR_CRYPTO, NULL, "Berkas kunci %s rusak (%s).", path, line);
        goto done;
      }
      found |= 1 << i;
    }
  }
  if (found != (1 << KEY_ROWS) - 1) {
    e = err_set(ERR_CRYPTO, NULL, "Berkas kunci %s tidak lengkap.", path);
    goto done;
  }
  crypto_sign_ed25519_sk_to_pk(k->sign_pk, k->sign_sk);
done:
  fclose(f);
  return e;
}

unsigned keys_file_mode(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0 ? (unsigned)(sb.st_mode & 0777) : 0;
}

static err_t keys_write(const char *path, const keys_t *k) {
  err_t e = fs_mkdirs_for(path);
  if (e) return e;
  int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd < 0) return err_set(ERR_IO, NULL, "Tidak dapat membuat berkas kunci %s: %s", path, strerror(errno));
  FILE *f = fdopen(fd, "w");
  if (!f) { close(fd); return ERR_IO; }
  fprintf(f, "# Kunci rahasia server Netral. Jangan dibagikan; cadangkan terpisah dari basis data.\n");
  for (int i = 0; i < KEY_ROWS; i++) {
    char hex[2 * crypto_sign_SECRETKEYBYTES + 1];
    enc_hex((const unsigned char *)k + key_rows[i].off, key_rows[i].len, hex);
    fprintf(f, "%s=%s\n", key_rows[i].name, hex);
  }
  int bad = fflush(f) != 0 || fsync(fd) != 0;
  bad |= fclose(f) != 0;
  return bad ? err_set(ERR_IO, NULL, "Gagal menulis berkas kunci %s.", path) : ERR_OK;
}

err_t keys_load_or_create(const char *path, keys_t *k, int *created) {
  if (sodium_init() < 0) return err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.");
  *created = 0;
  err_t e = keys_load(path, k);
  if (e != ERR_NOT_FOUND) return e;
  crypto_sign_keypair(k->sign_pk, k->sign_sk);
  crypto_secretbox_keygen(k->box);
  crypto_generichash_keygen(k->audit);
  e = keys_write(path, k);
  if (e == ERR_OK) *created = 1;
  return e;
}
