/* catalog.c — load and query the violation catalog (see catalog.h). */
#include "domain/catalog.h"

#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/limits.h"
#include "core/banned.h"

static const struct {
  const char *name, *label;
} kategori_rows[] = {
    {"asn", "ASN (PNS)"},         {"pppk", "PPPK"},
    {"tni", "Prajurit TNI"},      {"polri", "Anggota Polri"},
    {"kepala_desa", "Kepala desa"}, {"perangkat_desa", "Perangkat desa"},
    {"bpd", "Anggota BPD"},       {"lainnya", "Lainnya"},
};
enum { KATEGORI_N = sizeof kategori_rows / sizeof kategori_rows[0] };
static const unsigned kategori_all = (1u << KATEGORI_N) - 1;

/* Legal shape: which tingkat each keluarga may carry (catalog.h). */
static const struct {
  const char *keluarga;
  const char *tingkat[3];
} keluarga_rows[] = {
    {"etik", {"sanksi_moral"}},     {"disiplin", {"sedang", "berat"}}, {"pidana", {"-"}},
    {"perundangan_lain", {"-"}},    {"administrasi", {"-"}},
};

struct catalog {
  arena_t arena;
  catalog_item_t *items;
  size_t n_items, cap_items;
  catalog_otoritas_t *otoritas;
  size_t n_otoritas, cap_otoritas;
};

unsigned catalog_kategori_bit(const char *k) {
  for (size_t i = 0; k && i < KATEGORI_N; i++)
    if (strcmp(kategori_rows[i].name, k) == 0) return 1u << i;
  return 0;
}
int catalog_kategori_valid(const char *k) { return catalog_kategori_bit(k) != 0; }
const char *catalog_kategori_label(const char *k) {
  for (size_t i = 0; k && i < KATEGORI_N; i++)
    if (strcmp(kategori_rows[i].name, k) == 0) return kategori_rows[i].label;
  return NULL;
}
const char *const *catalog_kategori_names(size_t *n) {
  static const char *const names[KATEGORI_N] = {"asn", "pppk", "tni", "polri", "kepala_desa", "perangkat_desa", "bpd", "lainnya"};
  if (n) *n = KATEGORI_N;
  return names;
}

/* "asn|pppk" or "semua" -> bit set; 0 when empty or a name is unknown. */
static unsigned kategori_mask(const char *s, int allow_semua) {
  unsigned m = 0;
  char word[32];
  if (allow_semua && strcmp(s, "semua") == 0) return kategori_all;
  while (*s) {
    const char *bar = strchr(s, '|');
    size_t n = bar ? (size_t)(bar - s) : strlen(s);
    if (n == 0 || n >= sizeof word) return 0;
    memcpy(word, s, n);
    word[n] = '\0';
    unsigned bit = catalog_kategori_bit(word);
    if (!bit) return 0;
    m |= bit;
    s += n + (bar ? 1 : 0);
    if (bar && !*s) return 0;
  }
  return m;
}

static int tingkat_fits(const char *keluarga, const char *tingkat) {
  for (size_t i = 0; i < sizeof keluarga_rows / sizeof keluarga_rows[0]; i++) {
    if (strcmp(keluarga_rows[i].keluarga, keluarga) != 0) continue;
    for (size_t j = 0; j < 3 && keluarga_rows[i].tingkat[j]; j++)
      if (strcmp(keluarga_rows[i].tingkat[j], tingkat) == 0) return 1;
    return 0;
  }
  return -1; /* unknown keluarga */
}

typedef struct {
  catalog_t *c;
  const char *file;
  int col[8];
} load_t;

static err_t bad_row(const load_t *l, long line, const char *what) {
  return err_set(ERR_INVALID, "katalog", "%s baris %ld: %s", l->file, line, what);
}

static int header(load_t *l, int nf, char **f, const char *const *names, size_t n) {
  for (size_t i = 0; i < n; i++)
    if ((l->col[i] = csv_col(nf, f, names[i])) < 0) return 0;
  return 1;
}

static const char *const otoritas_cols[] = {"kode", "nama", "kategori_default", "dasar"};

static err_t otoritas_row(void *ud, long line, int nf, char **f) {
  load_t *l = ud;
  catalog_t *c = l->c;
  if (line == 1)
    return header(l, nf, f, otoritas_cols, 4) ? ERR_OK : bad_row(l, line, "kepala kolom harus kode,nama,kategori_default,dasar.");
  if (nf == 1 && !f[0][0]) return ERR_OK; /* blank line */
  if (nf != 4) return bad_row(l, line, "jumlah kolom harus 4.");
  const char *kode = f[l->col[0]], *kd = f[l->col[2]];
  if (!kode[0] || !f[l->col[1]][0]) return bad_row(l, line, "kode dan nama wajib diisi.");
  if (catalog_otoritas_find(c, kode)) return bad_row(l, line, "kode otoritas ganda.");
  unsigned mask = kd[0] ? kategori_mask(kd, 0) : 0;
  if (kd[0] && !mask) return bad_row(l, line, "kategori_default memuat kategori yang tidak dikenal.");
  for (size_t i = 0; i < c->n_otoritas; i++)
    if (c->otoritas[i].kategori_default & mask) return bad_row(l, line, "kategori sudah punya otoritas bawaan lain.");
  if (c->n_otoritas == c->cap_otoritas) {
    size_t cap = c->cap_otoritas ? c->cap_otoritas * 2 : 16;
    catalog_otoritas_t *p = xrealloc(c->otoritas, cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    c->otoritas = p;
    c->cap_otoritas = cap;
  }
  catalog_otoritas_t *o = &c->otoritas[c->n_otoritas];
  o->kode = arena_strdup(&c->arena, kode);
  o->nama = arena_strdup(&c->arena, f[l->col[1]]);
  o->dasar = arena_strdup(&c->arena, f[l->col[3]]);
  o->kategori_default = mask;
  if (!o->kode || !o->nama || !o->dasar) return ERR_NOMEM;
  c->n_otoritas++;
  return ERR_OK;
}

static const char *const item_cols[] = {"kode", "teks", "keluarga", "tingkat", "dasar", "kategori", "otoritas", "verifikasi"};

static err_t item_row(void *ud, long line, int nf, char **f) {
  load_t *l = ud;
  catalog_t *c = l->c;
  if (line == 1)
    return header(l, nf, f, item_cols, 8)
               ? ERR_OK
               : bad_row(l, line, "kepala kolom harus kode,teks,keluarga,tingkat,dasar,kategori,otoritas,verifikasi.");
  if (nf == 1 && !f[0][0]) return ERR_OK;
  if (nf != 8) return bad_row(l, line, "jumlah kolom harus 8.");
  const char *v[8];
  for (int i = 0; i < 8; i++) v[i] = f[l->col[i]];
  if (!v[0][0] || !v[1][0] || !v[4][0]) return bad_row(l, line, "kode, teks dan dasar wajib diisi.");
  if (catalog_find(c, v[0])) return bad_row(l, line, "kode pelanggaran ganda.");
  int fits = tingkat_fits(v[2], v[3]);
  if (fits < 0) return bad_row(l, line, "keluarga harus etik, disiplin, pidana, perundangan_lain atau administrasi.");
  if (!fits)
    return bad_row(l, line, "tingkat tidak sesuai keluarga (etik: sanksi_moral; disiplin: sedang/berat; lainnya: -).");
  unsigned mask = kategori_mask(v[5], 1);
  if (!mask) return bad_row(l, line, "kategori memuat subjek yang tidak dikenal.");
  if (!catalog_otoritas_find(c, v[6])) return bad_row(l, line, "otoritas tidak ada di otoritas.csv.");
  if (strcmp(v[7], "0") != 0 && strcmp(v[7], "1") != 0) return bad_row(l, line, "verifikasi harus 0 atau 1.");
  if (c->n_items == c->cap_items) {
    size_t cap = c->cap_items ? c->cap_items * 2 : 64;
    catalog_item_t *p = xrealloc(c->items, cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    c->items = p;
    c->cap_items = cap;
  }
  catalog_item_t *it = &c->items[c->n_items];
  it->kode = arena_strdup(&c->arena, v[0]);
  it->teks = arena_strdup(&c->arena, v[1]);
  it->keluarga = arena_strdup(&c->arena, v[2]);
  it->tingkat = arena_strdup(&c->arena, v[3]);
  it->dasar = arena_strdup(&c->arena, v[4]);
  it->otoritas = arena_strdup(&c->arena, v[6]);
  it->kategori = mask;
  it->verifikasi = v[7][0] == '1';
  if (!it->kode || !it->teks || !it->keluarga || !it->tingkat || !it->dasar || !it->otoritas) return ERR_NOMEM;
  c->n_items++;
  return ERR_OK;
}

err_t catalog_parse(const char *items_csv, size_t items_len, const char *otoritas_csv, size_t otoritas_len,
                    catalog_t **out) {
  err_t e = ERR_OK;
  catalog_t *c = xcalloc(1, sizeof *c);
  *out = NULL;
  if (!c) return ERR_NOMEM;
  arena_init(&c->arena);
  load_t l = {.c = c, .file = "otoritas.csv"};
  if ((e = csv_parse(otoritas_csv, otoritas_len, otoritas_row, &l))) goto fail;
  if (c->n_otoritas == 0) { e = bad_row(&l, 1, "tidak ada otoritas."); goto fail; }
  for (size_t i = 0; i < KATEGORI_N; i++) {
    if (!catalog_default_otoritas(c, kategori_rows[i].name)) {
      e = err_set(ERR_INVALID, "katalog", "otoritas.csv: kategori %s belum punya otoritas bawaan.", kategori_rows[i].name);
      goto fail;
    }
  }
  l.file = "pelanggaran.csv";
  if ((e = csv_parse(items_csv, items_len, item_row, &l))) goto fail;
  if (c->n_items == 0) { e = bad_row(&l, 1, "katalog kosong."); goto fail; }
  *out = c;
  return ERR_OK;
fail:
  catalog_free(c);
  return e;
}

err_t catalog_load(catalog_t **out) {
  err_t e;
  char *items = NULL, *ot = NULL;
  size_t il = 0, ol = 0;
  *out = NULL;
  if ((e = assets_read("katalog/pelanggaran.csv", &items, &il))) goto done;
  if ((e = assets_read("katalog/otoritas.csv", &ot, &ol))) goto done;
  e = catalog_parse(items, il, ot, ol, out);
done:
  xfree(items);
  xfree(ot);
  return e;
}

void catalog_free(catalog_t *c) {
  if (!c) return;
  arena_free(&c->arena);
  xfree(c->items);
  xfree(c->otoritas);
  xfree(c);
}

size_t catalog_count(const catalog_t *c) { return c->n_items; }
const catalog_item_t *catalog_at(const catalog_t *c, size_t i) { return i < c->n_items ? &c->items[i] : NULL; }

const catalog_item_t *catalog_find(const catalog_t *c, const char *kode) {
  for (size_t i = 0; kode && i < c->n_items; i++)
    if (strcmp(c->items[i].kode, kode) == 0) return &c->items[i];
  return NULL;
}

size_t catalog_list(const catalog_t *c, const char *kategori, const catalog_item_t **out, size_t cap) {
  unsigned bit = catalog_kategori_bit(kategori);
  size_t n = 0;
  for (size_t i = 0; bit && i < c->n_items; i++) {
    if (!(c->items[i].kategori & bit)) continue;
    if (out && n < cap) out[n] = &c->items[i];
    n++;
  }
  return n;
}

size_t catalog_otoritas_count(const catalog_t *c) { return c->n_otoritas; }
const catalog_otoritas_t *catalog_otoritas_at(const catalog_t *c, size_t i) {
  return i < c->n_otoritas ? &c->otoritas[i] : NULL;
}
const catalog_otoritas_t *catalog_otoritas_find(const catalog_t *c, const char *kode) {
  for (size_t i = 0; kode && i < c->n_otoritas; i++)
    if (strcmp(c->otoritas[i].kode, kode) == 0) return &c->otoritas[i];
  return NULL;
}

const char *catalog_default_otoritas(const catalog_t *c, const char *kategori) {
  unsigned bit = catalog_kategori_bit(kategori);
  for (size_t i = 0; bit && i < c->n_otoritas; i++)
    if (c->otoritas[i].kategori_default & bit) return c->otoritas[i].kode;
  return NULL;
}

enum { CATALOG_LIST_MAX = LIMIT_CATALOG_LIST };

err_t catalog_check_list(const catalog_t *c, const char *kategori, const json_t *list, const char *field) {
  unsigned bit = catalog_kategori_bit(kategori);
  size_t i;
  const json_t *v;
  if (kategori && !bit) return err_set(ERR_INVALID, "terlapor.kategori", "Kategori terlapor tidak dikenal.");
  if (!json_is_array(list) || json_array_size(list) == 0)
    return err_set(ERR_INVALID, field, "Pilih sedikitnya satu butir katalog pelanggaran.");
  if (json_array_size(list) > CATALOG_LIST_MAX)
    return err_set(ERR_INVALID, field, "Paling banyak %d butir katalog pelanggaran.", CATALOG_LIST_MAX);
  json_array_foreach(list, i, v) {
    const catalog_item_t *it = json_is_string(v) ? catalog_find(c, json_string_value(v)) : NULL;
    if (!it) return err_set(ERR_INVALID, field, "Butir katalog ke-%zu tidak dikenal.", i + 1);
    if (bit && !(it->kategori & bit))
      return err_set(ERR_INVALID, field, "Butir katalog %s tidak berlaku untuk subjek %s.", it->kode,
                     catalog_kategori_label(kategori));
  }
  return ERR_OK;
}
