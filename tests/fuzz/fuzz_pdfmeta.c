/*
 * fuzz_pdfmeta.c — pdfmeta_strip() over arbitrary PDF files.
 *
 * Checked: an error is ERR_INVALID and leaves the output untouched; a copy
 * has exactly the length of the file (offsets and /Length stay valid), and
 * cleaning the copy again succeeds with the same bytes (nothing that should
 * go is left behind, nothing that stays is damaged on the way, and the
 * blanking never breaks the structure it walked).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/pdfmeta.h"
#include "core/banned.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  unsigned char *p = malloc(size ? size : 1); /* exact size: ASan catches over-reads */
  if (!p) abort();
  memcpy(p, data, size);
  buf_t out, again;
  buf_init(&out);
  buf_init(&again);
  buf_append(&out, "x", 1); /* the copy is appended after what out holds */
  err_t e = pdfmeta_strip(p, size, &out);
  if (e) {
    if (e != ERR_INVALID || out.len != 1 || out.data[0] != 'x') abort();
  } else {
    if (out.len != size + 1) abort();
    if (pdfmeta_strip((const unsigned char *)out.data + 1, size, &again) != ERR_OK) abort();
    if (again.len != size || (size && memcmp(again.data, out.data + 1, size) != 0)) abort();
  }
  buf_free(&out);
  buf_free(&again);
  free(p);
  return 0;
}
