/*
 * fuzz_multipart.c — multipart_parse() over an arbitrary body.
 *
 * Input layout: the request's Content-Type header value up to the first
 * '\n' (so the fuzzer can vary the boundary parameter too), then the body.
 * The body is copied into an exactly-sized heap buffer so ASan sees any read
 * past its end. Checked: parts lie inside the body, names are non-empty and
 * NUL-terminated, filenames carry no directory part, errors are 4xx.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http/multipart.h"
#include "core/banned.h"

enum { CAP = 8 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const uint8_t *nl = memchr(data, '\n', size);
  if (!nl) return 0;
  size_t ctlen = (size_t)(nl - data), blen = size - ctlen - 1;
  char *ct = malloc(ctlen + 1);
  char *body = malloc(blen ? blen : 1);
  if (!ct || !body) abort();
  memcpy(ct, data, ctlen);
  ct[ctlen] = '\0';
  if (blen) memcpy(body, nl + 1, blen);
  multipart_part_t parts[CAP];
  size_t n = 99;
  err_t e = multipart_parse(ct, body, blen, parts, CAP, &n);
  if (e) {
    if (n != 0 || err_http_status(e) < 400 || err_http_status(e) >= 500) abort();
  } else {
    if (n > CAP) abort();
    for (size_t i = 0; i < n; i++) {
      const multipart_part_t *p = &parts[i];
      if (p->data < body || p->data + p->len > body + blen) abort();
      if (!memchr(p->name, '\0', sizeof p->name) || !p->name[0]) abort();
      if (!memchr(p->filename, '\0', sizeof p->filename)) abort();
      if (!memchr(p->content_type, '\0', sizeof p->content_type)) abort();
      if (strchr(p->filename, '/') || strchr(p->filename, '\\')) abort();
      const char *fn = multipart_filename(p);
      if (fn && !p->has_filename) abort();
      if (multipart_find(parts, n, p->name) == NULL) abort();
    }
  }
  free(ct);
  free(body);
  return 0;
}
