/* workflow.c — the transition table and its checks (see workflow.h). */
#include "domain/workflow.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

static const struct {
  const char *name, *label;
  int final;
} state_rows[WORKFLOW__COUNT] = {
#define X(id, name, label, final) {name, label, final},
    WORKFLOW_STATES(X)
#undef X
};

/* ---- value sets ------------------------------------------------------------ */

/* Perbawaslu 7/2022: a report is not registered when it fails the formal or
 * material requirements or was filed after the time limit (UU 7/2017 Ps 454(6)). */
static const char *const alasan_registrasi[] = {"syarat_formal", "syarat_materiel", "kedaluwarsa", NULL};
/* Kinds of putusan (DOMAIN.md "Case handling"). */
static const char *const jenis_putusan[] = {"bukan_pelanggaran", "pelanggaran_administrasi",
                                            "kode_etik_penyelenggara", "pidana",
                                            "pelanggaran_perundangan_lain", NULL};
static const char *const putusan_pelanggaran[] = {"pelanggaran_administrasi", "kode_etik_penyelenggara", "pidana",
                                                  "pelanggaran_perundangan_lain", NULL};
/* Violations judged against catalog items; DKPP ethics of election bodies are
 * outside the neutrality catalog. */
static const char *const putusan_berkatalog[] = {"pelanggaran_administrasi", "pidana",
                                                 "pelanggaran_perundangan_lain", NULL};
static const char *const putusan_bukan[] = {"bukan_pelanggaran", NULL};
/* PP 94/2021 Ps 8 (ringan, sedang, berat); SKB Netralitas ASN 2022 (sanksi
 * moral, PP 42/2004 Ps 16); other subjects' sanctions as sanksi_lain. */
static const char *const jenis_sanksi[] = {
    "pernyataan_tertutup", "pernyataan_terbuka",                    /* sanksi moral */
    "teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas",   /* ringan */
    "potong_tukin_6_bulan", "potong_tukin_9_bulan", "potong_tukin_12_bulan", /* sedang */
    "penurunan_jabatan", "pembebasan_jabatan", "pemberhentian_dengan_hormat", /* berat */
    "pemberhentian_tidak_dengan_hormat", "pidana", "sanksi_lain", NULL};

/* ---- field sets ------------------------------------------------------------ */

#define F_END {NULL, NULL, WORKFLOW_FIELD_TEXT, NULL, NULL, NULL}

static const workflow_field_t f_none[] = {F_END};
static const workflow_field_t f_tidak_registrasi[] = {
    {"alasan", "alasan tidak diregistrasi", WORKFLOW_FIELD_ENUM, alasan_registrasi, NULL, NULL}, F_END};
static const workflow_field_t f_kekurangan[] = {
    {"kekurangan", "kekurangan laporan", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL}, F_END};
static const workflow_field_t f_alasan_teks[] = {{"alasan", "alasan", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL}, F_END};
/* The kajian (Perbawaslu 7/2022): the facts established in klarifikasi and the
 * analysis of whether the elements of a violation are met, recorded with the
 * putusan that concludes it. */
static const workflow_field_t f_putusan[] = {
    {"fakta", "fakta dan keterangan hasil klarifikasi", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    {"analisis", "analisis kajian: unsur pelanggaran dan dasar hukumnya", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    {"jenis_putusan", "jenis putusan", WORKFLOW_FIELD_ENUM, jenis_putusan, NULL, NULL},
    {"katalog", "butir katalog pelanggaran", WORKFLOW_FIELD_LIST, NULL, "jenis_putusan", putusan_berkatalog},
    F_END};
static const workflow_field_t f_teruskan[] = {
    {"jenis_putusan", "putusan kasus", WORKFLOW_FIELD_ENUM, putusan_pelanggaran, NULL, NULL},
    {"penerima", "penerima rekomendasi", WORKFLOW_FIELD_CODE, NULL, NULL, NULL},
    {"nomor", "nomor surat penerusan", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    {"tanggal", "tanggal surat penerusan", WORKFLOW_FIELD_DATE, NULL, NULL, NULL},
    F_END};
static const workflow_field_t f_teruskan_ulang[] = {
    {"penerima", "penerima rekomendasi", WORKFLOW_FIELD_CODE, NULL, NULL, NULL},
    {"nomor", "nomor surat penerusan", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    {"tanggal", "tanggal surat penerusan", WORKFLOW_FIELD_DATE, NULL, NULL, NULL},
    F_END};
static const workflow_field_t f_tutup_bukan[] = {
    {"jenis_putusan", "putusan kasus", WORKFLOW_FIELD_ENUM, putusan_bukan, NULL, NULL}, F_END};
static const workflow_field_t f_sanksi[] = {
    {"jenis_sanksi", "jenis sanksi", WORKFLOW_FIELD_ENUM, jenis_sanksi, NULL, NULL},
    {"nomor_sk", "nomor SK", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    {"tanggal_sk", "tanggal SK", WORKFLOW_FIELD_DATE, NULL, NULL, NULL},
    {"pejabat", "pejabat penanda tangan SK", WORKFLOW_FIELD_TEXT, NULL, NULL, NULL},
    F_END};

/* ---- the table --------------------------------------------------------------- */

enum {
  R_P = ROLE_PKD,
  R_C = ROLE_PANWASCAM,
  R_B = ROLE_BAWASLU,
  R_D = ROLE_PEMDA,
  R_K = ROLE_BKN,
  R_A = ROLE_ADMIN,
};
#define S(x) WORKFLOW_##x

static const workflow_transition_t wf_rows[] = {
    {S(INFORMASI_AWAL), S(TEMUAN), R_P | R_C | R_B | R_A, "Jadikan temuan", f_none, "temuan",
     "Perbawaslu 7/2022 (informasi awal ditindaklanjuti sebagai temuan)"},
    {S(INFORMASI_AWAL), S(TIDAK_DIREGISTRASI), R_C | R_B | R_A, "Hentikan informasi awal", f_tidak_registrasi, NULL,
     "Perbawaslu 7/2022"},
    {S(TEMUAN), S(DIREGISTRASI), R_C | R_B | R_A, "Registrasi temuan", f_none, "penanganan", "UU 7/2017 Ps 454(5)"},
    {S(TEMUAN), S(TIDAK_DIREGISTRASI), R_C | R_B | R_A, "Tidak diregistrasi", f_tidak_registrasi, NULL,
     "UU 7/2017 Ps 454(5)"},
    {S(DITERIMA), S(KAJIAN_AWAL), R_P | R_C | R_B | R_A, "Mulai kajian awal", f_none, NULL,
     "Perbawaslu 7/2022 Ps 15(1)"},
    {S(KAJIAN_AWAL), S(PERLU_DILENGKAPI), R_P | R_C | R_B | R_A, "Minta kelengkapan laporan", f_kekurangan, NULL,
     "Perbawaslu 7/2022 (perbaikan syarat laporan)"},
    {S(PERLU_DILENGKAPI), S(KAJIAN_AWAL), R_P | R_C | R_B | R_A, "Laporan telah dilengkapi", f_none, "kajian_awal",
     "Perbawaslu 7/2022 Ps 15(1)"},
    {S(KAJIAN_AWAL), S(TIDAK_DIREGISTRASI), R_C | R_B | R_A, "Tidak diregistrasi", f_tidak_registrasi, NULL,
     "Perbawaslu 7/2022; UU 7/2017 Ps 454(6)"},
    {S(PERLU_DILENGKAPI), S(TIDAK_DIREGISTRASI), R_C | R_B | R_A, "Tidak diregistrasi", f_tidak_registrasi, NULL,
     "Perbawaslu 7/2022"},
    {S(KAJIAN_AWAL), S(DIREGISTRASI), R_C | R_B | R_A, "Registrasi laporan", f_none, "penanganan",
     "UU 7/2017 Ps 454(7); UU 10/2016 Ps 134(5)"},
    {S(DIREGISTRASI), S(KLARIFIKASI), R_C | R_B | R_A, "Mulai klarifikasi", f_none, NULL, "Perbawaslu 7/2022"},
    {S(KLARIFIKASI), S(KAJIAN), R_C | R_B | R_A, "Susun kajian", f_none, NULL, "Perbawaslu 7/2022"},
    {S(KAJIAN), S(KLARIFIKASI), R_C | R_B | R_A, "Perlu keterangan tambahan", f_alasan_teks,
     "penanganan_diperpanjang", "UU 7/2017 Ps 454(8); UU 10/2016 Ps 134(6)"},
    {S(KAJIAN), S(PUTUSAN), R_C | R_B | R_A, "Tetapkan putusan", f_putusan, NULL, "UU 7/2017 Ps 455"},
    {S(PUTUSAN), S(DITERUSKAN), R_C | R_B | R_A, "Teruskan rekomendasi", f_teruskan, "tindak_lanjut_ppk",
     "UU 7/2017 Ps 455(1) huruf c-d"},
    {S(PUTUSAN), S(SELESAI), R_C | R_B | R_A, "Tutup: bukan pelanggaran", f_tutup_bukan, NULL,
     "UU 7/2017 Ps 455(1) huruf a"},
    {S(DITERUSKAN), S(DITINDAKLANJUTI), R_D | R_K | R_B | R_A, "Catat sanksi", f_sanksi, NULL,
     "PP 94/2021 Ps 8; UU 20/2023"},
    {S(DITERUSKAN), S(TIDAK_DITINDAKLANJUTI), R_D | R_K | R_B | R_A, "Catat tidak ditindaklanjuti", f_alasan_teks,
     NULL, "UU 20/2023"},
    {S(TIDAK_DITINDAKLANJUTI), S(DITERUSKAN), R_C | R_B | R_A, "Teruskan ulang", f_teruskan_ulang,
     "tindak_lanjut_ppk", "UU 7/2017 Ps 455"},
    {S(DITINDAKLANJUTI), S(SELESAI), R_C | R_B | R_A, "Selesaikan kasus", f_none, NULL, "Perbawaslu 7/2022"},
    {S(TIDAK_DITINDAKLANJUTI), S(SELESAI), R_C | R_B | R_A, "Selesaikan kasus", f_none, NULL, "Perbawaslu 7/2022"},
};
enum { WF_ROWS = sizeof wf_rows / sizeof wf_rows[0] };

/* Deadline stage overridden by a field value (workflow_tahap). */
static const struct {
  workflow_state_t to;
  const char *field, *value, *tahap;
} tahap_overrides[] = {
    /* UU 7/2017 Ps 476(1): suspected crimes go to the police within 1 x 24 jam (verify). */
    {S(DITERUSKAN), "penerima", "gakkumdu", "pidana_ke_polisi"},
};

static const struct {
  const char *jenis;
  workflow_state_t state;
  const char *tahap;
} initial_rows[] = {
    {"laporan", S(DITERIMA), "kajian_awal"},
    {"temuan", S(TEMUAN), "temuan"},
    {"informasi_awal", S(INFORMASI_AWAL), NULL},
};
#undef S

/* ---- states ------------------------------------------------------------------ */

static int state_valid(workflow_state_t s) { return (unsigned)s < (unsigned)WORKFLOW__COUNT; }

const char *workflow_state_name(workflow_state_t s) { return state_valid(s) ? state_rows[s].name : "?"; }
const char *workflow_state_label(workflow_state_t s) { return state_valid(s) ? state_rows[s].label : "?"; }
int workflow_state_final(workflow_state_t s) { return state_valid(s) && state_rows[s].final; }

err_t workflow_state_parse(const char *name, workflow_state_t *out) {
  for (int i = 0; name && i < WORKFLOW__COUNT; i++) {
    if (strcmp(state_rows[i].name, name) == 0) {
      *out = (workflow_state_t)i;
      return ERR_OK;
    }
  }
  return err_set(ERR_INVALID, "ke", "Tahap tujuan tidak dikenal.");
}

err_t workflow_initial(const char *jenis, workflow_state_t *state, const char **tahap) {
  for (size_t i = 0; jenis && i < sizeof initial_rows / sizeof initial_rows[0]; i++) {
    if (strcmp(initial_rows[i].jenis, jenis) == 0) {
      *state = initial_rows[i].state;
      if (tahap) *tahap = initial_rows[i].tahap;
      return ERR_OK;
    }
  }
  return err_set(ERR_INVALID, "jenis", "Jenis kasus harus laporan, temuan atau informasi_awal.");
}

/* ---- transitions ------------------------------------------------------------- */

const workflow_transition_t *workflow_table(size_t *n) {
  if (n) *n = WF_ROWS;
  return wf_rows;
}

const workflow_transition_t *workflow_find(workflow_state_t from, workflow_state_t to) {
  for (size_t i = 0; i < WF_ROWS; i++)
    if (wf_rows[i].from == from && wf_rows[i].to == to) return &wf_rows[i];
  return NULL;
}

size_t workflow_allowed(workflow_state_t from, unsigned role_mask, const workflow_transition_t **out, size_t cap) {
  size_t n = 0;
  for (size_t i = 0; i < WF_ROWS; i++) {
    if (wf_rows[i].from != from || !(wf_rows[i].roles & role_mask)) continue;
    if (out && n < cap) out[n] = &wf_rows[i];
    n++;
  }
  return n;
}

/* Append item to the ", "-separated list in dst (truncated at cap). */
static void join(char *dst, size_t cap, const char *item, int *count) {
  size_t o = strlen(dst);
  if (o < cap) snprintf(dst + o, cap - o, "%s%s", *count ? ", " : "", item);
  (*count)++;
}

static err_t conflict(workflow_state_t from, workflow_state_t to) {
  char list[240] = "";
  int count = 0;
  for (size_t i = 0; i < WF_ROWS; i++) {
    if (wf_rows[i].from != from) continue;
    char item[96];
    snprintf(item, sizeof item, "%s (ke %s)", wf_rows[i].aksi, state_rows[wf_rows[i].to].name);
    join(list, sizeof list, item, &count);
  }
  if (!count)
    return err_set(ERR_CONFLICT, "ke", "Kasus pada tahap \"%s\" sudah final; tidak ada tindakan lanjutan.",
                   workflow_state_label(from));
  return err_set(ERR_CONFLICT, "ke", "Dari tahap \"%s\" kasus tidak dapat dipindah ke \"%s\". Tindakan yang tersedia: %s.",
                 workflow_state_label(from), workflow_state_label(to), list);
}

static err_t forbidden(const workflow_transition_t *t) {
  char list[200] = "";
  int count = 0;
  size_t n;
  const role_t *all = role_all(&n);
  for (size_t i = 0; i < n; i++)
    if (t->roles & all[i]) join(list, sizeof list, role_label(all[i]), &count);
  return err_set(ERR_FORBIDDEN, "ke", "Peran Anda tidak berwenang untuk tindakan \"%s\". Yang berwenang: %s.", t->aksi,
                 list);
}

static int in_set(const char *v, const char *const *set) {
  for (size_t i = 0; set[i]; i++)
    if (strcmp(set[i], v) == 0) return 1;
  return 0;
}

static int is_date(const char *s) {
  static const int dm[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (strlen(s) != 10 || s[4] != '-' || s[7] != '-') return 0;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9')) return 0;
  int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
  if (y < 1900 || m < 1 || m > 12 || d < 1 || d > dm[m - 1]) return 0;
  return !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

static int is_code(const char *s) {
  if (!*s || strlen(s) > 64) return 0;
  for (; *s; s++)
    if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return 0;
  return 1;
}

/* Non-empty after trimming spaces. */
static int has_text(const char *s) {
  for (; *s; s++)
    if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r') return 1;
  return 0;
}

static err_t check_field(const workflow_field_t *f, const json_t *fields) {
  const json_t *v = json_is_object(fields) ? json_object_get(fields, f->name) : NULL;
  if (f->if_field) {
    const json_t *cond = json_is_object(fields) ? json_object_get(fields, f->if_field) : NULL;
    if (!json_is_string(cond) || !in_set(json_string_value(cond), f->if_values)) return ERR_OK;
  }
  if (!v || json_is_null(v) || (json_is_string(v) && !has_text(json_string_value(v))))
    return err_set(ERR_INVALID, f->name, "Kolom %s (%s) wajib diisi.", f->label, f->name);
  switch (f->type) {
  case WORKFLOW_FIELD_LIST: {
    size_t i;
    const json_t *it;
    if (!json_is_array(v) || json_array_size(v) == 0)
      return err_set(ERR_INVALID, f->name, "Kolom %s harus daftar berisi sedikitnya satu kode.", f->label);
    if (json_array_size(v) > WORKFLOW_LIST_MAX)
      return err_set(ERR_INVALID, f->name, "Kolom %s paling banyak %d butir.", f->label, WORKFLOW_LIST_MAX);
    json_array_foreach(v, i, it) {
      if (!json_is_string(it) || !has_text(json_string_value(it)))
        return err_set(ERR_INVALID, f->name, "Butir ke-%zu pada %s harus kode teks.", i + 1, f->label);
    }
    return ERR_OK;
  }
  case WORKFLOW_FIELD_TEXT:
  case WORKFLOW_FIELD_ENUM:
  case WORKFLOW_FIELD_DATE:
  case WORKFLOW_FIELD_CODE:
    break;
  }
  if (!json_is_string(v)) return err_set(ERR_INVALID, f->name, "Kolom %s harus berupa teks.", f->label);
  const char *s = json_string_value(v);
  switch (f->type) {
  case WORKFLOW_FIELD_TEXT:
    if (json_string_length(v) > WORKFLOW_TEXT_MAX)
      return err_set(ERR_INVALID, f->name, "Kolom %s paling panjang %d karakter.", f->label, WORKFLOW_TEXT_MAX);
    break;
  case WORKFLOW_FIELD_ENUM:
    if (!in_set(s, f->values)) {
      char list[512] = "";
      int count = 0;
      for (size_t i = 0; f->values[i]; i++) join(list, sizeof list, f->values[i], &count);
      /* err_detail_t holds 320 bytes; a long list would be cut mid-word. */
      if (strlen(list) > 240)
        return err_set(ERR_INVALID, f->name, "Nilai %s tidak dikenal; pilih salah satu dari daftar pada formulir.",
                       f->label);
      return err_set(ERR_INVALID, f->name, "Nilai %s harus salah satu dari: %s.", f->label, list);
    }
    break;
  case WORKFLOW_FIELD_DATE:
    if (!is_date(s)) return err_set(ERR_INVALID, f->name, "Kolom %s harus tanggal yang sah (YYYY-MM-DD).", f->label);
    break;
  case WORKFLOW_FIELD_CODE:
    if (!is_code(s)) return err_set(ERR_INVALID, f->name, "Kolom %s harus kode yang dikenal.", f->label);
    break;
  case WORKFLOW_FIELD_LIST:
    break;
  }
  return ERR_OK;
}

err_t workflow_check(workflow_state_t from, workflow_state_t to, unsigned role_mask, const json_t *fields) {
  if (!state_valid(from) || !state_valid(to)) return err_set(ERR_INVALID, "ke", "Tahap tidak dikenal.");
  const workflow_transition_t *t = workflow_find(from, to);
  if (!t) return conflict(from, to);
  if (!(t->roles & role_mask)) return forbidden(t);
  if (fields && !json_is_object(fields)) return err_set(ERR_BAD_JSON, NULL, "Isi permintaan harus objek JSON.");
  for (const workflow_field_t *f = t->fields; f->name; f++) {
    err_t e = check_field(f, fields);
    if (e) return e;
  }
  return ERR_OK;
}

const char *workflow_tahap(const workflow_transition_t *t, const json_t *fields) {
  if (!t) return NULL;
  for (size_t i = 0; i < sizeof tahap_overrides / sizeof tahap_overrides[0]; i++) {
    if (tahap_overrides[i].to != t->to) continue;
    const json_t *v = json_is_object(fields) ? json_object_get(fields, tahap_overrides[i].field) : NULL;
    if (json_is_string(v) && strcmp(json_string_value(v), tahap_overrides[i].value) == 0) return tahap_overrides[i].tahap;
  }
  return t->tahap;
}
