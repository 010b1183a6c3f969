/*
 * normalise.c — canonical text for screening with an offset map back to the
 * original post (see normalise.h for the steps and the output invariant).
 *
 * Everything is table driven: UTF-8 lead bytes, the code-point fold ranges,
 * leet digits, number words, the words that introduce a ballot number and
 * the hand-sign tokens are rows in static tables. The colloquial lexicon is
 * data (data/lexicon/colloquial.csv) searched through a hash index that
 * gives the same answers as a binary search.
 *
 * Stage 1 (fold) writes one norm_char_t per kept code point. Stage 2 groups
 * characters into words and writes stage-1 tokens into a pool with a
 * per-byte map. Stage 3 (phrases: "nomor urut 2") writes the final text.
 *
 * Speed (every fast path gives exactly what the general path gives; a
 * differential test against the previous implementation checked this):
 * ASCII bytes fold through a 128-entry table; a word without digits or
 * inner capitals skips leet and splitting; squeezing returns at once when
 * no two neighbours are equal; number words are one perfect-hash compare;
 * the lexicon hash has a one-byte tag per slot; buffers grow once per
 * token, not per byte, and stage 3 works on local pointers.
 */
#include "screen/normalise.h"

#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

#include "core/assets.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/banned.h"

enum { WORD_MAX = 64 }; /* longer words skip the lexicon and number steps */

/* ---------------------------------------------------------------- UTF-8 */

/* Lead-byte classes: sequence length and the valid range of the second
 * byte (which rules out overlongs and surrogates). */
static const struct {
  unsigned char lo, hi, len, mask, b2lo, b2hi;
} utf8_leads[] = {
  {0xC2, 0xDF, 2, 0x1F, 0x80, 0xBF},
  {0xE0, 0xE0, 3, 0x0F, 0xA0, 0xBF},
  {0xE1, 0xEC, 3, 0x0F, 0x80, 0xBF},
  {0xED, 0xED, 3, 0x0F, 0x80, 0x9F},
  {0xEE, 0xEF, 3, 0x0F, 0x80, 0xBF},
  {0xF0, 0xF0, 4, 0x07, 0x90, 0xBF},
  {0xF1, 0xF3, 4, 0x07, 0x80, 0xBF},
  {0xF4, 0xF4, 4, 0x07, 0x80, 0x8F},
};

size_t norm_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp) {
  unsigned char b = s[0];
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
  for (size_t i = 0; i < sizeof utf8_leads / sizeof utf8_leads[0]; i++) {
    if (b < utf8_leads[i].lo || b > utf8_leads[i].hi) continue;
    size_t n = utf8_leads[i].len;
    if (len < n || s[1] < utf8_leads[i].b2lo || s[1] > utf8_leads[i].b2hi) break;
    uint32_t v = b & utf8_leads[i].mask;
    for (size_t k = 1; k < n; k++) {
      if ((s[k] & 0xC0) != 0x80) goto bad;
      v = (v << 6) | (s[k] & 0x3F);
    }
    *cp = v;
    return n;
  }
bad:
  *cp = 0xFFFD;
  return 1;
}

/* ------------------------------------------------------------- folding */

enum { K_IGNORE, K_SPACE, K_STR, K_OFFSET, K_MATH, K_MATHDIGIT, K_ALPHA, K_SIGN };

/* Sorted, non-overlapping code-point ranges. K_STR: one char per code point,
 * uppercase = an uppercase letter, ' ' = not a letter. */
static const struct {
  uint32_t lo, hi;
  int kind;
  uint32_t arg;
  const char *str;
} fold_ranges[] = {
  {0x00A0, 0x00A0, K_SPACE, 0, NULL},
  {0x00AD, 0x00AD, K_IGNORE, 0, NULL}, /* soft hyphen */
  {0x00C0, 0x00FF, K_STR, 0, "AAAAAAACEEEEIIIIDNOOOOO OUUUUY saaaaaaaceeeeiiiidnooooo ouuuuy y"},
  {0x0100, 0x017F, K_STR, 0,
   "AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIiIiJjKkkLlLlLlLlLlNnNnNnnNnOoOoOoOoRrRrRr"
   "SsSsSsSsTtTtTtUuUuUuUuUuUuWwYyYZzZzZzs"},
  {0x0300, 0x036F, K_IGNORE, 0, NULL}, /* combining marks: é as e + U+0301 */
  {0x0391, 0x03A9, K_STR, 0, "AB  EZH IK MN OP   TY X  "},          /* Greek look-alikes */
  {0x03B1, 0x03C9, K_STR, 0, "a       ik  v o p   u x  "},
  {0x0410, 0x042F, K_STR, 0, "A B  E    K MHO PCTY X          "},   /* Cyrillic look-alikes */
  {0x0430, 0x044F, K_STR, 0, "a    e    k   o pc y x          "},
  {0x0455, 0x0456, K_STR, 0, "si"},
  {0x0458, 0x0458, K_STR, 0, "j"},
  {0x2000, 0x200A, K_SPACE, 0, NULL},
  {0x200B, 0x200F, K_IGNORE, 0, NULL}, /* zero-width space/joiners, marks */
  {0x2028, 0x2029, K_SPACE, 0, NULL},
  {0x202F, 0x202F, K_SPACE, 0, NULL},
  {0x205F, 0x205F, K_SPACE, 0, NULL},
  {0x2060, 0x2064, K_IGNORE, 0, NULL},
  {0x20E3, 0x20E3, K_IGNORE, 0, NULL}, /* keycap: 2️⃣ is '2' */
  {0x2102, 0x2134, K_STR, 0, "C       gHHHhhIILl N   PQRRR      Z   Z KABC eEF Mo"},
  {0x24B6, 0x24CF, K_ALPHA, 'A', NULL}, /* circled Ⓐ */
  {0x24D0, 0x24E9, K_ALPHA, 'a', NULL}, /* circled ⓐ */
  {0x261D, 0x261D, K_SIGN, '1', NULL},  /* ☝ */
  {0x270C, 0x270C, K_SIGN, '2', NULL},  /* ✌ */
  {0x3000, 0x3000, K_SPACE, 0, NULL},
  {0xFE00, 0xFE0F, K_IGNORE, 0, NULL},  /* variation selectors (emoji FE0F) */
  {0xFEFF, 0xFEFF, K_IGNORE, 0, NULL},
  {0xFF01, 0xFF5E, K_OFFSET, 0xFEE0, NULL}, /* fullwidth ASCII */
  {0x1D400, 0x1D6A3, K_MATH, 0, NULL},      /* mathematical alphanumerics */
  {0x1D7CE, 0x1D7FF, K_MATHDIGIT, 0, NULL},
  {0x1F130, 0x1F149, K_ALPHA, 'A', NULL}, /* squared 🄰 */
  {0x1F150, 0x1F169, K_ALPHA, 'A', NULL}, /* negative circled 🅐 */
  {0x1F170, 0x1F189, K_ALPHA, 'A', NULL}, /* negative squared 🅰 */
  {0x1F3FB, 0x1F3FF, K_IGNORE, 0, NULL},  /* skin tones */
  {0x1F446, 0x1F446, K_SIGN, '1', NULL},  /* 👆 */
  {0x1F91F, 0x1F91F, K_SIGN, '3', NULL},  /* 🤟 */
  {0xE0020, 0xE007F, K_IGNORE, 0, NULL},  /* tag characters */
};

static int fold_ascii(unsigned char b, char *c) {
  *c = (char)b;
  if (b >= 'a' && b <= 'z') return NORM_C_LOWER;
  if (b >= 'A' && b <= 'Z') {
    *c = (char)(b - 'A' + 'a');
    return NORM_C_UPPER;
  }
  if (b >= '0' && b <= '9') return NORM_C_DIGIT;
  if (b == ' ' || (b >= '\t' && b <= '\r')) {
    *c = ' ';
    return NORM_C_SPACE;
  }
  return NORM_C_OTHER;
}

static int fold_letter(char l, char *c) {
  if (l >= 'A' && l <= 'Z') {
    *c = (char)(l - 'A' + 'a');
    return NORM_C_UPPER;
  }
  if (l >= 'a' && l <= 'z') {
    *c = l;
    return NORM_C_LOWER;
  }
  *c = ' ';
  return NORM_C_OTHER;
}

int norm_fold_cp(uint32_t cp, char *c) {
  if (cp < 0x80) return fold_ascii((unsigned char)cp, c);
  size_t lo = 0, hi = sizeof fold_ranges / sizeof fold_ranges[0];
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (cp < fold_ranges[mid].lo) hi = mid;
    else if (cp > fold_ranges[mid].hi) lo = mid + 1;
    else {
      uint32_t k = cp - fold_ranges[mid].lo;
      switch (fold_ranges[mid].kind) {
      case K_IGNORE: *c = 0; return NORM_C_IGNORE;
      case K_SPACE: *c = ' '; return NORM_C_SPACE;
      case K_STR:
        if (k >= strlen(fold_ranges[mid].str)) break;
        return fold_letter(fold_ranges[mid].str[k], c);
      case K_OFFSET: return fold_ascii((unsigned char)(cp - fold_ranges[mid].arg), c);
      case K_MATH: k %= 52; return fold_letter((char)(k < 26 ? 'A' + k : 'a' + k - 26), c);
      case K_MATHDIGIT: *c = (char)('0' + k % 10); return NORM_C_DIGIT;
      case K_ALPHA: return fold_letter((char)(fold_ranges[mid].arg + k), c);
      case K_SIGN: *c = (char)fold_ranges[mid].arg; return NORM_C_SIGN;
      }
      break;
    }
  }
  *c = ' ';
  return NORM_C_OTHER;
}

/* ------------------------------------------------------------ growth */

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t nc = *cap ? *cap : 256;
  while (nc < need) nc *= 2;
  void *q = xrealloc(*p, nc * elem);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

void norm_init(norm_t *n) { memset(n, 0, sizeof *n); }

void norm_free(norm_t *n) {
  xfree(n->text);
  xfree(n->em0);
  xfree(n->em1);
  xfree(n->toks);
  xfree(n->chars);
  xfree(n->pool);
  xfree(n->ptoks);
  xfree(n->wb);
  memset(n, 0, sizeof *n);
}

/* ASCII byte → class and folded char (fold_ascii as a table). */
#define CL_(b)                                                                                          \
  ((b) >= 'a' && (b) <= 'z'   ? NORM_C_LOWER                                                            \
   : (b) >= 'A' && (b) <= 'Z' ? NORM_C_UPPER                                                            \
   : (b) >= '0' && (b) <= '9' ? NORM_C_DIGIT                                                            \
   : ((b) == ' ' || ((b) >= '\t' && (b) <= '\r')) ? NORM_C_SPACE                                        \
                              : NORM_C_OTHER)
#define CH_(b)                                                                                          \
  ((b) >= 'A' && (b) <= 'Z' ? (b) - 'A' + 'a' : ((b) == ' ' || ((b) >= '\t' && (b) <= '\r')) ? ' ' : (b))
#define R4_(F, b) F(b), F((b) + 1), F((b) + 2), F((b) + 3)
#define R16_(F, b) R4_(F, b), R4_(F, (b) + 4), R4_(F, (b) + 8), R4_(F, (b) + 12)
#define R128_(F)                                                                                        \
  R16_(F, 0), R16_(F, 16), R16_(F, 32), R16_(F, 48), R16_(F, 64), R16_(F, 80), R16_(F, 96), R16_(F, 112)
static const uint8_t ascii_cls[128] = {R128_(CL_)};
static const char ascii_chr[128] = {R128_(CH_)};

/* Fold s[from..to) into n->chars (replacing them); spans are offsets into s. */
static err_t fold_range(norm_t *n, const char *s, size_t from, size_t to) {
  const unsigned char *u = (const unsigned char *)s;
  n->nchars = 0;
  if (grow((void **)&n->chars, &n->ccap, to - from + 1, sizeof *n->chars)) return ERR_NOMEM;
  norm_char_t *out = n->chars;
  size_t nc = 0, i = from;
  while (i < to) {
    unsigned char b = u[i];
    if (b < 0x80) { /* ASCII fast path: same as fold_ascii */
      norm_char_t *ch = &out[nc++];
      ch->o0 = (uint32_t)i;
      ch->o1 = (uint32_t)(i + 1);
      ch->c = ascii_chr[b];
      ch->cls = ascii_cls[b];
      i++;
      continue;
    }
    uint32_t cp;
    char c;
    size_t k = norm_utf8_decode(u + i, to - i, &cp);
    int cls = cp < 0x80 ? fold_ascii(u[i], &c) : norm_fold_cp(cp, &c);
    if (cls == NORM_C_IGNORE) {
      if (nc) out[nc - 1].o1 = (uint32_t)(i + k);
    } else {
      norm_char_t *ch = &out[nc++];
      ch->o0 = (uint32_t)i;
      ch->o1 = (uint32_t)(i + k);
      ch->c = c;
      ch->cls = (uint8_t)cls;
    }
    i += k;
  }
  n->nchars = nc;
  return ERR_OK;
}

err_t norm_fold_text(norm_t *n, const char *s, size_t len) { return fold_range(n, s, 0, len); }

/* ------------------------------------------------------- word steps */

static int is_letter_cls(int cls) { return cls == NORM_C_LOWER || cls == NORM_C_UPPER; }
static inline int is_alpha(char c) { return c >= 'a' && c <= 'z'; }
static inline int is_digit(char c) { return c >= '0' && c <= '9'; }

/* Digits that stand for letters inside a word. */
static const char leet_map[10] = {'o', 'i', 0, 'e', 'a', 's', 0, 't', 0, 0};

/* Leet rule: a run of at most two digits, all in leet_map, with a letter on
 * both sides (c0bl0s, p1l1h, n0m3r). Trailing numbers (coblos2) stay. */
static void leet_chars(norm_char_t *w, size_t n) {
  size_t i = 0;
  while (i < n) {
    if (w[i].cls != NORM_C_DIGIT) { i++; continue; }
    size_t j = i;
    int ok = 1;
    while (j < n && w[j].cls == NORM_C_DIGIT) {
      if (!leet_map[w[j].c - '0']) ok = 0;
      j++;
    }
    if (ok && i > 0 && j < n && j - i <= 2 && is_letter_cls(w[i - 1].cls) && is_letter_cls(w[j].cls)) {
      for (size_t k = i; k < j; k++) {
        w[k].c = leet_map[w[k].c - '0'];
        w[k].cls = w[i - 1].cls;
      }
    }
    i = j;
  }
}

size_t norm_word_leet(char *w, size_t len) {
  norm_char_t tmp[WORD_MAX];
  if (len > WORD_MAX) return len;
  for (size_t i = 0; i < len; i++) {
    tmp[i].c = w[i];
    tmp[i].cls = (uint8_t)(is_digit(w[i]) ? NORM_C_DIGIT : is_alpha(w[i]) ? NORM_C_LOWER : NORM_C_OTHER);
  }
  leet_chars(tmp, len);
  for (size_t i = 0; i < len; i++) w[i] = tmp[i].c;
  return len;
}

/* Squeeze: a letter repeated three or more times becomes one (mantaaap);
 * a word that has such a run is being stretched, so its doubled letters go
 * too (cobloosss → coblos). With final != 0 a doubled letter at the end of
 * the word also becomes one (pilihh, cobloss). Works on chars so the spans
 * follow. */
static size_t squeeze_chars(norm_char_t *w, size_t n, int final) {
  size_t o = 0, i = 0;
  { /* no two equal neighbours: nothing to squeeze (the common case) */
    size_t k = 1;
    while (k < n && w[k].c != w[k - 1].c) k++;
    if (k >= n) return n;
    i = o = k - 1; /* everything before the first pair is kept as is */
  }
  int stretched = 0;
  for (size_t k = 0; k + 2 < n && !stretched; k++)
    stretched = is_alpha(w[k].c) && w[k].c == w[k + 1].c && w[k].c == w[k + 2].c;
  while (i < n) {
    size_t j = i + 1;
    while (j < n && w[j].c == w[i].c) j++;
    size_t run = j - i;
    norm_char_t keep = w[i];
    if (is_alpha(w[i].c) && (run >= 3 || (stretched && run == 2) || (final && run == 2 && j == n && o > 0))) {
      keep.o1 = w[j - 1].o1;
      w[o++] = keep;
    } else {
      for (size_t k = i; k < j; k++) w[o++] = w[k];
    }
    i = j;
  }
  return o;
}

size_t norm_word_squeeze(char *w, size_t len) {
  norm_char_t tmp[WORD_MAX];
  if (len > WORD_MAX) return len;
  for (size_t i = 0; i < len; i++) tmp[i].c = w[i], tmp[i].o0 = tmp[i].o1 = 0;
  size_t n = squeeze_chars(tmp, len, 1);
  for (size_t i = 0; i < n; i++) w[i] = tmp[i].c;
  return n;
}

/* Bytes p[0..k) (k <= 8) as a little-endian number, zero-padded. */
static uint64_t le_bytes(const char *p, size_t k) {
  uint64_t v = 0;
  for (size_t b = k; b-- > 0;) v = v << 8 | (unsigned char)p[b];
  return v;
}

/* Number words, Indonesian and Javanese (East Java posts mix both). */
static const struct {
  const char *word, *digits;
  size_t wlen, dlen;
  uint64_t key; /* the word zero-padded to 8 bytes, read little-endian: one compare per entry */
} number_words[] = {
  {"delapan", "8", 7, 1, 0x006e6170616c6564ULL},
  {"dua", "2", 3, 1, 0x0000000000617564ULL},
  {"empat", "4", 5, 1, 0x0000007461706d65ULL},
  {"enam", "6", 4, 1, 0x000000006d616e65ULL},
  {"enem", "6", 4, 1, 0x000000006d656e65ULL},
  {"kesatu", "1", 6, 1, 0x000075746173656bULL},
  {"lima", "5", 4, 1, 0x00000000616d696cULL},
  {"limo", "5", 4, 1, 0x000000006f6d696cULL},
  {"loro", "2", 4, 1, 0x000000006f726f6cULL},
  {"nol", "0", 3, 1, 0x00000000006c6f6eULL},
  {"papat", "4", 5, 1, 0x0000007461706170ULL},
  {"pitu", "7", 4, 1, 0x0000000075746970ULL},
  {"satu", "1", 4, 1, 0x0000000075746173ULL},
  {"sembilan", "9", 8, 1, 0x6e616c69626d6573ULL},
  {"sepuluh", "10", 7, 2, 0x0068756c75706573ULL},
  {"siji", "1", 4, 1, 0x00000000696a6973ULL},
  {"songo", "9", 5, 1, 0x0000006f676e6f73ULL},
  {"telu", "3", 4, 1, 0x00000000756c6574ULL},
  {"tiga", "3", 4, 1, 0x0000000061676974ULL},
  {"tujuh", "7", 5, 1, 0x00000068756a7574ULL},
  {"wolu", "8", 4, 1, 0x00000000756c6f77ULL},
};

/* Perfect hash of the keys: slot (key * NUMWORD_MUL) >> 58 holds entry + 1.
 * Generated from number_words; a key not in the table lands on a slot
 * whose entry has another key (or on 0), so one compare decides. */
#define NUMWORD_MUL 0x35bf992dc9e9c617ULL
static const uint8_t numword_slot[64] = {
  17, 0, 0, 0, 4, 13, 0, 0, 0, 0, 0, 15, 0, 0, 0, 0,
  0, 0, 0, 20, 0, 8, 0, 0, 0, 0, 0, 12, 0, 5, 0, 18,
  0, 0, 0, 6, 0, 1, 2, 21, 0, 3, 0, 0, 0, 0, 0, 0,
  0, 0, 10, 0, 9, 7, 0, 14, 0, 0, 19, 16, 0, 0, 11, 0,
};

/* First letters of number_words, bit c - 'a'. */
enum { NUMWORD_FIRST = 1u << ('d' - 'a') | 1u << ('e' - 'a') | 1u << ('k' - 'a') | 1u << ('l' - 'a') |
                       1u << ('n' - 'a') | 1u << ('p' - 'a') | 1u << ('s' - 'a') | 1u << ('t' - 'a') |
                       1u << ('w' - 'a') };

/* Number word whose key (see number_words) is key, or NULL. */
static const char *numword_key(uint64_t key, size_t *outlen) {
  unsigned e = numword_slot[(key * NUMWORD_MUL) >> 58];
  if (!e || number_words[e - 1].key != key) return NULL;
  *outlen = number_words[e - 1].dlen;
  return number_words[e - 1].digits;
}

const char *norm_number(const char *w, size_t len, size_t *outlen) {
  size_t i = 0;
  while (i < len && is_digit(w[i])) i++;
  if (len > 0 && i == len) {
    size_t z = 0;
    while (z + 1 < len && w[z] == '0') z++;
    *outlen = len - z;
    return w + z;
  }
  /* number words are 3..8 lowercase letters starting with one of NUMWORD_FIRST */
  if (len < 3 || len > 8 || !is_alpha(w[0]) || !((NUMWORD_FIRST >> (w[0] - 'a')) & 1u)) return NULL;
  return numword_key(le_bytes(w, len), outlen);
}

static const char *const sign_tokens[] = {"salam_satu_jari", "salam_dua_jari", "salam_tiga_jari"};

const char *norm_sign_token(char sign) {
  if (sign < '1' || sign > '3') return NULL;
  return sign_tokens[sign - '1'];
}

/* --------------------------------------------------------------- lexicon */

typedef struct {
  char *k, *v;
} lex_pair_t;

struct norm_lexicon {
  lex_pair_t *e;
  size_t n, cap;
  /* Hash index over the sorted pairs: slot = entry index + 1 (0 = empty),
   * res[i] = what the binary search answers for e[i].k, so the hash gives
   * exactly the same answer (also for a key listed twice). */
  uint32_t *slot;
  uint8_t *tag; /* per slot: 0 = empty, else high hash bits | 1 (a compact first filter) */
  size_t nslot; /* power of two */
  const char **res;
  uint32_t *klen;
  /* Vocabulary for splitting lowercase hashtags (#coblosnomor2): words
   * of 2..WORD_MAX-1 lowercase letters, an open-addressing set of
   * offsets + 1 into vpool (each word NUL-terminated). */
  uint32_t *vslot;
  size_t nvslot, nvocab;
  char *vpool;
  size_t vlen, vcap;
  /* Word table of the ASCII fast path: what the number step or else the
   * lexicon makes of a word of 2..15 lowercase letters, keyed by the word
   * as two little-endian chunks (see fast_find). */
  uint8_t *ftag; /* per slot: 0 = empty, else hash bits | 1 */
  struct fword *fent;
  size_t fmask;
};

typedef struct fword {
  uint64_t c0, c1; /* the word's bytes 0..7 and 8..15, zero-padded */
  const char *rep; /* replacement (number digits or lexicon value), borrowed */
  uint32_t len, replen;
} fword_t;

#define FW_K0 0x9E3779B97F4A7C15ULL
#define FW_K1 0xC2B2AE3D27D4EB4FULL
static inline uint32_t fw_hash(uint64_t c0, uint64_t c1, size_t len) {
  return (uint32_t)((c0 * FW_K0 ^ (c1 + len) * FW_K1) >> 32);
}

/* The fast-path answer for a word of len (2..15) lowercase letters given
 * as chunks c0, c1: NULL when neither step replaces it. */
static inline const fword_t *fast_find(const norm_lexicon_t *lx, uint64_t c0, uint64_t c1, size_t len) {
  uint32_t h = fw_hash(c0, c1, len);
  uint8_t tg = (uint8_t)(h >> 24 | 1);
  for (size_t i = h & lx->fmask;; i = (i + 1) & lx->fmask) {
    uint8_t t = lx->ftag[i];
    if (!t) return NULL;
    const fword_t *e = &lx->fent[i];
    if (t == tg && e->c0 == c0 && e->c1 == c1 && e->len == len) return e;
  }
}

/* Lexicon hash over 8-byte little-endian chunks of the word, the last one
 * zero-padded, then the length (a byte-serial hash cost more than the
 * rest of a word's normalisation; the fast path feeds the chunks as it
 * lowercases the word). */
#define HASH_SEED 0x9E3779B97F4A7C15ULL
static inline uint64_t hash_step(uint64_t h, uint64_t chunk) {
  uint64_t m = (h ^ chunk) * 0xFF51AFD7ED558CCDULL;
  return h * 31 + (m ^ m >> 32);
}
static inline uint32_t hash_end(uint64_t h, size_t len) {
  h = (h ^ (uint64_t)len) * 0xC2B2AE3D27D4EB4FULL;
  return (uint32_t)(h >> 32);
}
static uint32_t lex_hash(const char *w, size_t len) {
  uint64_t h = HASH_SEED;
  for (size_t i = 0; i < len; i += 8) h = hash_step(h, le_bytes(w + i, len - i < 8 ? len - i : 8));
  return hash_end(h, len);
}

static const char *lex_bsearch(const norm_lexicon_t *lx, const char *w, size_t len);

static err_t lex_row(void *ud, long line, int nf, char **f) {
  norm_lexicon_t *lx = ud;
  if (line == 1 || nf < 2 || !f[0][0] || !f[1][0]) return ERR_OK;
  if (grow((void **)&lx->e, &lx->cap, lx->n + 1, sizeof *lx->e)) return ERR_NOMEM;
  lex_pair_t *p = &lx->e[lx->n];
  p->k = xstrdup(f[0]);
  p->v = xstrdup(f[1]);
  if (!p->k || !p->v) {
    xfree(p->k);
    xfree(p->v);
    return ERR_NOMEM;
  }
  for (char *c = p->v; *c; c++)
    if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
  lx->n++;
  return ERR_OK;
}

static int cmp_pair(const void *a, const void *b) {
  return strcmp(((const lex_pair_t *)a)->k, ((const lex_pair_t *)b)->k);
}

static int fast_put(norm_lexicon_t *lx, const char *w, size_t len, const char *rep, size_t replen) {
  if (len < 2 || len > 15) return 0;
  for (size_t i = 0; i < len; i++)
    if (!is_alpha(w[i])) return 0; /* never a fast-path word */
  char b[16] = {0};
  memcpy(b, w, len);
  uint64_t c0 = le_bytes(b, 8), c1 = le_bytes(b + 8, 8);
  if (fast_find(lx, c0, c1, len)) return 0; /* the number word came first */
  uint32_t h = fw_hash(c0, c1, len);
  size_t i = h & lx->fmask;
  while (lx->ftag[i]) i = (i + 1) & lx->fmask;
  lx->ftag[i] = (uint8_t)(h >> 24 | 1);
  lx->fent[i] = (fword_t){c0, c1, rep, (uint32_t)len, (uint32_t)replen};
  return 0;
}

/* The fast-path word table: number words first (the number step comes
 * before the lexicon), then every lexicon key with the answer the lexicon
 * lookup gives for it. */
static err_t fast_build(norm_lexicon_t *lx) {
  size_t n = sizeof number_words / sizeof *number_words + lx->n, cap = 64;
  while (cap < 4 * n) cap *= 2;
  lx->ftag = xcalloc(cap, 1);
  lx->fent = xcalloc(cap, sizeof *lx->fent);
  if (!lx->ftag || !lx->fent) return ERR_NOMEM;
  lx->fmask = cap - 1;
  for (size_t i = 0; i < sizeof number_words / sizeof *number_words; i++)
    fast_put(lx, number_words[i].word, number_words[i].wlen, number_words[i].digits, number_words[i].dlen);
  for (size_t i = 0; i < lx->n; i++) {
    size_t kl = lx->klen[i];
    const char *v = norm_lexicon_lookup(lx, lx->e[i].k, kl);
    if (v) fast_put(lx, lx->e[i].k, kl, v, strlen(v));
  }
  return ERR_OK;
}

err_t norm_lexicon_load(const char *path, norm_lexicon_t **out) {
  err_t e = ERR_OK;
  char *data = NULL;
  size_t len = 0;
  norm_lexicon_t *lx = xcalloc(1, sizeof *lx);
  if (!lx) return ERR_NOMEM;
  e = path ? file_read_all(path, &data, &len) : assets_read("lexicon/colloquial.csv", &data, &len);
  if (e) goto fail;
  if ((e = csv_parse(data, len, lex_row, lx))) goto fail;
  /* The file is kept sorted by strcmp; sort anyway if an edit broke the
   * order, so the binary search stays correct. */
  int sorted = 1;
  for (size_t i = 1; i < lx->n && sorted; i++) sorted = strcmp(lx->e[i - 1].k, lx->e[i].k) < 0;
  if (!sorted) qsort(lx->e, lx->n, sizeof *lx->e, cmp_pair);
  lx->nslot = 64;
  while (lx->nslot < 2 * lx->n + 1) lx->nslot *= 2;
  lx->slot = xcalloc(lx->nslot, sizeof *lx->slot);
  lx->tag = xcalloc(lx->nslot, 1);
  lx->res = xcalloc(lx->n + 1, sizeof *lx->res);
  lx->klen = xcalloc(lx->n + 1, sizeof *lx->klen);
  if (!lx->slot || !lx->tag || !lx->res || !lx->klen) {
    e = ERR_NOMEM;
    goto fail;
  }
  for (size_t i = 0; i < lx->n; i++) {
    size_t kl = strlen(lx->e[i].k);
    lx->klen[i] = (uint32_t)kl;
    lx->res[i] = lex_bsearch(lx, lx->e[i].k, kl);
    uint32_t hv = lex_hash(lx->e[i].k, kl);
    for (size_t h = hv & (lx->nslot - 1);; h = (h + 1) & (lx->nslot - 1)) {
      uint32_t s = lx->slot[h];
      if (!s) {
        lx->slot[h] = (uint32_t)i + 1;
        lx->tag[h] = (uint8_t)(hv >> 24 | 1);
        break;
      }
      if (lx->klen[s - 1] == kl && memcmp(lx->e[s - 1].k, lx->e[i].k, kl) == 0) break; /* duplicate key */
    }
  }
  /* the split vocabulary starts with the lexicon's words and the number words */
  for (size_t i = 0; i < lx->n && !e; i++) {
    e = norm_lexicon_add_words(lx, lx->e[i].k, strlen(lx->e[i].k));
    if (!e) e = norm_lexicon_add_words(lx, lx->e[i].v, strlen(lx->e[i].v));
  }
  for (size_t i = 0; i < sizeof number_words / sizeof *number_words && !e; i++)
    e = norm_lexicon_add_word(lx, number_words[i].word, number_words[i].wlen);
  if (e || (e = fast_build(lx))) goto fail;
  *out = lx;
  lx = NULL;
  goto done;
fail:
  norm_lexicon_free(lx);
done:
  xfree(data);
  return e;
}

void norm_lexicon_free(norm_lexicon_t *lx) {
  if (!lx) return;
  for (size_t i = 0; i < lx->n; i++) {
    xfree(lx->e[i].k);
    xfree(lx->e[i].v);
  }
  xfree(lx->e);
  xfree(lx->slot);
  xfree(lx->tag);
  xfree(lx->res);
  xfree(lx->klen);
  xfree(lx->vslot);
  xfree(lx->vpool);
  xfree(lx->ftag);
  xfree(lx->fent);
  xfree(lx);
}

size_t norm_lexicon_size(const norm_lexicon_t *lx) { return lx ? lx->n : 0; }

/* Lookup with the word's lex_hash already computed. */
static inline __attribute__((always_inline)) const char *lex_find(const norm_lexicon_t *lx, const char *w, size_t len,
                                                                  uint32_t hv) {
  if (!lx || len == 0 || !lx->slot) return NULL;
  uint8_t tg = (uint8_t)(hv >> 24 | 1);
  for (size_t h = hv & (lx->nslot - 1);; h = (h + 1) & (lx->nslot - 1)) {
    uint8_t t = lx->tag[h];
    if (!t) return NULL;
    if (t != tg) continue; /* another key: equal keys have equal tags */
    uint32_t s = lx->slot[h];
    if (lx->klen[s - 1] == len && memcmp(lx->e[s - 1].k, w, len) == 0) return lx->res[s - 1];
  }
}

const char *norm_lexicon_lookup(const norm_lexicon_t *lx, const char *w, size_t len) {
  if (!lx || len == 0) return NULL;
  return lex_find(lx, w, len, lex_hash(w, len));
}

int norm_lexicon_has_word(const norm_lexicon_t *lx, const char *w, size_t len) {
  if (!lx || !lx->nvslot || len < 2) return 0;
  for (size_t h = lex_hash(w, len) & (lx->nvslot - 1);; h = (h + 1) & (lx->nvslot - 1)) {
    uint32_t o = lx->vslot[h];
    if (!o) return 0;
    const char *v = lx->vpool + o - 1;
    if (!strncmp(v, w, len) && !v[len]) return 1;
  }
}

static int vocab_put(norm_lexicon_t *lx, uint32_t off) {
  const char *v = lx->vpool + off;
  size_t len = strlen(v);
  for (size_t h = lex_hash(v, len) & (lx->nvslot - 1);; h = (h + 1) & (lx->nvslot - 1))
    if (!lx->vslot[h]) {
      lx->vslot[h] = off + 1;
      return 0;
    }
}

err_t norm_lexicon_add_word(norm_lexicon_t *lx, const char *w, size_t len) {
  if (len < 2 || len >= WORD_MAX) return ERR_OK;
  for (size_t i = 0; i < len; i++)
    if (!is_alpha(w[i])) return ERR_OK; /* letters only: digits are split off before */
  if (norm_lexicon_has_word(lx, w, len)) return ERR_OK;
  if ((lx->nvocab + 1) * 2 > lx->nvslot) {
    size_t cap = lx->nvslot ? lx->nvslot * 2 : 1024;
    uint32_t *nv = xcalloc(cap, sizeof *nv);
    if (!nv) return ERR_NOMEM;
    uint32_t *old = lx->vslot;
    size_t oldn = lx->nvslot;
    lx->vslot = nv;
    lx->nvslot = cap;
    for (size_t i = 0; i < oldn; i++)
      if (old[i]) vocab_put(lx, old[i] - 1);
    xfree(old);
  }
  if (lx->vlen + len + 1 >= UINT32_MAX) return ERR_NOMEM;
  if (grow((void **)&lx->vpool, &lx->vcap, lx->vlen + len + 1, 1)) return ERR_NOMEM;
  memcpy(lx->vpool + lx->vlen, w, len);
  lx->vpool[lx->vlen + len] = '\0';
  vocab_put(lx, (uint32_t)lx->vlen);
  lx->vlen += len + 1;
  lx->nvocab++;
  return ERR_OK;
}

err_t norm_lexicon_add_words(norm_lexicon_t *lx, const char *text, size_t len) {
  size_t i = 0;
  while (i < len) {
    char w[WORD_MAX];
    size_t n = 0;
    while (i < len && !is_alpha((char)(text[i] | 0x20))) i++;
    while (i < len && is_alpha((char)(text[i] | 0x20))) {
      if (n < sizeof w) w[n] = (char)(text[i] | 0x20);
      n++, i++;
    }
    if (n < sizeof w) {
      err_t e = norm_lexicon_add_word(lx, w, n);
      if (e) return e;
    }
  }
  return ERR_OK;
}

static const char *lex_bsearch(const norm_lexicon_t *lx, const char *w, size_t len) {
  size_t lo = 0, hi = lx->n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    const char *k = lx->e[mid].k;
    int c = strncmp(w, k, len);
    if (c == 0) c = k[len] ? -1 : 0; /* w is a proper prefix of k: w < k */
    if (c < 0) hi = mid;
    else if (c > 0) lo = mid + 1;
    else return lx->e[mid].v;
  }
  return NULL;
}

/* ------------------------------------------------------ stage-2 pool */

/* The pool holds the stage-2 tokens already in the output shape
 * " tok tok " (each token followed by a space), so a post without phrase
 * steps becomes the text by swapping buffers. Writers reserve room for
 * the token, its space and a NUL; a token's spans are set before
 * pool_end (see norm_tok_t). */

static inline int pool_room(norm_t *n, size_t need) {
  return need <= n->pcap ? 0 : grow((void **)&n->pool, &n->pcap, need, 1);
}

static inline int pool_begin(norm_t *n) {
  if (n->nptoks >= n->ptcap && grow((void **)&n->ptoks, &n->ptcap, n->nptoks + 1, sizeof *n->ptoks)) return -1;
  n->ptoks[n->nptoks].start = (uint32_t)n->plen;
  n->ptoks[n->nptoks].len = 0;
  return 0;
}

/* Words that introduce a ballot number ("no urut 2" → "nomor 2"), for
 * stage 3 and for the test that decides whether it runs. */
typedef struct {
  const char *w;
  uint8_t len;
} word_t;
#define WORD(s) {s, sizeof s - 1}
static const word_t nomor_words[] = {WORD("no"),   WORD("nmr"), WORD("nmor"), WORD("nomer"), WORD("nomor"),
                                     WORD("nomr"), WORD("nr"),  WORD("nmer"), {NULL, 0}};
static const word_t urut_words[] = {WORD("urut"), WORD("ut"), {NULL, 0}};
#undef WORD

/* Every word of a list starts with the same letter (n…, u…): one compare
 * turns most tokens away before the list is read. */
static int word_in(const word_t *list, const char *w, size_t len) {
  if (!len || w[0] != list->w[0]) return 0;
  for (; list->w; list++)
    if (list->len == len && !memcmp(list->w, w, len)) return 1;
  return 0;
}

/* Does stage 3 have anything to do with this token? Exactly the tokens
 * that can start a rewrite there: a word that introduces a ballot number
 * and a number right after "calon". */
static int phrase_token(const norm_t *n, const char *w, size_t len) {
  if (w[0] == 'n') return word_in(nomor_words, w, len);
  if (w[0] == 'u') return word_in(urut_words, w, len);
  if (!is_digit(w[0]) || !n->nptoks) return 0;
  const norm_tok_t *pt = &n->ptoks[n->nptoks - 1];
  return pt->len == 5 && !memcmp(n->pool + pt->start, "calon", 5);
}

/* Close the token being written (len bytes at its start, spans o0/o1/map):
 * its trailing space, the phrase flag. */
static inline void pool_end(norm_t *n, size_t len, uint32_t o0, uint32_t o1, uint32_t map) {
  norm_tok_t *t = &n->ptoks[n->nptoks];
  if (!len) return;
  t->len = (uint32_t)len;
  t->o0 = o0;
  t->o1 = o1;
  t->map = map;
  n->plen += len;
  n->pool[n->plen++] = ' ';
  char c0 = n->pool[t->start];
  if ((c0 == 'n' || c0 == 'u' || is_digit(c0)) && phrase_token(n, n->pool + t->start, len)) n->phrases = 1;
  n->nptoks++;
}

/* Push a replacement string (number or lexicon value) as one or more
 * tokens, every byte carrying the whole source span. */
static int pool_replace(norm_t *n, const char *s, size_t len, uint32_t o0, uint32_t o1) {
  if (pool_room(n, n->plen + 2 * len + 2)) return -1;
  size_t i = 0;
  while (i < len) {
    while (i < len && !is_alpha(s[i]) && !is_digit(s[i]) && s[i] != '_') i++;
    if (i >= len) break;
    if (pool_begin(n)) return -1;
    size_t p = n->plen;
    while (i < len && (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '_')) n->pool[p++] = s[i++];
    pool_end(n, p - n->plen, o0, o1, NORM_MAP_UNIFORM);
  }
  return 0;
}

/* Per-byte spans for a token that is neither linear nor uniform; returns
 * the map index, or UINT32_MAX - 2 (never a valid index) on no memory. */
static uint32_t em_push(norm_t *n, const norm_char_t *w, size_t len) {
  if (n->emlen + len > n->emcap) {
    size_t nc = n->emcap ? n->emcap : 256;
    while (nc < n->emlen + len) nc *= 2;
    uint32_t *a = xrealloc(n->em0, nc * sizeof *a);
    if (!a) return UINT32_MAX - 2;
    n->em0 = a;
    uint32_t *b = xrealloc(n->em1, nc * sizeof *b);
    if (!b) return UINT32_MAX - 2;
    n->em1 = b;
    n->emcap = nc;
  }
  size_t at = n->emlen;
  for (size_t j = 0; j < len; j++) {
    n->em0[at + j] = w[j].o0;
    n->em1[at + j] = w[j].o1;
  }
  n->emlen += len;
  return (uint32_t)at;
}

static int pool_chars(norm_t *n, const norm_char_t *w, size_t len) {
  if (pool_begin(n) || pool_room(n, n->plen + len + 2)) return -1;
  char *p = n->pool + n->plen;
  int linear = 1, uniform = 1;
  for (size_t i = 0; i < len; i++) {
    p[i] = w[i].c;
    linear &= w[i].o0 == w[0].o0 + i && w[i].o1 == w[i].o0 + 1;
    uniform &= w[i].o0 == w[0].o0 && w[i].o1 == w[0].o1;
  }
  uint32_t map = linear ? NORM_MAP_LINEAR : uniform ? NORM_MAP_UNIFORM : em_push(n, w, len);
  if (map == UINT32_MAX - 2) return -1;
  pool_end(n, len, w[0].o0, w[len - 1].o1, map);
  return 0;
}

/* Cut a lowercase word into vocabulary words: the fewest pieces of two or
 * more letters (ties: the longest last piece). Piece k is
 * s[cut[k] .. cut[k+1]); returns the number of pieces, 0 if the word
 * cannot be covered. len < WORD_MAX. */
static size_t tag_split(const norm_lexicon_t *lx, const char *s, size_t len, uint8_t *cut) {
  uint8_t best[WORD_MAX + 1], from[WORD_MAX + 1];
  best[0] = 0;
  for (size_t i = 1; i <= len; i++) {
    best[i] = 0xFF;
    for (size_t j = 0; j + 2 <= i; j++)
      if (best[j] != 0xFF && best[j] + 1 < best[i] && norm_lexicon_has_word(lx, s + j, i - j)) {
        best[i] = (uint8_t)(best[j] + 1);
        from[i] = (uint8_t)j;
      }
  }
  if (best[len] == 0xFF) return 0;
  size_t k = best[len];
  cut[k] = (uint8_t)len;
  for (size_t i = len, p = k; p > 0; i = from[i]) cut[--p] = from[i];
  return k;
}

/* One segment (no camelCase or letter/digit boundary inside). */
static int emit_segment(norm_t *n, const norm_lexicon_t *lx, norm_char_t *w, size_t len) {
  len = squeeze_chars(w, len, 0);
  char s[WORD_MAX];
  size_t olen;
  const char *rep;
  if (len == 0) return 0;
  if (len >= WORD_MAX) return pool_chars(n, w, len);
  for (size_t i = 0; i < len; i++) s[i] = w[i].c;
  uint32_t o0 = w[0].o0, o1 = w[len - 1].o1;
  if ((rep = norm_number(s, len, &olen))) {
    if (olen == len) return pool_chars(n, w, len);
    return pool_replace(n, rep, olen, o0, o1);
  }
  if ((rep = norm_lexicon_lookup(lx, s, len))) return pool_replace(n, rep, strlen(rep), o0, o1);
  if (n->in_tag && len >= 4 && is_alpha(s[0]) && !norm_lexicon_has_word(lx, s, len)) {
    /* a lowercase hashtag written without capitals: #coblosnomor2 */
    uint8_t cut[WORD_MAX + 1];
    size_t k = tag_split(lx, s, len, cut);
    if (k >= 2) {
      n->in_tag = 0;
      for (size_t p = 0; p < k; p++)
        if (emit_segment(n, lx, w + cut[p], (size_t)(cut[p + 1] - cut[p]))) return -1;
      n->in_tag = 1;
      return 0;
    }
  }
  size_t l2 = squeeze_chars(w, len, 1);
  if (l2 != len) {
    for (size_t i = 0; i < l2; i++) s[i] = w[i].c;
    if ((rep = norm_number(s, l2, &olen))) return pool_replace(n, rep, olen, o0, o1);
    if ((rep = norm_lexicon_lookup(lx, s, l2))) return pool_replace(n, rep, strlen(rep), o0, o1);
  }
  return pool_chars(n, w, l2);
}

/* Words after which an attached 2 is a number (coblos2, nomor2), not the
 * reduplication mark of teman2 = teman-teman. */
static const char *const redup_keep[] = {"calon", "coblos", "coblosen", "jari", "memilih", "mencoblos", "nmr", "no",
                                         "nomer", "nomor", "periode", "pilih", "putaran", "salam", "tps", "urut"};

/* "teman2": repeat the previous token, mapped to the "2". */
static int reduplicate(norm_t *n, const norm_char_t *two) {
  if (!n->nptoks) return 1;
  const norm_tok_t *pt = &n->ptoks[n->nptoks - 1];
  const char *w = n->pool + pt->start;
  if (pt->len < 3 || !is_alpha(w[0])) return 1;
  for (size_t k = 0; k < sizeof redup_keep / sizeof *redup_keep; k++)
    if (strlen(redup_keep[k]) == pt->len && !memcmp(redup_keep[k], w, pt->len)) return 1;
  char tmp[WORD_MAX];
  if (pt->len >= sizeof tmp) return 1;
  size_t l = pt->len;
  memcpy(tmp, w, l);
  return pool_replace(n, tmp, l, two->o0, two->o1) ? -1 : 0;
}

/* A word: leet digits, then split at camelCase and letter/digit edges. */
static int emit_word(norm_t *n, const norm_lexicon_t *lx, norm_char_t *w, size_t len) {
  /* Fast path: no digit anywhere and no capital after the first char, so
   * leet has nothing to do and there is no cut inside the word. */
  if (len == 0) return 0;
  unsigned mask = 0;
  for (size_t i = 1; i < len; i++) mask |= 1u << w[i].cls;
  if (!(mask & (1u << NORM_C_DIGIT | 1u << NORM_C_UPPER)) && w[0].cls != NORM_C_DIGIT)
    return emit_segment(n, lx, w, len);
  leet_chars(w, len);
  size_t a = 0;
  for (size_t i = 1; i <= len; i++) {
    int cut = i == len;
    if (!cut) {
      int p = w[i - 1].cls, c = w[i].cls;
      cut = (p == NORM_C_DIGIT) != (c == NORM_C_DIGIT) || (p == NORM_C_LOWER && c == NORM_C_UPPER) ||
            (p == NORM_C_UPPER && c == NORM_C_UPPER && i + 1 < len && w[i + 1].cls == NORM_C_LOWER);
    }
    if (cut) {
      if (i == len && a > 0 && i - a == 1 && w[a].c == '2' && is_letter_cls(w[a - 1].cls)) {
        int r = reduplicate(n, &w[a]);
        if (r < 0) return -1;
        if (r == 0) break;
      }
      if (emit_segment(n, lx, w + a, i - a)) return -1;
      a = i;
    }
  }
  return 0;
}

/* ------------------------------------------------------------ stage 2 */

/* Separators allowed between spaced-out letters: c o b l o s, c.o.b.l.o.s. */
static int spacer(char c) { return c == ' ' || c == '.' || c == '-' || c == '_' || c == '*' || c == '/'; }

static int alnum_cls(int cls) { return cls == NORM_C_LOWER || cls == NORM_C_UPPER || cls == NORM_C_DIGIT; }

/* A lone letter (or leet digit) at chars[i] standing as its own word. */
static int lone_char(const norm_t *n, size_t i) {
  const norm_char_t *ch = n->chars;
  if (i >= n->nchars) return 0;
  int ok = is_letter_cls(ch[i].cls) || (ch[i].cls == NORM_C_DIGIT && leet_map[ch[i].c - '0']);
  if (!ok) return 0;
  if (i > 0 && alnum_cls(ch[i - 1].cls)) return 0;
  if (i + 1 < n->nchars && alnum_cls(ch[i + 1].cls)) return 0;
  return 1;
}

/* From a lone letter at i, the end of a spaced run (index after its last
 * letter) when at least two letters are joined by one repeated separator;
 * 0 when there is no such run. */
static size_t spaced_run(const norm_t *n, size_t i, size_t *count) {
  const norm_char_t *ch = n->chars;
  if (!is_letter_cls(ch[i].cls) || i + 2 >= n->nchars) return 0;
  char sep = ch[i + 1].c;
  if (!spacer(sep) || (ch[i + 1].cls != NORM_C_SPACE && ch[i + 1].cls != NORM_C_OTHER)) return 0;
  size_t j = i, k = 1, last_letter = i;
  while (j + 2 < n->nchars && ch[j + 1].c == sep && ch[j + 1].cls != NORM_C_UPPER && lone_char(n, j + 2)) {
    j += 2;
    k++;
    if (is_letter_cls(ch[j].cls)) last_letter = j;
  }
  /* the run ends on a letter: "n o m o r 2" keeps the 2 out */
  k -= (j - last_letter) / 2;
  if (k < 2) return 0;
  *count = k;
  return last_letter + 1;
}

static err_t finish_text(norm_t *n);

/* Stage 2 over n->chars: signs, spaced runs and words into the pool. */
static int chars_to_pool(norm_t *n, const norm_lexicon_t *lx) {
  const norm_char_t *ch = n->chars;
  size_t i = 0;
  while (i < n->nchars) {
    int cls = ch[i].cls;
    if (cls == NORM_C_SIGN) {
      const char *t = norm_sign_token(ch[i].c);
      if (pool_replace(n, t, strlen(t), ch[i].o0, ch[i].o1)) return -1;
      i++;
      continue;
    }
    if (!alnum_cls(cls)) { i++; continue; }
    size_t cnt = 0, end = lone_char(n, i) ? spaced_run(n, i, &cnt) : 0;
    size_t wn = 0;
    n->in_tag = !end && i > 0 && ch[i - 1].c == '#';
    if (end) {
      for (size_t k = i; k < end; k += 2) {
        n->wb[wn] = ch[k];
        if (n->wb[wn].cls == NORM_C_DIGIT) n->wb[wn].c = leet_map[n->wb[wn].c - '0'];
        n->wb[wn++].cls = NORM_C_LOWER;
      }
      i = end;
    } else {
      size_t k = i, nch = n->nchars;
      while (k < nch && alnum_cls(ch[k].cls)) k++;
      wn = k - i;
      memcpy(n->wb, ch + i, wn * sizeof *ch);
      i = k;
    }
    int r = emit_word(n, lx, n->wb, wn);
    n->in_tag = 0;
    if (r) return -1;
  }
  return 0;
}

/* Byte kinds for the ASCII fast path. */
enum { B_SEP, B_LOWER, B_UPPER, B_DIGIT, B_HIGH };
#define BK_(b)                                                                                          \
  ((b) >= 0x80 ? B_HIGH                                                                                 \
   : (b) >= 'a' && (b) <= 'z' ? B_LOWER                                                                 \
   : (b) >= 'A' && (b) <= 'Z' ? B_UPPER                                                                 \
   : (b) >= '0' && (b) <= '9' ? B_DIGIT                                                                 \
                              : B_SEP)
#define R256_(F) R128_(F), R16_(F, 128), R16_(F, 144), R16_(F, 160), R16_(F, 176), R16_(F, 192), \
                 R16_(F, 208), R16_(F, 224), R16_(F, 240)
static const uint8_t byte_kind[256] = {R256_(BK_)};

/* The ASCII fast path at s[*pi], an ASCII letter or digit. A word of two
 * or more ASCII letters/digits between ASCII separators gets what
 * chars_to_pool would make of it, without folding: one pass lowercases it
 * into the pool and classifies it. Returns 1 (done, *pi past the word),
 * 0 (not such a word: take the general path) or -1 (no memory). */
/* Emit the ASCII word s[i..i+wl) through the general word steps (digits,
 * inner capitals or stretched letters). */
static int ascii_word_general(norm_t *n, const norm_lexicon_t *lx, const unsigned char *u, size_t i, size_t wl) {
  norm_char_t *cw = n->wb;
  for (size_t j = 0; j < wl; j++) {
    cw[j].o0 = (uint32_t)(i + j);
    cw[j].o1 = (uint32_t)(i + j + 1);
    cw[j].c = ascii_chr[u[i + j]];
    cw[j].cls = ascii_cls[u[i + j]];
  }
  n->in_tag = i > 0 && u[i - 1] == '#';
  int r = emit_word(n, lx, cw, wl);
  n->in_tag = 0;
  return r ? -1 : 1;
}

/* A lowercase word w (in the pool at the token being written; source
 * s[i .. i + wl)) ending in a doubled letter, none tripled: what
 * emit_segment makes of it. The word as it is, then with the last letter
 * once (pilihh → pilih), goes through the number and lexicon steps; if
 * neither replaces it, it is kept squeezed, the last letter spanning both
 * bytes. c0, c1: the word's bytes as lex_hash chunks. */
static int final_double(norm_t *n, const norm_lexicon_t *lx, const char *w, size_t i, size_t wl, uint64_t c0,
                        uint64_t c1) {
  const uint32_t o0 = (uint32_t)i, o1 = (uint32_t)(i + wl);
  for (size_t l = wl; l + 2 > wl; l--) {
    uint64_t a = c0, b = c1;
    if (l < wl) { /* without the last byte */
      if (l < 8) a &= (1ULL << (8 * l)) - 1;
      else b &= l == 8 ? 0 : (1ULL << (8 * (l - 8))) - 1;
    }
    const char *rep;
    size_t olen;
    if (lx) {
      const fword_t *fw = fast_find(lx, a, b, l);
      if (fw) return pool_replace(n, fw->rep, fw->replen, o0, o1) ? -1 : 1;
      continue;
    }
    if (l >= 3 && l <= 8 && ((NUMWORD_FIRST >> (w[0] - 'a')) & 1u) && (rep = numword_key(a, &olen)))
      return pool_replace(n, rep, olen, o0, o1) ? -1 : 1;
    uint64_t h = hash_step(HASH_SEED, a);
    if (l > 8) h = hash_step(h, b);
    if ((rep = lex_find(lx, w, l, hash_end(h, l)))) return pool_replace(n, rep, strlen(rep), o0, o1) ? -1 : 1;
  }
  norm_char_t cw[16];
  size_t l2 = wl - 1;
  for (size_t j = 0; j < l2; j++) {
    cw[j].o0 = o0 + (uint32_t)j;
    cw[j].o1 = o0 + (uint32_t)j + 1;
  }
  cw[l2 - 1].o1 = o1;
  uint32_t map = em_push(n, cw, l2);
  if (map == UINT32_MAX - 2) return -1;
  pool_end(n, l2, o0, o1, map);
  return 1;
}

#if defined(__SSE2__) && defined(__x86_64__)
/* Bytes of v in [lo, lo + n) (0xFF lanes); signed compare after a bias. */
static inline __m128i sse_in_range(__m128i v, int lo, int n) {
  __m128i x = _mm_add_epi8(v, _mm_set1_epi8((char)(0x80 - lo)));
  return _mm_cmplt_epi8(x, _mm_set1_epi8((char)(-128 + n)));
}

/* The 16 bytes of s at i (< len). Near the end they come from a
 * zero-padded copy, so the load never leaves the buffer and bytes past
 * the end read as separators. */
static inline __m128i load16(const char *s, size_t len, size_t i) {
  if (len - i >= 16) return _mm_loadu_si128((const __m128i *)(const void *)(s + i));
  char tail[16] = {0};
  memcpy(tail, s + i, len - i);
  return _mm_loadu_si128((const __m128i *)(const void *)tail);
}
#endif

static int ascii_word(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len, size_t *pi) {
  const unsigned char *u = (const unsigned char *)s;
  size_t i = *pi, k, wl;
  /* room for the rest of the text, its space and a 16-byte store */
  if (pool_begin(n) || pool_room(n, n->plen + (len - i) + 18)) return -1;
  char *w = n->pool + n->plen;
  uint64_t h = HASH_SEED, key = 0;
#if defined(__SSE2__) && defined(__x86_64__)
  /* a word shorter than 16 bytes in one go */
  __m128i v = load16(s, len, i);
  __m128i lo = sse_in_range(v, 'a', 26), up = sse_in_range(v, 'A', 26), dg = sse_in_range(v, '0', 10);
  unsigned al = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lo, up), dg));
  wl = (unsigned)__builtin_ctz(~al); /* al has bit 0: u[i] is a letter or digit */
  if (wl < 16) {
    k = i + wl;
    if (k < len && byte_kind[u[k]] != B_SEP) return 0; /* runs into non-ASCII */
    unsigned full = (1u << wl) - 1, upm = (unsigned)_mm_movemask_epi8(up) & full,
             dgm = (unsigned)_mm_movemask_epi8(dg) & full;
    if (wl < 2) {
      /* A lone digit is a token as it is (a lone letter may start
       * spaced-out letters: the general path decides). */
      if (!dgm) return 0;
      *pi = k;
      w[0] = (char)u[i];
      pool_end(n, 1, (uint32_t)i, (uint32_t)k, NORM_MAP_LINEAR);
      return 1;
    }
    *pi = k;
    __m128i lv = _mm_add_epi8(v, _mm_and_si128(up, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)w, lv);
    unsigned inner = full & ~1u;
    /* an initial capital or all capitals (ASN) is the lowercase word; a
     * capital inside a lowercase word (camelCase) is cut by the general path */
    unsigned capdig = (upm == full ? 0 : upm & inner) | (dgm & inner);
    unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lv, _mm_slli_si128(lv, 1))) & inner;
    /* Doubled letters are left alone by squeezing unless a letter is
     * tripled (a stretched word); a double at the end (pilihh) is tried
     * as it is and then squeezed (see final_double). */
    if (capdig || (dgm & 1) || (eq & eq << 1) || (i && u[i - 1] == '#'))
      return ascii_word_general(n, lx, u, i, wl);
    uint64_t c0 = (uint64_t)_mm_cvtsi128_si64(lv), c1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(lv, lv));
    if (wl < 8) c0 &= (1ULL << (8 * wl)) - 1;
    if (wl <= 8) c1 = 0;
    else c1 &= (1ULL << (8 * (wl - 8))) - 1;
    if ((eq >> (wl - 1) & 1) && wl >= 3) return final_double(n, lx, w, i, wl, c0, c1);
    if (lx) { /* the number and lexicon steps in one lookup */
      const fword_t *fw = fast_find(lx, c0, c1, wl);
      if (fw) return pool_replace(n, fw->rep, fw->replen, (uint32_t)i, (uint32_t)k) ? -1 : 1;
      pool_end(n, wl, (uint32_t)i, (uint32_t)k, NORM_MAP_LINEAR);
      return 1;
    }
    key = wl <= 8 ? c0 : 0;
    h = hash_step(h, c0);
    if (wl > 8) h = hash_step(h, c1);
    goto lookups;
  }
#endif
  {
    unsigned first = byte_kind[u[i]], inner = 0, triple = 0;
    char prev = w[0] = ascii_chr[u[i]], prev2 = 0;
    /* lex_hash chunks and the number-word key, kept in registers (reading
     * back the bytes just stored would stall on store forwarding) */
    uint64_t acc = (unsigned char)prev;
    for (k = i + 1; k < len; k++) {
      unsigned kd = byte_kind[u[k]];
      if (kd - B_LOWER >= 3u) break;
      char c = ascii_chr[u[k]];
      size_t j = k - i;
      inner |= 1u << kd;
      triple |= c == prev && c == prev2;
      w[j] = c;
      prev2 = prev;
      prev = c;
      acc |= (uint64_t)(unsigned char)c << (8 * (j & 7));
      if ((j & 7) == 7) {
        if (j == 7) key = acc;
        h = hash_step(h, acc);
        acc = 0;
      }
    }
    wl = k - i;
    if (wl < 2 || (k < len && byte_kind[u[k]] != B_SEP)) return 0; /* lone letter, or runs into non-ASCII */
    *pi = k;
    if (wl & 7) {
      if (wl < 8) key = acc;
      h = hash_step(h, acc);
    }
    /* Doubled letters are left alone by squeezing unless a letter is
     * tripled (a stretched word) or the word ends in a double (pilihh). */
    if ((inner & (1u << B_UPPER | 1u << B_DIGIT)) || first == B_DIGIT || triple || w[wl - 1] == w[wl - 2] ||
        wl >= WORD_MAX || (i && u[i - 1] == '#'))
      return ascii_word_general(n, lx, u, i, wl);
  }
#if defined(__SSE2__) && defined(__x86_64__)
lookups:;
#endif
  /* lowercase letters (an initial capital allowed), nothing to squeeze:
   * only the number and lexicon steps remain (replacements are static or
   * lexicon strings, never w) */
  const char *rep;
  size_t olen;
  if (wl >= 3 && wl <= 8 && ((NUMWORD_FIRST >> (w[0] - 'a')) & 1u) && (rep = numword_key(key, &olen)))
    return pool_replace(n, rep, olen, (uint32_t)i, (uint32_t)k) ? -1 : 1;
  if ((rep = lex_find(lx, w, wl, hash_end(h, wl))))
    return pool_replace(n, rep, strlen(rep), (uint32_t)i, (uint32_t)k) ? -1 : 1;
  pool_end(n, wl, (uint32_t)i, (uint32_t)k, NORM_MAP_LINEAR);
  return 1;
}

#if defined(__SSE2__) && defined(__x86_64__)
/* The fast path's inner loop: from i, separators and plain words — 2..15
 * ASCII letters, lowercase or capitalised or all capitals, nothing to
 * squeeze, not after '#', followed by a separator — written into the pool
 * with the state in locals (the byte stores would otherwise make the
 * compiler reload it). A word the number or lexicon step replaces goes
 * through pool_replace. Returns where something else begins: a word that
 * needs ascii_word, a byte >= 0x80, or len; -1 (as SIZE_MAX) on no memory.
 * Gives exactly what ascii_word gives for the words it takes. */
static size_t plain_run(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len, size_t i) {
  const unsigned char *u = (const unsigned char *)s;
  char *pool = n->pool;
  norm_tok_t *pt = n->ptoks;
  size_t plen = n->plen, nt = n->nptoks, pcap = n->pcap, tcap = n->ptcap;
  const __m128i case_bit = _mm_set1_epi8(0x20);
  while (i < len) {
    unsigned kd = byte_kind[u[i]];
    if (kd == B_SEP) {
      i++;
      continue;
    }
    if (kd == B_HIGH || nt >= tcap || plen + (len - i) + 18 > pcap) break;
    __m128i v = load16(s, len, i);
    __m128i lo = sse_in_range(v, 'a', 26), up = sse_in_range(v, 'A', 26), dg = sse_in_range(v, '0', 10);
    unsigned al = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(lo, up), dg));
    size_t wl = (unsigned)__builtin_ctz(~al), k = i + wl;
    if (wl < 2 || wl >= 16 || (k < len && byte_kind[u[k]] != B_SEP)) break;
    unsigned full = (1u << wl) - 1, upm = (unsigned)_mm_movemask_epi8(up) & full,
             dgm = (unsigned)_mm_movemask_epi8(dg) & full;
    __m128i lv = _mm_add_epi8(v, _mm_and_si128(up, case_bit));
    unsigned eq = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(lv, _mm_slli_si128(lv, 1))) & full & ~1u;
    /* digits, a capital inside a lowercase word, a tripled letter, a
     * doubled last letter, a hashtag: ascii_word */
    if (dgm | (upm != full ? upm & ~1u : 0) | (eq & (eq << 1 | 1u << (wl - 1))) || (i && u[i - 1] == '#') || !lx) break;
    uint64_t c0 = (uint64_t)_mm_cvtsi128_si64(lv), c1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(lv, lv));
    if (wl < 8) c0 &= (1ULL << (8 * wl)) - 1;
    c1 = wl <= 8 ? 0 : c1 & ((1ULL << (8 * (wl - 8))) - 1);
    const fword_t *fw = fast_find(lx, c0, c1, wl);
    if (fw) {
      n->plen = plen;
      n->nptoks = nt;
      if (pool_replace(n, fw->rep, fw->replen, (uint32_t)i, (uint32_t)k)) return SIZE_MAX;
      pool = n->pool;
      pt = n->ptoks;
      plen = n->plen;
      nt = n->nptoks;
      pcap = n->pcap;
      tcap = n->ptcap;
      i = k;
      continue;
    }
    char *w = pool + plen;
    _mm_storeu_si128((__m128i *)(void *)w, lv);
    w[wl] = ' ';
    pt[nt] = (norm_tok_t){(uint32_t)plen, (uint32_t)wl, (uint32_t)i, (uint32_t)k, NORM_MAP_LINEAR};
    if ((w[0] == 'n' || w[0] == 'u') && phrase_token(n, w, wl)) n->phrases = 1;
    plen += wl + 1;
    nt++;
    i = k;
  }
  n->plen = plen;
  n->nptoks = nt;
  return i;
}
#endif

/* End of the region that starts at i and needs the general path: the
 * first ASCII separator after which nothing can continue a word or a
 * spaced-letter run of the region — another separator, or a word of two
 * or more ASCII letters/digits (never a lone letter). Regions therefore
 * start and end next to ASCII separators, so folding a region alone gives
 * the same characters and words as folding the whole text. */
static size_t general_end(const unsigned char *u, size_t len, size_t i) {
  for (size_t j = i + 1; j < len; j++) {
    if (byte_kind[u[j]] != B_SEP) continue;
    if (j + 1 == len) return j;
    unsigned k1 = byte_kind[u[j + 1]];
    if (k1 == B_SEP) return j;
    if (k1 != B_HIGH && j + 2 < len && byte_kind[u[j + 2]] != B_SEP && byte_kind[u[j + 2]] != B_HIGH) return j;
  }
  return len;
}

static err_t run(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len, int fast) {
  const unsigned char *u = (const unsigned char *)s;
  n->nptoks = 0;
  n->phrases = 0;
  n->emlen = 0;
  if (grow((void **)&n->wb, &n->wcap, len + 1, sizeof *n->wb) || pool_room(n, 2 * len + 16)) return ERR_NOMEM;
  n->pool[0] = ' ';
  n->plen = 1;
  size_t i = 0;
  while (i < len) {
    if (fast) {
#if defined(__SSE2__) && defined(__x86_64__)
      if ((i = plain_run(n, lx, s, len, i)) == SIZE_MAX) return ERR_NOMEM;
      if (i >= len) break;
#endif
      unsigned kd = byte_kind[u[i]];
      if (kd == B_SEP) {
        i++;
        continue;
      }
      if (kd != B_HIGH) {
        int r = ascii_word(n, lx, s, len, &i);
        if (r < 0) return ERR_NOMEM;
        if (r) continue;
      }
    }
    size_t r = fast ? general_end(u, len, i) : len;
    /* a region starts after an ASCII separator; when that is '#', fold it
     * too (it joins nothing) so the word after it is known as a hashtag */
    size_t from = i > 0 && u[i - 1] == '#' ? i - 1 : i;
    if (fold_range(n, s, from, r) || chars_to_pool(n, lx)) return ERR_NOMEM;
    i = r;
  }
  if (n->phrases) return finish_text(n);
  /* no phrase step: the pool is the text */
  if (pool_room(n, n->plen + 1)) return ERR_NOMEM;
  n->pool[n->plen] = '\0';
#define SWAP_(T, a, b) do { T t_ = a; a = b; b = t_; } while (0)
  SWAP_(char *, n->text, n->pool);
  SWAP_(size_t, n->cap, n->pcap);
  SWAP_(norm_tok_t *, n->toks, n->ptoks);
  SWAP_(size_t, n->tcap, n->ptcap);
#undef SWAP_
  n->len = n->plen;
  n->ntoks = n->nptoks;
  n->plen = n->nptoks = 0;
  return ERR_OK;
}

void norm_mark_ends(char *dst, const char *src, size_t n) {
  size_t i = 0;
#if defined(__SSE2__) && defined(__x86_64__)
  /* 16 bytes and the 16 after them by one: the marks of a block need the
   * byte after it, so blocks stop 17 bytes before the end */
  const __m128i sp = _mm_set1_epi8(' '), hi = _mm_set1_epi8((char)0x80);
  for (; i + 17 <= n; i += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
    __m128i next = _mm_loadu_si128((const __m128i *)(const void *)(src + i + 1));
    __m128i end = _mm_andnot_si128(_mm_cmpeq_epi8(v, sp), _mm_cmpeq_epi8(next, sp));
    _mm_storeu_si128((__m128i *)(void *)(dst + i), _mm_or_si128(v, _mm_and_si128(end, hi)));
  }
#endif
  for (; i < n; i++) {
    char c = src[i];
    dst[i] = (char)(c != ' ' && (i + 1 == n || src[i + 1] == ' ') ? (unsigned char)c | 0x80 : (unsigned char)c);
  }
}

err_t norm_run(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len) { return run(n, lx, s, len, 1); }
err_t norm_run_general(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len) {
  return run(n, lx, s, len, 0);
}

/* Stage 3: phrases, then the final " tok tok " text. */
static err_t finish_text(norm_t *n) {
  n->len = n->ntoks = 0;
  /* output ≤ pool + a space per token + "nomor " per token */
  if (grow((void **)&n->text, &n->cap, n->plen + n->nptoks * 8 + 8, 1) ||
      grow((void **)&n->toks, &n->tcap, n->nptoks * 2 + 1, sizeof *n->toks))
    return ERR_NOMEM;
  /* locals: the char stores below would otherwise reload every field of n */
  char *text = n->text;
  norm_tok_t *toks = n->toks;
  const norm_tok_t *ptoks = n->ptoks;
  const char *pool = n->pool;
  size_t nptoks = n->nptoks, ol = 0, ntoks = 0;
  text[ol++] = ' ';
  for (size_t t = 0; t < nptoks; t++) {
    const norm_tok_t *pt = &ptoks[t];
    const char *w = pool + pt->start;
    int is_nomor = word_in(nomor_words, w, pt->len);
    size_t j = t + (is_nomor ? 1 : 0);
    int has_urut = j < nptoks && word_in(urut_words, pool + ptoks[j].start, ptoks[j].len);
    if (has_urut) j++;
    int numeric = j < nptoks && is_digit(pool[ptoks[j].start]);
    /* "paslon 2" / "calon 02" → "… calon nomor 2": "nomor" stands for the number */
    if (is_digit(w[0]) && ntoks && toks[ntoks - 1].len == 5 && !memcmp(text + toks[ntoks - 1].start, "calon", 5)) {
      toks[ntoks] = (norm_tok_t){(uint32_t)ol, 5, pt->o0, pt->o1, NORM_MAP_UNIFORM};
      ntoks++;
      memcpy(text + ol, "nomor ", 6);
      ol += 6;
    }
    if ((is_nomor || has_urut) && (numeric || (is_nomor && pt->len > 2))) {
      /* "no urut" → one "nomor" standing for both words */
      toks[ntoks] = (norm_tok_t){(uint32_t)ol, 5, pt->o0, ptoks[j - 1].o1, NORM_MAP_UNIFORM};
      t = j - 1;
      memcpy(text + ol, "nomor", 5);
      ol += 5;
    } else {
      toks[ntoks] = *pt;
      toks[ntoks].start = (uint32_t)ol;
      mem_copy(text + ol, w, pt->len);
      ol += pt->len;
    }
    ntoks++;
    text[ol++] = ' ';
  }
  text[ol] = '\0';
  n->len = ol;
  n->ntoks = ntoks;
  return ERR_OK;
}

/* The original span of byte j of token t. */
static inline void tok_span(const norm_t *n, const norm_tok_t *t, size_t j, uint32_t *o0, uint32_t *o1) {
  if (t->map == NORM_MAP_LINEAR) {
    *o0 = t->o0 + (uint32_t)j;
    *o1 = *o0 + 1;
  } else if (t->map == NORM_MAP_UNIFORM) {
    *o0 = t->o0;
    *o1 = t->o1;
  } else {
    *o0 = n->em0[t->map + j];
    *o1 = n->em1[t->map + j];
  }
}

void norm_span(const norm_t *n, size_t i, uint32_t *o0, uint32_t *o1) {
  size_t k = norm_tok_at(n, i);
  if (k < n->ntoks && n->toks[k].start <= i) {
    tok_span(n, &n->toks[k], i - n->toks[k].start, o0, o1);
    return;
  }
  /* a space: the end of the token before it */
  *o0 = *o1 = k ? n->toks[k - 1].o1 : 0;
}

void norm_map(const norm_t *n, size_t a, size_t b, size_t *oa, size_t *ob) {
  if (b > n->len) b = n->len;
  while (a < b && n->text[a] == ' ') a++;
  while (b > a && n->text[b - 1] == ' ') b--;
  uint32_t lo, hi, x0, x1;
  if (a >= b) {
    if (a < n->len) norm_span(n, a, &lo, &hi);
    else if (n->len) norm_span(n, n->len - 1, &x0, &lo);
    else lo = 0;
    *oa = *ob = lo;
    return;
  }
  /* The hull of the spans of the bytes in [a, min(b, a + 256)) and of
   * byte b - 1 (a span can cover bytes whose spans were reordered by
   * squeezing), token by token from the one holding a: spaces carry
   * nothing, a linear or uniform token is bounded by its first and last
   * byte in the range. */
  size_t end = b < a + 256 ? b : a + 256;
  lo = UINT32_MAX;
  hi = 0;
  for (size_t k = norm_tok_at(n, a); k < n->ntoks && n->toks[k].start < end; k++) {
    const norm_tok_t *t = &n->toks[k];
    size_t j0 = a > t->start ? a - t->start : 0, j1 = t->len;
    if (t->start + j1 > end) j1 = end - t->start;
    if (t->map == NORM_MAP_LINEAR || t->map == NORM_MAP_UNIFORM) {
      tok_span(n, t, j0, &x0, &x1);
      if (x0 < lo) lo = x0;
      tok_span(n, t, j1 - 1, &x0, &x1);
      if (x1 > hi) hi = x1;
      continue;
    }
    for (size_t j = j0; j < j1; j++) {
      tok_span(n, t, j, &x0, &x1);
      if (x0 < lo) lo = x0;
      if (x1 > hi) hi = x1;
    }
  }
  if (b > end) {
    norm_span(n, b - 1, &x0, &x1);
    if (x1 > hi) hi = x1;
  }
  *oa = lo;
  *ob = hi;
}

size_t norm_tok_at(const norm_t *n, size_t off) {
  size_t lo = 0, hi = n->ntoks;
  while (lo < hi) { /* first token whose end is beyond off */
    size_t mid = (lo + hi) / 2;
    if ((size_t)n->toks[mid].start + n->toks[mid].len <= off) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
