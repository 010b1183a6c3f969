/* seal.c — keyed row seals (see seal.h). */
#include "domain/seal.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

_Static_assert(sizeof ((keys_t *)0)->audit == crypto_kdf_KEYBYTES, "the audit key is a KDF master key");

/* One row per kind: the subkey of the audit key it is keyed with. The
 * account rows keep the subkeys they were first sealed with. */
static const struct {
  const char ctx[crypto_kdf_CONTEXTBYTES + 1];
  uint64_t id;
} KINDS[] = {
    [SEAL_USER] = {"akunsegl", 1},  [SEAL_SESSION] = {"akunsegl", 2}, [SEAL_KASUS] = {"kasussgl", 1},
    [SEAL_BUKTI] = {"kasussgl", 2}, [SEAL_REKOM] = {"kasussgl", 3},
};

void seal_begin(seal_t *s, const keys_t *k, seal_kind_t kind) {
  unsigned char sub[crypto_generichash_KEYBYTES];
  crypto_kdf_derive_from_key(sub, sizeof sub, KINDS[kind].id, KINDS[kind].ctx, k->audit);
  crypto_generichash_init(&s->st, sub, sizeof sub, 32);
  sodium_memzero(sub, sizeof sub);
}

void seal_text(seal_t *s, const char *text) {
  if (!text) text = "";
  crypto_generichash_update(&s->st, (const unsigned char *)text, strlen(text) + 1);
}

void seal_bytes(seal_t *s, const void *p, size_t n) {
  unsigned char len[8];
  for (int i = 0; i < 8; i++) len[i] = (unsigned char)((uint64_t)n >> (8 * i));
  crypto_generichash_update(&s->st, len, sizeof len);
  if (n) crypto_generichash_update(&s->st, p, n);
}

void seal_int(seal_t *s, int64_t v) {
  char t[24];
  snprintf(t, sizeof t, "%lld", (long long)v);
  seal_text(s, t);
}

void seal_end(seal_t *s, char out[SEAL_LEN]) {
  unsigned char h[32];
  crypto_generichash_final(&s->st, h, sizeof h);
  sodium_bin2hex(out, SEAL_LEN, h, sizeof h);
}

int seal_matches(const char *want, const char *have) {
  return strlen(have) == SEAL_LEN - 1 && sodium_memcmp(want, have, SEAL_LEN - 1) == 0;
}
