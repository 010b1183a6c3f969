/*
 * cmd_screen.c — `netral screen [opsi] [BERKAS|-]`.
 *
 * Streams JSONL posts in bounded memory: a reader with a fixed buffer hands
 * out lines (at most SCREEN_MAX_LINE bytes; longer lines are skipped with an
 * error), lines are gathered into batches of at most BATCH_LINES lines /
 * BATCH_BYTES bytes, each batch is split among --threads workers (one
 * screen_scratch_t each) and the results are written in input order.
 *
 * Options are one table (cli_opts); --bantuan is generated from it.
 * Exit: 0 ok, 1 when a line was malformed or I/O failed, 2 usage error.
 */
#include "cli/cmd_screen.h"

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/mem.h"
#include "screen/engine.h"
#include "screen/eval.h"
#include "screen/jsonl.h"
#include "core/banned.h"

enum { BATCH_LINES = 4096, BATCH_BYTES = 16 << 20, MAX_THREADS = 64 };

typedef struct {
  const char *rules, *paslon, *pemilihan, *wilayah, *cache, *eval;
  long json, threads, ambang, rinci, help;
} cli_t;

enum { O_STR, O_INT, O_FLAG };
static const struct {
  const char *flag;
  int kind;
  size_t off;
  const char *arg, *help;
} cli_opts[] = {
  {"--rules", O_STR, offsetof(cli_t, rules), "BERKAS", "berkas aturan umum (bawaan: data/screen/aturan.csv)"},
  {"--paslon", O_STR, offsetof(cli_t, paslon), "BERKAS", "berkas paslon per pemilihan/wilayah (bawaan: data/screen/paslon_contoh.csv)"},
  {"--pemilihan", O_STR, offsetof(cli_t, pemilihan), "NAMA", "hanya paslon pemilihan ini, mis. pilkada2024"},
  {"--wilayah", O_STR, offsetof(cli_t, wilayah), "KODE", "hanya paslon wilayah berkode ini, mis. 35.76"},
  {"--cache", O_STR, offsetof(cli_t, cache), "FOLDER", "folder cache basis data Hyperscan (bawaan: $NETRAL_DATA_DIR atau /tmp)"},
  {"--json", O_FLAG, offsetof(cli_t, json), NULL, "keluaran JSONL (bawaan bila stdout bukan terminal)"},
  {"--threads", O_INT, offsetof(cli_t, threads), "N", "jumlah thread pemindai (1–64, bawaan 1)"},
  {"--eval", O_STR, offsetof(cli_t, eval), "BERKAS", "hitung presisi, recall dan F1 pada pos berlabel"},
  {"--ambang", O_INT, offsetof(cli_t, ambang), "SKOR", "ambang skor untuk --eval (bawaan 50)"},
  {"--rinci", O_FLAG, offsetof(cli_t, rinci), NULL, "dengan --eval: tampilkan pos yang salah tandai/terlewat"},
  {"--help", O_FLAG, offsetof(cli_t, help), NULL, "tampilkan bantuan ini"},
};
enum { NOPTS = sizeof cli_opts / sizeof cli_opts[0] };

static void usage(FILE *f) {
  fprintf(f, "Pemakaian: netral screen [opsi] [BERKAS|-]\n"
             "Menyaring pos media sosial (JSONL: id, platform, akun, nama, nip, waktu, url, teks)\n"
             "dan menulis satu baris JSONL per pos: id, skor 0–100, hits (aturan, kategori, istilah,\n"
             "mulai, akhir = posisi bita pada teks asli). Hasil hanya bahan tinjauan petugas,\n"
             "bukan keputusan pelanggaran.\n\nOpsi:\n");
  for (int i = 0; i < NOPTS; i++) {
    char left[40];
    snprintf(left, sizeof left, "%s%s%s", cli_opts[i].flag, cli_opts[i].arg ? " " : "", cli_opts[i].arg ? cli_opts[i].arg : "");
    fprintf(f, "  %-22s %s\n", left, cli_opts[i].help);
  }
}

/* Parse argv into c; returns the positional file or "-" (NULL on error). */
static const char *parse_args(int argc, char **argv, cli_t *c) {
  const char *file = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (a[0] != '-' || !strcmp(a, "-")) {
      if (file) {
        fprintf(stderr, "Galat: hanya satu berkas masukan (%s dan %s).\n", file, a);
        return NULL;
      }
      file = a;
      continue;
    }
    int k = -1;
    for (int j = 0; j < NOPTS; j++)
      if (!strcmp(a, cli_opts[j].flag)) k = j;
    if (k < 0 && !strcmp(a, "-h")) k = NOPTS - 1;
    if (k < 0) {
      fprintf(stderr, "Galat: opsi tidak dikenal: %s (lihat netral screen --help)\n", a);
      return NULL;
    }
    char *field = (char *)c + cli_opts[k].off;
    if (cli_opts[k].kind == O_FLAG) {
      *(long *)(void *)field = 1;
      continue;
    }
    if (i + 1 >= argc) {
      fprintf(stderr, "Galat: opsi %s memerlukan %s.\n", a, cli_opts[k].arg);
      return NULL;
    }
    const char *v = argv[++i];
    if (cli_opts[k].kind == O_STR) {
      *(const char **)(void *)field = v;
    } else {
      char *end;
      errno = 0;
      long n = strtol(v, &end, 10);
      if (errno || *end || end == v) {
        fprintf(stderr, "Galat: %s harus bilangan bulat, bukan \"%s\".\n", a, v);
        return NULL;
      }
      *(long *)(void *)field = n;
    }
  }
  return file ? file : "-";
}

/* ---------------------------------------------------------------- reader */

typedef struct {
  FILE *f;
  char *buf;
  size_t cap, start, end;
  int eof;
  long lineno;
  unsigned long long bytes;
} reader_t;

/* Next line (without newline) borrowed until the next call. Returns 1 with
 * *too_long set for lines over SCREEN_MAX_LINE (content skipped), 0 at end. */
static int reader_next(reader_t *r, const char **line, size_t *len, int *too_long) {
  int skipping = 0;
  *too_long = 0;
  for (;;) {
    char *nl = r->start < r->end ? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
    if (nl || (r->eof && r->start < r->end)) {
      size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
      *line = r->buf + r->start;
      *len = n;
      r->start += n + (nl ? 1 : 0);
      r->lineno++;
      r->bytes += n + (nl ? 1 : 0);
      if (skipping) *too_long = 1, *len = 0;
      if (*len && (*line)[*len - 1] == '\r') (*len)--;
      return 1;
    }
    if (r->eof) return 0;
    if (r->end - r->start >= SCREEN_MAX_LINE) { /* drop the overlong prefix */
      r->bytes += r->end - r->start;
      r->start = r->end = 0;
      skipping = 1;
    }
    if (r->start > 0) {
      memmove(r->buf, r->buf + r->start, r->end - r->start);
      r->end -= r->start;
      r->start = 0;
    }
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0) r->eof = 1;
  }
}

/* ---------------------------------------------------------------- workers */

typedef struct {
  size_t off, len;   /* the input line in batch.lines */
  long lineno;
  int too_long, failed;
  size_t out_off, out_len; /* in the worker's out buffer, or error text */
  int worker;
  int hit;
} item_t;

typedef struct {
  const screen_engine_t *e;
  screen_scratch_t *s;
  buf_t out;
  const char *lines;
  item_t *items;
  size_t from, to;
  int human;
} worker_t;

static void *work(void *arg) {
  worker_t *w = arg;
  char err[300];
  buf_reset(&w->out);
  for (size_t i = w->from; i < w->to; i++) {
    item_t *it = &w->items[i];
    size_t before = w->out.len;
    it->failed = 0;
    screen_result_t r;
    r.nhits = 0;
    if (it->too_long) {
      snprintf(err, sizeof err, "baris lebih dari %d bita, dilewati", SCREEN_MAX_LINE);
      it->failed = 1;
    } else if (screen_jsonl_line(w->e, w->s, w->lines + it->off, it->len, w->human, &w->out, &r, err, sizeof err)) {
      it->failed = 1;
    }
    if (it->failed) {
      w->out.len = before;
      buf_puts(&w->out, err);
    }
    it->hit = !it->failed && r.nhits > 0;
    it->out_off = before;
    it->out_len = w->out.len - before;
  }
  return NULL;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int run_eval(const screen_engine_t *e, const cli_t *c) {
  screen_eval_t ev;
  int thr = c->ambang ? (int)c->ambang : SCREEN_THRESHOLD;
  err_t rc = screen_eval_file(e, c->eval, thr, &ev, stderr, c->rinci ? stdout : NULL);
  if (rc) {
    fprintf(stderr, "Galat: %s\n", err_message(rc));
    return 1;
  }
  printf("Evaluasi %s: %ld pos berlabel, ambang skor %d\n", c->eval, ev.posts, thr);
  printf("%-18s %7s %7s %7s %5s %5s %5s\n", "kategori", "presisi", "recall", "F1", "TP", "FP", "FN");
  printf("%-18s %7.3f %7.3f %7.3f %5ld %5ld %5ld\n", "keseluruhan", screen_precision(&ev.all), screen_recall(&ev.all),
         screen_f1(&ev.all), ev.all.tp, ev.all.fp, ev.all.fn);
  for (int k = 0; k < SCREEN_KAT_KONTEKS; k++)
    printf("%-18s %7.3f %7.3f %7.3f %5ld %5ld %5ld\n", screen_kategori_name(k), screen_precision(&ev.kat[k]),
           screen_recall(&ev.kat[k]), screen_f1(&ev.kat[k]), ev.kat[k].tp, ev.kat[k].fp, ev.kat[k].fn);
  printf("Negatif sulit: %ld pos, %ld salah tandai\n", ev.hard_neg, ev.hard_neg_fp);
  if (ev.errors) printf("Baris tidak sah: %ld\n", ev.errors);
  return ev.errors ? 1 : 0;
}

int cmd_screen(int argc, char **argv) {
  int code = 1;
  cli_t c;
  memset(&c, 0, sizeof c);
  c.threads = 1;
  screen_engine_t *e = NULL;
  worker_t *ws = NULL;
  item_t *items = NULL;
  buf_t lines;
  buf_init(&lines);
  reader_t rd;
  memset(&rd, 0, sizeof rd);
  err_clear();
  const char *file = parse_args(argc, argv, &c);
  if (!file) return 2;
  if (c.help) {
    usage(stdout);
    return 0;
  }
  if (c.threads < 1 || c.threads > MAX_THREADS) {
    fprintf(stderr, "Galat: --threads harus 1–%d.\n", MAX_THREADS);
    return 2;
  }
  if (c.ambang < 0 || c.ambang > 100) {
    fprintf(stderr, "Galat: --ambang harus 0–100.\n");
    return 2;
  }
  screen_opts_t o = {c.rules, c.paslon, c.pemilihan, c.wilayah, NULL, c.cache};
  err_t rc = screen_engine_open_opts(&o, &e);
  if (rc) {
    fprintf(stderr, "Galat: %s\n", err_message(rc));
    return 1;
  }
  if (c.eval) {
    code = run_eval(e, &c);
    goto done;
  }

  rd.f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
  if (!rd.f) {
    fprintf(stderr, "Galat: tidak dapat membuka %s: %s\n", file, strerror(errno));
    goto done;
  }
  rd.cap = 2 * (size_t)SCREEN_MAX_LINE + (64 << 10);
  rd.buf = xmalloc(rd.cap);
  items = xcalloc(BATCH_LINES, sizeof *items);
  ws = xcalloc((size_t)c.threads, sizeof *ws);
  if (!rd.buf || !items || !ws) {
    fprintf(stderr, "Galat: %s\n", err_message(ERR_NOMEM));
    goto done;
  }
  int human = !c.json && isatty(STDOUT_FILENO);
  int progress = isatty(STDERR_FILENO);
  for (long t = 0; t < c.threads; t++) {
    buf_init(&ws[t].out);
    ws[t].e = e;
    ws[t].human = human;
    if ((rc = screen_scratch_new(e, &ws[t].s))) {
      fprintf(stderr, "Galat: %s\n", err_message(rc));
      goto done;
    }
  }
  unsigned long long posts = 0, with_hits = 0, bad = 0;
  double t0 = now();
  int more = 1;
  while (more) {
    size_t n = 0;
    buf_reset(&lines);
    const char *ln;
    size_t len;
    int too_long;
    while (n < BATCH_LINES && lines.len < BATCH_BYTES && (more = reader_next(&rd, &ln, &len, &too_long))) {
      if (len == 0 && !too_long) continue; /* blank line */
      items[n].off = lines.len;
      items[n].len = len;
      items[n].lineno = rd.lineno;
      items[n].too_long = too_long;
      buf_append(&lines, ln, len);
      n++;
    }
    if (lines.oom) {
      fprintf(stderr, "Galat: %s\n", err_message(ERR_NOMEM));
      goto done;
    }
    if (n == 0) break;
    size_t nt = (size_t)c.threads < n ? (size_t)c.threads : 1;
    pthread_t tid[MAX_THREADS];
    for (size_t t = 0; t < nt; t++) {
      ws[t].lines = lines.data;
      ws[t].items = items;
      ws[t].from = n * t / nt;
      ws[t].to = n * (t + 1) / nt;
      for (size_t i = ws[t].from; i < ws[t].to; i++) items[i].worker = (int)t;
    }
    int started[MAX_THREADS] = {0};
    for (size_t t = 1; t < nt; t++) started[t] = pthread_create(&tid[t], NULL, work, &ws[t]) == 0;
    work(&ws[0]);
    for (size_t t = 1; t < nt; t++) {
      if (started[t]) pthread_join(tid[t], NULL);
      else work(&ws[t]);
    }
    for (size_t i = 0; i < n; i++) {
      const item_t *it = &items[i];
      const char *p = ws[it->worker].out.data + it->out_off;
      if (it->failed) {
        bad++;
        fprintf(stderr, "%sBaris %ld: %.*s\n", progress ? "\r" : "", it->lineno, (int)it->out_len, p);
        continue;
      }
      posts++;
      with_hits += (unsigned)it->hit;
      if (it->out_len && fwrite(p, 1, it->out_len, stdout) != it->out_len) {
        fprintf(stderr, "Galat: gagal menulis keluaran: %s\n", strerror(errno));
        goto done;
      }
    }
    if (progress) fprintf(stderr, "\rDiproses: %llu pos, %llu dengan temuan", posts, with_hits);
  }
  if (ferror(rd.f)) {
    fprintf(stderr, "Galat: gagal membaca %s\n", file);
    goto done;
  }
  fflush(stdout);
  double dt = now() - t0;
  fprintf(stderr, "%sSelesai: %llu pos, %llu dengan temuan, %.1f MB/detik%s\n", progress ? "\r" : "", posts, with_hits,
          dt > 0 ? (double)rd.bytes / 1e6 / dt : 0.0, bad ? "" : "");
  if (bad) fprintf(stderr, "%llu baris tidak sah dilewati.\n", bad);
  code = bad ? 1 : 0;
done:
  if (ws)
    for (long t = 0; t < c.threads; t++) {
      screen_scratch_free(ws[t].s);
      buf_free(&ws[t].out);
    }
  xfree(ws);
  xfree(items);
  xfree(rd.buf);
  if (rd.f && rd.f != stdin) fclose(rd.f);
  buf_free(&lines);
  screen_engine_free(e);
  return code;
}
