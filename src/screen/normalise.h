/*
 * normalise.h — turn an Indonesian social-media post into the canonical text
 * the screening rules are matched against, keeping a map back to the
 * original bytes.
 *
 * Steps (each has its own function below and its own unit test):
 *   1. UTF-8 decode (table driven, invalid bytes become separators) and
 *      compatibility folding: case, fullwidth ASCII, mathematical
 *      bold/italic/script letters and digits, letter-like symbols, circled
 *      letters, Cyrillic/Greek look-alikes, accented Latin → base letter.
 *      Zero-width characters, variation selectors, skin tones and combining
 *      marks are dropped without splitting the word they sit in.
 *   2. Words: runs of letters and digits. Digits used as letters inside a
 *      word become letters (c0bl0s → coblos, p1l1h → pilih).
 *   3. Spaced or dotted letters are joined (c o b l o s, c.o.b.l.o.s).
 *   4. camelCase and letter/digit boundaries split (#CoblosNomor2 →
 *      coblos nomor 2).
 *   5. Stretched letters squeezed (cobloooos → coblos, pilihh → pilih).
 *      A lowercase word right after '#' that is not a known word is cut
 *      into vocabulary words (#coblosnomor2 → coblos nomor 2), each piece
 *      mapped to its bytes inside the hashtag.
 *   6. Number words and forms: dua/loro/02 → 2; "no. 2", "nomer 2",
 *      "nomor urut 2", "no urut 02" → "nomor 2".
 *   7. Colloquial → formal from data/lexicon/colloquial.csv (binary search).
 *   8. Hand-sign emoji become tokens: ☝ 👆 → salam_satu_jari,
 *      ✌ → salam_dua_jari, 🤟 → salam_tiga_jari.
 *
 * Output invariant: text is " tok tok … tok " — lowercase ASCII tokens
 * separated by exactly one space, with one leading and one trailing space,
 * so a whole-word match is a plain literal " word ". Every output byte i
 * has a span [o0, o1) of original bytes it came from (norm_span); spaces
 * carry the end of the token before them (or 0,0 at the start). The spans
 * are kept per token, not per byte: most tokens are an ASCII word copied
 * byte for byte (linear) or a replacement whose every byte stands for the
 * whole source word (uniform); only the rest keep a span per byte.
 */
#ifndef NETRAL_SCREEN_NORMALISE_H
#define NETRAL_SCREEN_NORMALISE_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

/* Character classes produced by folding (step 1). */
enum {
  NORM_C_OTHER = 0, /* separator: punctuation, symbols, other scripts */
  NORM_C_SPACE,
  NORM_C_LOWER,
  NORM_C_UPPER,
  NORM_C_DIGIT,
  NORM_C_SIGN,   /* hand-sign emoji; the char is the sign number '1'..'3' */
  NORM_C_IGNORE  /* dropped: joins with the previous character */
};

/* One folded character: ASCII c and the original byte span. */
typedef struct {
  uint32_t o0, o1;
  char c;
  uint8_t cls;
} norm_char_t;

/* How a token's bytes map back to the original (norm_tok_t.map). */
enum {
  NORM_MAP_LINEAR = 0xFFFFFFFFu, /* byte j: [o0 + j, o0 + j + 1) */
  NORM_MAP_UNIFORM = 0xFFFFFFFEu /* every byte: [o0, o1) */
  /* anything else: byte j is [em0[map + j], em1[map + j]) */
};

/* One output token. */
typedef struct {
  uint32_t start, len; /* in norm_t.text */
  uint32_t o0, o1;     /* start of the first byte's span, end of the last byte's */
  uint32_t map;        /* NORM_MAP_* or an index into em0/em1 */
} norm_tok_t;

/* Colloquial lexicon, sorted by strcmp for binary search. */
typedef struct norm_lexicon norm_lexicon_t;

/* Reusable normaliser state and output (one per thread). */
typedef struct {
  char *text;        /* owned; NUL-terminated */
  size_t len, cap;
  norm_tok_t *toks;
  size_t ntoks, tcap;
  uint32_t *em0, *em1; /* per-byte spans of the tokens that need them, owned */
  size_t emlen, emcap;
  /* work areas, owned */
  norm_char_t *chars;
  size_t nchars, ccap;
  char *pool;         /* stage-2 tokens, already " tok tok " */
  size_t plen, pcap;
  norm_tok_t *ptoks;
  size_t nptoks, ptcap;
  int phrases;        /* a stage-2 token may start a stage-3 phrase */
  int in_tag;         /* the word being emitted follows '#' */
  norm_char_t *wb;    /* the word being built */
  size_t wcap;
} norm_t;

/* --- step functions (exposed for tests) --- */

/* Decode one code point from s[0..len) (len >= 1). Returns bytes consumed
 * (>= 1); invalid or truncated sequences give *cp = 0xFFFD and consume 1. */
size_t norm_utf8_decode(const unsigned char *s, size_t len, uint32_t *cp);
/* Fold one code point: returns a NORM_C_* class and sets *c to the ASCII
 * letter/digit/punctuation (lowercase) or the sign number. */
int norm_fold_cp(uint32_t cp, char *c);
/* Step 1 over a whole text into n->chars. */
err_t norm_fold_text(norm_t *n, const char *s, size_t len);
/* In-place word steps on a lowercase word; each returns the new length. */
size_t norm_word_leet(char *w, size_t len);    /* digits between letters */
size_t norm_word_squeeze(char *w, size_t len); /* stretched letters */
/* Number word or digits → canonical digits ("dua" → "2", "02" → "2");
 * NULL if w is not a number. Borrowed (static or points into w). */
const char *norm_number(const char *w, size_t len, size_t *outlen);
/* Hand-sign token for sign number '1'..'3'. Borrowed, static. */
const char *norm_sign_token(char sign);

/* --- lexicon --- */
/* Load from a CSV "slang,formal" path; NULL = data/lexicon/colloquial.csv.
 * Caller frees with norm_lexicon_free. */
err_t norm_lexicon_load(const char *path, norm_lexicon_t **out);
void norm_lexicon_free(norm_lexicon_t *lx);
/* Formal form of w or NULL. Borrowed from the lexicon. */
const char *norm_lexicon_lookup(const norm_lexicon_t *lx, const char *w, size_t len);
size_t norm_lexicon_size(const norm_lexicon_t *lx);
/* Vocabulary for splitting lowercase hashtags (#coblosnomor2 → coblos
 * nomor 2): the lexicon's words and the number words are in it from
 * load; add the words of rule terms and of a word list. Words are runs of
 * 2..63 ASCII letters (case folded); anything else is skipped. */
err_t norm_lexicon_add_word(norm_lexicon_t *lx, const char *w, size_t len);
err_t norm_lexicon_add_words(norm_lexicon_t *lx, const char *text, size_t len); /* every word of text */
int norm_lexicon_has_word(const norm_lexicon_t *lx, const char *w, size_t len);

/* --- whole pipeline --- */
void norm_init(norm_t *n);
void norm_free(norm_t *n);
/* Normalise s[0..len) into n (previous output is replaced). lx may be NULL
 * (no colloquial step). ERR_NOMEM on allocation failure. */
err_t norm_run(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len);
/* The same result without the ASCII fast path: every character goes
 * through folding and the general word steps (differential tests). */
err_t norm_run_general(norm_t *n, const norm_lexicon_t *lx, const char *s, size_t len);
/* The original span of normalised byte i (< n->len). */
void norm_span(const norm_t *n, size_t i, uint32_t *o0, uint32_t *o1);
/* Map a normalised span [a,b) to the original span [*oa,*ob): the hull of
 * the spans of its bytes (at most the first 256). Leading and trailing
 * spaces of the span are ignored. */
void norm_map(const norm_t *n, size_t a, size_t b, size_t *oa, size_t *ob);
/* Index of the token containing or following normalised offset off. */
size_t norm_tok_at(const norm_t *n, size_t off);

/* Word ends marked in the byte itself: dst[i] = src[i] with bit 7 set
 * when src[i] is not a space and is followed by a space or ends src
 * (normalised text is ASCII, so the bit is free). A literal that ends
 * with a marked byte can only match at the end of a word, which lets a
 * whole-word pattern " word " drop its trailing space: Hyperscan's literal
 * filter then keys on the word's last letters instead of on "letter +
 * space", which every word end of ordinary text passes. dst may be src. */
void norm_mark_ends(char *dst, const char *src, size_t n);

#endif
