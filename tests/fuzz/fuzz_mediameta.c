/*
 * fuzz_mediameta.c — mediameta_strip() over arbitrary photos, videos and
 * audio recordings.
 *
 * The first byte picks the type from MIME (modulo its length: 0 JPEG, 1 PNG,
 * 2 WebP, 3 MP4, 4 M4A, 5 MP3 — seeds in the corpus start with that byte);
 * the rest is the file.
 * Checked: an error is ERR_INVALID and leaves the output untouched; a copy
 * is never longer than the file, *removed says by how much it is shorter,
 * and cleaning the copy again changes nothing (nothing that should go is
 * left behind, nothing that stays is damaged on the way).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "domain/mediameta.h"
#include "core/banned.h"

static const char *const MIME[] = {"image/jpeg", "image/png", "image/webp", "video/mp4", "audio/mp4", "audio/mpeg"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 1) return 0;
  const char *mime = MIME[data[0] % (sizeof MIME / sizeof *MIME)];
  size_t n = size - 1;
  unsigned char *p = malloc(n ? n : 1); /* exact size: ASan catches over-reads */
  if (!p) abort();
  memcpy(p, data + 1, n);
  buf_t out, again;
  buf_init(&out);
  buf_init(&again);
  size_t removed = 0, removed2 = 0;
  err_t e = mediameta_strip(mime, p, n, &out, &removed);
  if (e) {
    if (e != ERR_INVALID || out.len != 0) abort();
  } else {
    if (out.len > n || removed != n - out.len) abort();
    if (mediameta_strip(mime, (const unsigned char *)out.data, out.len, &again, &removed2) != ERR_OK) abort();
    if (removed2 != 0 || again.len != out.len || (out.len && memcmp(again.data, out.data, out.len) != 0)) abort();
  }
  buf_free(&out);
  buf_free(&again);
  free(p);
  return 0;
}
