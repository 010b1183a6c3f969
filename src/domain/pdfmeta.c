/* pdfmeta.c — PDF evidence without identifying metadata, edited in place (see pdfmeta.h). */
#include "domain/pdfmeta.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ZLIB_CONST
#include <zlib.h>

#include "core/bytes.h"
#include "core/banned.h"

static err_t bad(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas PDF rusak atau tidak dapat dibaca: metadatanya tidak dapat dipisahkan.");
}
static err_t bad_encrypted(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas PDF terenkripsi: metadatanya tidak dapat dibaca sehingga tidak dapat dipisahkan.");
}
/* Every refusal about Info begins "Info dokumen PDF": the API puts the
 * message after its own "... tidak dapat dibuat: ". */
static err_t bad_missing(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF tidak ditemukan di dalam berkas: metadatanya tidak dapat dipastikan bersih.");
}
static err_t bad_objstm_filter(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF mungkin tersimpan di dalam object stream dengan filter yang tidak didukung (hanya "
                 "FlateDecode tanpa predictor): metadatanya tidak dapat dipisahkan.");
}
static err_t bad_objstm_damaged(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF mungkin tersimpan di dalam object stream yang rusak dan tidak dapat diekstrak: "
                 "metadatanya tidak dapat dipisahkan.");
}
static err_t bad_objstm_large(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF mungkin tersimpan di dalam object stream yang terlalu besar setelah diekstrak "
                 "(kemungkinan zip bomb): metadatanya tidak dapat dipisahkan.");
}
static err_t bad_objstm_refit(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF di dalam object stream tidak dapat dikompresi ulang dengan panjang yang sama: "
                 "metadatanya tidak dapat dipisahkan tanpa mengubah berkas.");
}
static err_t bad_jpeg(void) {
  return err_set(ERR_INVALID, "bukti", "Gambar JPEG di dalam berkas PDF rusak: metadatanya tidak dapat dipisahkan.");
}

/* ---------- lexer ---------- */

enum { T_EOF, T_DICT, T_DICT_END, T_ARRAY, T_ARRAY_END, T_LITERAL, T_HEX, T_NAME, T_WORD, T_BAD, V_REF };

typedef struct {
  int kind; /* T_* (V_REF only for values) */
  size_t start, end;
} tok_t;

typedef struct {
  int kind;
  size_t start, end;
  uint64_t num, gen; /* V_REF */
} val_t;

typedef struct {
  uint64_t num, gen;
} ref_t;

/* An object: a top-level `num gen obj` (stm -1; its value, the dictionary
 * of a stream, at in[start..end)), or one listed in the header of object
 * stream stm (generation 0; its value lies in its slot [start..end) of the
 * decoded data, up to the next offset listed there; objects listed at one
 * offset share one slot, numbered slot; partial: that data was cut short,
 * so the object cannot be cleaned). */
typedef struct {
  uint64_t num, gen;
  size_t start, end, slot;
  long stm;
  int partial;
} obj_t;

typedef struct {
  ref_t *v;
  size_t n, cap;
} refs_t;

/* Why the objects of an object stream cannot all be read. */
enum { OS_OK, OS_FILTER, OS_DAMAGED, OS_LARGE };

/* A /Type /ObjStm stream: its data in[ds..de) (exact: delimited by its
 * direct /Length), /N and /First (-1 unless direct integers), and once
 * read its decoded bytes data[0..len): the file's own bytes when it has
 * no filter (copy is then the output at the same offset), else inflated
 * into buf (copy: made when an object in it is blanked). */
typedef struct {
  size_t ds, de;
  int exact, flate, unsupported;
  int64_t n, first;
  const unsigned char *data;
  unsigned char *buf, *copy;
  size_t len;
  int why; /* OS_*: why it cannot be listed or not all of it was decoded */
} objstm_t;

typedef struct {
  const unsigned char *in;
  unsigned char *copy; /* same offsets as in */
  size_t n;
  obj_t *objs;
  size_t nobjs, capobjs;
  objstm_t *stms;
  size_t nstms, capstms;
  size_t inflated;  /* bytes inflated from object streams so far */
  unsigned char *slot_done; /* per slot of the object streams: its strings are blanked */
  refs_t info;      /* /Info of the trailers */
  refs_t strs;      /* references inside Info dictionaries */
  int jpeg_bad;     /* a DCTDecode stream could not be walked: refused once the whole file is read */
} pdf_t;

static int is_ws(unsigned char c) { return c == 0 || c == 9 || c == 10 || c == 12 || c == 13 || c == 32; }
static int is_delim(unsigned char c) {
  switch (c) {
  case '(': case ')': case '<': case '>': case '[': case ']': case '{': case '}': case '/': case '%':
    return 1;
  default:
    return 0;
  }
}
static int is_regular(unsigned char c) { return !is_ws(c) && !is_delim(c); }
static int hex_val(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Past whitespace and comments from p. */
static size_t skip_ws(const pdf_t *d, size_t p) {
  while (p < d->n) {
    if (is_ws(d->in[p])) {
      p++;
    } else if (d->in[p] == '%') {
      while (p < d->n && d->in[p] != '\r' && d->in[p] != '\n') p++;
    } else {
      break;
    }
  }
  return p;
}

/* The token after *p; *p moves past it. -1 for a string or hex string that
 * does not end, or a hex string with a foreign byte. A literal string ends
 * at the `)` that balances its `(`; a backslash escapes the byte after it. */
static int lex(const pdf_t *d, size_t *p, tok_t *t) {
  const unsigned char *in = d->in;
  size_t n = d->n, i = skip_ws(d, *p);
  t->start = i;
  if (i >= n) {
    t->kind = T_EOF;
  } else {
    switch (in[i]) {
    case '(': {
      size_t depth = 1;
      for (i++;; i++) {
        if (i >= n) return -1;
        if (in[i] == '\\') i++; /* the next byte is escaped (or, past the end, caught above) */
        else if (in[i] == '(') depth++;
        else if (in[i] == ')' && --depth == 0) break;
      }
      t->kind = T_LITERAL;
      i++;
      break;
    }
    case '<':
      if (i + 1 < n && in[i + 1] == '<') {
        t->kind = T_DICT;
        i += 2;
        break;
      }
      for (i++; i < n && in[i] != '>'; i++)
        if (!is_ws(in[i]) && hex_val(in[i]) < 0) return -1;
      if (i >= n) return -1;
      t->kind = T_HEX;
      i++;
      break;
    case '>':
      t->kind = i + 1 < n && in[i + 1] == '>' ? T_DICT_END : T_BAD;
      i += t->kind == T_DICT_END ? 2 : 1;
      break;
    case '[':
      t->kind = T_ARRAY;
      i++;
      break;
    case ']':
      t->kind = T_ARRAY_END;
      i++;
      break;
    case ')': case '{': case '}':
      t->kind = T_BAD;
      i++;
      break;
    case '/':
      for (i++; i < n && is_regular(in[i]); i++) {
      }
      t->kind = T_NAME;
      break;
    default:
      while (i < n && is_regular(in[i])) i++;
      t->kind = T_WORD;
      break;
    }
  }
  t->end = i;
  *p = i;
  return 0;
}

static int word_is(const pdf_t *d, const tok_t *t, const char *w) {
  size_t len = strlen(w);
  return t->kind == T_WORD && t->end - t->start == len && memcmp(d->in + t->start, w, len) == 0;
}

/* An unsigned integer word of at most 10 digits (object numbers, lengths). */
static int word_uint(const pdf_t *d, const tok_t *t, uint64_t *v) {
  size_t len = t->end - t->start;
  if (t->kind != T_WORD || len < 1 || len > 10) return 0;
  uint64_t x = 0;
  for (size_t i = t->start; i < t->end; i++) {
    if (d->in[i] < '0' || d->in[i] > '9') return 0;
    x = x * 10 + (uint64_t)(d->in[i] - '0');
  }
  *v = x;
  return 1;
}

/* The name token in[start..end) ("/Key", #xx escapes decoded) is /name. */
static int name_is(const pdf_t *d, size_t start, size_t end, const char *name) {
  const unsigned char *in = d->in;
  size_t i = start + 1, j = 0, len = strlen(name);
  while (i < end) {
    int c = in[i++];
    if (c == '#' && end - i >= 2 && hex_val(in[i]) >= 0 && hex_val(in[i + 1]) >= 0) {
      c = hex_val(in[i]) << 4 | hex_val(in[i + 1]);
      i += 2;
    }
    if (j >= len || (unsigned char)name[j] != c) return 0;
    j++;
  }
  return j == len;
}

/* Keywords that end or open structure: inside a value they mean the value
 * lost its closing delimiter, and reading on would take data for syntax. */
static int word_reserved(const pdf_t *d, const tok_t *t) {
  static const char *const words[] = {"obj", "endobj", "stream", "endstream", "trailer", "xref", "startxref"};
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (word_is(d, t, words[i])) return 1;
  return 0;
}

/* ---------- values ---------- */

static err_t value(pdf_t *d, size_t *p, int depth, val_t *v);

/* The value that begins with token t (already read; *p is past it). A
 * dictionary or array spans to its closing delimiter; `N G R` is one V_REF. */
static err_t value_from(pdf_t *d, const tok_t *t, size_t *p, int depth, val_t *v) {
  v->kind = t->kind;
  v->start = t->start;
  v->end = t->end;
  switch (t->kind) {
  case T_LITERAL: case T_HEX: case T_NAME:
    return ERR_OK;
  case T_WORD: {
    if (word_reserved(d, t)) return bad();
    uint64_t num, gen;
    size_t q = skip_ws(d, *p);
    if (word_uint(d, t, &num) && q < d->n && d->in[q] >= '0' && d->in[q] <= '9') {
      tok_t t2, t3;
      if (lex(d, &q, &t2) == 0 && word_uint(d, &t2, &gen) && lex(d, &q, &t3) == 0 && word_is(d, &t3, "R")) {
        v->kind = V_REF;
        v->num = num;
        v->gen = gen;
        v->end = t3.end;
        *p = q;
      }
    }
    return ERR_OK;
  }
  case T_DICT:
  case T_ARRAY: {
    if (depth >= PDFMETA_DEPTH) return bad();
    int close = t->kind == T_DICT ? T_DICT_END : T_ARRAY_END;
    for (int key = 1;; key = !key || t->kind == T_ARRAY) {
      tok_t k;
      if (lex(d, p, &k)) return bad();
      if (k.kind == close) {
        if (!key) return bad(); /* a dictionary key without its value */
        v->end = k.end;
        return ERR_OK;
      }
      val_t inner;
      if (t->kind == T_DICT && key && k.kind != T_NAME) return bad();
      err_t e = value_from(d, &k, p, depth + 1, &inner);
      if (e) return e;
    }
  }
  default: /* end of file, a stray closing delimiter */
    return bad();
  }
}

static err_t value(pdf_t *d, size_t *p, int depth, val_t *v) {
  tok_t t;
  if (lex(d, p, &t)) return bad();
  return value_from(d, &t, p, depth, v);
}

/* The next entry of a dictionary whose entries go on at *p: *more = 0 at
 * its `>>` (consumed). */
static err_t dict_next(pdf_t *d, size_t *p, tok_t *key, val_t *v, int *more) {
  if (lex(d, p, key)) return bad();
  *more = key->kind != T_DICT_END;
  if (!*more) return ERR_OK;
  if (key->kind != T_NAME) return bad();
  return value(d, p, 1, v);
}

/* ---------- blanking ---------- */

/* Room for one more element in the growable array arr (n used, cap slots),
 * or return ERR_NOMEM from the calling function. */
#define GROW(arr, n, cap, first)                            \
  do {                                                      \
    if ((n) == (cap)) {                                     \
      size_t c_ = (cap) ? 2 * (cap) : (first);              \
      void *v_ = xrealloc((arr), c_ * sizeof *(arr));       \
      if (!v_) return ERR_NOMEM;                            \
      (arr) = v_;                                           \
      (cap) = c_;                                           \
    }                                                       \
  } while (0)

static err_t refs_push(refs_t *r, uint64_t num, uint64_t gen) {
  GROW(r->v, r->n, r->cap, 16);
  r->v[r->n++] = (ref_t){num, gen};
  return ERR_OK;
}

/* In the copy, blank every string of the (already read) value in[start..end):
 * literal contents become spaces, hex digits `0`. The `N G R` references in
 * it are added to refs when refs is not NULL. */
static err_t blank_strings(pdf_t *d, size_t start, size_t end, refs_t *refs) {
  uint64_t last[2] = {0, 0};
  int ints = 0; /* how many of the tokens just before were unsigned integers */
  for (size_t p = start; p < end;) {
    tok_t t;
    if (lex(d, &p, &t)) return bad();
    if (t.kind == T_EOF || t.start >= end) break;
    uint64_t x;
    if (word_uint(d, &t, &x)) {
      last[0] = last[1];
      last[1] = x;
      ints = ints < 2 ? ints + 1 : 2;
      continue;
    }
    if (t.kind == T_LITERAL) {
      memset(d->copy + t.start + 1, ' ', t.end - t.start - 2);
    } else if (t.kind == T_HEX) {
      for (size_t i = t.start + 1; i + 1 < t.end; i++)
        if (!is_ws(d->in[i])) d->copy[i] = '0';
    } else if (refs && ints == 2 && word_is(d, &t, "R")) {
      err_t e = refs_push(refs, last[0], last[1]);
      if (e) return e;
    }
    ints = 0;
  }
  return ERR_OK;
}

/* A trailer dictionary, or the dictionary of a cross-reference stream, at
 * `<<` in[at]: refuse /Encrypt, note /Info, blank /ID. */
static err_t trailer(pdf_t *d, size_t at) {
  size_t p = at + 2;
  for (;;) {
    tok_t k;
    val_t v;
    int more;
    err_t e = dict_next(d, &p, &k, &v, &more);
    if (e || !more) return e;
    if (name_is(d, k.start, k.end, "Encrypt")) return bad_encrypted();
    if (name_is(d, k.start, k.end, "Info")) {
      if (v.kind == V_REF) e = refs_push(&d->info, v.num, v.gen);
      else if (v.kind == T_DICT) e = blank_strings(d, v.start, v.end, &d->strs); /* not allowed, but readers take it */
    } else if (name_is(d, k.start, k.end, "ID")) {
      e = blank_strings(d, v.start, v.end, NULL);
    }
    if (e) return e;
  }
}

/* ---------- streams ---------- */

typedef struct {
  int metadata, xref, objstm;
  int dct, flate, other_filter; /* a /Filter that is /X or [/X], for X DCTDecode, FlateDecode; another /Filter */
  int parms;                    /* a /DecodeParms that may change the decoded data (a predictor) */
  int64_t length, n, first;     /* direct /Length, /N, /First; -1 */
} sdict_t;

/* The /Filter value v is /name or [/name]. */
static int filter_is(pdf_t *d, const val_t *v, const char *name) {
  if (v->kind == T_NAME) return name_is(d, v->start, v->end, name);
  if (v->kind != T_ARRAY) return 0;
  size_t p = v->start;
  tok_t open, t, close;
  return lex(d, &p, &open) == 0 && lex(d, &p, &t) == 0 && lex(d, &p, &close) == 0 && t.kind == T_NAME &&
         name_is(d, t.start, t.end, name) && close.kind == T_ARRAY_END && close.end == v->end;
}

/* A /DecodeParms value that leaves FlateDecode data as it is: null, a
 * dictionary whose /Predictor, if any, is 1, or [ either ]. */
static int parms_plain(pdf_t *d, const val_t *v, int depth) {
  tok_t t = {v->kind, v->start, v->end};
  if (v->kind == T_WORD) return word_is(d, &t, "null");
  if (v->kind == T_ARRAY && depth == 0) {
    size_t p = v->start + 1;
    val_t inner;
    tok_t close;
    return value(d, &p, 1, &inner) == ERR_OK && parms_plain(d, &inner, 1) && lex(d, &p, &close) == 0 &&
           close.kind == T_ARRAY_END && close.end == v->end;
  }
  if (v->kind != T_DICT) return 0;
  size_t p = v->start + 2;
  for (;;) {
    tok_t k;
    val_t w;
    int more;
    if (dict_next(d, &p, &k, &w, &more)) return 0;
    if (!more) return 1;
    tok_t wt = {w.kind, w.start, w.end};
    if (name_is(d, k.start, k.end, "Predictor") && !word_is(d, &wt, "1")) return 0;
  }
}

static int64_t direct_uint(pdf_t *d, const val_t *v) {
  uint64_t x;
  tok_t t = {v->kind, v->start, v->end};
  return v->kind == T_WORD && word_uint(d, &t, &x) ? (int64_t)x : -1;
}

static err_t stream_dict(pdf_t *d, size_t at, sdict_t *s) {
  memset(s, 0, sizeof *s);
  s->length = s->n = s->first = -1;
  size_t p = at + 2;
  for (;;) {
    tok_t k;
    val_t v;
    int more;
    err_t e = dict_next(d, &p, &k, &v, &more);
    if (e || !more) return e;
    if (name_is(d, k.start, k.end, "Type") && v.kind == T_NAME) {
      s->metadata |= name_is(d, v.start, v.end, "Metadata");
      s->xref |= name_is(d, v.start, v.end, "XRef");
      s->objstm |= name_is(d, v.start, v.end, "ObjStm");
    } else if (name_is(d, k.start, k.end, "Subtype") && v.kind == T_NAME) {
      s->metadata |= name_is(d, v.start, v.end, "XML");
    } else if (name_is(d, k.start, k.end, "Filter")) {
      if (filter_is(d, &v, "DCTDecode")) s->dct = 1;
      else if (filter_is(d, &v, "FlateDecode")) s->flate = 1;
      else s->other_filter = 1;
    } else if (name_is(d, k.start, k.end, "DecodeParms")) {
      s->parms |= !parms_plain(d, &v, 0);
    } else if (name_is(d, k.start, k.end, "Length")) {
      s->length = direct_uint(d, &v);
    } else if (name_is(d, k.start, k.end, "N")) {
      s->n = direct_uint(d, &v);
    } else if (name_is(d, k.start, k.end, "First")) {
      s->first = direct_uint(d, &v);
    }
  }
}

/* Blank the /Filter and /DecodeParms entries (key and value) of the stream
 * dictionary at in[at], so that its data (now spaces) is read as is. */
static err_t blank_filter(pdf_t *d, size_t at) {
  size_t p = at + 2;
  for (;;) {
    tok_t k;
    val_t v;
    int more;
    err_t e = dict_next(d, &p, &k, &v, &more);
    if (e || !more) return e;
    if (name_is(d, k.start, k.end, "Filter") || name_is(d, k.start, k.end, "DecodeParms"))
      memset(d->copy + k.start, ' ', v.end - k.start);
  }
}

/* The data of the stream whose `stream` keyword ends at *p: [*ds, *de);
 * *p moves past `endstream`. A direct /Length is used when `endstream`
 * follows it (after an end-of-line or none); else the data runs to the
 * first `endstream`, less the end-of-line before it. Blanking never writes
 * or overwrites `endstream` or an end-of-line there, so the copy's streams
 * are found where the original's were (an object stream compressed again
 * is held to the same: deflate_exact). */
static err_t stream_data(pdf_t *d, size_t *p, int64_t length, size_t *ds, size_t *de, int *exact) {
  const unsigned char *in = d->in;
  size_t n = d->n, s = *p;
  if (s < n && in[s] == '\r') s++;
  if (s < n && in[s] == '\n') s++;
  if (s == *p) return bad(); /* `stream` must end its line */
  static const char END[] = "endstream";
  const size_t endlen = sizeof END - 1;
  if (length >= 0 && (uint64_t)length <= n - s) {
    size_t q = s + (size_t)length;
    /* Only an end-of-line: blanking writes spaces and zeros (both PDF
     * whitespace), so skipping any whitespace here could make a wrong
     * /Length look right in the copy and the copy clean differently. */
    if (q < n && in[q] == '\r') q++;
    if (q < n && in[q] == '\n') q++;
    if (n - q >= endlen && memcmp(in + q, END, endlen) == 0) {
      *ds = s;
      *de = s + (size_t)length;
      *p = q + endlen;
      *exact = 1;
      return ERR_OK;
    }
  }
  const unsigned char *hit = memmem(in + s, n - s, END, endlen);
  if (!hit) return bad();
  size_t e = (size_t)(hit - in);
  *p = e + endlen;
  if (e > s && in[e - 1] == '\n') e--;
  if (e > s && in[e - 1] == '\r') e--;
  *ds = s;
  *de = e;
  *exact = 0;
  return ERR_OK;
}

/* A JPEG in[s..e) of a DCTDecode stream: zero the payload of the segments
 * that carry who, where and when, up to the first scan. -1 when its
 * segments cannot be walked. */
static int jpeg_walk(pdf_t *d, size_t s, size_t e) {
  const unsigned char *in = d->in;
  if (e - s < 2 || in[s] != 0xFF || in[s + 1] != 0xD8) return -1;
  for (size_t p = s + 2;;) {
    if (p >= e || in[p] != 0xFF) return -1;
    while (p < e && in[p] == 0xFF) p++; /* fill bytes */
    if (p >= e) return -1;
    unsigned m = in[p++];
    if (m == 0xDA || m == 0xD9) return 0; /* SOS: image data from here; EOI: no image */
    if (m == 0xD8 || m == 0x00) return -1;
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue; /* no length */
    if (e - p < 2) return -1;
    size_t len = bytes_be16(in + p);
    if (len < 2 || len > e - p) return -1;
    if (m == 0xE1 || (m >= 0xE3 && m <= 0xED) || m == 0xEF || m == 0xFE) memset(d->copy + p + 2, 0, len - 2);
    p += len;
  }
}

/* ---------- objects ---------- */

static err_t obj_push(pdf_t *d, const obj_t *o) {
  if (d->nobjs >= PDFMETA_OBJECTS) return bad();
  GROW(d->objs, d->nobjs, d->capobjs, 64);
  d->objs[d->nobjs++] = *o;
  return ERR_OK;
}

static err_t stm_push(pdf_t *d, const objstm_t *s) {
  if (d->nstms >= PDFMETA_OBJSTMS) return bad();
  GROW(d->stms, d->nstms, d->capstms, 16);
  d->stms[d->nstms++] = *s;
  return ERR_OK;
}

/* The object `num gen obj` whose keyword ends at *p: index it; if it is a
 * stream, handle its data and leave *p past `endstream`. */
static err_t object(pdf_t *d, size_t *p, uint64_t num, uint64_t gen) {
  size_t q = *p;
  tok_t t;
  if (lex(d, &q, &t)) return bad();
  obj_t o = {num, gen, t.start, t.start, 0, -1, 0};
  if (word_is(d, &t, "endobj")) { /* an empty object: null */
    *p = q;
    return obj_push(d, &o);
  }
  val_t v;
  err_t e = value_from(d, &t, &q, 0, &v);
  if (e) return e;
  o.end = v.end;
  if ((e = obj_push(d, &o))) return e;
  size_t r = q;
  if (lex(d, &r, &t) || !word_is(d, &t, "stream")) { /* not a stream: the main loop reads on */
    *p = q;
    return ERR_OK;
  }
  if (v.kind != T_DICT) return bad();
  sdict_t s;
  size_t ds = 0, de = 0;
  int exact = 0;
  if ((e = stream_dict(d, v.start, &s)) || (e = stream_data(d, &r, s.length, &ds, &de, &exact))) return e;
  *p = r;
  if (s.xref && (e = trailer(d, v.start))) return e;
  if (s.metadata) {
    memset(d->copy + ds, ' ', de - ds);
    return blank_filter(d, v.start);
  }
  if (s.objstm) {
    objstm_t st = {.ds = ds, .de = de, .exact = exact, .n = s.n, .first = s.first};
    st.flate = s.flate && !s.dct && !s.other_filter && !s.parms;
    st.unsupported = (s.dct || s.other_filter || s.flate) && !st.flate;
    if ((e = stm_push(d, &st))) return e;
  }
  /* An encrypted file's images are ciphertext: its /Encrypt, usually at the
   * end, is what the officer must be told about, so this waits for it. */
  if (s.dct && !s.flate && !s.other_filter && jpeg_walk(d, ds, de)) d->jpeg_bad = 1;
  return ERR_OK;
}

/* Read the whole file as top-level tokens: objects and trailers. */
static err_t scan(pdf_t *d) {
  uint64_t last[2] = {0, 0};
  int ints = 0;
  for (size_t p = 0;;) {
    tok_t t;
    if (lex(d, &p, &t)) return bad();
    if (t.kind == T_EOF) return ERR_OK;
    uint64_t x;
    if (word_uint(d, &t, &x)) {
      last[0] = last[1];
      last[1] = x;
      ints = ints < 2 ? ints + 1 : 2;
      continue;
    }
    int had = ints;
    ints = 0;
    err_t e = ERR_OK;
    if (word_is(d, &t, "obj")) {
      if (had < 2) return bad();
      e = object(d, &p, last[0], last[1]);
    } else if (word_is(d, &t, "trailer")) {
      val_t v;
      e = value(d, &p, 0, &v);
      if (!e && v.kind != T_DICT) e = bad();
      if (!e) e = trailer(d, v.start);
    } else if (word_is(d, &t, "stream") || word_is(d, &t, "endstream")) {
      e = bad();
    } else if (t.kind != T_WORD) {
      val_t v;
      e = value_from(d, &t, &p, 0, &v); /* skipped whole; a stray closing delimiter is refused */
    }
    if (e) return e;
  }
}

/* ---------- zlib ---------- */

/* zlib allocates through the project's wrappers, so tests can make it fail. */
static void *z_alloc(void *opaque, uInt items, uInt size) {
  (void)opaque;
  return size && items > SIZE_MAX / size ? NULL : xmalloc((size_t)items * size);
}
static void z_free(void *opaque, void *p) {
  (void)opaque;
  xfree(p);
}

/* What a zlib helper below came to. */
enum { ZR_WHOLE, ZR_DAMAGED, ZR_LARGE, ZR_NOMEM = -1 };

/* Inflate the zlib stream src[0..n) into *out (caller frees; NULL when
 * nothing could be allocated), at most limit bytes, never allocating more
 * than limit + 1. ZR_WHOLE: the stream ended (bytes after its end are
 * ignored, as readers do); ZR_DAMAGED: it is corrupt or cut short;
 * ZR_LARGE: it inflates to more than limit; *len bytes of *out came out
 * before either. */
static int inflate_bounded(const unsigned char *src, size_t n, size_t limit, unsigned char **out, size_t *len) {
  z_stream z;
  memset(&z, 0, sizeof z);
  z.zalloc = z_alloc;
  z.zfree = z_free;
  *out = NULL;
  *len = 0;
  if (inflateInit(&z) != Z_OK) return ZR_NOMEM;
  size_t cap = 0, got = 0, left = n;
  unsigned char *buf = NULL;
  int ret;
  for (;;) {
    if (z.avail_in == 0 && left) {
      uInt c = left > UINT_MAX ? UINT_MAX : (uInt)left;
      z.next_in = src + (n - left);
      z.avail_in = c;
      left -= c;
    }
    if (got > limit) {
      got = limit;
      ret = ZR_LARGE;
      break;
    }
    if (got == cap) {
      size_t want = cap ? 2 * cap : 4096;
      if (!cap && n < limit / 4 && 4 * n > want) want = 4 * n; /* most object streams inflate to 2-6 times */
      if (want > limit + 1) want = limit + 1;
      unsigned char *b = xrealloc(buf, want);
      if (!b) {
        ret = ZR_NOMEM;
        break;
      }
      buf = b;
      cap = want;
    }
    z.next_out = buf + got;
    z.avail_out = (uInt)(cap - got);
    int r = inflate(&z, Z_NO_FLUSH);
    got = cap - z.avail_out;
    if (r == Z_STREAM_END) {
      ret = got > limit ? ZR_LARGE : ZR_WHOLE;
      if (got > limit) got = limit;
      break;
    }
    if (r == Z_MEM_ERROR) {
      ret = ZR_NOMEM;
      break;
    }
    if ((r != Z_OK && r != Z_BUF_ERROR) || (z.avail_out && !z.avail_in && !left)) {
      ret = ZR_DAMAGED;
      break;
    }
  }
  inflateEnd(&z);
  *out = buf;
  *len = got;
  if (ret == ZR_NOMEM) {
    xfree(buf);
    *out = NULL;
    *len = 0;
  }
  return ret;
}

/* ZR_WHOLE when the zlib stream z[0..zn) ends exactly at its last byte and
 * inflates to u[0..un); ZR_DAMAGED when not; ZR_NOMEM. */
static int inflate_equals(const unsigned char *z, size_t zn, const unsigned char *u, size_t un) {
  enum { CHUNK = 1 << 16 };
  z_stream s;
  memset(&s, 0, sizeof s);
  s.zalloc = z_alloc;
  s.zfree = z_free;
  if (zn > UINT_MAX) return ZR_DAMAGED;
  unsigned char *chunk = xmalloc(CHUNK);
  if (!chunk) return ZR_NOMEM;
  if (inflateInit(&s) != Z_OK) {
    xfree(chunk);
    return ZR_NOMEM;
  }
  s.next_in = z;
  s.avail_in = (uInt)zn;
  size_t pos = 0;
  int ret;
  for (;;) {
    s.next_out = chunk;
    s.avail_out = CHUNK;
    int r = inflate(&s, Z_NO_FLUSH);
    size_t got = CHUNK - s.avail_out;
    if (got > un - pos || memcmp(chunk, u + pos, got) != 0) {
      ret = ZR_DAMAGED;
      break;
    }
    pos += got;
    if (r == Z_STREAM_END) {
      ret = pos == un && s.avail_in == 0 ? ZR_WHOLE : ZR_DAMAGED;
      break;
    }
    if (r == Z_MEM_ERROR) {
      ret = ZR_NOMEM;
      break;
    }
    if ((r != Z_OK && r != Z_BUF_ERROR) || (s.avail_out && !s.avail_in)) {
      ret = ZR_DAMAGED;
      break;
    }
  }
  inflateEnd(&s);
  xfree(chunk);
  return ret;
}

/* Bits written least significant first, as deflate packs them; with p
 * NULL they are only counted. */
typedef struct {
  unsigned char *p;
  size_t len; /* whole bytes so far */
  uint32_t acc;
  int n; /* bits in acc, below 8 between calls */
} bits_t;

static void bits_put(bits_t *w, uint32_t v, int n) {
  w->acc |= v << w->n;
  w->n += n;
  for (; w->n >= 8; w->n -= 8, w->acc >>= 8, w->len++)
    if (w->p) w->p[w->len] = (unsigned char)w->acc;
}

static void bits_align(bits_t *w) {
  if (w->n) bits_put(w, 0, 8 - w->n);
}

/* The end of a deflate stream whose data blocks are all written: `fixed`
 * empty fixed-Huffman blocks (3 header bits and the 7-bit end-of-block
 * code: 10 bits), `stored` empty stored blocks (3 header bits, up to the
 * byte boundary, LEN 0000 and NLEN FFFF), then a final empty block, fixed
 * (10 bits) or stored, and zero bits up to the byte boundary. None of them
 * adds a byte to the inflated data. */
static void deflate_tail(bits_t *w, int fixed, size_t stored, int final_stored) {
  for (int i = 0; i < fixed; i++) bits_put(w, 2, 10); /* BFINAL 0, BTYPE 01, code 256 */
  for (size_t i = 0; i <= stored; i++) {
    if (i == stored && !final_stored) break;
    bits_put(w, i == stored, 3); /* BFINAL, BTYPE 00 */
    bits_align(w);
    bits_put(w, 0, 16);
    bits_put(w, 0xFFFF, 16);
  }
  if (!final_stored) bits_put(w, 3, 10); /* BFINAL 1, BTYPE 01, code 256 */
  bits_align(w);
}

/* Compressor settings tried in turn until one fits: the best compression
 * first, then block sizes and matchers that come out a few bytes
 * different, for the one length just above its shortest stream that a
 * setting cannot reach (see deflate_exact). */
static const struct {
  int level, mem, strategy;
} ZCONF[] = {{9, 9, Z_DEFAULT_STRATEGY}, {9, 8, Z_DEFAULT_STRATEGY}, {9, 7, Z_DEFAULT_STRATEGY},
             {9, 9, Z_FILTERED},         {9, 6, Z_DEFAULT_STRATEGY}, {9, 9, Z_FIXED}};

/* Raw deflate of u[0..un) with setting c into o[0..cap), ended by flush
 * (Z_BLOCK: the last data block completed but not final, up to 7 of its
 * bits held back; Z_FINISH). ZR_WHOLE with *olen bytes out and *bits held;
 * ZR_LARGE when it takes cap bytes or more; ZR_NOMEM. */
static int zrun(size_t c, const unsigned char *u, size_t un, unsigned char *o, size_t cap, int flush, size_t *olen,
                int *bits) {
  z_stream z;
  memset(&z, 0, sizeof z);
  z.zalloc = z_alloc;
  z.zfree = z_free;
  if (deflateInit2(&z, ZCONF[c].level, Z_DEFLATED, -15, ZCONF[c].mem, ZCONF[c].strategy) != Z_OK) return ZR_NOMEM;
  z.next_in = u;
  z.avail_in = (uInt)un;
  z.next_out = o;
  z.avail_out = (uInt)cap;
  int r = deflate(&z, flush);
  unsigned pending = 1;
  *olen = cap - z.avail_out;
  *bits = 0;
  int ok = z.avail_in == 0 && z.avail_out > 0 &&
           (flush == Z_FINISH ? r == Z_STREAM_END
                              : r == Z_OK && deflatePending(&z, &pending, bits) == Z_OK && pending == 0 && *bits < 8);
  if (ok && flush == Z_BLOCK && *bits) { /* finishing writes the held bits into o[olen] (what follows is not used) */
    z.avail_out = 16;
    ok = deflate(&z, Z_FINISH) == Z_STREAM_END;
  }
  deflateEnd(&z);
  return ok ? ZR_WHOLE : ZR_LARGE;
}

/* Write at dst a zlib stream of exactly t bytes that inflates to u[0..un)
 * and ends at its last byte: the 2-byte header, the data, the Adler-32 of
 * u. The data is deflate's own finished stream when that is exactly the
 * length (t = F), else deflate's blocks ended by Z_BLOCK (B bits, F's less
 * the final flag) and empty blocks that fill the gap (deflate_tail): every
 * t from F + 1 up is met but one, 1 to 3 bytes above F, that no sequence
 * of empty blocks reaches (B mod 8 decides which); another setting (ZCONF)
 * then compresses to another B. data_only: the stream must not hold
 * `endstream` nor end in an end-of-line (its extent is found by the next
 * `endstream`). ZR_WHOLE, ZR_LARGE when no setting fits, ZR_NOMEM. */
static int deflate_exact(const unsigned char *u, size_t un, unsigned char *dst, size_t t, int data_only) {
  if (t < 8 || t > UINT_MAX / 2 || un > UINT_MAX / 2) return ZR_LARGE;
  unsigned char *o = xmalloc(t + 16);
  if (!o) return ZR_NOMEM;
  int ret = ZR_LARGE;
  for (size_t c = 0; c < sizeof ZCONF / sizeof *ZCONF && ret == ZR_LARGE; c++) {
    /* The data blocks leave room for the header and the Adler-32: taking
     * t - 5 bytes or more, they do not fit. */
    size_t olen;
    int bits, r = zrun(c, u, un, o, t - 5, Z_BLOCK, &olen, &bits);
    if (r == ZR_NOMEM) ret = ZR_NOMEM;
    if (r != ZR_WHOLE) continue;
    size_t avail = t - 6 - olen, stored = 0; /* from the byte with the held bits to the Adler-32 */
    int fixed = -1, final_stored = 0;
    if (avail == (bits > 0)) { /* exactly deflate's finished stream */
      size_t flen;
      int fbits;
      if ((r = zrun(c, u, un, dst + 2, t - 5, Z_FINISH, &flen, &fbits)) == ZR_NOMEM) ret = ZR_NOMEM;
      if (r != ZR_WHOLE || flen != t - 6) continue;
    } else {
      /* Any number of stored blocks after the first adds exactly 5 bytes;
       * up to 7 fixed blocks and the kind of final block cover the rest. */
      for (int i = 0; i < 8 && fixed < 0; i++) {
        for (int f = 0; f < 2 && fixed < 0; f++) {
          for (size_t k = 0; k < 2 && fixed < 0; k++) {
            bits_t w = {NULL, 0, 0, bits};
            deflate_tail(&w, i, k, f);
            if (k == 0 ? w.len == avail : w.len <= avail && (avail - w.len) % 5 == 0) {
              fixed = i;
              final_stored = f;
              stored = k ? 1 + (avail - w.len) / 5 : 0;
            }
          }
        }
      }
      if (fixed < 0) continue;
      memcpy(dst + 2, o, olen);
      bits_t w = {dst + 2 + olen, 0, bits ? o[olen] & ((1u << bits) - 1) : 0, bits};
      deflate_tail(&w, fixed, stored, final_stored);
    }
    uint32_t adler = (uint32_t)adler32(adler32(0, NULL, 0), u, (uInt)un);
    dst[0] = 0x78; /* deflate, 32 KB window */
    dst[1] = 0xDA; /* best compression, no dictionary; 0x78DA is a multiple of 31 */
    for (int i = 0; i < 4; i++) dst[t - 4 + (size_t)i] = (unsigned char)(adler >> (24 - 8 * i));
    if (data_only && (dst[t - 1] == '\r' || dst[t - 1] == '\n' || memmem(dst, t, "endstream", 9))) continue;
    ret = inflate_equals(dst, t, u, un);
    if (ret == ZR_DAMAGED) ret = ZR_LARGE; /* cannot happen; never write what does not read back */
  }
  xfree(o);
  return ret;
}

/* ---------- object streams ---------- */

/* Decode object stream s and index the objects its header lists. A stream
 * that cannot be decoded whole (another filter, corrupt, too large) still
 * has its objects indexed, as partial, when its header came out whole. */
static err_t objstm_read(pdf_t *d, size_t si) {
  objstm_t *s = &d->stms[si];
  int complete = 1;
  if (s->unsupported) {
    s->why = OS_FILTER;
    return ERR_OK;
  }
  if (!s->flate) {
    s->data = d->in + s->ds;
    s->len = s->de - s->ds;
    s->copy = d->copy + s->ds;
  } else {
    size_t clen = s->de - s->ds, limit = PDFMETA_OBJSTM_BYTES;
    if (clen < (limit - PDFMETA_INFLATE_SLACK) / PDFMETA_INFLATE_RATIO)
      limit = clen * PDFMETA_INFLATE_RATIO + PDFMETA_INFLATE_SLACK;
    if (limit > PDFMETA_INFLATED - d->inflated) limit = PDFMETA_INFLATED - d->inflated;
    int r = inflate_bounded(d->in + s->ds, clen, limit, &s->buf, &s->len);
    if (r == ZR_NOMEM) return ERR_NOMEM;
    s->data = s->buf;
    d->inflated += s->len;
    if (r != ZR_WHOLE) {
      s->why = r == ZR_LARGE ? OS_LARGE : OS_DAMAGED;
      complete = 0;
    }
  }
  /* The header: /N pairs `number offset`, offsets from /First. Cut short,
   * its last pair must be followed by a delimiter, so that it is whole. */
  if (s->n < 0 || s->first < 0 || (complete && (uint64_t)s->first > s->len)) goto unlisted;
  pdf_t h = {.in = s->data, .n = s->len};
  size_t p = 0;
  for (int64_t i = 0; i < s->n; i++) {
    tok_t a, b;
    uint64_t num, off;
    if (lex(&h, &p, &a) || !word_uint(&h, &a, &num) || lex(&h, &p, &b) || !word_uint(&h, &b, &off)) goto unlisted;
    if (complete ? off > s->len - (uint64_t)s->first : b.end >= s->len) goto unlisted;
    obj_t o = {num, 0, (size_t)((uint64_t)s->first + off), 0, 0, (long)si, !complete};
    err_t e = obj_push(d, &o);
    if (e) return e;
  }
  return ERR_OK;
unlisted: /* objects already indexed stay: the file is refused (objstm_check) */
  if (s->why == OS_OK) s->why = OS_DAMAGED;
  s->n = -1;
  return ERR_OK;
}

typedef struct {
  long stm;
  size_t start, i;
} slot_t;

static int slot_cmp(const void *a, const void *b) {
  const slot_t *x = a, *y = b;
  if (x->stm != y->stm) return x->stm < y->stm ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return x->i < y->i ? -1 : x->i > y->i;
}

/* Give each object listed in an object stream its slot: from its offset to
 * the next higher offset listed in that stream, or to the end of the
 * data. Its value must lie there, and objects listed at one offset share
 * the slot and are blanked once, so each decoded byte is read at most once
 * whatever a header says (objects overlapping one another, or a thousand
 * numbers at one offset, cannot make the work grow faster than the data). */
static err_t objstm_slots(pdf_t *d) {
  size_t k = 0, nslots = 0;
  for (size_t i = 0; i < d->nobjs; i++) k += d->objs[i].stm >= 0;
  if (!k) return ERR_OK;
  slot_t *v = xmalloc(k * sizeof *v);
  if (!v) return ERR_NOMEM;
  k = 0;
  for (size_t i = 0; i < d->nobjs; i++)
    if (d->objs[i].stm >= 0) v[k++] = (slot_t){d->objs[i].stm, d->objs[i].start, i};
  qsort(v, k, sizeof *v, slot_cmp);
  for (size_t a = 0, b; a < k; a = b) {
    for (b = a; b < k && v[b].stm == v[a].stm && v[b].start == v[a].start; b++) {
    }
    const objstm_t *s = &d->stms[v[a].stm];
    size_t end = b < k && v[b].stm == v[a].stm ? v[b].start : s->len;
    for (size_t j = a; j < b; j++) {
      d->objs[v[j].i].end = end < v[a].start ? v[a].start : end;
      d->objs[v[j].i].slot = nslots;
    }
    nslots++;
  }
  xfree(v);
  d->slot_done = xcalloc(nslots, 1);
  return d->slot_done ? ERR_OK : ERR_NOMEM;
}

static err_t objstm_why(int why) {
  return why == OS_FILTER ? bad_objstm_filter() : why == OS_LARGE ? bad_objstm_large() : bad_objstm_damaged();
}

/* The first object stream whose objects could not be listed may hold any
 * object, Info among them. */
static err_t objstm_check(pdf_t *d) {
  for (size_t i = 0; i < d->nstms; i++)
    if (d->stms[i].n < 0 || d->stms[i].why == OS_FILTER) return objstm_why(d->stms[i].why);
  return ERR_OK;
}

/* Blank the strings of object o, listed in object stream o->stm. */
static err_t objstm_blank(pdf_t *d, const obj_t *o, refs_t *next) {
  objstm_t *s = &d->stms[o->stm];
  if (o->partial) return objstm_why(s->why);
  if (d->slot_done[o->slot]) return ERR_OK;
  d->slot_done[o->slot] = 1;
  if (!s->copy) {
    s->copy = xmalloc(s->len ? s->len : 1);
    if (!s->copy) return ERR_NOMEM;
    memcpy(s->copy, s->data, s->len);
  }
  pdf_t sub = {.in = s->data, .copy = s->copy, .n = o->end};
  size_t p = o->start;
  val_t v;
  err_t e = value(&sub, &p, 0, &v);
  return e ? e : blank_strings(&sub, v.start, v.end, next);
}

/* Compress again each inflated object stream whose decoded bytes changed,
 * into exactly the bytes its data took. One left unchanged keeps its bytes. */
static err_t objstm_write(pdf_t *d) {
  for (size_t i = 0; i < d->nstms; i++) {
    objstm_t *s = &d->stms[i];
    if (!s->buf || !s->copy || memcmp(s->copy, s->data, s->len) == 0) continue;
    int r = deflate_exact(s->copy, s->len, d->copy + s->ds, s->de - s->ds, !s->exact);
    if (r == ZR_NOMEM) return ERR_NOMEM;
    if (r != ZR_WHOLE) return bad_objstm_refit();
  }
  return ERR_OK;
}

static int obj_cmp(const void *a, const void *b) {
  const obj_t *x = a, *y = b;
  if (x->num != y->num) return x->num < y->num ? -1 : 1;
  if (x->gen != y->gen) return x->gen < y->gen ? -1 : 1;
  if (x->stm != y->stm) return x->stm < y->stm ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int ref_cmp(const void *a, const void *b) {
  const ref_t *x = a, *y = b;
  if (x->num != y->num) return x->num < y->num ? -1 : 1;
  return x->gen < y->gen ? -1 : x->gen > y->gen;
}

/* Blank the strings of every version of each object in r (each once):
 * top-level with its number and generation, in object streams with its
 * number; references found in them go to next when next is not NULL. An
 * object found nowhere is refused. */
static err_t blank_objects(pdf_t *d, refs_t *r, refs_t *next) {
  if (r->n) qsort(r->v, r->n, sizeof *r->v, ref_cmp);
  for (size_t i = 0; i < r->n; i++) {
    if (i > 0 && ref_cmp(&r->v[i - 1], &r->v[i]) == 0) continue;
    uint64_t num = r->v[i].num, gen = r->v[i].gen;
    size_t lo = 0, hi = d->nobjs; /* first object with a number not below num */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (d->objs[mid].num < num) lo = mid + 1;
      else hi = mid;
    }
    int found = 0;
    for (size_t j = lo; j < d->nobjs && d->objs[j].num == num; j++) {
      const obj_t *o = &d->objs[j];
      if (o->stm < 0 && o->gen != gen) continue;
      err_t e = o->stm < 0 ? blank_strings(d, o->start, o->end, next) : objstm_blank(d, o, next);
      if (e) return e;
      found = 1;
    }
    if (!found) return bad_missing();
  }
  return ERR_OK;
}

err_t pdfmeta_strip(const unsigned char *in, size_t n, buf_t *out) {
  if (n < 5 || memcmp(in, "%PDF-", 5) != 0) return bad();
  size_t at = out->len;
  if (buf_append(out, in, n)) return ERR_NOMEM;
  pdf_t d = {.in = in, .copy = (unsigned char *)out->data + at, .n = n};
  err_t e = scan(&d);
  if (!e && d.jpeg_bad) e = bad_jpeg();
  /* Object streams are read only when there is something to clean. */
  for (size_t i = 0; !e && (d.info.n || d.strs.n) && i < d.nstms; i++) e = objstm_read(&d, i);
  if (!e && (d.info.n || d.strs.n)) e = objstm_check(&d);
  if (!e) e = objstm_slots(&d);
  if (!e && d.nobjs) qsort(d.objs, d.nobjs, sizeof *d.objs, obj_cmp);
  if (!e) e = blank_objects(&d, &d.info, &d.strs);
  if (!e) e = blank_objects(&d, &d.strs, NULL);
  if (!e) e = objstm_write(&d);
  for (size_t i = 0; i < d.nstms; i++) {
    xfree(d.stms[i].buf);
    if (d.stms[i].buf) xfree(d.stms[i].copy);
  }
  xfree(d.stms);
  xfree(d.slot_done);
  xfree(d.objs);
  xfree(d.info.v);
  xfree(d.strs.v);
  if (e) {
    out->len = at;
    if (out->data) out->data[at] = '\0';
  }
  return e;
}
