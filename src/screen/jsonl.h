/*
 * jsonl.h — one JSONL post in, one JSONL result out.
 *
 * Input line: {"id","platform","akun","nama","nip","waktu","url","teks", …};
 * only "teks" (string) is required, "id" (string or number) is echoed.
 * Output line: {"id":…,"skor":N,"hits":[{"aturan","kategori","istilah",
 * "mulai","akhir","bobot","penjelasan"}]} + "\n", mulai/akhir being byte
 * offsets into the original teks (after JSON unescaping).
 *
 * Shared by `netral screen`, the eval and the benchmark so all three run
 * exactly the same pipeline.
 */
#ifndef NETRAL_SCREEN_JSONL_H
#define NETRAL_SCREEN_JSONL_H
#include "core/limits.h"
#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"
#include "screen/engine.h"

enum { SCREEN_MAX_LINE = LIMIT_SCREEN_LINE }; /* longest accepted JSONL line, bytes */

/* Output modes of screen_jsonl_line. */
enum {
  SCREEN_OUT_JSON = 0,    /* one JSON result line */
  SCREEN_OUT_HUMAN = 1,   /* readable text, only for posts with hits */
  SCREEN_OUT_JSON_REF = 2 /* JSON read by jansson alone: the reference the fast readers are tested against */
};

/* Screen one JSONL line and append the result line to out (human: a
 * SCREEN_OUT_* mode). On a malformed line returns ERR_BAD_JSON with a
 * message in err (Bahasa Indonesia) and appends nothing. If res is not
 * NULL it receives the result. */
err_t screen_jsonl_line(const screen_engine_t *e, screen_scratch_t *s, const char *line, size_t len, int human,
                        buf_t *out, screen_result_t *res, char *err, size_t errcap);

/* Append s[0..n) as a JSON string literal (with quotes). */
void screen_json_str(buf_t *b, const char *s, size_t n);
#endif
