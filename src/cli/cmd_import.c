/* cmd_import.c — `netral import pegawai` (see cmd_import.h). */
#include "cli/cmd_import.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/mem.h"
#include "domain/pegawai.h"
#include "core/banned.h"

typedef struct {
  FILE *in, *rej;
  char rej_path[PATH_MAX];
  int hnf;
  char **hdr; /* copy of the header row */
  int tty;
  long long size;
  double t0, last;
} imp_cli_t;

static void csv_field(FILE *f, const char *s) {
  if (strpbrk(s, ",\"\r\n")) {
    fputc('"', f);
    for (; *s; s++) {
      if (*s == '"') fputc('"', f);
      fputc(*s, f);
    }
    fputc('"', f);
  } else {
    fputs(s, f);
  }
}

static err_t on_header(void *ud, int nf, char **f) {
  imp_cli_t *c = ud;
  c->hdr = xcalloc((size_t)nf, sizeof *c->hdr);
  if (!c->hdr) return ERR_NOMEM;
  for (int i = 0; i < nf; i++)
    if (!(c->hdr[i] = xstrdup(f[i]))) return ERR_NOMEM;
  c->hnf = nf;
  return ERR_OK;
}

static err_t on_reject(void *ud, long line, const char *why, int nf, char **f) {
  imp_cli_t *c = ud;
  if (!c->rej) {
    c->rej = fopen(c->rej_path, "w");
    if (!c->rej) return err_set(ERR_IO, "--ditolak", "Tidak dapat menulis %s: %s", c->rej_path, strerror(errno));
    fputs("baris,alasan", c->rej);
    for (int i = 0; i < c->hnf; i++) {
      fputc(',', c->rej);
      csv_field(c->rej, c->hdr[i]);
    }
    fputc('\n', c->rej);
  }
  fprintf(c->rej, "%ld,", line);
  csv_field(c->rej, why);
  for (int i = 0; i < nf; i++) {
    fputc(',', c->rej);
    csv_field(c->rej, f[i]);
  }
  fputc('\n', c->rej);
  return ferror(c->rej) ? err_set(ERR_IO, "--ditolak", "Gagal menulis %s.", c->rej_path) : ERR_OK;
}

static void on_progress(void *ud, const pegawai_import_stats_t *s) {
  imp_cli_t *c = ud;
  if (!c->tty) return;
  double now = clock_mono();
  if (now - c->last < 0.2) return;
  c->last = now;
  double dt = now - c->t0;
  long long pos = ftello(c->in);
  if (c->size > 0 && pos >= 0)
    fprintf(stderr, "\rMengimpor: %ld baris (%3.0f%%), %.0f baris/detik, %ld ditolak   ", s->baris,
            100.0 * (double)pos / (double)c->size, dt > 0 ? (double)s->baris / dt : 0.0, s->ditolak);
  else
    fprintf(stderr, "\rMengimpor: %ld baris, %.0f baris/detik, %ld ditolak   ", s->baris,
            dt > 0 ? (double)s->baris / dt : 0.0, s->ditolak);
  fflush(stderr);
}

static const char usage[] =
    "Pemakaian: netral import pegawai BERKAS.csv [--batch N] [--ditolak BERKAS]\n"
    "  Kolom wajib: nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori; pilihan: relasi,relasi_calon.\n"
    "  Impor ulang memperbarui data menurut NIP. Baris yang ditolak ditulis ke BERKAS.ditolak.csv\n"
    "  (baris dan alasan, lalu kolom aslinya) dan tidak disimpan sama sekali; baris yang sah disimpan\n"
    "  per batch N baris (bawaan 50000) dalam satu transaksi.\n";

int cmd_import(int argc, char **argv) {
  if (argc < 3 || strcmp(argv[1], "pegawai") != 0 || argv[2][0] == '-') {
    fputs(usage, argc > 1 && strcmp(argv[1], "--help") == 0 ? stdout : stderr);
    return argc > 1 && strcmp(argv[1], "--help") == 0 ? 0 : 2;
  }
  const char *path = argv[2];
  const char *batch_s = cli_opt(argc, argv, "--batch");
  const char *rej_s = cli_opt(argc, argv, "--ditolak");
  long batch = PEGAWAI_BATCH_DEFAULT;
  if (batch_s) {
    char *end;
    batch = strtol(batch_s, &end, 10);
    if (*end || batch < 1 || batch > 1000000) {
      fprintf(stderr, "galat (--batch): harus bilangan 1–1000000.\n");
      return 2;
    }
  }
  imp_cli_t c;
  memset(&c, 0, sizeof c);
  c.in = fopen(path, "rb");
  if (!c.in) {
    fprintf(stderr, "galat: tidak dapat membuka %s: %s\n", path, strerror(errno));
    return 1;
  }
  struct stat sb;
  if (fstat(fileno(c.in), &sb) == 0 && S_ISREG(sb.st_mode)) c.size = (long long)sb.st_size;
  snprintf(c.rej_path, sizeof c.rej_path, "%s", rej_s ? rej_s : "");
  if (!rej_s) {
    size_t n = strlen(path);
    if (n > 4 && strcmp(path + n - 4, ".csv") == 0) n -= 4;
    snprintf(c.rej_path, sizeof c.rej_path, "%.*s.ditolak.csv", (int)n, path);
  }
  remove(c.rej_path); /* a stale reject file from an earlier run would mislead */
  c.tty = isatty(STDERR_FILENO);
  c.t0 = c.last = clock_mono();

  app_t app;
  if (cli_app_open(&app)) {
    fclose(c.in);
    return 1;
  }
  pegawai_import_opts_t o = {&app.keys, "cli", path, batch, on_reject, on_header, on_progress, &c};
  pegawai_import_stats_t s;
  db_t *db;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = pegawai_import(db, c.in, &o, &s);
    store_release(app.store, db);
  } else {
    memset(&s, 0, sizeof s);
  }
  double dt = clock_mono() - c.t0;
  if (c.tty) fputs("\r\033[K", stderr);
  int rc = 0;
  if (e) {
    cli_fail(e);
    rc = 1;
  }
  printf("Selesai: %ld baris diimpor (%ld baru, %ld diperbarui), %ld ditolak\n", s.baru + s.diperbarui, s.baru,
         s.diperbarui, s.ditolak);
  fprintf(stderr, "Waktu: %.1f detik (%.0f baris/detik)\n", dt, dt > 0 ? (double)s.baris / dt : 0.0);
  if (s.register_kosong)
    fprintf(stderr, "Mode: register kosong (indeks NIP dibangun sekali di akhir); muat massal %s.\n",
            s.muat_massal ? "aktif" : "tidak aktif karena proses lain sedang membuka basis data");
  if (c.rej) {
    fclose(c.rej);
    fprintf(stderr, "Baris yang ditolak beserta alasannya: %s\n", c.rej_path);
    if (!rc) rc = 3;
  }
  for (int i = 0; i < c.hnf; i++) xfree(c.hdr[i]);
  xfree(c.hdr);
  fclose(c.in);
  app_close(&app);
  return rc;
}
