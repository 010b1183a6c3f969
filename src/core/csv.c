/*
 * csv.c — RFC 4180 reader (see csv.h).
 *
 * One state machine, fed spans rather than bytes: between two special bytes
 * (outside quotes , LF CR and "; inside quotes " and LF) the input is copied
 * into the row buffer with one memcpy. The row buffer holds every field of
 * the current row NUL-separated; fields[] point into it for the callback.
 * Rules kept from the byte-at-a-time reader this replaced:
 *  - a quote opens a quoted field only as the field's first byte; elsewhere
 *    it is literal; "" inside quotes is one quote; text after the closing
 *    quote is kept;
 *  - CR outside quotes is dropped wherever it is; inside quotes CR and LF are
 *    kept (and LF still counts a line);
 *  - a row whose only field is empty (an empty line, CRLF, or "") is skipped;
 *  - a field longer than CSV_MAX_FIELD bytes or a row of more than
 *    CSV_MAX_FIELDS fields stops the scan with ERR_INVALID naming the line.
 */
#include "core/csv.h"

#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

typedef struct {
  char *row; /* all fields of the row, NUL-separated */
  size_t len, cap;
  size_t fstart; /* offset of the field being read */
  size_t offs[CSV_MAX_FIELDS];
  char *fields[CSV_MAX_FIELDS];
  int nf;
  int quoted, in_quotes, after_quote;
  long line, row_line;
  csv_row_fn fn;
  void *ud;
} csv_state_t;

/* Byte classes: 1 = special outside quotes, 2 = special inside quotes. */
static const unsigned char cls[256] = {[','] = 1, ['\r'] = 1, ['"'] = 1 | 2, ['\n'] = 1 | 2};

static err_t too_long(const csv_state_t *s) {
  return err_set(ERR_INVALID, NULL, "Baris %ld: kolom terlalu panjang.", s->row_line);
}

/* Room for n more bytes plus a NUL. */
static err_t reserve(csv_state_t *s, size_t n) {
  if (s->len + n + 1 <= s->cap) return ERR_OK;
  size_t cap = s->cap ? s->cap : 1024;
  while (cap < s->len + n + 1) cap *= 2;
  char *d = xrealloc(s->row, cap);
  if (!d) return ERR_NOMEM;
  s->row = d;
  s->cap = cap;
  return ERR_OK;
}

/* Append n bytes to the current field. */
static err_t put(csv_state_t *s, const char *p, size_t n) {
  if (s->len - s->fstart + n > CSV_MAX_FIELD) return too_long(s);
  err_t e = reserve(s, n);
  if (e) return e;
  memcpy(s->row + s->len, p, n);
  s->len += n;
  return ERR_OK;
}

static err_t end_field(csv_state_t *s) {
  if (s->nf >= CSV_MAX_FIELDS)
    return err_set(ERR_INVALID, NULL, "Baris %ld: terlalu banyak kolom (maks %d).", s->row_line, CSV_MAX_FIELDS);
  err_t e = reserve(s, 1);
  if (e) return e;
  s->offs[s->nf++] = s->fstart;
  s->row[s->len++] = '\0';
  s->fstart = s->len;
  s->quoted = s->in_quotes = s->after_quote = 0;
  return ERR_OK;
}

static err_t end_row(csv_state_t *s) {
  err_t e = end_field(s);
  if (e) return e;
  /* skip completely empty lines */
  if (!(s->nf == 1 && s->len == 1)) {
    for (int i = 0; i < s->nf; i++) s->fields[i] = s->row + s->offs[i];
    e = s->fn(s->ud, s->row_line, s->nf, s->fields);
  }
  s->nf = 0;
  s->len = s->fstart = 0;
  s->row_line = s->line + 1;
  return e;
}

static err_t feed(csv_state_t *s, const char *p, size_t n, int final) {
  err_t e = ERR_OK;
  size_t i = 0;
  while (i < n) {
    size_t j = i;
    if (s->in_quotes) {
      while (j < n && !(cls[(unsigned char)p[j]] & 2)) j++;
      if (j > i && (e = put(s, p + i, j - i))) return e;
      if (j == n) break;
      i = j + 1;
      if (p[j] == '\n') {
        s->line++;
        if ((e = put(s, "\n", 1))) return e;
      } else { /* the closing quote, or the first of "" */
        s->in_quotes = 0;
        s->after_quote = 1;
      }
      continue;
    }
    while (j < n && !(cls[(unsigned char)p[j]] & 1)) j++;
    if (j > i) {
      if ((e = put(s, p + i, j - i))) return e;
      s->after_quote = 0;
    }
    if (j == n) break;
    i = j + 1;
    switch (p[j]) {
      case '"':
        if (s->after_quote) { /* "" inside a quoted field */
          s->in_quotes = 1;
          s->after_quote = 0;
          if ((e = put(s, "\"", 1))) return e;
        } else if (s->len == s->fstart && !s->quoted) {
          s->quoted = s->in_quotes = 1;
        } else if ((e = put(s, "\"", 1))) {
          return e;
        }
        break;
      case ',':
        if ((e = end_field(s))) return e;
        break;
      case '\r':
        s->after_quote = 0;
        break;
      default: /* '\n' */
        if ((e = end_row(s))) return e;
        s->line++;
        break;
    }
  }
  if (final) {
    if (s->in_quotes) return err_set(ERR_INVALID, NULL, "Baris %ld: tanda kutip tidak ditutup.", s->row_line);
    if (s->len > s->fstart || s->nf || s->quoted) e = end_row(s);
  }
  return e;
}

static void st_init(csv_state_t *s, csv_row_fn fn, void *ud) {
  memset(s, 0, sizeof *s);
  s->line = s->row_line = 1;
  s->fn = fn;
  s->ud = ud;
}

static void st_free(csv_state_t *s) { xfree(s->row); }

err_t csv_parse(const char *data, size_t len, csv_row_fn fn, void *ud) {
  csv_state_t s;
  st_init(&s, fn, ud);
  if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { data += 3; len -= 3; }
  err_t e = feed(&s, data, len, 1);
  st_free(&s);
  return e;
}

err_t csv_parse_file(FILE *f, csv_row_fn fn, void *ud) {
  csv_state_t s;
  st_init(&s, fn, ud);
  char chunk[64 * 1024];
  err_t e = ERR_OK;
  int first = 1;
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
    const char *p = chunk;
    if (first && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { p += 3; n -= 3; }
    first = 0;
    if ((e = feed(&s, p, n, 0))) goto done;
  }
  if (ferror(f)) { e = ERR_IO; goto done; }
  e = feed(&s, "", 0, 1);
done:
  st_free(&s);
  return e;
}

int csv_col(int nf, char **fields, const char *name) {
  for (int i = 0; i < nf; i++)
    if (strcmp(fields[i], name) == 0) return i;
  return -1;
}
