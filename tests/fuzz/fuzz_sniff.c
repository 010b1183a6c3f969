/*
 * fuzz_sniff.c — sniff_type() over arbitrary file heads.
 *
 * Checked: the answer is a row of the table; an error is ERR_UNSUPPORTED_TYPE
 * (415); and the decision depends only on the first SNIFF_HEAD bytes, as
 * sniff.h promises its callers (they may pass just the head of a file).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/sniff.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *p = malloc(size ? size : 1); /* exact size: ASan catches over-reads */
  if (!p) abort();
  memcpy(p, data, size);
  const sniff_type_t *t = NULL, *h = NULL;
  err_t e = sniff_type(p, size, &t);
  if (e) {
    if (e != ERR_UNSUPPORTED_TYPE) abort();
  } else {
    size_t n;
    const sniff_type_t *rows = sniff_types(&n);
    if (!t || t < rows || t >= rows + n || !t->mime || !t->ext || !t->name) abort();
  }
  if (size > SNIFF_HEAD) {
    err_t eh = sniff_type(p, SNIFF_HEAD, &h);
    if ((eh == ERR_OK) != (e == ERR_OK) || (!e && h != t)) abort();
  }
  free(p);
  return 0;
}
