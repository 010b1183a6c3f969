/* rekap.c — recap counts and exports (see rekap.h). */
#include "domain/rekap.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/caldate.h"
#include "core/mem.h"
#include "domain/workflow.h"
#include "store/store_case.h"
#include "store/store_wilayah.h"
#include "core/banned.h"

static const char *scope_of(const account_t *who) { return who->role == ROLE_ADMIN ? "" : who->wilayah; }

typedef struct {
  db_t *db;
  json_t *arr;
  int kind; /* 0 plain, 1 state label, 2 wilayah name, 3 iso week (merge), 4 kategori label */
} count_ctx_t;

static err_t add_count(void *ud, const char *key, int64_t n) {
  count_ctx_t *c = ud;
  json_t *o = NULL;
  if (c->kind == 1) {
    workflow_state_t s;
    const char *label = workflow_state_parse(key, &s) == ERR_OK ? workflow_state_label(s) : key;
    o = json_pack("{s:s,s:s,s:I}", "status", key, "label", label, "jumlah", (json_int_t)n);
  } else if (c->kind == 2) {
    wilayah_row_t w;
    const char *nama = store_wilayah_get(c->db, key, &w) == ERR_OK ? w.nama : key;
    o = json_pack("{s:s,s:s,s:I}", "kode", key, "nama", nama, "jumlah", (json_int_t)n);
  } else if (c->kind == 3) {
    caldate_t d;
    if (caldate_parse(key, &d) != ERR_OK) return ERR_OK;
    caldate_t thu = d - caldate_weekday(d) + 4;
    int y, m, dd;
    caldate_to_ymd(thu, &y, &m, &dd);
    int week = (int)((thu - caldate_from_ymd(y, 1, 1)) / 7) + 1;
    char wk[32];
    snprintf(wk, sizeof wk, "%04d-W%02d", y, week);
    size_t last = json_array_size(c->arr);
    json_t *prev = last ? json_array_get(c->arr, last - 1) : NULL;
    if (prev && strcmp(json_string_value(json_object_get(prev, "minggu")), wk) == 0) {
      json_object_set_new(prev, "jumlah", json_integer(json_integer_value(json_object_get(prev, "jumlah")) + n));
      return ERR_OK;
    }
    o = json_pack("{s:s,s:I}", "minggu", wk, "jumlah", (json_int_t)n);
  } else if (c->kind == 4) {
    const char *label = catalog_kategori_label(key);
    o = json_pack("{s:s,s:s,s:s,s:I}", "kode", key, "kategori", key, "label", label ? label : key, "jumlah",
                  (json_int_t)n);
  } else {
    o = json_pack("{s:s,s:I}", "kode", key, "jumlah", (json_int_t)n);
  }
  return o && json_array_append_new(c->arr, o) == 0 ? ERR_OK : ERR_NOMEM;
}

typedef struct {
  int64_t menunggu, ditindaklanjuti, tidak;
} rekom_counts_t;

static err_t add_rekom_count(void *ud, const char *status, int64_t n) {
  rekom_counts_t *r = ud;
  if (strcmp(status, "menunggu") == 0) r->menunggu += n;
  else if (strcmp(status, "ditindaklanjuti") == 0) r->ditindaklanjuti += n;
  else r->tidak += n;
  return ERR_OK;
}

/* {"kode", "diteruskan", "ditindaklanjuti", "tidak_ditindaklanjuti", "menunggu", "rasio"} per group. */
typedef struct {
  db_t *db;
  json_t *arr;
  int names;
} tl_ctx_t;

static err_t add_tl(void *ud, const char *group, const char *status, int64_t n) {
  tl_ctx_t *x = ud;
  size_t k = json_array_size(x->arr);
  json_t *o = k ? json_array_get(x->arr, k - 1) : NULL;
  if (!o || strcmp(json_string_value(json_object_get(o, "kode")), group) != 0) {
    wilayah_row_t w;
    o = json_pack("{s:s,s:I,s:I,s:I,s:I}", "kode", group, "diteruskan", (json_int_t)0, "ditindaklanjuti",
                  (json_int_t)0, "tidak_ditindaklanjuti", (json_int_t)0, "menunggu", (json_int_t)0);
    if (!o) return ERR_NOMEM;
    if (x->names && store_wilayah_get(x->db, group, &w) == ERR_OK) json_object_set_new(o, "nama", json_string(w.nama));
    json_array_append_new(x->arr, o);
  }
  json_t *slot = json_object_get(o, status);
  if (slot) json_integer_set(slot, json_integer_value(slot) + n);
  json_t *sent = json_object_get(o, "diteruskan");
  json_integer_set(sent, json_integer_value(sent) + n);
  double done = (double)json_integer_value(json_object_get(o, "ditindaklanjuti"));
  json_object_set_new(o, "rasio", json_real(done / (double)json_integer_value(sent)));
  return ERR_OK;
}

err_t rekap_json(db_t *db, const account_t *who, json_t **out) {
  static const struct {
    const char *key, *dim;
    int kind;
  } parts[] = {{"per_tahap", "status", 1},      {"per_kategori", "kategori", 4}, {"per_jenis", "jenis", 0},
               {"per_wilayah", "kabkota", 2},   {"per_kecamatan", "kecamatan", 2}, {"per_minggu", "tanggal", 3}};
  json_t *o = json_object();
  err_t e = o ? ERR_OK : ERR_NOMEM;
  for (size_t i = 0; i < sizeof parts / sizeof parts[0] && !e; i++) {
    count_ctx_t c = {db, json_array(), parts[i].kind};
    e = store_case_count_by(db, scope_of(who), case_states_visible_to(who), parts[i].dim, add_count, &c);
    json_object_set_new(o, parts[i].key, c.arr);
  }
  rekom_counts_t rc = {0, 0, 0};
  if (!e) e = store_rekom_count_by_status(db, scope_of(who), add_rekom_count, &rc);
  if (e) {
    json_decref(o);
    return e;
  }
  tl_ctx_t tw = {db, json_array(), 1}, tk = {db, json_array(), 0};
  if (!e) e = store_rekom_count_grouped(db, scope_of(who), "kabkota", add_tl, &tw);
  if (!e) e = store_rekom_count_grouped(db, scope_of(who), "kategori", add_tl, &tk);
  json_object_set_new(o, "tindak_lanjut_per_wilayah", tw.arr);
  json_object_set_new(o, "tindak_lanjut_per_kategori", tk.arr);
  if (e) {
    json_decref(o);
    return e;
  }
  int64_t sent = rc.menunggu + rc.ditindaklanjuti + rc.tidak, total = 0;
  json_t *pt = json_object_get(o, "per_tahap");
  size_t i;
  json_t *it;
  json_array_foreach(pt, i, it) total += json_integer_value(json_object_get(it, "jumlah"));
  json_object_set_new(o, "total", json_integer(total));
  json_object_set_new(o, "tindak_lanjut",
                      json_pack("{s:I,s:I,s:I,s:I,s:f}", "diteruskan", (json_int_t)sent, "ditindaklanjuti",
                                (json_int_t)rc.ditindaklanjuti, "tidak_ditindaklanjuti", (json_int_t)rc.tidak,
                                "menunggu", (json_int_t)rc.menunggu,
                                "rasio", sent ? (double)rc.ditindaklanjuti / (double)sent : 0.0));
  *out = o;
  return ERR_OK;
}

/* ---- case list rows for exports ---- */

static const char *const EXPORT_COLS[] = {"Kode", "Jenis", "Tahap", "Kategori terlapor", "Nama terlapor", "Instansi",
                                          "Kode wilayah", "Wilayah", "Diterima", "Jatuh tempo", "Dasar tenggat",
                                          NULL};

static void row_values(json_t *it, const char *v[11]) {
  json_t *t = json_object_get(it, "tenggat");
  static const char *const keys[] = {"kode", "jenis", "status_label", "kategori", "terlapor_nama", "instansi",
                                     "wilayah", "wilayah_nama", "diterima"};
  for (int i = 0; i < 9; i++) {
    const char *s = json_string_value(json_object_get(it, keys[i]));
    v[i] = s ? s : "";
  }
  const char *due = json_string_value(json_object_get(t, "jatuh_tempo"));
  const char *dasar = json_string_value(json_object_get(t, "dasar"));
  v[9] = due ? due : "";
  v[10] = dasar ? dasar : "";
}

typedef err_t (*row_fn)(void *ud, json_t *item);

static err_t each_case(db_t *db, const case_ctx_t *cx, const account_t *who, const rekap_filter_t *f, row_fn fn,
                       void *ud) {
  for (long page = 1;; page++) {
    json_t *res;
    long read = 0;
    err_t e = case_list(db, cx, who, f->status, f->kategori, f->wilayah, f->q, f->tenggat, page, 200, &res, &read);
    if (e) return e;
    json_t *items = json_object_get(res, "items"), *it;
    size_t i;
    json_array_foreach(items, i, it) if ((e = fn(ud, it))) break;
    json_decref(res);
    if (e) return e;
    if (read < 200) return ERR_OK;
  }
}

/* RFC 4180 quoting; cells that a spreadsheet would run as a formula get a leading quote. */
static void csv_cell(buf_t *b, const char *s, int first) {
  if (!first) buf_puts(b, ",");
  /* OWASP CSV injection: a leading = + - @ TAB or CR makes a spreadsheet formula */
  int formula = s[0] && strchr("=+-@\t\r", s[0]) != NULL;
  int quote = formula || strpbrk(s, ",\"\r\n") != NULL;
  if (!quote) {
    buf_puts(b, s);
    return;
  }
  buf_puts(b, formula ? "\"'" : "\"");
  for (const char *p = s; *p; p++) buf_append(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
  buf_puts(b, "\"");
}

static err_t csv_row(void *ud, json_t *it) {
  const char *v[11];
  row_values(it, v);
  for (int i = 0; i < 11; i++) csv_cell(ud, v[i], i == 0);
  buf_puts(ud, "\r\n");
  return ((buf_t *)ud)->oom ? ERR_NOMEM : ERR_OK;
}

err_t rekap_cases_csv(db_t *db, const case_ctx_t *cx, const account_t *who, const rekap_filter_t *f, buf_t *out) {
  for (int i = 0; EXPORT_COLS[i]; i++) csv_cell(out, EXPORT_COLS[i], i == 0);
  buf_puts(out, "\r\n");
  return each_case(db, cx, who, f, csv_row, out);
}

/* The recap's count tables, in the order both exports list them:
 * rekap_json key, title, the item's code and name members. */
static const struct {
  const char *key, *title, *k1, *k2;
} REKAP_PARTS[] = {
    {"per_tahap", "Per tahap", "status", "label"},
    {"per_kategori", "Per kategori terlapor", "kode", NULL},
    {"per_wilayah", "Per kabupaten/kota", "kode", "nama"},
    {"per_kecamatan", "Per kecamatan", "kode", "nama"},
    {"per_minggu", "Per minggu", "minggu", NULL},
};
static const char *const TL_KEYS[] = {"diteruskan", "ditindaklanjuti", "tidak_ditindaklanjuti", "menunggu", NULL};

err_t rekap_csv(db_t *db, const account_t *who, buf_t *out) {
  json_t *r;
  err_t e = rekap_json(db, who, &r);
  if (e) return e;
  static const char *const head[] = {"Bagian", "Kode", "Nama", "Jumlah"};
  for (int i = 0; i < 4; i++) csv_cell(out, head[i], i == 0);
  buf_puts(out, "\r\n");
  json_t *tl = json_object_get(r, "tindak_lanjut");
  for (int i = 0; TL_KEYS[i]; i++)
    buf_printf(out, "Tindak lanjut rekomendasi,%s,,%lld\r\n", TL_KEYS[i],
               (long long)json_integer_value(json_object_get(tl, TL_KEYS[i])));
  buf_printf(out, "Tindak lanjut rekomendasi,rasio,,%.3f\r\n", json_real_value(json_object_get(tl, "rasio")));
  for (size_t p = 0; p < sizeof REKAP_PARTS / sizeof REKAP_PARTS[0]; p++) {
    size_t i;
    json_t *it;
    json_array_foreach(json_object_get(r, REKAP_PARTS[p].key), i, it) {
      const char *a = json_string_value(json_object_get(it, REKAP_PARTS[p].k1));
      const char *b = REKAP_PARTS[p].k2 ? json_string_value(json_object_get(it, REKAP_PARTS[p].k2)) : NULL;
      csv_cell(out, REKAP_PARTS[p].title, 1);
      csv_cell(out, a ? a : "", 0);
      csv_cell(out, b ? b : "", 0);
      buf_printf(out, ",%lld\r\n", (long long)json_integer_value(json_object_get(it, "jumlah")));
    }
  }
  json_decref(r);
  return out->oom ? ERR_NOMEM : ERR_OK;
}

typedef struct {
  lxw_worksheet *ws;
  lxw_row_t row;
} xl_ctx_t;

static err_t xl_row(void *ud, json_t *it) {
  xl_ctx_t *x = ud;
  const char *v[11];
  row_values(it, v);
  x->row++;
  for (lxw_col_t c = 0; c < 11; c++) worksheet_write_string(x->ws, x->row, c, v[c], NULL);
  return ERR_OK;
}

static void xl_counts(lxw_worksheet *ws, lxw_format *bold, json_t *arr, const char *title, const char *k1,
                      const char *k2, lxw_row_t *row) {
  worksheet_write_string(ws, *row, 0, title, bold);
  (*row)++;
  size_t i;
  json_t *it;
  json_array_foreach(arr, i, it) {
    const char *a = json_string_value(json_object_get(it, k1));
    const char *b = k2 ? json_string_value(json_object_get(it, k2)) : NULL;
    worksheet_write_string(ws, *row, 0, a ? a : "", NULL);
    if (b) worksheet_write_string(ws, *row, 1, b, NULL);
    worksheet_write_number(ws, *row, 2, (double)json_integer_value(json_object_get(it, "jumlah")), NULL);
    (*row)++;
  }
  (*row)++;
}

err_t rekap_xlsx(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kind, const rekap_filter_t *f,
                 const char *path) {
  lxw_workbook *wb = workbook_new(path);
  if (!wb) return err_set(ERR_IO, NULL, "Gagal membuat berkas XLSX.");
  lxw_format *bold = workbook_add_format(wb);
  format_set_bold(bold);
  err_t e = ERR_OK;
  if (strcmp(kind, "kasus") == 0) {
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Daftar kasus");
    for (lxw_col_t c = 0; EXPORT_COLS[c]; c++) worksheet_write_string(ws, 0, c, EXPORT_COLS[c], bold);
    worksheet_set_column(ws, 0, 10, 20, NULL);
    xl_ctx_t x = {ws, 0};
    e = each_case(db, cx, who, f, xl_row, &x);
  } else {
    json_t *r;
    e = rekap_json(db, who, &r);
    if (!e) {
      lxw_worksheet *ws = workbook_add_worksheet(wb, "Rekap");
      worksheet_set_column(ws, 0, 2, 28, NULL);
      lxw_row_t row = 0;
      json_t *tl = json_object_get(r, "tindak_lanjut");
      worksheet_write_string(ws, row, 0, "Rekapitulasi penanganan pelanggaran netralitas", bold);
      row += 2;
      for (int i = 0; TL_KEYS[i]; i++) {
        worksheet_write_string(ws, row, 0, TL_KEYS[i], NULL);
        worksheet_write_number(ws, row, 2, (double)json_integer_value(json_object_get(tl, TL_KEYS[i])), NULL);
        row++;
      }
      worksheet_write_string(ws, row, 0, "rasio tindak lanjut", NULL);
      worksheet_write_number(ws, row, 2, json_real_value(json_object_get(tl, "rasio")), NULL);
      row += 2;
      for (size_t i = 0; i < sizeof REKAP_PARTS / sizeof REKAP_PARTS[0]; i++)
        xl_counts(ws, bold, json_object_get(r, REKAP_PARTS[i].key), REKAP_PARTS[i].title, REKAP_PARTS[i].k1,
                  REKAP_PARTS[i].k2, &row);
      json_decref(r);
    }
  }
  lxw_error le = workbook_close(wb);
  if (!e && le != LXW_NO_ERROR) e = err_set(ERR_IO, NULL, "Gagal menulis XLSX: %s", lxw_strerror(le));
  return e;
}
