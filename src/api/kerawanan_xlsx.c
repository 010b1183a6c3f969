/*
 * kerawanan_xlsx.c — GET /api/v1/kerawanan.xlsx?tingkat=&wilayah=: the
 * vulnerability ranking as a workbook. The figures are exactly those of
 * GET /api/v1/kerawanan (domain/kerawanan.c computes; this file only lays
 * the JSON out in sheets), so every score in the file explains itself:
 * one column per indicator contribution, and the contributions add up to
 * the score.
 *
 * Written to a mkstemp file in data_dir, sent from an open descriptor and
 * unlinked at once, like the case exports (api/rekap.c).
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "api/kerawanan_xlsx.h"
#include "domain/kerawanan.h"
#include "core/banned.h"

static const char *sv(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

static double nv(json_t *o, const char *k) { return json_number_value(json_object_get(o, k)); }

static const char *LABEL_KATEGORI(const char *k) {
  if (strcmp(k, "tinggi") == 0) return "Tinggi";
  if (strcmp(k, "sedang") == 0) return "Sedang";
  if (strcmp(k, "rendah") == 0) return "Rendah";
  return k;
}

/* Name of indicator kode from the "indikator" array (the kode itself when absent). */
static const char *nama_indikator(json_t *ind, const char *kode) {
  size_t i;
  json_t *it;
  json_array_foreach(ind, i, it) if (strcmp(sv(it, "kode"), kode) == 0) return sv(it, "nama");
  return kode;
}

static err_t tulis(json_t *r, const char *path) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb) return err_set(ERR_IO, NULL, "Gagal membuat berkas XLSX.");
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format *dua = workbook_add_format(wb);
  format_set_num_format(dua, "0.00");
  json_t *ind = json_object_get(r, "indikator"), *units = json_object_get(r, "unit");
  size_t nind = json_array_size(ind), i, k;
  json_t *u, *it;

  /* Peringkat */
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Peringkat");
  static const char *const KEPALA[] = {"Peringkat", "Kode", "Nama", "Skor (0–100)", "Kategori",
                                       "Zona",      "Terlapor 365 hari", "Pegawai terdaftar"};
  enum { NK = sizeof KEPALA / sizeof KEPALA[0] };
  for (lxw_col_t c = 0; c < NK; c++) worksheet_write_string(ws, 0, c, KEPALA[c], bold);
  json_array_foreach(ind, i, it) {
    char h[240];
    snprintf(h, sizeof h, "Kontribusi: %s", sv(it, "nama"));
    worksheet_write_string(ws, 0, (lxw_col_t)(NK + i), h, bold);
  }
  worksheet_set_column(ws, 0, 0, 10, NULL);
  worksheet_set_column(ws, 1, 1, 14, NULL);
  worksheet_set_column(ws, 2, 2, 36, NULL);
  worksheet_set_column(ws, 3, (lxw_col_t)(NK + nind), 16, NULL);
  worksheet_freeze_panes(ws, 1, 3);
  json_array_foreach(units, i, u) {
    lxw_row_t row = (lxw_row_t)(i + 1);
    worksheet_write_number(ws, row, 0, nv(u, "peringkat"), NULL);
    worksheet_write_string(ws, row, 1, sv(u, "kode"), NULL);
    worksheet_write_string(ws, row, 2, sv(u, "nama"), NULL);
    worksheet_write_number(ws, row, 3, nv(u, "skor"), dua);
    worksheet_write_string(ws, row, 4, LABEL_KATEGORI(sv(u, "kategori")), NULL);
    worksheet_write_string(ws, row, 5, sv(u, "zona"), NULL);
    worksheet_write_number(ws, row, 6, nv(u, "terlapor"), NULL);
    worksheet_write_number(ws, row, 7, nv(u, "pegawai"), NULL);
    json_array_foreach(json_object_get(u, "rincian"), k, it) {
      if (k >= nind) break;
      worksheet_write_number(ws, row, (lxw_col_t)(NK + k), nv(it, "kontribusi"), dua);
    }
  }

  /* Rincian: one row per unit × indicator */
  ws = workbook_add_worksheet(wb, "Rincian");
  static const char *const KR[] = {"Kode", "Nama", "Indikator", "Nilai mentah", "Normal (0–100)", "Bobot", "Kontribusi"};
  for (lxw_col_t c = 0; c < 7; c++) worksheet_write_string(ws, 0, c, KR[c], bold);
  worksheet_set_column(ws, 0, 0, 14, NULL);
  worksheet_set_column(ws, 1, 2, 36, NULL);
  worksheet_set_column(ws, 3, 6, 14, NULL);
  worksheet_freeze_panes(ws, 1, 0);
  lxw_row_t row = 1;
  json_array_foreach(units, i, u) {
    json_array_foreach(json_object_get(u, "rincian"), k, it) {
      worksheet_write_string(ws, row, 0, sv(u, "kode"), NULL);
      worksheet_write_string(ws, row, 1, sv(u, "nama"), NULL);
      worksheet_write_string(ws, row, 2, nama_indikator(ind, sv(it, "kode")), NULL);
      worksheet_write_number(ws, row, 3, nv(it, "nilai"), dua);
      worksheet_write_number(ws, row, 4, nv(it, "normal"), dua);
      worksheet_write_number(ws, row, 5, nv(it, "bobot"), NULL);
      worksheet_write_number(ws, row, 6, nv(it, "kontribusi"), dua);
      row++;
    }
  }

  /* Metode: indicators, weights, statistics */
  ws = workbook_add_worksheet(wb, "Metode");
  worksheet_set_column(ws, 0, 0, 40, NULL);
  worksheet_set_column(ws, 1, 4, 14, NULL);
  worksheet_set_column(ws, 5, 5, 80, NULL);
  row = 0;
  worksheet_write_string(ws, row++, 0, "Indeks kerawanan netralitas", bold);
  worksheet_write_string(ws, row, 0, "Tingkat", NULL);
  worksheet_write_string(ws, row++, 1, sv(r, "tingkat"), NULL);
  worksheet_write_string(ws, row, 0, "Wilayah", NULL);
  worksheet_write_string(ws, row++, 1, *sv(r, "wilayah") ? sv(r, "wilayah") : "semua", NULL);
  worksheet_write_string(ws, row, 0, "Metode", NULL);
  worksheet_write_string(ws, row++, 1, sv(r, "metode"), NULL);
  json_t *st = json_object_get(r, "statistik");
  static const char *const SK[][2] = {{"rata_rata", "Rata-rata skor"},
                                      {"simpangan_baku", "Simpangan baku (populasi)"},
                                      {"batas_rendah", "Rendah bila skor di bawah"},
                                      {"batas_tinggi", "Tinggi bila skor di atas"}};
  for (size_t s = 0; s < 4; s++) {
    worksheet_write_string(ws, row, 0, SK[s][1], NULL);
    worksheet_write_number(ws, row++, 1, nv(st, SK[s][0]), dua);
  }
  row++;
  static const char *const KI[] = {"Indikator", "Kode", "Bobot", "Bobot bawaan", "Arah", "Keterangan"};
  for (lxw_col_t c = 0; c < 6; c++) worksheet_write_string(ws, row, c, KI[c], bold);
  row++;
  json_array_foreach(ind, i, it) {
    worksheet_write_string(ws, row, 0, sv(it, "nama"), NULL);
    worksheet_write_string(ws, row, 1, sv(it, "kode"), NULL);
    worksheet_write_number(ws, row, 2, nv(it, "bobot"), NULL);
    worksheet_write_number(ws, row, 3, nv(it, "bobot_bawaan"), NULL);
    worksheet_write_string(ws, row, 4, sv(it, "arah"), NULL);
    worksheet_write_string(ws, row, 5, sv(it, "keterangan"), NULL);
    row++;
  }
  lxw_error le = workbook_close(wb);
  if (le != LXW_NO_ERROR) return err_set(ERR_IO, NULL, "Gagal menulis XLSX: %s", lxw_strerror(le));
  return ERR_OK;
}

static err_t write_index(const char *path, void *ud) { return tulis(ud, path); }

err_t api_kerawanan_xlsx(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *r = NULL;
  const char *t = req_query(rq, "tingkat");
  if (!t || !*t) t = "kecamatan";
  err_t e = req_db(rq, &db);
  if (!e) e = kerawanan_index(db, rq->user, t, req_query(rq, "wilayah"), &r);
  if (e) return e;
  char name[96];
  snprintf(name, sizeof name, "netral-kerawanan-%s.xlsx", t);
  e = api_reply_xlsx(rq, rs, name, write_index, r);
  json_decref(r);
  return e;
}
