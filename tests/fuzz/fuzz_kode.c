/*
 * fuzz_kode.c — tracking codes as a person types them (kode_normalise), the
 * only credential of the public tracking and evidence routes.
 *
 * Checked: the answer is ERR_OK or ERR_INVALID with field "kode"; on ERR_OK
 * the output is the canonical 20-character form (NTR, dashes at 3, 8, 13 and
 * 18, Crockford symbols only) and normalising it again gives itself; on
 * failure the output is "". A fixed-size output buffer never overflows.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/kode.h"
#include "core/banned.h"

static int canonical(const char *k) {
  static const char sym[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  if (strlen(k) != KODE_LEN || memcmp(k, "NTR-", 4) != 0) return 0;
  for (int i = 4; i < KODE_LEN; i++) {
    int dash = i == 8 || i == 13 || i == 18;
    if (dash ? k[i] != '-' : !memchr(sym, k[i], sizeof sym - 1)) return 0;
  }
  return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *in = malloc(size + 1);
  if (!in) return 0;
  memcpy(in, data, size);
  in[size] = '\0'; /* text with an early NUL is a shorter text: fine */
  char out[KODE_BUF], again[KODE_BUF];
  memset(out, 'x', sizeof out);
  err_t e = kode_normalise(in, out, sizeof out);
  if (e == ERR_OK) {
    if (!canonical(out)) abort();
    if (kode_normalise(out, again, sizeof again) != ERR_OK || strcmp(out, again) != 0) abort();
  } else {
    if (e != ERR_INVALID || out[0] != '\0') abort();
    if (strcmp(err_field(e), "kode") != 0) abort();
  }
  free(in);
  return 0;
}
