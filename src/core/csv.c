/* csv.c — RFC 4180 reader (see csv.h). One state machine fed byte by byte. */
#include "core/csv.h"

#include <string.h>

#include "core/mem.h"
#include "core/banned.h"

typedef struct {
  buf_t field;
  char *fields[CSV_MAX_FIELDS];
  size_t offs[CSV_MAX_FIELDS];
  int nf;
  int quoted, in_quotes, after_quote;
  long line, row_line;
  csv_row_fn fn;
  void *ud;
  buf_t row; /* all fields of the row, NUL-separated */
} csv_state_t;

static err_t end_field(csv_state_t *s) {
  if (s->nf >= CSV_MAX_FIELDS)
    return err_set(ERR_INVALID, NULL, "Baris %ld: terlalu banyak kolom (maks %d).", s->row_line, CSV_MAX_FIELDS);
  s->offs[s->nf++] = s->row.len;
  if (buf_append(&s->row, s->field.data ? s->field.data : "", s->field.len) || buf_append(&s->row, "", 1))
    return ERR_NOMEM;
  /* buf_append keeps a NUL after data; the explicit "" of length 1 adds the separator */
  buf_reset(&s->field);
  s->quoted = s->in_quotes = s->after_quote = 0;
  return ERR_OK;
}

static err_t end_row(csv_state_t *s) {
  err_t e = end_field(s);
  if (e) return e;
  /* skip completely empty lines */
  if (!(s->nf == 1 && s->row.len == 1)) {
    for (int i = 0; i < s->nf; i++) s->fields[i] = s->row.data + s->offs[i];
    e = s->fn(s->ud, s->row_line, s->nf, s->fields);
  }
  s->nf = 0;
  buf_reset(&s->row);
  s->row_line = s->line + 1;
  return e;
}

static err_t feed(csv_state_t *s, const char *p, size_t n, int final) {
  err_t e = ERR_OK;
  for (size_t i = 0; i < n; i++) {
    char c = p[i];
    if (s->in_quotes) {
      if (c == '"') { s->in_quotes = 0; s->after_quote = 1; continue; }
      if (c == '\n') s->line++;
      if (buf_append(&s->field, &c, 1)) return ERR_NOMEM;
      if (s->field.len > CSV_MAX_FIELD) return err_set(ERR_INVALID, NULL, "Baris %ld: kolom terlalu panjang.", s->row_line);
      continue;
    }
    if (c == '"') {
      if (s->after_quote) { s->in_quotes = 1; s->after_quote = 0; if (buf_append(&s->field, "\"", 1)) return ERR_NOMEM; continue; }
      if (s->field.len == 0 && !s->quoted) { s->quoted = s->in_quotes = 1; continue; }
    }
    s->after_quote = 0;
    if (c == ',') { if ((e = end_field(s))) return e; continue; }
    if (c == '\r') continue;
    if (c == '\n') { if ((e = end_row(s))) return e; s->line++; continue; }
    if (buf_append(&s->field, &c, 1)) return ERR_NOMEM;
    if (s->field.len > CSV_MAX_FIELD) return err_set(ERR_INVALID, NULL, "Baris %ld: kolom terlalu panjang.", s->row_line);
  }
  if (final) {
    if (s->in_quotes) return err_set(ERR_INVALID, NULL, "Baris %ld: tanda kutip tidak ditutup.", s->row_line);
    if (s->field.len || s->nf || s->quoted) e = end_row(s);
  }
  return e;
}

static void st_init(csv_state_t *s, csv_row_fn fn, void *ud) {
  memset(s, 0, sizeof *s);
  buf_init(&s->field);
  buf_init(&s->row);
  s->line = s->row_line = 1;
  s->fn = fn;
  s->ud = ud;
}

static void st_free(csv_state_t *s) { buf_free(&s->field); buf_free(&s->row); }

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
