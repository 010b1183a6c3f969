/*
 * fuzz_normalise.c — the screening normaliser (norm_run) over arbitrary
 * bytes, with the shipped colloquial lexicon, one reused norm_t (as a worker
 * thread reuses it).
 *
 * Checked (normalise.h's output invariant): text is " tok … tok " — no
 * uppercase, no control bytes, no two spaces in a row, a leading and a
 * trailing space when not empty; every byte maps to a span inside the input;
 * tokens lie inside the text; norm_map of any span stays inside the input;
 * norm_mark_ends marks exactly the last byte of every token.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/normalise.h"
#include "core/banned.h"

static norm_t nt, gen;
static norm_lexicon_t *lx;

static void fail(const char *why, const uint8_t *d, size_t n) {
  fprintf(stderr, "normalise: %s (teks: \"%s\")\n", why, nt.text ? nt.text : "");
  abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int ready;
  if (!ready) {
    norm_init(&nt);
    norm_init(&gen);
    if (norm_lexicon_load(NULL, &lx) != ERR_OK) abort();
    ready = 1;
  }
  char *s = malloc(size ? size : 1);
  if (!s) abort();
  memcpy(s, data, size);
  if (norm_run(&nt, lx, s, size) != ERR_OK) abort();
  const char *t = nt.text;
  size_t n = nt.len;
  if (strlen(t) != n) fail("panjang teks tidak cocok", data, size);
  if (n > 0 && (t[0] != ' ' || t[n - 1] != ' ')) fail("tanpa spasi di awal/akhir", data, size);
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)t[i];
    if (c < 0x21 && c != ' ') fail("bita kendali", data, size);
    if (c >= 'A' && c <= 'Z') fail("huruf besar", data, size);
    if (c >= 0x80) fail("bukan ASCII", data, size);
    if (i && c == ' ' && t[i - 1] == ' ') fail("dua spasi", data, size);
    uint32_t o0, o1;
    norm_span(&nt, i, &o0, &o1);
    if (o0 > o1 || o1 > size) fail("peta asal di luar masukan", data, size);
  }
  /* word ends marked for the context database: bit 7 on exactly the last
   * byte of every token, the text otherwise unchanged */
  char *m = malloc(n ? n : 1);
  if (!m) abort();
  norm_mark_ends(m, t, n);
  for (size_t i = 0; i < n; i++) {
    int end = t[i] != ' ' && (i + 1 == n || t[i + 1] == ' ');
    if ((unsigned char)m[i] != ((unsigned char)t[i] | (end ? 0x80u : 0u))) fail("tanda akhir kata salah", data, size);
  }
  free(m);
  /* the fast path gives what the general path gives, byte for byte */
  if (norm_run_general(&gen, lx, s, size) != ERR_OK) abort();
  if (gen.len != n || memcmp(gen.text, t, n) || gen.ntoks != nt.ntoks) fail("jalur cepat berbeda dari jalur umum", data, size);
  for (size_t i = 0; i < n; i++) {
    uint32_t a0, a1, g0, g1;
    norm_span(&nt, i, &a0, &a1);
    norm_span(&gen, i, &g0, &g1);
    if (a0 != g0 || a1 != g1) fail("peta asal jalur cepat berbeda", data, size);
  }
  for (size_t k = 0; k < nt.ntoks; k++)
    if (nt.toks[k].start + nt.toks[k].len > n || nt.toks[k].len == 0) fail("token di luar teks", data, size);
  if (n > 1) {
    size_t a = size % n, b = a + (n - a) / 2 + 1, oa, ob;
    if (b > n) b = n;
    norm_map(&nt, a, b, &oa, &ob);
    if (oa > ob || ob > size) fail("norm_map di luar masukan", data, size);
    if (norm_tok_at(&nt, a) > nt.ntoks) fail("norm_tok_at", data, size);
  }
  free(s);
  return 0;
}
