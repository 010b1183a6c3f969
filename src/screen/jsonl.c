/*
 * jsonl.c — JSONL post → screening result line (see jsonl.h).
 * Parsing uses jansson; the output is written directly into a buf_t so a
 * result line costs no per-field allocation.
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

err_t screen_jsonl_line(const screen_engine_t *e, screen_scratch_t *s, const char *line, size_t len, int human,
                        buf_t *out, screen_result_t *res, char *err, size_t errcap) {
  err_t rc = ERR_OK;
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
  buf_printf(out, ",\"skor\":%d,\"hits\":[", r.skor);
  for (size_t i = 0; i < r.nhits; i++) {
    const screen_hit_t *h = &r.hits[i];
    buf_puts(out, i ? ",{\"aturan\":" : "{\"aturan\":");
    screen_json_str(out, h->aturan, strlen(h->aturan));
    buf_printf(out, ",\"kategori\":\"%s\",\"istilah\":", h->kategori);
    screen_json_str(out, h->istilah, strlen(h->istilah));
    buf_printf(out, ",\"mulai\":%zu,\"akhir\":%zu,\"bobot\":%d,\"penjelasan\":", h->mulai, h->akhir, h->bobot_efektif);
    screen_json_str(out, h->penjelasan, strlen(h->penjelasan));
    buf_puts(out, "}");
  }
  buf_puts(out, "]}\n");
finish:
  if (out->oom) rc = ERR_NOMEM;
  if (res) *res = r;
done:
  json_decref(root);
  return rc;
}
