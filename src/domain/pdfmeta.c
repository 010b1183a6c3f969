/* pdfmeta.c — PDF evidence without identifying metadata, edited in place (see pdfmeta.h). */
#include "domain/pdfmeta.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/bytes.h"
#include "core/banned.h"

static err_t bad(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas PDF rusak atau tidak dapat dibaca: metadatanya tidak dapat dipisahkan.");
}
static err_t bad_encrypted(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas PDF terenkripsi: metadatanya tidak dapat dibaca sehingga tidak dapat dipisahkan.");
}
static err_t bad_objstm(void) {
  return err_set(ERR_INVALID, "bukti",
                 "Info dokumen PDF tersimpan di dalam object stream terkompresi: metadatanya tidak dapat dipisahkan "
                 "tanpa mengubah berkas.");
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

/* One top-level `num gen obj`: its value (the dictionary of a stream) and
 * the revision it is written in (startxref keywords before it). */
typedef struct {
  uint64_t num, gen;
  size_t start, end;
  long rev;
} obj_t;

typedef struct {
  ref_t *v;
  size_t n, cap;
} refs_t;

typedef struct {
  const unsigned char *in;
  unsigned char *copy; /* same offsets as in */
  size_t n;
  obj_t *objs;
  size_t nobjs, capobjs;
  refs_t info; /* /Info of the trailers */
  refs_t strs; /* references inside Info dictionaries */
  long rev, objstm_rev; /* objstm_rev: revision of the last object stream, -1 none */
  int jpeg_bad;         /* a DCTDecode stream could not be walked: refused once the whole file is read */
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

static err_t refs_push(refs_t *r, uint64_t num, uint64_t gen) {
  if (r->n == r->cap) {
    size_t cap = r->cap ? 2 * r->cap : 16;
    ref_t *v = xrealloc(r->v, cap * sizeof *v);
    if (!v) return ERR_NOMEM;
    r->v = v;
    r->cap = cap;
  }
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
  int dct, other_filter; /* /Filter is /DCTDecode or [/DCTDecode]; some other /Filter value */
  int64_t length;        /* a direct /Length, -1 */
} sdict_t;

static int filter_is_dct(pdf_t *d, const val_t *v) {
  if (v->kind == T_NAME) return name_is(d, v->start, v->end, "DCTDecode");
  if (v->kind != T_ARRAY) return 0;
  size_t p = v->start;
  tok_t open, name, close;
  return lex(d, &p, &open) == 0 && lex(d, &p, &name) == 0 && lex(d, &p, &close) == 0 && name.kind == T_NAME &&
         name_is(d, name.start, name.end, "DCTDecode") && close.kind == T_ARRAY_END && close.end == v->end;
}

static err_t stream_dict(pdf_t *d, size_t at, sdict_t *s) {
  memset(s, 0, sizeof *s);
  s->length = -1;
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
      if (filter_is_dct(d, &v)) s->dct = 1;
      else s->other_filter = 1;
    } else if (name_is(d, k.start, k.end, "Length")) {
      uint64_t len;
      tok_t t = {v.kind, v.start, v.end};
      s->length = v.kind == T_WORD && word_uint(d, &t, &len) ? (int64_t)len : -1;
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
 * are found where the original's were. */
static err_t stream_data(pdf_t *d, size_t *p, int64_t length, size_t *ds, size_t *de) {
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
  if (d->nobjs == d->capobjs) {
    size_t cap = d->capobjs ? 2 * d->capobjs : 64;
    obj_t *v = xrealloc(d->objs, cap * sizeof *v);
    if (!v) return ERR_NOMEM;
    d->objs = v;
    d->capobjs = cap;
  }
  d->objs[d->nobjs++] = *o;
  return ERR_OK;
}

/* The object `num gen obj` whose keyword ends at *p: index it; if it is a
 * stream, handle its data and leave *p past `endstream`. */
static err_t object(pdf_t *d, size_t *p, uint64_t num, uint64_t gen) {
  size_t q = *p;
  tok_t t;
  if (lex(d, &q, &t)) return bad();
  obj_t o = {num, gen, t.start, t.start, d->rev};
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
  if ((e = stream_dict(d, v.start, &s)) || (e = stream_data(d, &r, s.length, &ds, &de))) return e;
  *p = r;
  if (s.objstm) d->objstm_rev = d->rev;
  if (s.xref && (e = trailer(d, v.start))) return e;
  if (s.metadata) {
    memset(d->copy + ds, ' ', de - ds);
    return blank_filter(d, v.start);
  }
  /* An encrypted file's images are ciphertext: its /Encrypt, usually at the
   * end, is what the officer must be told about, so this waits for it. */
  if (s.dct && !s.other_filter && jpeg_walk(d, ds, de)) d->jpeg_bad = 1;
  return ERR_OK;
}

/* Read the whole file as top-level tokens: objects, trailers, startxref. */
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
    } else if (word_is(d, &t, "startxref")) {
      d->rev++;
    } else if (word_is(d, &t, "stream") || word_is(d, &t, "endstream")) {
      e = bad();
    } else if (t.kind != T_WORD) {
      val_t v;
      e = value_from(d, &t, &p, 0, &v); /* skipped whole; a stray closing delimiter is refused */
    }
    if (e) return e;
  }
}

static int obj_cmp(const void *a, const void *b) {
  const obj_t *x = a, *y = b;
  if (x->num != y->num) return x->num < y->num ? -1 : 1;
  if (x->gen != y->gen) return x->gen < y->gen ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static int ref_cmp(const void *a, const void *b) {
  const ref_t *x = a, *y = b;
  if (x->num != y->num) return x->num < y->num ? -1 : 1;
  return x->gen < y->gen ? -1 : x->gen > y->gen;
}

/* Blank the strings of every top-level version of each object in r (each
 * once); references found in them go to next when next is not NULL. An
 * object with no top-level version, or with an object stream in a later
 * revision than its last one, may be in a compressed object stream: refused. */
static err_t blank_objects(pdf_t *d, refs_t *r, refs_t *next) {
  if (r->n) qsort(r->v, r->n, sizeof *r->v, ref_cmp);
  for (size_t i = 0; i < r->n; i++) {
    if (i > 0 && ref_cmp(&r->v[i - 1], &r->v[i]) == 0) continue;
    obj_t key = {r->v[i].num, r->v[i].gen, 0, 0, 0};
    size_t lo = 0, hi = d->nobjs; /* first object not below key */
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (obj_cmp(&d->objs[mid], &key) < 0) lo = mid + 1;
      else hi = mid;
    }
    long last = -1;
    size_t j;
    for (j = lo; j < d->nobjs && d->objs[j].num == key.num && d->objs[j].gen == key.gen; j++)
      if (d->objs[j].rev > last) last = d->objs[j].rev;
    if (j == lo || d->objstm_rev > last) return bad_objstm();
    for (j = lo; j < d->nobjs && d->objs[j].num == key.num && d->objs[j].gen == key.gen; j++) {
      err_t e = blank_strings(d, d->objs[j].start, d->objs[j].end, next);
      if (e) return e;
    }
  }
  return ERR_OK;
}

err_t pdfmeta_strip(const unsigned char *in, size_t n, buf_t *out) {
  if (n < 5 || memcmp(in, "%PDF-", 5) != 0) return bad();
  size_t at = out->len;
  if (buf_append(out, in, n)) return ERR_NOMEM;
  pdf_t d = {.in = in, .copy = (unsigned char *)out->data + at, .n = n, .objstm_rev = -1};
  err_t e = scan(&d);
  if (!e && d.jpeg_bad) e = bad_jpeg();
  if (!e && d.nobjs) qsort(d.objs, d.nobjs, sizeof *d.objs, obj_cmp);
  if (!e) e = blank_objects(&d, &d.info, &d.strs);
  if (!e) e = blank_objects(&d, &d.strs, NULL);
  xfree(d.objs);
  xfree(d.info.v);
  xfree(d.strs.v);
  if (e) {
    out->len = at;
    if (out->data) out->data[at] = '\0';
  }
  return e;
}
