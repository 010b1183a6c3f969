/*
 * fuzz_receipt.c — receipt (tanda terima) verification over arbitrary text.
 *
 * The key pair is derived from a fixed seed so the committed corpus holds
 * receipts that really verify, and mutations reach the signature check, the
 * wrapped {"kode","tanda_terima"} form and every format rule.
 *
 * Checked: the answer is ERR_OK or ERR_INVALID with field "tanda_terima"
 * (never a 5xx); on ERR_OK the kode out is a canonical NTR code, and
 * re-signing the same kode/diterima/sha256 with receipt_make_digest gives a
 * receipt that verifies too (the canonical text is well-defined).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "domain/receipt.h"
#include "core/banned.h"

static unsigned char pk[32], sk[64];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    unsigned char seed[32];
    if (sodium_init() < 0) abort();
    memset(seed, 0x4e, sizeof seed); /* "NNNN…": test key only */
    crypto_sign_seed_keypair(pk, sk, seed);
    ready = 1;
  }
  char *s = malloc(size ? size : 1);
  if (!s) abort();
  memcpy(s, data, size);
  char kode[32];
  err_clear();
  err_t e = receipt_verify_kode(pk, s, size, kode, sizeof kode);
  if (e) {
    if (e != ERR_INVALID || strcmp(err_field(e), "tanda_terima") != 0) {
      fprintf(stderr, "receipt_verify: %s field '%s'\n", err_code_str(e), err_field(e));
      abort();
    }
  } else {
    if (strncmp(kode, "NTR-", 4) != 0) abort();
    /* Re-sign from the parsed members: must verify again. */
    json_t *j = json_loadb(s, size, 0, NULL), *r = json_object_get(j, "tanda_terima");
    if (!r) r = j;
    const char *dit = json_string_value(json_object_get(r, "diterima"));
    const char *hex = json_string_value(json_object_get(r, "sha256"));
    unsigned char dg[32];
    json_t *again = NULL;
    if (!dit || !hex || sodium_hex2bin(dg, 32, hex, strlen(hex), NULL, NULL, NULL) != 0) abort();
    if (receipt_make_digest(sk, kode, dit, dg, &again) != ERR_OK) abort();
    char *txt = json_dumps(again, JSON_COMPACT);
    if (!txt || receipt_verify(pk, txt, strlen(txt)) != ERR_OK) abort();
    free(txt);
    json_decref(again);
    json_decref(j);
  }
  free(s);
  return 0;
}
