/* screen_normalise_test.c — each normalisation step, and offsets back to the original. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screen/normalise.h"

static norm_lexicon_t *lx;

static int setup(void **st) {
  (void)st;
  return norm_lexicon_load(NULL, &lx) == ERR_OK ? 0 : -1;
}
static int teardown(void **st) {
  (void)st;
  norm_lexicon_free(lx);
  return 0;
}

/* Normalised text of s (static buffer). */
static const char *N(const char *s) {
  static char out[1024];
  norm_t n;
  norm_init(&n);
  assert_int_equal(norm_run(&n, lx, s, strlen(s)), ERR_OK);
  snprintf(out, sizeof out, "%s", n.text);
  norm_free(&n);
  return out;
}

/* Original text behind the normalised token tok (first occurrence). */
static const char *orig_of(const char *s, const char *tok) {
  static char out[256];
  norm_t n;
  norm_init(&n);
  assert_int_equal(norm_run(&n, lx, s, strlen(s)), ERR_OK);
  char pat[128];
  snprintf(pat, sizeof pat, " %s ", tok);
  const char *p = strstr(n.text, pat);
  assert_non_null(p);
  size_t a, b, off = (size_t)(p - n.text);
  norm_map(&n, off, off + strlen(pat), &a, &b);
  snprintf(out, sizeof out, "%.*s", (int)(b - a), s + a);
  norm_free(&n);
  return out;
}

static void test_utf8_decode(void **st) {
  (void)st;
  uint32_t cp;
  assert_int_equal(norm_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
  assert_int_equal(cp, 'A');
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xC3\xA9", 2, &cp), 2);
  assert_int_equal(cp, 0xE9);
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xE2\x9C\x8C", 3, &cp), 3);
  assert_int_equal(cp, 0x270C);
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xF0\x9F\xA4\x9F", 4, &cp), 4);
  assert_int_equal(cp, 0x1F91F);
  /* overlong, stray continuation, truncated, surrogate: one byte, U+FFFD */
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xC0\xAF", 2, &cp), 1);
  assert_int_equal(cp, 0xFFFD);
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\x80", 1, &cp), 1);
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xE2\x9C", 2, &cp), 1);
  assert_int_equal(norm_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp), 1);
  assert_int_equal(cp, 0xFFFD);
}

static void test_fold(void **st) {
  (void)st;
  char c;
  assert_int_equal(norm_fold_cp('C', &c), NORM_C_UPPER);
  assert_int_equal(c, 'c');
  assert_int_equal(norm_fold_cp(0xFF23, &c), NORM_C_UPPER); /* fullwidth Ｃ */
  assert_int_equal(c, 'c');
  assert_int_equal(norm_fold_cp(0x1D41C, &c), NORM_C_LOWER); /* math bold 𝐜 */
  assert_int_equal(c, 'c');
  assert_int_equal(norm_fold_cp(0x1D7D0, &c), NORM_C_DIGIT); /* math bold 𝟐 */
  assert_int_equal(c, '2');
  assert_int_equal(norm_fold_cp(0xF3, &c), NORM_C_LOWER); /* ó */
  assert_int_equal(c, 'o');
  assert_int_equal(norm_fold_cp(0x160, &c), NORM_C_UPPER); /* Š */
  assert_int_equal(c, 's');
  assert_int_equal(norm_fold_cp(0x043E, &c), NORM_C_LOWER); /* Cyrillic о */
  assert_int_equal(c, 'o');
  assert_int_equal(norm_fold_cp(0x2134, &c), NORM_C_LOWER); /* ℴ */
  assert_int_equal(c, 'o');
  assert_int_equal(norm_fold_cp(0xFE0F, &c), NORM_C_IGNORE);
  assert_int_equal(norm_fold_cp(0x200B, &c), NORM_C_IGNORE);
  assert_int_equal(norm_fold_cp(0x270C, &c), NORM_C_SIGN);
  assert_int_equal(c, '2');
  assert_int_equal(norm_fold_cp(0x1F600, &c), NORM_C_OTHER); /* 😀 separates */
  /* whole texts */
  assert_string_equal(N("ＣＯＢＬＯＳ"), " coblos ");
  assert_string_equal(N("\xF0\x9D\x90\x82\xF0\x9D\x90\xA8\xF0\x9D\x90\x9B\xF0\x9D\x90\xA5\xF0\x9D\x90\xA8\xF0\x9D\x90\xAC"),
                      " coblos "); /* 𝐂𝐨𝐛𝐥𝐨𝐬 */
  assert_string_equal(N("Cóblos"), " coblos ");
  assert_string_equal(N("co\xE2\x80\x8B" "blos"), " coblos "); /* zero-width space inside */
  assert_string_equal(N("co\xCC\x81" "blos"), " coblos ");      /* combining acute */
}

static void test_leet(void **st) {
  (void)st;
  char w[32];
  snprintf(w, sizeof w, "c0bl0s");
  norm_word_leet(w, 6);
  assert_memory_equal(w, "coblos", 6);
  snprintf(w, sizeof w, "p1l1h");
  norm_word_leet(w, 5);
  assert_memory_equal(w, "pilih", 5);
  snprintf(w, sizeof w, "coblos2"); /* trailing number stays a number */
  norm_word_leet(w, 7);
  assert_memory_equal(w, "coblos2", 7);
  assert_string_equal(N("C0BL0S N0M3R 2"), " coblos nomor 2 ");
  assert_string_equal(N("covid19"), " covid 19 ");
}

static void test_squeeze(void **st) {
  (void)st;
  char w[32];
  snprintf(w, sizeof w, "cobloooos");
  assert_int_equal(norm_word_squeeze(w, 9), 6);
  assert_memory_equal(w, "coblos", 6);
  snprintf(w, sizeof w, "maaf"); /* a real double stays */
  assert_int_equal(norm_word_squeeze(w, 4), 4);
  assert_string_equal(N("mantaaap"), " mantap ");
  assert_string_equal(N("Cobloosss"), " coblos ");
  assert_string_equal(N("pilihh"), " pilih ");
}

static void test_lexicon(void **st) {
  (void)st;
  assert_true(norm_lexicon_size(lx) > 1000);
  assert_string_equal(norm_lexicon_lookup(lx, "gw", 2), "saya");
  assert_string_equal(norm_lexicon_lookup(lx, "nyoblos", 7), "mencoblos");
  assert_null(norm_lexicon_lookup(lx, "g", 1));
  assert_null(norm_lexicon_lookup(lx, "zzzzzz", 6));
  assert_string_equal(N("gw nyoblos"), " saya mencoblos ");
  /* an unsorted file still works (sorted on load) */
  char path[] = "/tmp/netral_lex_XXXXXX";
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  FILE *f = fdopen(fd, "w");
  fputs("slang,formal\nzz,zeta\naa,alfa\nmm,mu\n", f);
  fclose(f);
  norm_lexicon_t *l2;
  assert_int_equal(norm_lexicon_load(path, &l2), ERR_OK);
  assert_string_equal(norm_lexicon_lookup(l2, "aa", 2), "alfa");
  assert_string_equal(norm_lexicon_lookup(l2, "zz", 2), "zeta");
  norm_lexicon_free(l2);
  remove(path);
}

static void test_hashtag_camel(void **st) {
  (void)st;
  assert_string_equal(N("#CoblosNomor2"), " coblos nomor 2 ");
  assert_string_equal(N("#MojokertoBangkit"), " mojokerto bangkit ");
  assert_string_equal(N("ASNNetral"), " asn netral ");
  assert_string_equal(orig_of("Ayo #CoblosNomor2!", "coblos"), "Coblos");
}

/* Lowercase hashtags are cut into vocabulary words; each piece maps to
 * its own bytes inside the hashtag. */
static void test_hashtag_split(void **st) {
  (void)st;
  static const char words[] = "coblos nomor pilih salam jari ayo";
  assert_int_equal(norm_lexicon_add_words(lx, words, sizeof words - 1), ERR_OK);
  assert_true(norm_lexicon_has_word(lx, "coblos", 6));
  assert_true(norm_lexicon_has_word(lx, "dua", 3)); /* number words are in from load */
  assert_false(norm_lexicon_has_word(lx, "coblosnomor", 11));
  assert_string_equal(N("#coblosnomor2"), " coblos nomor 2 ");
  assert_string_equal(N("#COBLOSNOMOR2"), " coblos nomor 2 ");
  assert_string_equal(N("#pilihpaslon2"), " pilih pasangan calon nomor 2 ");
  assert_string_equal(N("#salamduajari"), " salam 2 jari ");
  assert_string_equal(N("yuk #ayocoblos"), " yuk ayo coblos ");
  assert_string_equal(N("\xEF\xBC\x83" "coblosnomor"), " coblos nomor "); /* fullwidth ＃ */
  /* only after '#', only when the whole word is unknown, only a full cover */
  assert_string_equal(N("ayo coblosnomor"), " ayo coblosnomor ");
  assert_string_equal(N("#coblos"), " coblos ");
  assert_string_equal(N("#coblosxyz"), " coblosxyz ");
  /* offsets: each piece is its slice of the hashtag */
  assert_string_equal(orig_of("Ayo #coblosnomor2!", "coblos"), "coblos");
  assert_string_equal(orig_of("Ayo #coblosnomor2!", "nomor"), "nomor");
  assert_string_equal(orig_of("Ayo #coblosnomor2!", "2"), "2");
  assert_string_equal(orig_of("#salamduajari mantap", "2"), "dua");
  assert_string_equal(orig_of("#salamduajari mantap", "jari"), "jari");
  assert_string_equal(orig_of("#pilihpaslon2", "calon"), "paslon");
}

static void test_spaced(void **st) {
  (void)st;
  assert_string_equal(N("c o b l o s"), " coblos ");
  assert_string_equal(N("c.o.b.l.o.s"), " coblos ");
  assert_string_equal(N("P-I-L-I-H N-O-M-O-R 2"), " pilih nomor 2 ");
  assert_string_equal(N("c o b l o s   n o m o r   3"), " coblos nomor 3 ");
  assert_string_equal(orig_of("ayo c o b l o s ya", "coblos"), "c o b l o s");
}

static void test_numbers(void **st) {
  (void)st;
  size_t n;
  assert_string_equal(norm_number("dua", 3, &n), "2");
  assert_memory_equal(norm_number("02", 2, &n), "2", 1);
  assert_int_equal(n, 1);
  assert_string_equal(norm_number("telu", 4, &n), "3"); /* Javanese */
  assert_null(norm_number("duan", 4, &n));
  assert_string_equal(N("no. 2"), " nomor 2 ");
  assert_string_equal(N("nomor urut 2"), " nomor 2 ");
  assert_string_equal(N("nomer 02"), " nomor 2 ");
  assert_string_equal(N("No.Urut dua"), " nomor 2 ");
  assert_string_equal(N("paslon 01"), " pasangan calon nomor 1 ");
  assert_string_equal(N("teman2 kantor"), " teman teman kantor "); /* reduplication, not a number */
  assert_string_equal(orig_of("coblos nomor urut 02 ya", "nomor"), "nomor urut");
  assert_string_equal(orig_of("coblos nomor urut 02 ya", "2"), "02");
}

static void test_signs(void **st) {
  (void)st;
  assert_string_equal(norm_sign_token('2'), "salam_dua_jari");
  assert_string_equal(N("\xE2\x9C\x8C"), " salam_dua_jari ");               /* ✌ */
  assert_string_equal(N("\xE2\x9C\x8C\xEF\xB8\x8F"), " salam_dua_jari ");   /* ✌️ */
  assert_string_equal(N("\xE2\x98\x9D\xF0\x9F\x8F\xBB"), " salam_satu_jari "); /* ☝🏻 */
  assert_string_equal(N("\xF0\x9F\x91\x86"), " salam_satu_jari ");          /* 👆 */
  assert_string_equal(N("\xF0\x9F\xA4\x9F"), " salam_tiga_jari ");          /* 🤟 */
  assert_string_equal(orig_of("ok \xE2\x9C\x8C\xEF\xB8\x8F!", "salam_dua_jari"), "\xE2\x9C\x8C\xEF\xB8\x8F");
}

static void test_map_invalid_utf8(void **st) {
  (void)st;
  const char s[] = "a\xFF" "coblos\xC3";
  assert_string_equal(N(s), " a coblos ");
  assert_string_equal(orig_of(s, "coblos"), "coblos");
}

/* The ASCII fast path must give exactly what the general path gives:
 * same text, same offsets, same tokens. */
static void same_as_general(norm_t *a, norm_t *g, const char *s, size_t len) {
  assert_int_equal(norm_run(a, lx, s, len), ERR_OK);
  assert_int_equal(norm_run_general(g, lx, s, len), ERR_OK);
  if (a->len != g->len || memcmp(a->text, g->text, a->len))
    fail_msg("%.*s: cepat [%s] umum [%s]", (int)len, s, a->text, g->text);
  assert_int_equal(a->ntoks, g->ntoks);
  for (size_t i = 0; i < a->len; i++) {
    uint32_t a0, a1, g0, g1;
    norm_span(a, i, &a0, &a1);
    norm_span(g, i, &g0, &g1);
    if (a0 != g0 || a1 != g1) fail_msg("%.*s: offset %zu", (int)len, s, i);
  }
  for (size_t i = 0; i < a->ntoks; i++) {
    assert_int_equal(a->toks[i].start, g->toks[i].start);
    assert_int_equal(a->toks[i].len, g->toks[i].len);
  }
}

static void test_fast_path_differential(void **st) {
  (void)st;
  norm_t a, g;
  norm_init(&a);
  norm_init(&g);
  /* every post of the labelled corpus */
  FILE *f = fopen("tests/data/screen/pos_berlabel.jsonl", "rb");
  assert_non_null(f);
  char *line = NULL;
  size_t cap = 0, posts = 0;
  while (getline(&line, &cap, f) > 0) {
    json_t *j = json_loads(line, 0, NULL), *t = json_object_get(j, "teks");
    if (json_is_string(t)) {
      same_as_general(&a, &g, json_string_value(t), json_string_length(t));
      posts++;
    }
    json_decref(j);
  }
  fclose(f);
  assert_true(posts >= 400);
  /* every lexicon key and number word alone, capitalised and with a
   * doubled last letter: the fast path's word table answers as the
   * number and lexicon steps do */
  f = fopen("data/lexicon/colloquial.csv", "rb");
  assert_non_null(f);
  size_t keys = 0;
  while (getline(&line, &cap, f) > 0) {
    char w[80];
    size_t k = 0;
    while (line[k] && line[k] != ',' && k + 2 < sizeof w) w[k] = line[k], k++;
    if (!k || line[k] != ',') continue;
    same_as_general(&a, &g, w, k);
    w[0] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 32 : w[0]);
    w[k] = w[k - 1];
    same_as_general(&a, &g, w, k + 1);
    keys++;
  }
  fclose(f);
  assert_true(keys > 1000);
  /* words across the 64-byte blocks of the fast loop, and longer than a block */
  char lw[300];
  for (size_t k = 0; k < sizeof lw; k++) lw[k] = k % 9 == 8 ? ' ' : (char)('a' + k % 7);
  for (size_t off = 0; off < 80; off++) same_as_general(&a, &g, lw + off, sizeof lw - off);
  memset(lw, 'k', 150);
  lw[0] = 'x', lw[1] = 'y', lw[70] = ' ';
  same_as_general(&a, &g, lw, 150);
  same_as_general(&a, &g, lw + 71, 79);
  static const char *const numw[] = {"dua", "loro", "telu", "sembilan", "sepuluh", "kesatu", "Siji", "papatt"};
  for (size_t k = 0; k < sizeof numw / sizeof *numw; k++) same_as_general(&a, &g, numw[k], strlen(numw[k]));
  /* random texts from fragments that exercise every step and the edges
   * between ASCII words and the general path */
  static const char *const frag[] = {
    "a", "b", "c", "o", "s", "l", "i", "n", "r", "u", "A", "C", "N", "0", "1", "2", "3", "4", " ", " ", ".", "-",
    "_", "*", "/", "  ", ",", "#", "\xC3\xB3", "\xE2\x80\x8B", "\xEF\xB8\x8F", "\xE2\x9C\x8C", "\xF0\x9F\x98\x81",
    "\xFF", "\xC3", "\xC2\xA0", "\xCC\x81", "\xEF\xBC\xA3", "no", "nomor", "urut", "dua", "teman2", "nyoblos", "gw",
    "coblos", "calon", "paslon", "nomer", "aa", "ooo", "Coblos", "COBLOS", "saat", "pilihh", "\n", "ASN", "bypass",
    "duaa", "gww", "dongg", "Pilihh", "5"};
  unsigned long long x = 88172645463325252ULL;
  char buf[512];
  for (int it = 0; it < 200000; it++) {
    size_t len = 0;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    for (int k = 0, nf = 1 + (int)(x % 20); k < nf; k++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      const char *p = frag[x % (sizeof frag / sizeof *frag)];
      memcpy(buf + len, p, strlen(p));
      len += strlen(p);
    }
    same_as_general(&a, &g, buf, len);
  }
  free(line);
  norm_free(&a);
  norm_free(&g);
}

/* Word ends marked in bit 7: a table of cases, then every length up to
 * 80 against a byte-by-byte reading of the rule (the 16-byte blocks and
 * the tail meet at every offset), also in place. */
static void test_mark_ends(void **st) {
  (void)st;
  static const struct {
    const char *in, *out;
  } cases[] = {
      {"", ""},
      {" ", " "},
      {" a ", " \xe1 "},
      {" pilih nomor 2 ", " pili\xe8 nomo\xf2 \xb2 "},
      {"coblos", "coblo\xf3"}, /* the end of the text ends a word */
      {"ab  cd", "a\xe2  c\xe4"},
      {" salam_dua_jari ", " salam_dua_jar\xe9 "},
  };
  char buf[64];
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
    size_t n = strlen(cases[k].in);
    norm_mark_ends(buf, cases[k].in, n);
    assert_memory_equal(buf, cases[k].out, n);
  }
  static const char alphabet[] = "ab  z9_";
  unsigned seed = 7;
  for (size_t n = 0; n <= 80; n++)
    for (int round = 0; round < 20; round++) {
      char in[81], want[81], got[81];
      for (size_t i = 0; i < n; i++) in[i] = alphabet[(seed = seed * 1103515245u + 12345u) >> 16 & 3 ? (seed >> 20) % 7 : 2];
      for (size_t i = 0; i < n; i++)
        want[i] = (char)(in[i] != ' ' && (i + 1 == n || in[i + 1] == ' ') ? (unsigned char)in[i] | 0x80 : (unsigned char)in[i]);
      norm_mark_ends(got, in, n);
      assert_memory_equal(got, want, n);
      norm_mark_ends(in, in, n); /* in place */
      assert_memory_equal(in, want, n);
    }
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_utf8_decode), cmocka_unit_test(test_fold),    cmocka_unit_test(test_leet),
    cmocka_unit_test(test_squeeze),     cmocka_unit_test(test_lexicon), cmocka_unit_test(test_hashtag_camel), cmocka_unit_test(test_hashtag_split),
    cmocka_unit_test(test_spaced),      cmocka_unit_test(test_numbers), cmocka_unit_test(test_signs),
    cmocka_unit_test(test_map_invalid_utf8), cmocka_unit_test(test_fast_path_differential),
    cmocka_unit_test(test_mark_ends),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
