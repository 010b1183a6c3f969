/*
 * deadline.c — statutory deadlines over a rule table and a holiday calendar
 * (see deadline.h for the counting convention).
 *
 * The legal content lives in data/tenggat.csv, not here: this file only knows
 * the vocabularies (regimes, units, start events, holiday kinds) as tables and
 * how to count days. Sources of the counting:
 *   UU 7/2017 Ps 454 ayat (5)-(8), Ps 476 ayat (1)   (Pemilu)
 *   UU 10/2016 Ps 134 ayat (4)-(6)                    (Pilkada)
 */
#include "domain/deadline.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/banned.h"

/* ---- vocabularies ------------------------------------------------------ */

static const struct {
  const char *name;
  const char *label;
} unit_rows[DEADLINE_UNIT__COUNT] = {
    [DEADLINE_HARI_KALENDER] = {"hari_kalender", "hari kalender"},
    [DEADLINE_HARI_KERJA] = {"hari_kerja", "hari kerja"},
    [DEADLINE_JAM] = {"jam", "jam"},
};

static const char *const jenis_names[DEADLINE_JENIS__COUNT] = {
    [DEADLINE_LIBUR_NASIONAL] = "libur_nasional",
    [DEADLINE_CUTI_BERSAMA] = "cuti_bersama",
};

/* Regimes a rule may name; a case is only ever under the first two. */
static const struct {
  const char *name;
  int case_regime;
} rezim_rows[] = {
    {"pemilu", 1},  /* UU 7/2017 */
    {"pilkada", 1}, /* UU 10/2016 */
    {"semua", 0},   /* applies to both */
};

/* Events a deadline can start from. */
static const char *const mulai_names[] = {
    "diketahui",    /* pelapor learns of the violation: UU 7/2017 Ps 454(6) */
    "ditemukan",    /* pengawas finds it: UU 7/2017 Ps 454(5) */
    "diterima",     /* laporan received */
    "diregistrasi", /* laporan received and registered: UU 7/2017 Ps 454(7) */
    "putusan",      /* Bawaslu declares the finding (e.g. suspected crime) */
    "diteruskan",   /* case forwarded to another authority (BKN) */
    "rekomendasi",  /* rekomendasi sent to the PPK */
};

static const struct {
  deadline_state_t state;
  caldatetime_t below_minutes; /* applies when time left < this */
  const char *code;
  const char *label;
} state_rows[DEADLINE_STATE__COUNT] = {
    {DEADLINE_TERLAMBAT, 0, "terlambat", "Terlambat"},
    {DEADLINE_KURANG_24_JAM, 24 * 60, "kurang_24_jam", "Kurang dari 24 jam"},
    {DEADLINE_KURANG_3_HARI, 3 * 24 * 60, "kurang_3_hari", "Kurang dari 3 hari"},
    {DEADLINE_AMAN, 0, "aman", "Aman"},
};

#define COUNTOF(a) (sizeof(a) / sizeof((a)[0]))

static int in_list(const char *s, const char *const *list, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(s, list[i]) == 0) return 1;
  return 0;
}

static const char *nz(const char *s) { return s ? s : ""; }

/* Identifiers: 1..DEADLINE_MAX_NAME of [a-z0-9_]. */
static int ident_ok(const char *s) {
  size_t n = strlen(s);
  if (n == 0 || n > DEADLINE_MAX_NAME) return 0;
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '_')) return 0;
  return 1;
}

err_t deadline_unit_parse(const char *s, deadline_unit_t *out) {
  for (int u = 0; u < DEADLINE_UNIT__COUNT; u++) {
    if (s && strcmp(s, unit_rows[u].name) == 0) {
      *out = (deadline_unit_t)u;
      return ERR_OK;
    }
  }
  return err_set(ERR_INVALID, "satuan", "Satuan \"%.40s\" tidak dikenal; gunakan hari_kalender, hari_kerja atau jam.",
                 nz(s));
}

const char *deadline_unit_name(deadline_unit_t u) {
  return (unsigned)u < DEADLINE_UNIT__COUNT ? unit_rows[u].name : "";
}

const char *deadline_unit_label(deadline_unit_t u) {
  return (unsigned)u < DEADLINE_UNIT__COUNT ? unit_rows[u].label : "";
}

const char *deadline_jenis_name(deadline_jenis_t j) {
  return (unsigned)j < DEADLINE_JENIS__COUNT ? jenis_names[j] : "";
}

int deadline_rezim_valid(const char *rezim) {
  for (size_t i = 0; rezim && i < COUNTOF(rezim_rows); i++)
    if (strcmp(rezim, rezim_rows[i].name) == 0) return rezim_rows[i].case_regime;
  return 0;
}

static int rezim_known(const char *rezim) {
  for (size_t i = 0; i < COUNTOF(rezim_rows); i++)
    if (strcmp(rezim, rezim_rows[i].name) == 0) return 1;
  return 0;
}

/* ---- rules --------------------------------------------------------------- */

void deadline_rules_init(deadline_rules_t *r) {
  memset(r, 0, sizeof *r);
  arena_init(&r->strings);
}

void deadline_rules_free(deadline_rules_t *r) {
  xfree(r->items);
  arena_free(&r->strings);
  memset(r, 0, sizeof *r);
}

static const deadline_rule_t *find_exact(const deadline_rules_t *r, const char *rezim, const char *tahap) {
  for (size_t i = 0; i < r->count; i++)
    if (strcmp(r->items[i].rezim, rezim) == 0 && strcmp(r->items[i].tahap, tahap) == 0) return &r->items[i];
  return NULL;
}

err_t deadline_rules_add(deadline_rules_t *r, const deadline_rule_t *row) {
  const char *perp = nz(row->perpanjangan), *ket = nz(row->keterangan), *dasar = nz(row->dasar);
  if (!row->rezim || !rezim_known(row->rezim))
    return err_set(ERR_INVALID, "rezim", "Rezim \"%.40s\" tidak dikenal; gunakan pemilu, pilkada atau semua.",
                   nz(row->rezim));
  if (!row->tahap || !ident_ok(row->tahap))
    return err_set(ERR_INVALID, "tahap", "Nama tahap \"%.40s\" tidak valid (huruf kecil, angka, garis bawah).",
                   nz(row->tahap));
  if (row->jumlah < 1 || row->jumlah > DEADLINE_MAX_JUMLAH)
    return err_set(ERR_INVALID, "jumlah", "Jumlah tenggat harus 1 sampai %d.", DEADLINE_MAX_JUMLAH);
  if ((unsigned)row->satuan >= DEADLINE_UNIT__COUNT)
    return err_set(ERR_INVALID, "satuan", "Satuan tenggat tidak dikenal.");
  if (!row->mulai || !in_list(row->mulai, mulai_names, COUNTOF(mulai_names)))
    return err_set(ERR_INVALID, "mulai", "Peristiwa awal \"%.40s\" tidak dikenal.", nz(row->mulai));
  if (*perp && !ident_ok(perp))
    return err_set(ERR_INVALID, "perpanjangan", "Nama tahap perpanjangan \"%.40s\" tidak valid.", perp);
  /* Every deadline shown to a user names its source pasal (DOMAIN.md). */
  if (!*dasar) return err_set(ERR_INVALID, "dasar", "Setiap tenggat wajib menyebut dasar hukumnya.");
  if (strlen(dasar) > DEADLINE_MAX_TEXT || strlen(ket) > DEADLINE_MAX_TEXT)
    return err_set(ERR_INVALID, strlen(dasar) > DEADLINE_MAX_TEXT ? "dasar" : "keterangan",
                   "Teks terlalu panjang (maks %d karakter).", DEADLINE_MAX_TEXT);
  if (row->verifikasi != 0 && row->verifikasi != 1)
    return err_set(ERR_INVALID, "verifikasi", "Kolom verifikasi harus 0 atau 1.");
  if (find_exact(r, row->rezim, row->tahap))
    return err_set(ERR_CONFLICT, "tahap", "Tenggat %s/%s sudah ada.", row->rezim, row->tahap);

  if (r->count == r->cap) {
    size_t ncap = r->cap ? r->cap * 2 : 16;
    deadline_rule_t *n = xrealloc(r->items, ncap * sizeof *n);
    if (!n) return ERR_NOMEM;
    r->items = n;
    r->cap = ncap;
  }
  deadline_rule_t c = *row;
  c.rezim = arena_strdup(&r->strings, row->rezim);
  c.tahap = arena_strdup(&r->strings, row->tahap);
  c.mulai = arena_strdup(&r->strings, row->mulai);
  c.perpanjangan = arena_strdup(&r->strings, perp);
  c.dasar = arena_strdup(&r->strings, dasar);
  c.keterangan = arena_strdup(&r->strings, ket);
  if (!c.rezim || !c.tahap || !c.mulai || !c.perpanjangan || !c.dasar || !c.keterangan) return ERR_NOMEM;
  r->items[r->count++] = c;
  return ERR_OK;
}

const deadline_rule_t *deadline_find(const deadline_rules_t *r, const char *rezim, const char *tahap) {
  if (!rezim || !tahap) return NULL;
  const deadline_rule_t *rule = find_exact(r, rezim, tahap);
  return rule ? rule : find_exact(r, "semua", tahap);
}

/* Re-raise e with "Baris N: " in front of the recorded message. */
static err_t at_line(err_t e, long line) {
  char msg[sizeof((err_detail_t *)0)->message], field[sizeof((err_detail_t *)0)->field];
  snprintf(msg, sizeof msg, "%s", err_message(e));
  snprintf(field, sizeof field, "%s", err_field(e));
  return err_set(e, field[0] ? field : NULL, "Baris %ld: %s", line, msg);
}

enum { RCOL_REZIM, RCOL_TAHAP, RCOL_JUMLAH, RCOL_SATUAN, RCOL_MULAI, RCOL_PERPANJANGAN,
       RCOL_DASAR, RCOL_VERIFIKASI, RCOL_KETERANGAN, RCOL__COUNT };
static const struct {
  const char *name;
  int required;
} rule_cols[RCOL__COUNT] = {
    {"rezim", 1}, {"tahap", 1}, {"jumlah", 1}, {"satuan", 1}, {"mulai", 1},
    {"perpanjangan", 0}, {"dasar", 1}, {"verifikasi", 0}, {"keterangan", 0},
};

typedef struct {
  deadline_rules_t *rules;
  int header_seen;
  int col[RCOL__COUNT];
} rules_csv_t;

/* Whole-string integer; -1 with errno-free checks on anything else. */
static int parse_int(const char *s, long lo, long hi, int *out) {
  char *end;
  errno = 0;
  long v = strtol(s, &end, 10);
  if (errno || end == s || *end != '\0' || v < lo || v > hi) return -1;
  *out = (int)v;
  return 0;
}

static err_t rules_row(void *ud, long line, int nf, char **f) {
  rules_csv_t *st = ud;
  if (!st->header_seen) {
    st->header_seen = 1;
    for (int i = 0; i < RCOL__COUNT; i++) {
      st->col[i] = csv_col(nf, f, rule_cols[i].name);
      if (st->col[i] < 0 && rule_cols[i].required)
        return err_set(ERR_INVALID, NULL, "Baris %ld: kolom \"%s\" tidak ada di tabel tenggat.", line,
                       rule_cols[i].name);
    }
    return ERR_OK;
  }
  const char *v[RCOL__COUNT];
  for (int i = 0; i < RCOL__COUNT; i++) v[i] = st->col[i] >= 0 && st->col[i] < nf ? f[st->col[i]] : "";
  deadline_rule_t row = {.rezim = v[RCOL_REZIM], .tahap = v[RCOL_TAHAP], .mulai = v[RCOL_MULAI],
                         .perpanjangan = v[RCOL_PERPANJANGAN], .dasar = v[RCOL_DASAR],
                         .keterangan = v[RCOL_KETERANGAN]};
  err_t e;
  if (parse_int(v[RCOL_JUMLAH], 1, DEADLINE_MAX_JUMLAH, &row.jumlah))
    return err_set(ERR_INVALID, "jumlah", "Baris %ld: jumlah \"%.20s\" harus bilangan 1 sampai %d.", line,
                   v[RCOL_JUMLAH], DEADLINE_MAX_JUMLAH);
  if (*v[RCOL_VERIFIKASI] && parse_int(v[RCOL_VERIFIKASI], 0, 1, &row.verifikasi))
    return err_set(ERR_INVALID, "verifikasi", "Baris %ld: verifikasi harus 0 atau 1.", line);
  if ((e = deadline_unit_parse(v[RCOL_SATUAN], &row.satuan))) return at_line(e, line);
  if ((e = deadline_rules_add(st->rules, &row))) return at_line(e, line);
  return ERR_OK;
}

err_t deadline_rules_load_csv(deadline_rules_t *r, const char *data, size_t len) {
  rules_csv_t st = {.rules = r};
  err_t e = csv_parse(data, len, rules_row, &st);
  if (!e && !st.header_seen) e = err_set(ERR_INVALID, NULL, "Tabel tenggat kosong.");
  return e;
}

/* ---- calendar ------------------------------------------------------------ */

void deadline_calendar_init(deadline_calendar_t *c) {
  memset(c, 0, sizeof *c);
  arena_init(&c->strings);
}

void deadline_calendar_free(deadline_calendar_t *c) {
  xfree(c->items);
  arena_free(&c->strings);
  memset(c, 0, sizeof *c);
}

/* Index of the first holiday with tanggal >= d. */
static size_t lower_bound(const deadline_calendar_t *c, caldate_t d) {
  size_t lo = 0, hi = c->count;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c->items[mid].tanggal < d) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

err_t deadline_calendar_add(deadline_calendar_t *c, const char *tanggal, const char *jenis, const char *nama) {
  caldate_t d;
  int j;
  if (caldate_parse(tanggal, &d))
    return err_set(ERR_INVALID, "tanggal", "Tanggal libur \"%.40s\" tidak valid; gunakan YYYY-MM-DD.", nz(tanggal));
  for (j = 0; j < DEADLINE_JENIS__COUNT; j++)
    if (jenis && strcmp(jenis, jenis_names[j]) == 0) break;
  if (j == DEADLINE_JENIS__COUNT)
    return err_set(ERR_INVALID, "jenis", "Jenis libur \"%.40s\" tidak dikenal; gunakan libur_nasional atau cuti_bersama.",
                   nz(jenis));
  if (strlen(nz(nama)) > DEADLINE_MAX_TEXT)
    return err_set(ERR_INVALID, "nama", "Nama libur terlalu panjang (maks %d karakter).", DEADLINE_MAX_TEXT);
  if (c->count == c->cap) {
    size_t ncap = c->cap ? c->cap * 2 : 64;
    deadline_holiday_t *n = xrealloc(c->items, ncap * sizeof *n);
    if (!n) return ERR_NOMEM;
    c->items = n;
    c->cap = ncap;
  }
  const char *copy = arena_strdup(&c->strings, nz(nama));
  if (!copy) return ERR_NOMEM;
  size_t at = lower_bound(c, d + 1); /* after any same-day entries: stable */
  memmove(&c->items[at + 1], &c->items[at], (c->count - at) * sizeof c->items[0]);
  c->items[at] = (deadline_holiday_t){.tanggal = d, .jenis = (deadline_jenis_t)j, .nama = copy};
  c->count++;
  return ERR_OK;
}

typedef struct {
  deadline_calendar_t *cal;
  int header_seen, c_tanggal, c_jenis, c_nama;
} cal_csv_t;

static err_t cal_row(void *ud, long line, int nf, char **f) {
  cal_csv_t *st = ud;
  if (!st->header_seen) {
    st->header_seen = 1;
    st->c_tanggal = csv_col(nf, f, "tanggal");
    st->c_jenis = csv_col(nf, f, "jenis");
    st->c_nama = csv_col(nf, f, "nama");
    if (st->c_tanggal < 0 || st->c_jenis < 0)
      return err_set(ERR_INVALID, NULL, "Baris %ld: kalender libur wajib punya kolom tanggal dan jenis.", line);
    return ERR_OK;
  }
  const char *t = st->c_tanggal < nf ? f[st->c_tanggal] : "";
  const char *j = st->c_jenis < nf ? f[st->c_jenis] : "";
  const char *n = st->c_nama >= 0 && st->c_nama < nf ? f[st->c_nama] : "";
  err_t e = deadline_calendar_add(st->cal, t, j, n);
  return e ? at_line(e, line) : ERR_OK;
}

err_t deadline_calendar_load_csv(deadline_calendar_t *c, const char *data, size_t len) {
  cal_csv_t st = {.cal = c};
  return csv_parse(data, len, cal_row, &st);
}

const deadline_holiday_t *deadline_calendar_holiday(const deadline_calendar_t *c, caldate_t d) {
  size_t i = lower_bound(c, d);
  return i < c->count && c->items[i].tanggal == d ? &c->items[i] : NULL;
}

int deadline_calendar_is_working_day(const deadline_calendar_t *c, caldate_t d) {
  return caldate_weekday(d) <= 5 && !deadline_calendar_holiday(c, d);
}

int deadline_calendar_covers_year(const deadline_calendar_t *c, int year) {
  if (year < CALDATE_MIN_YEAR || year > CALDATE_MAX_YEAR) return 0;
  size_t i = lower_bound(c, caldate_from_ymd(year, 1, 1));
  return i < c->count && c->items[i].tanggal <= caldate_from_ymd(year, 12, 31);
}

err_t deadline_load_shipped(deadline_rules_t *r, deadline_calendar_t *c) {
  char *data = NULL;
  size_t len = 0;
  err_t e = assets_read("tenggat.csv", &data, &len);
  if (e) goto done;
  if ((e = deadline_rules_load_csv(r, data, len))) goto done;
  xfree(data);
  data = NULL;
  if ((e = assets_read("kalender/libur.csv", &data, &len))) goto done;
  e = deadline_calendar_load_csv(c, data, len);
done:
  xfree(data);
  return e;
}

/* ---- computing ----------------------------------------------------------- */

static int year_of(caldate_t d) {
  int y, m, dd;
  caldate_to_ymd(d, &y, &m, &dd);
  return y;
}

err_t deadline_compute(const deadline_rule_t *rule, const deadline_calendar_t *c, caldatetime_t mulai,
                       deadline_result_t *out) {
  memset(out, 0, sizeof *out);
  out->rule = rule;
  out->mulai = mulai;
  caldate_t day = caldatetime_date(mulai);
  switch (rule->satuan) {
  case DEADLINE_JAM:
    /* UU 7/2017 Ps 476(1) "1 x 24 jam": running hours, holidays included. */
    out->jatuh_tempo = mulai + (caldatetime_t)rule->jumlah * 60;
    out->tanggal = caldatetime_date(out->jatuh_tempo);
    out->ada_jam = 1;
    return ERR_OK;
  case DEADLINE_HARI_KALENDER:
    /* Calendar days: the law counts every day, so a due day that is a
     * Sunday or a holiday is NOT moved to the next working day. */
    out->tanggal = day + rule->jumlah;
    break;
  case DEADLINE_HARI_KERJA: {
    /* Day 0 is the start; walk forward counting working days. Any stretch of
     * 14 consecutive days holds at least one weekday outside a sane holiday
     * list, so the walk is bounded by jumlah * 14 + 366. */
    int counted = 0, last_year = 0;
    long steps = 0, max_steps = (long)rule->jumlah * 14 + 366;
    while (counted < rule->jumlah) {
      day++;
      if (++steps > max_steps)
        return err_set(ERR_INVALID, "kalender", "Kalender libur tidak menyisakan hari kerja; periksa data libur.");
      int y = year_of(day);
      if (y != last_year) {
        if (!deadline_calendar_covers_year(c, y)) out->kalender_kurang = 1;
        last_year = y;
      }
      if (deadline_calendar_is_working_day(c, day)) counted++;
    }
    out->tanggal = day;
    break;
  }
  default:
    return err_set(ERR_INVALID, "satuan", "Satuan tenggat tidak dikenal.");
  }
  if (year_of(out->tanggal) > CALDATE_MAX_YEAR)
    return err_set(ERR_INVALID, "mulai", "Tanggal mulai terlalu jauh di masa depan.");
  out->jatuh_tempo = caldatetime_make(out->tanggal, 23, 59);
  return ERR_OK;
}

err_t deadline_due(const deadline_rules_t *r, const deadline_calendar_t *c, const char *rezim, const char *tahap,
                   caldatetime_t mulai, deadline_result_t *out) {
  if (!deadline_rezim_valid(rezim))
    return err_set(ERR_INVALID, "rezim", "Rezim \"%.40s\" tidak dikenal; gunakan pemilu atau pilkada.", nz(rezim));
  const deadline_rule_t *rule = deadline_find(r, rezim, tahap);
  if (!rule)
    return err_set(ERR_NOT_FOUND, "tahap", "Tahap \"%.40s\" tidak dikenal untuk rezim %s.", nz(tahap), rezim);
  return deadline_compute(rule, c, mulai, out);
}

void deadline_format_due(const deadline_result_t *res, char *out, size_t cap) {
  if (res->ada_jam) caldatetime_format(res->jatuh_tempo, out, cap);
  else caldate_format(res->tanggal, out, cap);
}

err_t deadline_report_kedaluwarsa(const deadline_rules_t *r, const deadline_calendar_t *c, const char *rezim,
                                  caldate_t diketahui, caldate_t diterima, int *kedaluwarsa,
                                  deadline_result_t *res) {
  deadline_result_t local;
  deadline_result_t *dst = res ? res : &local;
  if (diketahui > diterima)
    return err_set(ERR_INVALID, "tanggal_diketahui",
                   "Tanggal diketahui tidak boleh sesudah tanggal laporan diterima.");
  /* UU 7/2017 Ps 454(6); UU 10/2016 Ps 134(4). */
  err_t e = deadline_due(r, c, rezim, "laporan", caldatetime_make(diketahui, 0, 0), dst);
  if (e) return e;
  *kedaluwarsa = diterima > dst->tanggal;
  return ERR_OK;
}

deadline_state_t deadline_status(caldatetime_t jatuh_tempo, caldatetime_t now) {
  if (now > jatuh_tempo) return DEADLINE_TERLAMBAT;
  caldatetime_t left = jatuh_tempo - now;
  for (int i = 0; i < DEADLINE_STATE__COUNT; i++)
    if (state_rows[i].below_minutes > 0 && left < state_rows[i].below_minutes) return state_rows[i].state;
  return DEADLINE_AMAN;
}

const char *deadline_state_code(deadline_state_t s) {
  return (unsigned)s < DEADLINE_STATE__COUNT ? state_rows[s].code : "";
}

const char *deadline_state_label(deadline_state_t s) {
  return (unsigned)s < DEADLINE_STATE__COUNT ? state_rows[s].label : "";
}
