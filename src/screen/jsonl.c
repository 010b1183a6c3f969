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
#include <stdio.h>
#include <string.h>

#include "core/banned.h"

void screen_json_str(buf_t *b, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  buf_append(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    buf_append(b, s + run, i - run);
    run = i + 1;
    char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
    size_t el = 2;
    switch (c) {
    case '"': esc[1] = '"'; break;
    case '\\': esc[1] = '\\'; break;
    case '\n': esc[1] = 'n'; break;
    case '\r': esc[1] = 'r'; break;
    case '\t': esc[1] = 't'; break;
    default:
      esc[1] = 'u', esc[2] = '0', esc[3] = '0', esc[4] = hex[c >> 4], esc[5] = hex[c & 15];
      el = 6;
    }
    buf_append(b, esc, el);
  }
  buf_append(b, s + run, n - run);
  buf_append(b, "\"", 1);
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

static void ws(rd_t *r) {
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')) r->p++;
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
static int rd_str(rd_t *r, const char **s, size_t *n) {
  *s = r->o;
  while (r->p < r->end) {
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

static err_t write_result(buf_t *out, const screen_result_t *r) {
  char num[96];
  int k = snprintf(num, sizeof num, ",\"skor\":%d,\"hits\":[", r->skor);
  buf_append(out, num, (size_t)k);
  for (size_t i = 0; i < r->nhits; i++) {
    const screen_hit_t *h = &r->hits[i];
    buf_puts(out, i ? ",{\"aturan\":" : "{\"aturan\":");
    screen_json_str(out, h->aturan, strlen(h->aturan));
    buf_puts(out, ",\"kategori\":\"");
    buf_puts(out, h->kategori);
    buf_puts(out, "\",\"istilah\":");
    screen_json_str(out, h->istilah, strlen(h->istilah));
    k = snprintf(num, sizeof num, ",\"mulai\":%zu,\"akhir\":%zu,\"bobot\":%d,\"penjelasan\":", h->mulai, h->akhir,
                 h->bobot_efektif);
    buf_append(out, num, (size_t)k);
    screen_json_str(out, h->penjelasan, strlen(h->penjelasan));
    buf_puts(out, "}");
  }
  buf_puts(out, "]}\n");
  return out->oom ? ERR_NOMEM : ERR_OK;
}

err_t screen_jsonl_line(const screen_engine_t *e, screen_scratch_t *s, const char *line, size_t len, int human,
                        buf_t *out, screen_result_t *res, char *err, size_t errcap) {
  err_t rc = ERR_OK;
  if (!human) {
    char *tmp = screen_scratch_tmp(s, len + 1);
    rd_t rd = {line, line + len, tmp};
    fast_t f;
    if (tmp && fast_parse(&rd, &f)) {
      screen_result_t r;
      if ((rc = screen_post(e, s, f.teks, f.tlen, &r))) {
        snprintf(err, errcap, "%s", err_message(rc));
        return rc;
      }
      buf_puts(out, "{\"id\":");
      if (f.id_kind == 1) screen_json_str(out, f.id, f.idlen);
      else if (f.id_kind == 2) {
        char num[24];
        buf_append(out, num, (size_t)snprintf(num, sizeof num, "%lld", f.idv));
      }
      else buf_puts(out, "null");
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
  if (human) {
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
