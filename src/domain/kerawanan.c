/* kerawanan.c — vulnerability index (see kerawanan.h). */
#include "domain/kerawanan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/mem.h"
#include "domain/audit.h"
#include "domain/pakta.h"
#include "domain/wilayah.h"
#include "store/store_prevention.h"
#include "store/store_registry.h"
#include "store/store_wilayah.h"
#include "core/banned.h"

/* What the module measures per unit before normalising. */
typedef struct {
  int64_t pegawai, ikrar, relasi, laporan, terbukti, lalu, berulang, terlapor;
  int64_t hari_sos; /* -1: never */
  int petahana;
} agg_t;

static double per_1000(int64_t n, int64_t pegawai) { return pegawai > 0 ? 1000.0 * (double)n / (double)pegawai : 0; }
static double m_laporan(const agg_t *a) { return per_1000(a->laporan, a->pegawai); }
static double m_terbukti(const agg_t *a) { return per_1000(a->terbukti, a->pegawai); }
static double m_berulang(const agg_t *a) { return (double)a->berulang; }
static double m_celah(const agg_t *a) {
  return a->pegawai > 0 ? 100.0 - 100.0 * (double)a->ikrar / (double)a->pegawai : 100.0;
}
static double m_hari(const agg_t *a) {
  return a->hari_sos < 0 || a->hari_sos > KRW_PERIODE_HARI ? KRW_PERIODE_HARI : (double)a->hari_sos;
}
static double m_relasi(const agg_t *a) { return a->pegawai > 0 ? 100.0 * (double)a->relasi / (double)a->pegawai : 0; }
static double m_petahana(const agg_t *a) { return a->petahana ? 1 : 0; }
static double m_lalu(const agg_t *a) { return (double)a->lalu; }

static const struct {
  const char *kode;
  double (*fn)(const agg_t *a);
} measures[] = {
    {"laporan_per_1000", m_laporan}, {"terbukti_per_1000", m_terbukti}, {"pelanggar_berulang", m_berulang},
    {"celah_pakta", m_celah},        {"hari_sejak_sosialisasi", m_hari}, {"relasi_calon", m_relasi},
    {"petahana", m_petahana},        {"kasus_lalu", m_lalu},
};
enum { MEASURES_N = sizeof measures / sizeof measures[0] };

/* Activities that reach officials directly (the "sosialisasi" indicator). */
static const char *const outreach[] = {"sosialisasi", "imbauan", "surat_edaran", "xbanner", "bimtek", NULL};

/* ---- indicator table ---- */

typedef struct {
  kerawanan_set_t *s;
  int col[6];
} ind_load_t;

static err_t ind_row(void *ud, long line, int nf, char **f) {
  static const char *const cols[6] = {"kode", "nama", "bobot", "arah", "sumber", "keterangan"};
  ind_load_t *l = ud;
  if (line == 1) {
    for (int i = 0; i < 6; i++)
      if ((l->col[i] = csv_col(nf, f, cols[i])) < 0)
        return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv: kolom %s tidak ada.", cols[i]);
    return ERR_OK;
  }
  for (int i = 0; i < 6; i++)
    if (l->col[i] >= nf) return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv baris %ld: kolom kurang.", line);
  if (l->s->n == KRW_MAX_IND)
    return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv: paling banyak %d indikator.", KRW_MAX_IND);
  kerawanan_indikator_t *it = &l->s->it[l->s->n];
  const char *kode = f[l->col[0]], *bobot = f[l->col[2]], *arah = f[l->col[3]];
  int known = 0;
  for (int i = 0; i < MEASURES_N; i++) known |= strcmp(measures[i].kode, kode) == 0;
  if (!known)
    return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv baris %ld: indikator %.40s tidak dikenal.", line, kode);
  for (size_t i = 0; i < l->s->n; i++)
    if (strcmp(l->s->it[i].kode, kode) == 0)
      return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv baris %ld: kode %.40s ganda.", line, kode);
  if (strlen(bobot) != 1 || bobot[0] < '1' || bobot[0] > '4')
    return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv baris %ld: bobot harus 1–4.", line);
  if (strcmp(arah, "positif") != 0 && strcmp(arah, "negatif") != 0)
    return err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv baris %ld: arah harus positif atau negatif.", line);
  snprintf(it->kode, sizeof it->kode, "%s", kode);
  snprintf(it->nama, sizeof it->nama, "%s", f[l->col[1]]);
  snprintf(it->sumber, sizeof it->sumber, "%s", f[l->col[4]]);
  snprintf(it->keterangan, sizeof it->keterangan, "%s", f[l->col[5]]);
  it->bobot = it->bobot_awal = bobot[0] - '0';
  it->arah = arah[0] == 'p' ? 1 : -1;
  l->s->n++;
  return ERR_OK;
}

err_t kerawanan_indikator_parse(const char *csv, size_t len, kerawanan_set_t *out) {
  memset(out, 0, sizeof *out);
  ind_load_t l = {out, {0}};
  err_t e = csv_parse(csv, len, ind_row, &l);
  if (!e && out->n == 0) e = err_set(ERR_INVALID, "indikator", "kerawanan_indikator.csv tidak berisi indikator.");
  return e;
}

static err_t apply_bobot(void *ud, const char *kode, int bobot) {
  kerawanan_set_t *s = ud;
  for (size_t i = 0; i < s->n; i++)
    if (strcmp(s->it[i].kode, kode) == 0) s->it[i].bobot = bobot;
  return ERR_OK;
}

err_t kerawanan_indikator_load(db_t *db, kerawanan_set_t *out) {
  char *csv = NULL;
  size_t len = 0;
  err_t e = assets_read("kerawanan_indikator.csv", &csv, &len);
  if (!e) e = kerawanan_indikator_parse(csv, len, out);
  xfree(csv);
  if (!e && db) e = store_bobot_each(db, apply_bobot, out);
  return e;
}

/* ---- maths ---- */

const char *kerawanan_zona(int64_t terlapor) {
  if (terlapor > 20) return "merah";
  if (terlapor >= 6) return "kuning";
  return "hijau";
}

static int by_score(const void *a, const void *b) {
  const kerawanan_unit_t *x = a, *y = b;
  if (x->skor > y->skor) return -1;
  if (x->skor < y->skor) return 1;
  return strcmp(x->kode, y->kode);
}

void kerawanan_hitung(const kerawanan_set_t *s, kerawanan_unit_t *u, size_t n, kerawanan_stat_t *st) {
  double wsum = 0;
  for (size_t i = 0; i < s->n; i++) wsum += s->it[i].bobot > 0 ? s->it[i].bobot : 0;
  for (size_t i = 0; i < s->n; i++) {
    double lo = 0, hi = 0;
    for (size_t k = 0; k < n; k++) {
      if (k == 0 || u[k].mentah[i] < lo) lo = u[k].mentah[i];
      if (k == 0 || u[k].mentah[i] > hi) hi = u[k].mentah[i];
    }
    for (size_t k = 0; k < n; k++) {
      double v = hi > lo ? 100.0 * (u[k].mentah[i] - lo) / (hi - lo) : 0;
      if (hi > lo && s->it[i].arah < 0) v = 100.0 - v;
      u[k].normal[i] = v;
      u[k].kontribusi[i] = wsum > 0 && s->it[i].bobot > 0 ? s->it[i].bobot * v / wsum : 0;
    }
  }
  double sum = 0, sq = 0;
  for (size_t k = 0; k < n; k++) {
    u[k].skor = 0;
    for (size_t i = 0; i < s->n; i++) u[k].skor += u[k].kontribusi[i];
    sum += u[k].skor;
  }
  st->rata = n ? sum / (double)n : 0;
  for (size_t k = 0; k < n; k++) sq += (u[k].skor - st->rata) * (u[k].skor - st->rata);
  st->sd = n ? sqrt(sq / (double)n) : 0;
  st->batas_rendah = st->rata - st->sd;
  st->batas_tinggi = st->rata + st->sd;
  for (size_t k = 0; k < n; k++) {
    u[k].kategori = u[k].skor > st->batas_tinggi ? "tinggi" : u[k].skor < st->batas_rendah ? "rendah" : "sedang";
    u[k].zona = kerawanan_zona(u[k].terlapor);
  }
  qsort(u, n, sizeof *u, by_score);
  for (size_t k = 0; k < n; k++) u[k].peringkat = (int)k + 1;
}

/* ---- gathering ---- */

typedef struct {
  store_unit_t level;
  size_t n, cap;
  kerawanan_unit_t *u;
  agg_t *a;
  json_t *idx;      /* key -> index */
  json_t **people;  /* per unit: person -> case count (all periods) */
  json_t **current; /* per unit: person -> 1 (last 365 days) */
  char batas[CLOCK_ISO_LEN]; /* cases received on/after this are "current" */
  caldate_t today;
} gather_t;

static err_t g_unit(void *ud, const char *key, const char *nama, const char *wilayah) {
  gather_t *g = ud;
  if (g->n == g->cap) {
    size_t cap = g->cap ? g->cap * 2 : 64;
    kerawanan_unit_t *u = xrealloc(g->u, cap * sizeof *u);
    if (!u) return ERR_NOMEM;
    g->u = u;
    agg_t *a = xrealloc(g->a, cap * sizeof *a);
    if (!a) return ERR_NOMEM;
    g->a = a;
    json_t **p = xrealloc(g->people, cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    g->people = p;
    json_t **c = xrealloc(g->current, cap * sizeof *c);
    if (!c) return ERR_NOMEM;
    g->current = c;
    g->cap = cap;
  }
  kerawanan_unit_t *u = &g->u[g->n];
  memset(u, 0, sizeof *u);
  memset(&g->a[g->n], 0, sizeof g->a[g->n]);
  g->a[g->n].hari_sos = -1;
  g->people[g->n] = json_object();
  g->current[g->n] = json_object();
  snprintf(u->kode, sizeof u->kode, "%s", key);
  snprintf(u->nama, sizeof u->nama, "%s", nama);
  snprintf(u->wilayah, sizeof u->wilayah, "%s", wilayah);
  if (!g->people[g->n] || !g->current[g->n] || json_object_set_new(g->idx, key, json_integer((json_int_t)g->n)))
    return ERR_NOMEM;
  g->n++;
  return ERR_OK;
}

static long find(const gather_t *g, const char *key) {
  json_t *v = json_object_get(g->idx, key);
  return v ? (long)json_integer_value(v) : -1;
}

static err_t g_pegawai(void *ud, const char *key, int64_t pegawai, int64_t ikrar, int64_t relasi) {
  gather_t *g = ud;
  long i = find(g, key);
  if (i < 0) return ERR_OK;
  g->a[i].pegawai = pegawai;
  g->a[i].ikrar = ikrar;
  g->a[i].relasi = relasi;
  return ERR_OK;
}

static const size_t prefix_len[] = {[STORE_UNIT_KABKOTA] = 5, [STORE_UNIT_KECAMATAN] = 8, [STORE_UNIT_DESA] = 13};

/* Unit index a case or activity belongs to at this level, or -1. */
static long unit_of(const gather_t *g, const char *wilayah, int64_t opd_id) {
  char key[24];
  if (g->level == STORE_UNIT_OPD) {
    if (opd_id <= 0) return -1;
    snprintf(key, sizeof key, "%lld", (long long)opd_id);
    return find(g, key);
  }
  size_t n = prefix_len[g->level];
  if (strlen(wilayah) < n) return -1;
  snprintf(key, sizeof key, "%.*s", (int)n, wilayah);
  return find(g, key);
}

static int proven(const char *status, const char *putusan) {
  static const char *const forwarded[] = {"diteruskan", "ditindaklanjuti", "tidak_ditindaklanjuti"};
  for (size_t i = 0; i < 3; i++)
    if (strcmp(status, forwarded[i]) == 0) return 1;
  if ((strcmp(status, "putusan") != 0 && strcmp(status, "selesai") != 0) || !putusan) return 0;
  json_t *p = json_loads(putusan, 0, NULL);
  const char *jp = json_string_value(json_object_get(p, "jenis_putusan"));
  int r = jp && strcmp(jp, "bukan_pelanggaran") != 0;
  json_decref(p);
  return r;
}

static err_t g_kasus(void *ud, const store_kasus_ringkas_t *k) {
  gather_t *g = ud;
  long i = unit_of(g, k->wilayah, k->opd_id);
  if (i < 0) return ERR_OK;
  char person[300];
  if (*k->nip) snprintf(person, sizeof person, "nip:%s", k->nip);
  else snprintf(person, sizeof person, "nama:%s", k->nama_norm);
  json_t *c = json_object_get(g->people[i], person);
  json_object_set_new(g->people[i], person, json_integer(c ? json_integer_value(c) + 1 : 1));
  if (strcmp(k->diterima, g->batas) >= 0) {
    g->a[i].laporan++;
    g->a[i].terbukti += proven(k->status, k->putusan);
    json_object_set_new(g->current[i], person, json_true());
  } else {
    g->a[i].lalu++;
  }
  return ERR_OK;
}

/* Does an activity at act_wilayah (and act_opd) reach unit i? */
static int reaches(const gather_t *g, size_t i, const char *act_wilayah, int64_t act_opd) {
  const kerawanan_unit_t *u = &g->u[i];
  if (g->level == STORE_UNIT_OPD) {
    char key[24];
    snprintf(key, sizeof key, "%lld", (long long)act_opd);
    if (act_opd > 0) return strcmp(key, u->kode) == 0;
    return wilayah_code_within(act_wilayah, u->wilayah);
  }
  return wilayah_code_within(act_wilayah, u->kode) || wilayah_code_within(u->kode, act_wilayah);
}

static err_t g_kegiatan(void *ud, const char *wilayah, int64_t opd_id, const char *tanggal) {
  gather_t *g = ud;
  caldate_t d;
  if (caldate_parse(tanggal, &d) != ERR_OK) return ERR_OK;
  int64_t days = g->today - d;
  if (days < 0) days = 0;
  for (size_t i = 0; i < g->n; i++)
    if (reaches(g, i, wilayah, opd_id) && (g->a[i].hari_sos < 0 || days < g->a[i].hari_sos)) g->a[i].hari_sos = days;
  return ERR_OK;
}

static err_t g_petahana(void *ud, const char *wilayah, const char *pemilihan) {
  gather_t *g = ud;
  (void)pemilihan;
  for (size_t i = 0; i < g->n; i++)
    if (wilayah_code_within(wilayah, g->u[i].wilayah)) g->a[i].petahana = 1;
  return ERR_OK;
}

static void g_free(gather_t *g) {
  for (size_t i = 0; i < g->n; i++) {
    json_decref(g->people[i]);
    json_decref(g->current[i]);
  }
  xfree(g->u);
  xfree(g->a);
  xfree(g->people);
  xfree(g->current);
  json_decref(g->idx);
}

static double r2(double v) { return round(v * 100.0) / 100.0; }

static json_t *indikator_json(const kerawanan_set_t *s) {
  json_t *arr = json_array();
  for (size_t i = 0; arr && i < s->n; i++)
    json_array_append_new(arr, json_pack("{s:s,s:s,s:i,s:i,s:s,s:s,s:s}", "kode", s->it[i].kode, "nama", s->it[i].nama,
                                         "bobot", s->it[i].bobot, "bobot_bawaan", s->it[i].bobot_awal, "arah",
                                         s->it[i].arah > 0 ? "positif" : "negatif", "sumber", s->it[i].sumber,
                                         "keterangan", s->it[i].keterangan));
  return arr;
}

err_t kerawanan_index(db_t *db, const account_t *who, const char *tingkat, const char *wilayah, json_t **out) {
  store_unit_t level;
  char scope[24];
  kerawanan_set_t set;
  kerawanan_stat_t st;
  gather_t g;
  err_t e;
  memset(&g, 0, sizeof g);
  if (!tingkat || pakta_tingkat_parse(tingkat, &level))
    return err_set(ERR_INVALID, "tingkat", "Tingkat harus kabkota, kecamatan, desa atau opd.");
  if (who) {
    if ((e = pakta_scope(db, who, wilayah, scope))) return e;
  } else {
    if (wilayah && *wilayah && !wilayah_code_valid(wilayah))
      return err_set(ERR_INVALID, "wilayah", "Kode wilayah tidak valid.");
    snprintf(scope, sizeof scope, "%s", wilayah ? wilayah : "");
  }
  if ((e = kerawanan_indikator_load(db, &set))) return e;
  g.level = level;
  g.idx = json_object();
  if (!g.idx) return ERR_NOMEM;
  int64_t now = clock_now();
  clock_iso(now - (int64_t)KRW_PERIODE_HARI * 86400, g.batas);
  g.today = caldatetime_date(caldatetime_from_unix(now, CALDATE_WIB_OFFSET));
  if (!e) e = store_units(db, level, scope, g_unit, &g);
  if (!e) e = store_pegawai_agg(db, level, scope, g_pegawai, &g);
  if (!e) e = store_kasus_ringkas(db, scope, g_kasus, &g);
  if (!e) e = store_kegiatan_latest(db, outreach, g_kegiatan, &g);
  if (!e) e = store_petahana_each(db, g_petahana, &g);
  if (e) goto done;
  for (size_t k = 0; k < g.n; k++) {
    agg_t *a = &g.a[k];
    const char *key;
    json_t *v;
    json_object_foreach(g.people[k], key, v) a->berulang += json_integer_value(v) >= 2;
    a->terlapor = (int64_t)json_object_size(g.current[k]);
    g.u[k].terlapor = a->terlapor;
    g.u[k].pegawai = a->pegawai;
    for (size_t i = 0; i < set.n; i++)
      for (int m = 0; m < MEASURES_N; m++)
        if (strcmp(measures[m].kode, set.it[i].kode) == 0) g.u[k].mentah[i] = measures[m].fn(a);
  }
  kerawanan_hitung(&set, g.u, g.n, &st);
  json_t *units = json_array();
  for (size_t k = 0; units && k < g.n; k++) {
    const kerawanan_unit_t *u = &g.u[k];
    json_t *rinci = json_array();
    for (size_t i = 0; rinci && i < set.n; i++)
      json_array_append_new(rinci, json_pack("{s:s,s:f,s:f,s:i,s:f}", "kode", set.it[i].kode, "nilai", r2(u->mentah[i]),
                                             "normal", r2(u->normal[i]), "bobot", set.it[i].bobot, "kontribusi",
                                             r2(u->kontribusi[i])));
    json_array_append_new(units, json_pack("{s:i,s:s,s:s,s:s,s:f,s:s,s:s,s:I,s:I,s:o}", "peringkat", u->peringkat, "kode",
                                           u->kode, "nama", u->nama, "wilayah", u->wilayah, "skor", r2(u->skor),
                                           "kategori", u->kategori, "zona", u->zona, "terlapor", (json_int_t)u->terlapor,
                                           "pegawai", (json_int_t)u->pegawai, "rincian", rinci));
  }
  *out = json_pack("{s:s,s:s,s:s,s:{s:f,s:f,s:f,s:f},s:o,s:o}", "tingkat", tingkat, "wilayah", scope, "metode",
                   "min–maks 0–100 per indikator; skor = rata-rata berbobot; kategori rata-rata ± 1 simpangan baku "
                   "(metode IKP); zona menurut jumlah terlapor (merah > 20, kuning 6–20, hijau < 6)",
                   "statistik", "rata_rata", r2(st.rata), "simpangan_baku", r2(st.sd), "batas_rendah",
                   r2(st.batas_rendah), "batas_tinggi", r2(st.batas_tinggi), "indikator", indikator_json(&set), "unit",
                   units);
  if (!*out) e = ERR_NOMEM;
done:
  g_free(&g);
  return e;
}

/* ---- admin edits ---- */

err_t kerawanan_bobot_set(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out) {
  kerawanan_set_t set;
  json_t *b = json_object_get(body, "bobot"), *v;
  const char *kode;
  char now[CLOCK_ISO_LEN];
  err_t e = kerawanan_indikator_load(db, &set);
  if (e) return e;
  if (!json_is_object(b) || json_object_size(b) == 0)
    return err_set(ERR_INVALID, "bobot", "Kirim {\"bobot\":{\"kode_indikator\":0–4,…}}.");
  clock_iso(clock_now(), now);
  json_object_foreach(b, kode, v) {
    size_t i;
    char field[64];
    snprintf(field, sizeof field, "bobot.%.50s", kode);
    for (i = 0; i < set.n; i++)
      if (strcmp(set.it[i].kode, kode) == 0) break;
    if (i == set.n) return err_set(ERR_INVALID, field, "Indikator %.50s tidak dikenal.", kode);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 4)
      return err_set(ERR_INVALID, field, "Bobot harus bilangan bulat 0–4 (0 = indikator tidak dipakai).");
    if ((e = store_bobot_set(db, kode, (int)json_integer_value(v), who->username, now))) return e;
  }
  if ((e = audit_append(db, k, who->username, "kerawanan.bobot", "kerawanan_bobot", b))) return e;
  if ((e = kerawanan_indikator_load(db, &set))) return e;
  *out = json_pack("{s:o}", "indikator", indikator_json(&set));
  return *out ? ERR_OK : ERR_NOMEM;
}

err_t kerawanan_petahana_set(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out) {
  const char *w = json_string_value(json_object_get(body, "wilayah"));
  const char *p = json_string_value(json_object_get(body, "pemilihan"));
  const char *c = json_string_value(json_object_get(body, "calon"));
  char now[CLOCK_ISO_LEN];
  wilayah_row_t row;
  if (!w || !wilayah_code_valid(w)) return err_set(ERR_INVALID, "wilayah", "Kode wilayah tidak valid.");
  err_t e = store_wilayah_get(db, w, &row);
  if (e == ERR_NOT_FOUND) return err_set(ERR_INVALID, "wilayah", "Kode wilayah %s tidak dikenal.", w);
  if (e) return e;
  if (!wilayah_in_scope(who, w)) return err_set(ERR_FORBIDDEN, "wilayah", "Wilayah %s di luar wilayah tugas Anda.", w);
  if (!p || !*p || strlen(p) > 40) return err_set(ERR_INVALID, "pemilihan", "Kolom pemilihan wajib diisi (mis. pilkada2024).");
  if (c && strlen(c) > 200) return err_set(ERR_INVALID, "calon", "Kolom calon terlalu panjang.");
  clock_iso(clock_now(), now);
  if ((e = store_petahana_set(db, w, p, c, who->username, now))) return e;
  if ((e = audit_append(db, k, who->username, "kerawanan.petahana", w, body))) return e;
  *out = json_pack("{s:s,s:s}", "wilayah", w, "pemilihan", p);
  return *out ? ERR_OK : ERR_NOMEM;
}

static err_t petahana_row(void *ud, const store_petahana_row_t *r) {
  json_t *o = json_pack("{s:s,s:s,s:s,s:s*,s:s,s:s}", "wilayah", r->wilayah, "wilayah_nama", r->wilayah_nama,
                        "pemilihan", r->pemilihan, "calon", r->calon, "diubah_oleh", r->diubah_oleh, "diubah", r->diubah);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t kerawanan_petahana_list(db_t *db, const account_t *who, json_t **out) {
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  err_t e = store_petahana_list(db, who->role == ROLE_ADMIN ? "" : who->wilayah, petahana_row, arr);
  if (e) {
    json_decref(arr);
    return e;
  }
  *out = json_pack("{s:o}", "petahana", arr);
  return *out ? ERR_OK : ERR_NOMEM;
}

err_t kerawanan_petahana_hapus(db_t *db, const keys_t *k, const account_t *who, const char *wilayah, json_t **out) {
  int deleted = 0;
  if (!wilayah || !wilayah_code_valid(wilayah) || !wilayah_in_scope(who, wilayah))
    return err_set(ERR_NOT_FOUND, "wilayah", "Tidak ada tanda petahana untuk wilayah ini.");
  err_t e = store_petahana_delete(db, wilayah, &deleted);
  if (e) return e;
  if (!deleted) return err_set(ERR_NOT_FOUND, "wilayah", "Tidak ada tanda petahana untuk wilayah %s.", wilayah);
  json_t *d = json_pack("{s:s}", "wilayah", wilayah);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, k, who->username, "kerawanan.petahana.hapus", wilayah, d);
  json_decref(d);
  if (e) return e;
  *out = json_pack("{s:s,s:b}", "wilayah", wilayah, "dihapus", 1);
  return *out ? ERR_OK : ERR_NOMEM;
}
