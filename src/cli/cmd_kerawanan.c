/* cmd_kerawanan.c — `netral kerawanan` (see cmd_kerawanan.h). */
#include "cli/cmd_kerawanan.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/kerawanan.h"
#include "core/banned.h"

static const char usage[] =
    "Pemakaian: netral kerawanan --tingkat kabkota|kecamatan|desa|opd --wilayah KODE [--json] [--rinci]\n"
    "  Peringkat indeks kerawanan netralitas (0–100) semua unit setingkat di dalam wilayah KODE,\n"
    "  dengan kategori (rata-rata ± 1 simpangan baku, metode IKP) dan zona (jumlah terlapor).\n"
    "  --rinci  tampilkan nilai mentah, nilai normal, bobot dan kontribusi setiap indikator\n"
    "  --json   keluaran JSON lengkap (sama dengan GET /api/v1/kerawanan)\n";

/* Indonesian decimal: 12,34 */
static const char *num(double v, char *buf, size_t cap) {
  snprintf(buf, cap, "%.2f", v);
  char *dot = strchr(buf, '.');
  if (dot) *dot = ',';
  return buf;
}

static double jr(json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }
static const char *js(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

static void print_table(json_t *r, int rinci) {
  char a[32], b[32], c[32], d[32];
  json_t *units = json_object_get(r, "unit"), *st = json_object_get(r, "statistik"), *u;
  size_t i;
  printf("Indeks kerawanan netralitas — tingkat %s di wilayah %s (%zu unit)\n", js(r, "tingkat"),
         *js(r, "wilayah") ? js(r, "wilayah") : "semua", json_array_size(units));
  printf("Rata-rata %s, simpangan baku %s: tinggi bila skor > %s, rendah bila skor < %s\n",
         num(jr(st, "rata_rata"), a, sizeof a), num(jr(st, "simpangan_baku"), b, sizeof b),
         num(jr(st, "batas_tinggi"), c, sizeof c), num(jr(st, "batas_rendah"), d, sizeof d));
  printf("Bobot:");
  json_array_foreach(json_object_get(r, "indikator"), i, u)
      printf(" %s=%d", js(u, "kode"), (int)json_integer_value(json_object_get(u, "bobot")));
  printf("\n\n%4s  %-14s %-36s %7s  %-8s %-7s %8s %8s\n", "No.", "Kode", "Nama", "Skor", "Kategori", "Zona", "Terlapor",
         "Pegawai");
  json_array_foreach(units, i, u) {
    printf("%4d  %-14s %-36.36s %7s  %-8s %-7s %8lld %8lld\n", (int)json_integer_value(json_object_get(u, "peringkat")),
           js(u, "kode"), js(u, "nama"), num(jr(u, "skor"), a, sizeof a), js(u, "kategori"), js(u, "zona"),
           (long long)json_integer_value(json_object_get(u, "terlapor")),
           (long long)json_integer_value(json_object_get(u, "pegawai")));
    if (!rinci) continue;
    size_t j;
    json_t *x;
    json_array_foreach(json_object_get(u, "rincian"), j, x)
        printf("        %-24s nilai %10s  normal %6s  bobot %d  kontribusi %6s\n", js(x, "kode"),
               num(jr(x, "nilai"), a, sizeof a), num(jr(x, "normal"), b, sizeof b),
               (int)json_integer_value(json_object_get(x, "bobot")), num(jr(x, "kontribusi"), c, sizeof c));
  }
}

int cmd_kerawanan(int argc, char **argv) {
  if (cli_flag(argc, argv, "--help") || cli_flag(argc, argv, "-h")) {
    fputs(usage, stdout);
    return 0;
  }
  const char *tingkat = cli_opt(argc, argv, "--tingkat"), *wilayah = cli_opt(argc, argv, "--wilayah");
  if (!tingkat) {
    fprintf(stderr, "netral kerawanan: --tingkat wajib diisi.\n%s", usage);
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  db_t *db;
  json_t *out = NULL;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = kerawanan_index(db, NULL, tingkat, wilayah, &out);
    store_release(app.store, db);
  }
  app_close(&app);
  if (e) return e == ERR_INVALID ? (cli_fail(e), 2) : cli_fail(e);
  if (cli_flag(argc, argv, "--json")) {
    char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    if (s) puts(s);
    free(s);
  } else {
    print_table(out, cli_flag(argc, argv, "--rinci"));
  }
  json_decref(out);
  return 0;
}
