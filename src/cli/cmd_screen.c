/*
 * cmd_screen.c — `netral screen [opsi] [BERKAS|-]`.
 *
 * The streaming itself (bounded memory, --threads screening threads, results
 * in input order, malformed lines reported by number) is screen_stream
 * (src/screen/stream.c); this file parses the options and runs --eval.
 *
 * Options are one table (cli_opts); --bantuan is generated from it.
 * Exit: 0 ok, 1 when a line was malformed or I/O failed, 2 usage error.
 */
#include "cli/cmd_screen.h"

#include <errno.h>
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
#include "screen/stream.h"
#include "core/banned.h"

enum { MAX_THREADS = SCREEN_STREAM_MAX_THREADS, DEFAULT_THREADS_MAX = 8 };

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
  {"--threads", O_INT, offsetof(cli_t, threads), "N", "jumlah thread penyaring (1–64, bawaan: jumlah CPU, paling banyak 8)"},
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
  long cpus = sysconf(_SC_NPROCESSORS_ONLN); /* screening is CPU work: every CPU by default */
  c.threads = cpus < 1 ? 1 : cpus > DEFAULT_THREADS_MAX ? DEFAULT_THREADS_MAX : cpus;
  screen_engine_t *e = NULL;
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

  FILE *in = strcmp(file, "-") ? fopen(file, "rb") : stdin;
  if (!in) {
    fprintf(stderr, "Galat: tidak dapat membuka %s: %s\n", file, strerror(errno));
    goto done;
  }
  screen_stream_opts_t so = {(int)c.threads, !c.json && isatty(STDOUT_FILENO), NULL};
  if (isatty(STDERR_FILENO)) so.progress = stderr;
  screen_stream_stats_t st;
  double t0 = now();
  rc = screen_stream(e, in, stdout, stderr, &so, &st);
  double dt = now() - t0;
  if (in != stdin) fclose(in);
  if (rc) {
    fprintf(stderr, "%sGalat: %s\n", so.progress ? "\n" : "", err_message(rc));
    goto done;
  }
  fprintf(stderr, "%sSelesai: %llu pos, %llu dengan temuan, %.1f MB/detik\n", so.progress ? "\r" : "", st.posts,
          st.with_hits, dt > 0 ? (double)st.bytes / 1e6 / dt : 0.0);
  if (st.bad) fprintf(stderr, "%llu baris tidak sah dilewati.\n", st.bad);
  code = st.bad ? 1 : 0;
done:
  screen_engine_free(e);
  return code;
}
