/* evidence.c — content-addressed evidence files under <data_dir>/bukti (see evidence.h). */
#include "domain/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/enc.h"
#include "core/fsutil.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/sniff.h"
#include "core/banned.h"

enum { EV_CHUNK = 64 * 1024, EV_MIB = 1024 * 1024 };

int evidence_hex_ok(const char *s) {
  size_t i = 0;
  if (!s) return 0;
  for (; s[i] && i <= EVIDENCE_HEX_LEN; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
  return i == EVIDENCE_HEX_LEN;
}

err_t evidence_path(const char *data_dir, const char *sha256hex, char *out, size_t cap) {
  int w;
  if (!evidence_hex_ok(sha256hex)) return err_set(ERR_INVALID, "sha256", "Kode bukti tidak valid (harus 64 karakter heksadesimal).");
  if (!data_dir || !*data_dir || !out || cap == 0) return err_set(ERR_IO, NULL, "Folder data belum diatur.");
  w = snprintf(out, cap, "%s/bukti/%.2s/%s", data_dir, sha256hex, sha256hex);
  if (w < 0 || (size_t)w >= cap) return err_set(ERR_IO, NULL, "Jalur berkas bukti terlalu panjang.");
  return ERR_OK;
}

/* SHA-256 of the file at path as lowercase hex, read in chunks. */
static err_t ev_hash_file(const char *path, char hex[EVIDENCE_HEX_LEN + 1]) {
  crypto_hash_sha256_state st;
  unsigned char d[crypto_hash_sha256_BYTES];
  unsigned char *buf = NULL;
  struct stat sb;
  err_t e = ERR_OK;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) e = err_set(ERR_NOT_FOUND, "bukti", "Berkas bukti tidak ditemukan.");
    else e = err_set(ERR_IO, NULL, "Tidak dapat membaca berkas bukti: %s", strerror(errno));
    goto done;
  }
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    e = err_set(ERR_IO, NULL, "Berkas bukti bukan berkas biasa.");
    goto done;
  }
  buf = xmalloc(EV_CHUNK);
  if (!buf) {
    e = ERR_NOMEM;
    goto done;
  }
  crypto_hash_sha256_init(&st);
  for (;;) {
    ssize_t r = read(fd, buf, EV_CHUNK);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      e = err_set(ERR_IO, NULL, "Gagal membaca berkas bukti: %s", strerror(errno));
      goto done;
    }
    if (r == 0) break;
    crypto_hash_sha256_update(&st, buf, (unsigned long long)r);
  }
  crypto_hash_sha256_final(&st, d);
  enc_hex(d, sizeof d, hex);
done:
  xfree(buf);
  if (fd >= 0) close(fd);
  return e;
}

void evidence_fmt_mb(size_t bytes, char *out, size_t cap) {
  size_t whole = bytes / EV_MIB, frac = (bytes % EV_MIB) * 100 / EV_MIB;
  if (bytes % EV_MIB == 0) snprintf(out, cap, "%zu MB", whole);
  else if (frac % 10 == 0) snprintf(out, cap, "%zu,%zu MB", whole, frac / 10);
  else snprintf(out, cap, "%zu,%02zu MB", whole, frac);
}

err_t evidence_store(const char *data_dir, const unsigned char *p, size_t n, size_t max_bytes,
                     evidence_info_t *out) {
  unsigned char d[crypto_hash_sha256_BYTES];
  char path[PATH_MAX], have[EVIDENCE_HEX_LEN + 1], lim[48];
  const sniff_type_t *t = NULL;
  err_t e;

  memset(out, 0, sizeof *out);
  if (!p || n == 0) {
    e = err_set(ERR_INVALID, "bukti", "Berkas bukti kosong.");
    goto done;
  }
  if (n > max_bytes) {
    evidence_fmt_mb(max_bytes, lim, sizeof lim);
    e = err_set(ERR_TOO_LARGE, "bukti", "Berkas bukti terlalu besar. Ukuran paling besar %s.", lim);
    goto done;
  }
  e = sniff_type(p, n, &t);
  if (e) goto done;
  if (sodium_init() < 0) {
    e = err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.");
    goto done;
  }
  crypto_hash_sha256(d, p, n);
  enc_hex(d, sizeof d, out->sha256);
  e = evidence_path(data_dir, out->sha256, path, sizeof path);
  if (e) goto done;

  if (fs_exists(path)) {
    /* already stored: trust it only if it still hashes right, else repair it */
    if (ev_hash_file(path, have) == ERR_OK && strcmp(have, out->sha256) == 0) goto fill;
    log_warn("bukti %s rusak atau tidak terbaca; ditulis ulang dari unggahan", out->sha256);
  }
  e = fs_write_atomic(path, p, n);
  if (e) {
    /* another upload of the same content may have stored the file
     * meanwhile (the rename races are harmless: same bytes). Fine if so. */
    if (fs_exists(path) && ev_hash_file(path, have) == ERR_OK && strcmp(have, out->sha256) == 0) {
      e = ERR_OK;
      goto fill;
    }
    goto done;
  }
  out->created = 1;
fill:
  out->mime = t->mime;
  out->ext = t->ext;
  out->jenis = t->name;
  out->size = n;
done:
  if (e) memset(out, 0, sizeof *out);
  return e;
}

err_t evidence_verify(const char *data_dir, const char *sha256hex) {
  char path[PATH_MAX], have[EVIDENCE_HEX_LEN + 1];
  err_t e = evidence_path(data_dir, sha256hex, path, sizeof path);
  if (e) goto done;
  if (sodium_init() < 0) {
    e = err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.");
    goto done;
  }
  e = ev_hash_file(path, have);
  if (e) goto done;
  if (strcmp(have, sha256hex) != 0)
    e = err_set(ERR_INVALID, "bukti", "Berkas bukti rusak: isinya tidak lagi cocok dengan sidik SHA-256.");
done:
  return e;
}
