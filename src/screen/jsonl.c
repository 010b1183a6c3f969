/*
 * jsonl.c — JSONL post → screening result line (see jsonl.h).
 * Hot path: a hand-written reader for the common line shape — one flat
 * object whose values are strings, integers of at most 18 digits, true,
 * false or null — unescaping "teks" and "id" into the scratch's work buffer
 * (no allocation per line). It accepts only what it fully validates (JSON
 * grammar of that subset, strict UTF-8, escapes, no \u0000 or lone
 * surrogates); any other line (nesting, reals, big numbers, errors) goes to
 * jansson, which decides and writes the error message. So both paths give
 * the same result for every line. The output is written directly into a
 * buf_t so a result line costs no per-field allocation.
 */
#include "screen/jsonl.h"

#include <jansson.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

/* Bytes a JSON string must escape: controls, '"' and '\\'. */
static const unsigned char needs_esc[256] = {
  [0 ... 0x1F] = 1,
  ['"'] = 1,
  ['\\'] = 1,
};

/* Like buf_t's own reserve: room for n more bytes and the NUL. */
static int ob_reserve(buf_t *b, size_t n) {
  if (b->oom) return -1;
  if (b->len + n + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + n + 1) cap *= 2;
  char *d = xrealloc(b->data, cap);
  if (!d) {
    b->oom = 1;
    return -1;
  }
  b->data = d;
  b->cap = cap;
  return 0;
}

/* s[0..n) as a JSON string literal at o (room for 6 n + 2 bytes); returns the end. */
/* SWAR: does the 8-byte word x hold a byte < 0x20, '"' or '\\'? (exact
 * for "any byte": the classic has-zero / has-less tests) */
#define ONES_ 0x0101010101010101ULL
#define HIGH_ 0x8080808080808080ULL
static inline uint64_t esc8(uint64_t x) {
  uint64_t q = x ^ (ONES_ * '"'), b = x ^ (ONES_ * '\\');
  return (((x - ONES_ * 0x20) & ~x) | ((q - ONES_) & ~q) | ((b - ONES_) & ~b)) & HIGH_;
}

static char *json_str_to(char *o, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  *o++ = '"';
  for (size_t i = 0; i < n; i++) {
    while (i + 8 <= n) { /* copy clean 8-byte blocks */
      uint64_t x;
      memcpy(&x, s + i, 8);
      if (esc8(x)) break;
      memcpy(o, &x, 8);
      o += 8;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = (unsigned char)s[i];
    if (!needs_esc[c]) {
      *o++ = (char)c;
      continue;
    }
    *o++ = '\\';
    switch (c) {
    case '"': *o++ = '"'; break;
    case '\\': *o++ = '\\'; break;
    case '\n': *o++ = 'n'; break;
    case '\r': *o++ = 'r'; break;
    case '\t': *o++ = 't'; break;
    default: *o++ = 'u', *o++ = '0', *o++ = '0', *o++ = hex[c >> 4], *o++ = hex[c & 15];
    }
  }
  *o++ = '"';
  return o;
}

void screen_json_str(buf_t *b, const char *s, size_t n) {
  if (ob_reserve(b, 6 * n + 2)) return;
  char *o = json_str_to(b->data + b->len, s, n);
  b->len = (size_t)(o - b->data);
  b->data[b->len] = '\0';
}

/* Decimal digits of v at o; returns the end. */
static char *u64_to(char *o, unsigned long long v) {
  if (v < 100) { /* offsets, weights and scores are mostly small */
    if (v >= 10) *o++ = (char)('0' + v / 10);
    *o++ = (char)('0' + v % 10);
    return o;
  }
  if (v < 1000) {
    o[0] = (char)('0' + v / 100);
    o[1] = (char)('0' + v / 10 % 10);
    o[2] = (char)('0' + v % 10);
    return o + 3;
  }
  char t[24];
  size_t k = sizeof t;
  do t[--k] = (char)('0' + v % 10); while ((v /= 10) != 0);
  memcpy(o, t + k, sizeof t - k);
  return o + (sizeof t - k);
}
static char *int_to(char *o, long long v) {
  if (v < 0) {
    *o++ = '-';
    return u64_to(o, 0ULL - (unsigned long long)v);
  }
  return u64_to(o, (unsigned long long)v);
}

static char *lit_to(char *o, const char *s, size_t n) {
  mem_copy(o, s, n);
  return o + n;
}
/* a literal: a constant-size memcpy the compiler inlines */
#define LIT(o, s) (memcpy((o), (s), sizeof(s) - 1), (o) + sizeof(s) - 1)

/* s[0..n) between quotes: for text known to need no escaping (screen_hit_t.plain). */
static char *quoted_to(char *o, const char *s, size_t n) {
  *o++ = '"';
  mem_copy(o, s, n);
  o += n;
  *o++ = '"';
  return o;
}

/* Readable form for a terminal: one block per post with hits. */
static void human_line(buf_t *out, json_t *id, const char *teks, const screen_result_t *r) {
  if (!r->nhits) return;
  if (json_is_string(id)) buf_printf(out, "%s", json_string_value(id));
  else if (json_is_integer(id)) buf_printf(out, "%lld", (long long)json_integer_value(id));
  else buf_puts(out, "(tanpa id)");
  buf_printf(out, "  skor %d%s\n", r->skor, r->skor >= SCREEN_THRESHOLD ? "  ← perlu ditinjau" : "");
  for (size_t i = 0; i < r->nhits; i++) {
    const screen_hit_t *h = &r->hits[i];
    buf_printf(out, "  - [%s] «%.*s» (bita %zu–%zu): %s\n", h->kategori, (int)(h->akhir - h->mulai), teks + h->mulai,
               h->mulai, h->akhir, h->penjelasan);
  }
}

/* ---- fast reader ---- */

typedef struct {
  const char *p, *end;
  char *o; /* unescape cursor in the work buffer */
} rd_t;

static inline void ws(rd_t *r) {
  const char *p = r->p, *end = r->end;
  if (p < end && (unsigned char)*p > ' ') return; /* most calls */
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) p++;
  r->p = p;
}

static int hexv(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

static int hex4(const char *p, const char *end, unsigned *v) {
  if (end - p < 4) return 0;
  *v = 0;
  for (int i = 0; i < 4; i++) {
    int h = hexv(p[i]);
    if (h < 0) return 0;
    *v = *v << 4 | (unsigned)h;
  }
  return 1;
}

/* Length of a valid UTF-8 sequence at p (lead byte >= 0x80), 0 if invalid
 * (overlong, surrogate, > U+10FFFF, truncated) — the checks jansson makes. */
static size_t utf8_ok(const unsigned char *p, const unsigned char *end) {
  unsigned c = p[0], cp;
  size_t n;
  if (c >= 0xC2 && c <= 0xDF) n = 2, cp = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) n = 3, cp = c & 0x0F;
  else if (c >= 0xF0 && c <= 0xF4) n = 4, cp = c & 0x07;
  else return 0;
  if ((size_t)(end - p) < n) return 0;
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (p[i] & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

static void put_utf8(rd_t *r, unsigned cp) {
  if (cp < 0x80) *r->o++ = (char)cp;
  else if (cp < 0x800) *r->o++ = (char)(0xC0 | cp >> 6), *r->o++ = (char)(0x80 | (cp & 0x3F));
  else if (cp < 0x10000)
    *r->o++ = (char)(0xE0 | cp >> 12), *r->o++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *r->o++ = (char)(0x80 | (cp & 0x3F));
  else
    *r->o++ = (char)(0xF0 | cp >> 18), *r->o++ = (char)(0x80 | ((cp >> 12) & 0x3F)),
    *r->o++ = (char)(0x80 | ((cp >> 6) & 0x3F)), *r->o++ = (char)(0x80 | (cp & 0x3F));
}

/* String at r->p (after the opening quote) unescaped to r->o; 0 = not in the subset. */
static int rd_str_copy(rd_t *r, const char **s, size_t *n) {
  *s = r->o;
  while (r->p < r->end) {
    { /* fast path: a run of printable ASCII other than '"' and '\\' */
      const char *p = r->p, *end = r->end;
      char *o = r->o;
      while (end - p >= 8) {
        uint64_t x;
        memcpy(&x, p, 8);
        if (esc8(x) | (x & HIGH_)) break;
        memcpy(o, &x, 8);
        o += 8;
        p += 8;
      }
      while (p < end && !needs_esc[(unsigned char)*p] && (unsigned char)*p < 0x80) *o++ = *p++;
      r->o = o;
      r->p = p;
      if (p >= end) break;
    }
    unsigned char c = (unsigned char)*r->p;
    if (c == '"') {
      r->p++;
      *n = (size_t)(r->o - *s);
      return 1;
    }
    if (c < 0x20) return 0;
    if (c >= 0x80) {
      size_t k = utf8_ok((const unsigned char *)r->p, (const unsigned char *)r->end);
      if (!k) return 0;
      memcpy(r->o, r->p, k);
      r->o += k;
      r->p += k;
      continue;
    }
    if (c != '\\') {
      *r->o++ = (char)c;
      r->p++;
      continue;
    }
    if (r->end - r->p < 2) return 0;
    char e = r->p[1];
    r->p += 2;
    switch (e) {
    case '"': *r->o++ = '"'; break;
    case '\\': *r->o++ = '\\'; break;
    case '/': *r->o++ = '/'; break;
    case 'b': *r->o++ = '\b'; break;
    case 'f': *r->o++ = '\f'; break;
    case 'n': *r->o++ = '\n'; break;
    case 'r': *r->o++ = '\r'; break;
    case 't': *r->o++ = '\t'; break;
    case 'u': {
      unsigned v, lo;
      if (!hex4(r->p, r->end, &v) || v == 0) return 0;
      r->p += 4;
      if (v >= 0xDC00 && v <= 0xDFFF) return 0;
      if (v >= 0xD800 && v <= 0xDBFF) {
        if (r->end - r->p < 6 || r->p[0] != '\\' || r->p[1] != 'u' || !hex4(r->p + 2, r->end, &lo) || lo < 0xDC00 ||
            lo > 0xDFFF)
          return 0;
        r->p += 6;
        v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
      }
      put_utf8(r, v);
      break;
    }
    default: return 0;
    }
  }
  return 0;
}

/* Bytes that end a run of plain string bytes: controls, '"', '\\' and
 * every byte of a multi-byte UTF-8 sequence (validated one by one). */
static const unsigned char str_stop_tab[256] = {
  [0 ... 0x1F] = 1,
  ['"'] = 1,
  ['\\'] = 1,
  [0x80 ... 0xFF] = 1,
};

#if defined(__SSE2__)
/* Bit i: byte p[i] of the 16 at p is one str_stop_tab marks. */
static inline unsigned stop16(const char *p) {
  const __m128i quote = _mm_set1_epi8('"'), bsl = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  /* signed v < 0x20: the controls and every byte >= 0x80 */
  __m128i x = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, bsl)), _mm_cmplt_epi8(v, space));
  return (unsigned)_mm_movemask_epi8(x);
}
#endif

/* First byte in [p, end) that str_stop_tab marks, or end. */
static inline __attribute__((always_inline)) const char *str_stop(const char *p, const char *end) {
#if defined(__SSE2__)
  for (; end - p >= 16; p += 16) {
    unsigned mask = stop16(p);
    if (mask) return p + __builtin_ctz(mask);
  }
#endif
  while (p < end && !str_stop_tab[(unsigned char)*p]) p++;
  return p;
}

/* String at r->p (after the opening quote). Without escapes it is
 * returned in place (*s points into the line, not NUL-terminated); with
 * escapes it is unescaped into the work buffer. 0 = not in the subset. */
static inline __attribute__((always_inline)) int rd_str(rd_t *r, const char **s, size_t *n) {
  const char *start = r->p, *p = start;
  for (;;) {
    p = str_stop(p, r->end);
    if (p >= r->end) return 0;
    unsigned char c = (unsigned char)*p;
    if (c == '"') {
      *s = start;
      *n = (size_t)(p - start);
      r->p = p + 1;
      return 1;
    }
    if (c < 0x20) return 0;
    if (c == '\\') break;
    size_t k = utf8_ok((const unsigned char *)p, (const unsigned char *)r->end);
    if (!k) return 0;
    p += k;
  }
  r->p = start;
  return rd_str_copy(r, s, n);
}

typedef struct {
  const char *teks, *id;
  size_t tlen, idlen;
  long long idv;
  int has_teks, id_kind; /* 0 absent/other, 1 string, 2 integer */
} fast_t;

/* 1: parsed into f; 0: not in the subset (use jansson). */
static int fast_parse(rd_t *r, fast_t *f) {
  memset(f, 0, sizeof *f);
  ws(r);
  if (r->p >= r->end || *r->p++ != '{') return 0;
  ws(r);
  if (r->p < r->end && *r->p == '}') return 0; /* no teks: let jansson answer */
  for (;;) {
    const char *k, *v;
    size_t kn, vn;
    ws(r);
    if (r->p >= r->end || *r->p++ != '"' || !rd_str(r, &k, &kn)) return 0;
    ws(r);
    if (r->p >= r->end || *r->p++ != ':') return 0;
    ws(r);
    if (r->p >= r->end) return 0;
    int is_teks = kn == 4 && memcmp(k, "teks", 4) == 0, is_id = kn == 2 && memcmp(k, "id", 2) == 0;
    char c = *r->p;
    if (c == '"') {
      r->p++;
      if (!rd_str(r, &v, &vn)) return 0;
      if (is_teks) f->teks = v, f->tlen = vn, f->has_teks = 1;
      if (is_id) f->id = v, f->idlen = vn, f->id_kind = 1;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      const char *s = r->p;
      if (c == '-') r->p++;
      const char *d = r->p;
      while (r->p < r->end && *r->p >= '0' && *r->p <= '9') r->p++;
      size_t nd = (size_t)(r->p - d);
      if (nd == 0 || nd > 18 || (nd > 1 && *d == '0')) return 0;
      if (r->p < r->end && (*r->p == '.' || *r->p == 'e' || *r->p == 'E')) return 0;
      if (is_teks) return 0;
      if (is_id) f->idv = strtoll(s, NULL, 10), f->id_kind = 2;
    } else {
      static const char *const lit[] = {"true", "false", "null"};
      size_t i = 0, ln = 0;
      for (; i < 3; i++) {
        ln = strlen(lit[i]);
        if ((size_t)(r->end - r->p) >= ln && memcmp(r->p, lit[i], ln) == 0) break;
      }
      if (i == 3 || is_teks) return 0;
      r->p += ln;
      if (is_id) f->id_kind = 0;
    }
    ws(r);
    if (r->p >= r->end) return 0;
    c = *r->p++;
    if (c == '}') break;
    if (c != ',') return 0;
  }
  ws(r);
  return r->p == r->end && f->has_teks;
}

/* Stop positions of a whole line, one bit per byte (str_stop_tab), with
 * a sentinel bit at the end, so finding the end of each key and value is
 * a bit search instead of a scan per string: the line is classified 16
 * bytes at a time once. Lines up to STOP_MAX bytes; longer ones scan per
 * string. */
enum { STOP_MAX = 4096 };
typedef struct {
  const char *base;
  uint64_t w[STOP_MAX / 64 + 1];
} stops_t;

#if defined(__SSE2__)
static void stops_build(stops_t *st, const char *p, size_t n) {
  st->base = p;
  size_t i = 0;
  for (; i + 64 <= n; i += 64)
    st->w[i / 64] = (uint64_t)stop16(p + i) | (uint64_t)stop16(p + i + 16) << 16 | (uint64_t)stop16(p + i + 32) << 32 |
                    (uint64_t)stop16(p + i + 48) << 48;
  uint64_t m = 0;
  for (; i + 16 <= n; i += 16) m |= (uint64_t)stop16(p + i) << (i % 64);
  if (i < n) {
    /* the last bytes: the 16 that end the line (n >= 16), or a copy */
    unsigned t16;
    if (n >= 16) {
      t16 = stop16(p + n - 16) >> (16 - (n - i));
    } else {
      char t[16] = {0};
      memcpy(t, p + i, n - i);
      t16 = stop16(t) & ((1u << (n - i)) - 1);
    }
    m |= (uint64_t)t16 << (i % 64); /* i % 64 is 0, 16, 32 or 48: no spill */
  }
  st->w[n / 64] = m | 1ULL << (n % 64);
}
#else
static void stops_build(stops_t *st, const char *p, size_t n) {
  st->base = p;
  memset(st->w, 0, (n / 64 + 1) * sizeof *st->w);
  for (size_t j = 0; j < n; j++) st->w[j / 64] |= (uint64_t)str_stop_tab[(unsigned char)p[j]] << (j % 64);
  st->w[n / 64] |= 1ULL << (n % 64);
}
#endif

/* First stop byte at or after p (p <= end), or end (the sentinel). */
static inline __attribute__((always_inline)) const char *stops_next(const stops_t *st, const char *p) {
  size_t i = (size_t)(p - st->base), k = i / 64;
  uint64_t m = st->w[k] & (~0ULL << (i % 64));
  while (!m) m = st->w[++k];
  return st->base + k * 64 + (size_t)__builtin_ctzll(m);
}

/* The end of the string at p: by the line's bitmap, or by scanning when
 * the line is too long for one (st NULL). */
static inline __attribute__((always_inline)) const char *next_stop(const stops_t *st, const char *p, const char *end) {
  return st ? stops_next(st, p) : str_stop(p, end);
}

/* The line shape every exporter writes: one object of string members,
 * no whitespace between tokens and no escapes, UTF-8 checked as jansson
 * does. 1: parsed into f (strings point into the line); 0: anything else
 * (fast_parse and then jansson decide). */
static int flat_parse(const char *p, const char *end, fast_t *f) {
  memset(f, 0, sizeof *f);
  while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t')) end--;
  stops_t bits, *st = NULL;
  if (end - p <= STOP_MAX) stops_build(st = &bits, p, (size_t)(end - p));
  if (end - p < 2 || *p++ != '{') return 0;
  for (;;) {
    if (p >= end || *p++ != '"') return 0;
    const char *k = p;
    p = next_stop(st, p, end);
    if (p >= end || *p != '"') return 0;
    size_t kn = (size_t)(p - k);
    p++;
    if (end - p < 2 || p[0] != ':' || p[1] != '"') return 0;
    p += 2;
    const char *v = p;
    for (;;) {
      p = next_stop(st, p, end);
      if (p >= end) return 0;
      unsigned char c = (unsigned char)*p;
      if (c == '"') break;
      if (c < 0x80) return 0; /* an escape or a control character */
      size_t n = utf8_ok((const unsigned char *)p, (const unsigned char *)end);
      if (!n) return 0;
      p += n;
    }
    size_t vn = (size_t)(p - v);
    p++;
    if (kn == 4 && !memcmp(k, "teks", 4)) f->teks = v, f->tlen = vn, f->has_teks = 1;
    else if (kn == 2 && !memcmp(k, "id", 2)) f->id = v, f->idlen = vn, f->id_kind = 1;
    if (p >= end) return 0;
    char c = *p++;
    if (c == '}') return p == end && f->has_teks;
    if (c != ',') return 0;
  }
}

static err_t write_result(buf_t *out, const screen_result_t *r) {
  if (ob_reserve(out, 48)) return ERR_NOMEM;
  char *o = out->data + out->len;
  o = LIT(o, ",\"skor\":");
  o = int_to(o, r->skor);
  o = LIT(o, ",\"hits\":[");
  for (size_t i = 0; i < r->nhits; i++) {
    const screen_hit_t *h = &r->hits[i];
    size_t al = h->aturan_len, kl = h->kategori_len;
    out->len = (size_t)(o - out->data);
    if (ob_reserve(out, 6 * (al + h->istilah_len + h->penjelasan_len) + kl + 160)) return ERR_NOMEM;
    o = out->data + out->len;
    o = i ? LIT(o, ",{\"aturan\":") : LIT(o, "{\"aturan\":");
    o = h->plain ? quoted_to(o, h->aturan, al) : json_str_to(o, h->aturan, al);
    o = LIT(o, ",\"kategori\":\"");
    o = lit_to(o, h->kategori, kl);
    o = LIT(o, "\",\"istilah\":");
    o = h->plain ? quoted_to(o, h->istilah, h->istilah_len) : json_str_to(o, h->istilah, h->istilah_len);
    o = LIT(o, ",\"mulai\":");
    o = u64_to(o, h->mulai);
    o = LIT(o, ",\"akhir\":");
    o = u64_to(o, h->akhir);
    o = LIT(o, ",\"bobot\":");
    o = int_to(o, h->bobot_efektif);
    o = LIT(o, ",\"penjelasan\":");
    o = h->plain ? quoted_to(o, h->penjelasan, h->penjelasan_len) : json_str_to(o, h->penjelasan, h->penjelasan_len);
    *o++ = '}';
  }
  out->len = (size_t)(o - out->data);
  if (ob_reserve(out, 8)) return ERR_NOMEM;
  o = LIT(out->data + out->len, "]}\n");
  out->len = (size_t)(o - out->data);
  out->data[out->len] = '\0';
  return ERR_OK;
}

err_t screen_jsonl_line(const screen_engine_t *e, screen_scratch_t *s, const char *line, size_t len, int human,
                        buf_t *out, screen_result_t *res, char *err, size_t errcap) {
  err_t rc = ERR_OK;
  if (human == SCREEN_OUT_JSON) {
    fast_t f;
    int ok = flat_parse(line, line + len, &f);
    if (!ok) {
      char *tmp = screen_scratch_tmp(s, len + 1);
      rd_t rd = {line, line + len, tmp};
      ok = tmp && fast_parse(&rd, &f);
    }
    if (ok) {
      screen_result_t r;
      if ((rc = screen_post(e, s, f.teks, f.tlen, &r))) {
        snprintf(err, errcap, "%s", err_message(rc));
        return rc;
      }
      if (ob_reserve(out, 6 * f.idlen + 32)) return ERR_NOMEM;
      char *o = LIT(out->data + out->len, "{\"id\":");
      if (f.id_kind == 1) o = json_str_to(o, f.id, f.idlen);
      else if (f.id_kind == 2) o = int_to(o, f.idv);
      else o = LIT(o, "null");
      out->len = (size_t)(o - out->data);
      out->data[out->len] = '\0';
      rc = write_result(out, &r);
      if (res) *res = r;
      return rc;
    }
  }
  json_error_t jerr;
  json_t *root = json_loadb(line, len, 0, &jerr);
  if (!root) {
    snprintf(err, errcap, "JSON tidak sah (kolom %d).", jerr.column);
    return ERR_BAD_JSON;
  }
  json_t *teks = json_object_get(root, "teks");
  json_t *id = json_object_get(root, "id");
  if (!json_is_object(root) || !json_is_string(teks)) {
    snprintf(err, errcap, "pos harus objek JSON dengan \"teks\" berupa string");
    rc = ERR_BAD_JSON;
    goto done;
  }
  screen_result_t r;
  if ((rc = screen_post(e, s, json_string_value(teks), json_string_length(teks), &r))) {
    snprintf(err, errcap, "%s", err_message(rc));
    goto done;
  }
  if (human == SCREEN_OUT_HUMAN) {
    human_line(out, id, json_string_value(teks), &r);
    goto finish;
  }
  buf_puts(out, "{\"id\":");
  if (json_is_string(id)) screen_json_str(out, json_string_value(id), json_string_length(id));
  else if (json_is_integer(id)) buf_printf(out, "%lld", (long long)json_integer_value(id));
  else buf_puts(out, "null");
  write_result(out, &r);
finish:
  if (out->oom) rc = ERR_NOMEM;
  if (res) *res = r;
done:
  json_decref(root);
  return rc;
}
