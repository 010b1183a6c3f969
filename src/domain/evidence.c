/* evidence.c — content-addressed, encrypted evidence files under <data_dir>/bukti (see evidence.h). */
#include "domain/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/enc.h"
#include "core/fsutil.h"
#include "core/log.h"
#include "domain/sniff.h"
#include "core/limits.h"
#include "core/banned.h"

enum {
  EV_MIB = 1024 * 1024,
  EV_NONCE = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
  EV_TAG = crypto_aead_xchacha20poly1305_ietf_ABYTES,
  EV_HEAD = EVIDENCE_MAGIC_LEN + EV_NONCE, /* magic || nonce, then ciphertext || tag */
  EV_KEY = crypto_aead_xchacha20poly1305_ietf_KEYBYTES,
};
_Static_assert(sizeof EVIDENCE_MAGIC - 1 == EVIDENCE_MAGIC_LEN, "magic length");
_Static_assert(sizeof ((keys_t *)0)->audit == crypto_kdf_KEYBYTES, "the audit key is a KDF master key");
_Static_assert(EV_KEY >= crypto_kdf_BYTES_MIN && EV_KEY <= crypto_kdf_BYTES_MAX, "subkey length");

/* The file key: subkey 1 of "buktienc" under the audit key (other subkeys of
 * that master: "gagalip_" 1 and 2 in account.c). Caller wipes it. */
static void ev_key(const keys_t *keys, unsigned char key[EV_KEY]) {
  crypto_kdf_derive_from_key(key, EV_KEY, 1, "buktienc", keys->audit);
}

static err_t ev_sodium(void) {
  return sodium_init() < 0 ? err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.") : ERR_OK;
}

static err_t ev_rusak(const char *why) { return err_set(ERR_INVALID, "bukti", "Berkas bukti rusak: %s", why); }

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

void evidence_fmt_mb(size_t bytes, char *out, size_t cap) {
  size_t whole = bytes / EV_MIB, frac = (bytes % EV_MIB) * 100 / EV_MIB;
  if (bytes % EV_MIB == 0) snprintf(out, cap, "%zu MB", whole);
  else if (frac % 10 == 0) snprintf(out, cap, "%zu,%zu MB", whole, frac / 10);
  else snprintf(out, cap, "%zu,%02zu MB", whole, frac);
}

/* The whole file at path into out (empty; exactly size + 1 bytes allocated). */
static err_t ev_slurp(const char *path, buf_t *out) {
  struct stat sb;
  err_t e = ERR_OK;
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT || errno == ENOTDIR) return err_set(ERR_NOT_FOUND, "bukti", "Berkas bukti tidak ditemukan.");
    return err_set(ERR_IO, NULL, "Tidak dapat membaca berkas bukti: %s", strerror(errno));
  }
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    e = err_set(ERR_IO, NULL, "Berkas bukti bukan berkas biasa.");
    goto done;
  }
  if (sb.st_size > LIMIT_EVIDENCE_READ) {
    e = err_set(ERR_TOO_LARGE, "bukti", "Berkas bukti di penyimpanan terlalu besar untuk dibuka (lebih dari 1 GB).");
    goto done;
  }
  size_t size = (size_t)sb.st_size, got = 0;
  out->data = xmalloc(size + 1);
  if (!out->data) {
    e = ERR_NOMEM;
    goto done;
  }
  out->cap = size + 1;
  while (got < size) {
    ssize_t r = read(fd, out->data + got, size - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      e = err_set(ERR_IO, NULL, "Gagal membaca berkas bukti: %s", strerror(errno));
      goto done;
    }
    if (r == 0) break; /* shrank meanwhile: what is there is checked below */
    got += (size_t)r;
  }
  out->len = got;
  out->data[got] = '\0';
done:
  close(fd);
  return e;
}

static int ev_sealed(const unsigned char *p, size_t n) {
  return n >= EVIDENCE_MAGIC_LEN && memcmp(p, EVIDENCE_MAGIC, EVIDENCE_MAGIC_LEN) == 0;
}

err_t evidence_read_path(const keys_t *keys, const char *path, const char *sha256hex, buf_t *out, int *legacy) {
  unsigned char d[crypto_hash_sha256_BYTES], key[EV_KEY];
  char have[EVIDENCE_HEX_LEN + 1];
  err_t e;
  int old = 0;
  if (legacy) *legacy = 0;
  if (!evidence_hex_ok(sha256hex))
    return err_set(ERR_INVALID, "sha256", "Kode bukti tidak valid (harus 64 karakter heksadesimal).");
  if ((e = ev_sodium())) return e;
  if ((e = ev_slurp(path, out))) goto done;
  unsigned char *p = (unsigned char *)out->data;
  size_t n = out->len;
  if (ev_sealed(p, n)) {
    if (!keys) {
      e = err_set(ERR_CRYPTO, NULL, "Berkas bukti terenkripsi; kunci server tidak tersedia.");
      goto done;
    }
    unsigned long long plen = 0;
    int rc = -1;
    if (n >= EV_HEAD + EV_TAG) {
      ev_key(keys, key);
      /* in place (m == c is allowed): the plaintext is written only after the
       * tag verifies (on failure libsodium zeroes the buffer) */
      rc = crypto_aead_xchacha20poly1305_ietf_decrypt(p + EV_HEAD, &plen, NULL, p + EV_HEAD, n - EV_HEAD,
                                                      (const unsigned char *)sha256hex, EVIDENCE_HEX_LEN,
                                                      p + EVIDENCE_MAGIC_LEN, key);
      sodium_memzero(key, sizeof key);
    }
    if (rc != 0) {
      e = ev_rusak("tidak dapat dibuka dengan kunci server (isinya diubah atau terpotong, disalin dari nama lain, "
                   "atau disimpan dengan kunci lain).");
      goto done;
    }
    memmove(p, p + EV_HEAD, (size_t)plen);
    out->len = (size_t)plen;
    out->data[out->len] = '\0';
  } else {
    old = 1;
  }
  crypto_hash_sha256(d, (const unsigned char *)out->data, out->len);
  enc_hex(d, sizeof d, have);
  if (strcmp(have, sha256hex) != 0) {
    e = ev_rusak("isinya tidak lagi cocok dengan sidik SHA-256.");
    goto done;
  }
  if (legacy) *legacy = old;
done:
  if (e && out->data) {
    sodium_memzero(out->data, out->cap); /* no partial plaintext left behind */
    buf_free(out);
  }
  return e;
}

err_t evidence_read(const keys_t *keys, const char *data_dir, const char *sha256hex, buf_t *out, int *legacy) {
  char path[PATH_MAX];
  if (legacy) *legacy = 0;
  err_t e = evidence_path(data_dir, sha256hex, path, sizeof path);
  return e ? e : evidence_read_path(keys, path, sha256hex, out, legacy);
}

err_t evidence_verify(const keys_t *keys, const char *data_dir, const char *sha256hex, int *legacy) {
  buf_t b;
  buf_init(&b);
  err_t e = evidence_read(keys, data_dir, sha256hex, &b, legacy);
  buf_free(&b);
  return e;
}

/* Write p[0..n) encrypted to path (the file named sha256hex), atomically. */
static err_t ev_write(const keys_t *keys, const char *path, const char *sha256hex, const unsigned char *p, size_t n) {
  unsigned char key[EV_KEY];
  if (n > SIZE_MAX - EV_HEAD - EV_TAG) return err_set(ERR_TOO_LARGE, "bukti", "Berkas bukti terlalu besar.");
  size_t total = EV_HEAD + n + EV_TAG;
  unsigned char *c = xmalloc(total);
  if (!c) return ERR_NOMEM;
  memcpy(c, EVIDENCE_MAGIC, EVIDENCE_MAGIC_LEN);
  randombytes_buf(c + EVIDENCE_MAGIC_LEN, EV_NONCE);
  ev_key(keys, key);
  crypto_aead_xchacha20poly1305_ietf_encrypt(c + EV_HEAD, NULL, p, n, (const unsigned char *)sha256hex,
                                             EVIDENCE_HEX_LEN, NULL, c + EVIDENCE_MAGIC_LEN, key);
  sodium_memzero(key, sizeof key);
  err_t e = fs_write_atomic(path, c, total);
  xfree(c);
  return e;
}

err_t evidence_store(const keys_t *keys, const char *data_dir, const unsigned char *p, size_t n, size_t max_bytes,
                     evidence_info_t *out) {
  unsigned char d[crypto_hash_sha256_BYTES];
  char path[PATH_MAX], lim[48];
  const sniff_type_t *t = NULL;
  buf_t have;
  int old = 0;
  err_t e;

  buf_init(&have);
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
  if (!keys) {
    e = err_set(ERR_CRYPTO, NULL, "Kunci server tidak tersedia untuk mengenkripsi berkas bukti.");
    goto done;
  }
  if ((e = ev_sodium())) goto done;
  crypto_hash_sha256(d, p, n);
  enc_hex(d, sizeof d, out->sha256);
  e = evidence_path(data_dir, out->sha256, path, sizeof path);
  if (e) goto done;

  if (fs_exists(path)) {
    /* already stored: keep it only if it opens, hashes right and is
     * encrypted; else repair it (or encrypt it) from this upload */
    if (evidence_read_path(keys, path, out->sha256, &have, &old) == ERR_OK && !old) goto fill;
    if (old) log_info("bukti %s tersimpan tanpa enkripsi; kini dienkripsi", out->sha256);
    else log_warn("bukti %s rusak atau tidak terbaca; ditulis ulang dari unggahan", out->sha256);
    buf_free(&have);
  }
  e = ev_write(keys, path, out->sha256, p, n);
  if (e) {
    /* another upload of the same content may have stored the file
     * meanwhile (the rename races are harmless: the same plaintext). Fine if so. */
    buf_free(&have);
    if (fs_exists(path) && evidence_read_path(keys, path, out->sha256, &have, &old) == ERR_OK && !old) {
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
  buf_free(&have);
  if (e) memset(out, 0, sizeof *out);
  return e;
}

err_t evidence_encrypt_legacy(const keys_t *keys, const char *data_dir, const char *sha256hex, int *converted) {
  char path[PATH_MAX];
  buf_t b;
  int old = 0;
  *converted = 0;
  buf_init(&b);
  err_t e = evidence_path(data_dir, sha256hex, path, sizeof path);
  if (!e && !keys) e = err_set(ERR_CRYPTO, NULL, "Kunci server tidak tersedia untuk mengenkripsi berkas bukti.");
  if (!e) e = evidence_read_path(keys, path, sha256hex, &b, &old);
  if (!e && old) {
    e = ev_write(keys, path, sha256hex, (const unsigned char *)b.data, b.len);
    if (!e) *converted = 1;
  }
  if (b.data) sodium_memzero(b.data, b.cap);
  buf_free(&b);
  return e;
}
