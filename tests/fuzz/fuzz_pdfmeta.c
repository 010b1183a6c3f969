/*
 * fuzz_pdfmeta.c — pdfmeta_strip() over arbitrary PDF files.
 *
 * Checked: an error is ERR_INVALID and leaves the output untouched; a copy
 * has exactly the length of the file (offsets and /Length stay valid), and
 * cleaning the copy again succeeds with the same bytes (nothing that should
 * go is left behind, nothing that stays is damaged on the way, and the
 * blanking never breaks the structure it walked — object streams
 * compressed again included: the copy's are inflated and searched again).
 * A file that is cleaned is cleaned once more with one allocation failing
 * (which one: from the last byte and the size, so the zlib paths are
 * reached too): the result is ERR_NOMEM with the output untouched, or the
 * same copy.
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
  buf_t out, again, failing;
  buf_init(&out);
  buf_init(&again);
  buf_init(&failing);
  buf_append(&out, "x", 1); /* the copy is appended after what out holds */
  err_t e = pdfmeta_strip(p, size, &out);
  if (e) {
    if (e != ERR_INVALID || out.len != 1 || out.data[0] != 'x') abort();
  } else {
    if (out.len != size + 1) abort();
    if (pdfmeta_strip((const unsigned char *)out.data + 1, size, &again) != ERR_OK) abort();
    if (again.len != size || (size && memcmp(again.data, out.data + 1, size) != 0)) abort();
    buf_append(&failing, "y", 1);
    mem_fail_after(1 + (long)((size ? data[size - 1] ^ size : 0) % 48));
    e = pdfmeta_strip(p, size, &failing);
    mem_fail_after(0);
    if (e == ERR_NOMEM) {
      if (failing.len != 1 || failing.data[0] != 'y') abort();
    } else if (e != ERR_OK || failing.len != size + 1 || (size && memcmp(failing.data + 1, out.data + 1, size) != 0)) {
      abort();
    }
  }
  buf_free(&out);
  buf_free(&again);
  buf_free(&failing);
  free(p);
  return 0;
}
