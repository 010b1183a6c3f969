/*
 * eval.c — score a labelled corpus (see eval.h for the definitions).
 */
#include "screen/eval.h"

#include <errno.h>
#include <jansson.h>
#include <string.h>

#include "core/mem.h"
#include "screen/jsonl.h"
#include "core/banned.h"

double screen_precision(const screen_counts_t *c) {
  return c->tp + c->fp ? (double)c->tp / (double)(c->tp + c->fp) : 0.0;
}
double screen_recall(const screen_counts_t *c) {
  return c->tp + c->fn ? (double)c->tp / (double)(c->tp + c->fn) : 0.0;
}
double screen_f1(const screen_counts_t *c) {
  double p = screen_precision(c), r = screen_recall(c);
  return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

static void count(screen_counts_t *c, int truth, int pred) {
  if (truth && pred) c->tp++;
  else if (pred) c->fp++;
  else if (truth) c->fn++;
  else c->tn++;
}

static int in_list(json_t *arr, const char *name) {
  size_t i;
  json_t *v;
  json_array_foreach(arr, i, v) if (json_is_string(v) && !strcmp(json_string_value(v), name)) return 1;
  return 0;
}

err_t screen_eval_file(const screen_engine_t *e, const char *path, int threshold, screen_eval_t *out, FILE *errs,
                       FILE *misses) {
  err_t rc = ERR_OK;
  screen_scratch_t *s = NULL;
  char *line = NULL;
  size_t cap = 0;
  long lineno = 0;
  memset(out, 0, sizeof *out);
  FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
  if (!f) return err_set(ERR_IO, NULL, "Tidak dapat membuka %s: %s", path, strerror(errno));
  if ((rc = screen_scratch_new(e, &s))) goto done;
  ssize_t n;
  while ((n = getline(&line, &cap, f)) > 0) {
    lineno++;
    while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r')) n--;
    if (n == 0) continue;
    json_error_t jerr;
    json_t *root = json_loadb(line, (size_t)n, 0, &jerr);
    json_t *teks = root ? json_object_get(root, "teks") : NULL;
    json_t *label = root ? json_object_get(root, "label") : NULL;
    if (!json_is_string(teks) || !json_is_string(label) ||
        (strcmp(json_string_value(label), "kampanye") && strcmp(json_string_value(label), "netral"))) {
      out->errors++;
      if (errs) fprintf(errs, "Baris %ld: pos berlabel tidak sah (perlu \"teks\" dan \"label\" kampanye/netral).\n", lineno);
      json_decref(root);
      continue;
    }
    screen_result_t r;
    rc = screen_post(e, s, json_string_value(teks), json_string_length(teks), &r);
    if (rc) {
      json_decref(root);
      goto done;
    }
    int truth = !strcmp(json_string_value(label), "kampanye");
    int pred = r.skor >= threshold;
    out->posts++;
    count(&out->all, truth, pred);
    json_t *jenis = json_object_get(root, "jenis");
    if (!truth && json_is_string(jenis) && !strcmp(json_string_value(jenis), "negatif_sulit")) {
      out->hard_neg++;
      out->hard_neg_fp += pred;
    }
    json_t *kat = json_object_get(root, "kategori");
    for (int k = 0; k < SCREEN_KAT_KONTEKS; k++)
      count(&out->kat[k], truth && in_list(kat, screen_kategori_name(k)), pred && (r.kategori_mask >> k & 1));
    if (misses && truth != pred) {
      json_t *id = json_object_get(root, "id");
      fprintf(misses, "%s %s skor=%d: %s\n", truth ? "TERLEWAT" : "SALAH-TANDAI",
              json_is_string(id) ? json_string_value(id) : "?", r.skor, json_string_value(teks));
      for (size_t h = 0; h < r.nhits; h++) fprintf(misses, "    %s\n", r.hits[h].penjelasan);
      fprintf(misses, "    norm:%s\n", screen_scratch_normalised(s));
    }
    json_decref(root);
  }
  if (ferror(f)) rc = err_set(ERR_IO, NULL, "Gagal membaca %s", path);
done:
  free(line); /* from getline */
  screen_scratch_free(s);
  if (f != stdin) fclose(f);
  return rc;
}
