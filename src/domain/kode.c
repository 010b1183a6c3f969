/* kode.c — tracking codes with a Damm check symbol over GF(32) (see kode.h). */
#include "domain/kode.h"

#include <string.h>
#include <sodium.h>

#include "core/banned.h"

static const char kode_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
static const char kode_prefix[] = "NTR";

enum { KODE_BODY = KODE_RANDOM_SYMBOLS + 1 }; /* random symbols + check */

/* Multiply by the generator a = 2 in GF(32) modulo x^5 + x^2 + 1 (0x25). */
static unsigned gf32_mul2(unsigned x) {
  x <<= 1;
  if (x & 0x20) x ^= 0x25;
  return x & 0x1f;
}

/* Damm interim value after the given symbol values. */
static unsigned damm_interim(const unsigned char *v, size_t n) {
  unsigned q = 0;
  for (size_t i = 0; i < n; i++) q = gf32_mul2(q) ^ v[i];
  return q;
}

/* Symbol value of a normalised character, or -1. Confusables per Crockford. */
static int kode_value(int c) {
  if (c >= 'a' && c <= 'z') c -= 'a' - 'A';
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  const char *p = c ? strchr(kode_alphabet, c) : NULL;
  return p ? (int)(p - kode_alphabet) : -1;
}

static void kode_format(const unsigned char *v, char *out) {
  size_t o = 0;
  memcpy(out, kode_prefix, 3);
  o = 3;
  for (size_t i = 0; i < KODE_BODY; i++) {
    if (i % 4 == 0) out[o++] = '-';
    out[o++] = kode_alphabet[v[i]];
  }
  out[o] = '\0';
}

err_t kode_generate(char *out, size_t cap) {
  unsigned char rnd[8];
  unsigned char v[KODE_BODY];
  if (!out || cap < KODE_BUF) return err_set(ERR_INTERNAL, NULL, "Penyangga kode terlalu kecil.");
  if (sodium_init() < 0) return err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.");
  randombytes_buf(rnd, sizeof rnd);
  unsigned long long bits = 0;
  for (size_t i = 0; i < sizeof rnd; i++) bits = (bits << 8) | rnd[i];
  for (size_t i = 0; i < KODE_RANDOM_SYMBOLS; i++) v[i] = (unsigned char)((bits >> (5 * i)) & 0x1f);
  /* Check symbol c makes the final interim zero: a.q ^ c == 0. */
  v[KODE_RANDOM_SYMBOLS] = (unsigned char)gf32_mul2(damm_interim(v, KODE_RANDOM_SYMBOLS));
  kode_format(v, out);
  sodium_memzero(rnd, sizeof rnd);
  return ERR_OK;
}

err_t kode_normalise(const char *in, char *out, size_t cap) {
  char compact[40];
  size_t n = 0;
  unsigned char v[KODE_BODY];
  if (!out || cap < KODE_BUF) return err_set(ERR_INTERNAL, NULL, "Penyangga kode terlalu kecil.");
  out[0] = '\0';
  if (!in || !*in) return err_set(ERR_INVALID, "kode", "Kode lacak wajib diisi.");
  for (const char *p = in; *p; p++) {
    if (*p == '-' || *p == ' ' || *p == '\t') continue;
    if (n + 1 >= sizeof compact) goto bad_len;
    compact[n++] = *p;
  }
  compact[n] = '\0';
  const char *body = compact;
  if (n == KODE_BODY + 3) {
    if ((compact[0] != 'N' && compact[0] != 'n') || (compact[1] != 'T' && compact[1] != 't') ||
        (compact[2] != 'R' && compact[2] != 'r'))
      return err_set(ERR_INVALID, "kode", "Kode lacak harus diawali NTR, contoh NTR-7K3Q-MX9D-2HPA-C.");
    body += 3;
    n -= 3;
  }
  if (n != KODE_BODY) goto bad_len;
  for (size_t i = 0; i < KODE_BODY; i++) {
    int val = kode_value((unsigned char)body[i]);
    if (val < 0)
      return err_set(ERR_INVALID, "kode", "Kode lacak memuat huruf yang tidak dipakai: '%c'.", body[i]);
    v[i] = (unsigned char)val;
  }
  if (damm_interim(v, KODE_BODY) != 0)
    return err_set(ERR_INVALID, "kode",
                   "Kode lacak tidak cocok dengan karakter pemeriksanya; periksa kembali kode Anda.");
  kode_format(v, out);
  return ERR_OK;
bad_len:
  return err_set(ERR_INVALID, "kode",
                 "Kode lacak harus terdiri dari 13 huruf/angka setelah NTR, contoh NTR-7K3Q-MX9D-2HPA-C.");
}
