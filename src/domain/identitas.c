/* identitas.c — NIK/NIP plausibility and name normalisation (see identitas.h). */
#include "domain/identitas.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/banned.h"

/* Kemendagri province codes (Permendagri 72/2019 and the 2022 Papua
 * expansion, UU 14, 15, 16/2022 and UU 29/2022). Each row is a range. */
static const struct {
  int lo, hi;
} provinsi_ranges[] = {{11, 19}, {21, 21}, {31, 36}, {51, 53}, {61, 65},
                       {71, 76}, {81, 82}, {91, 96}};

static int provinsi_known(int code) {
  for (size_t i = 0; i < sizeof provinsi_ranges / sizeof provinsi_ranges[0]; i++)
    if (code >= provinsi_ranges[i].lo && code <= provinsi_ranges[i].hi) return 1;
  return 0;
}

static int all_digits(const char *s, size_t want) {
  size_t n = 0;
  for (; s[n]; n++)
    if (s[n] < '0' || s[n] > '9') return 0;
  return n == want;
}

static int num(const char *s, size_t off, size_t len) {
  int v = 0;
  for (size_t i = 0; i < len; i++) v = v * 10 + (s[off + i] - '0');
  return v;
}

static int is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m) {
  static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

static int current_year(void) {
  time_t t = time(NULL);
  struct tm tm;
  gmtime_r(&t, &tm);
  return tm.tm_year + 1900;
}

err_t identitas_nik_check(const char *nik, const char *field, identitas_nik_t *out) {
  identitas_nik_t r;
  if (!nik || !all_digits(nik, 16)) return err_set(ERR_INVALID, field, "NIK harus terdiri dari 16 angka.");
  r.provinsi = num(nik, 0, 2);
  r.kabkota = num(nik, 2, 2);
  r.kecamatan = num(nik, 4, 2);
  r.hari = num(nik, 6, 2);
  r.bulan = num(nik, 8, 2);
  r.tahun2 = num(nik, 10, 2);
  r.urut = num(nik, 12, 4);
  r.perempuan = r.hari > 40;
  if (r.perempuan) r.hari -= 40;
  if (!provinsi_known(r.provinsi))
    return err_set(ERR_INVALID, field, "Kode provinsi pada NIK (%02d) tidak dikenal.", r.provinsi);
  if (r.kabkota == 0 || r.kecamatan == 0)
    return err_set(ERR_INVALID, field, "Kode kabupaten/kota atau kecamatan pada NIK tidak sah.");
  /* 2000 is a leap year and 1900 is not; the century is unknown, so 29 Feb
   * of any YY divisible by 4 is accepted. */
  if (r.bulan < 1 || r.bulan > 12 || r.hari < 1 ||
      r.hari > days_in_month(r.tahun2 % 4 == 0 ? 2000 : 2001, r.bulan))
    return err_set(ERR_INVALID, field,
                   "Tanggal lahir pada NIK (angka ke-7 sampai ke-12, DDMMYY; perempuan +40 pada DD) tidak sah.");
  if (r.urut == 0) return err_set(ERR_INVALID, field, "Nomor urut pada NIK (empat angka terakhir) tidak boleh 0000.");
  if (out) *out = r;
  return ERR_OK;
}

enum { NIP_PPPK_CODE = 21, NIP_MIN_BIRTH_YEAR = 1940, NIP_MIN_AGE = 17, NIP_MAX_AGE = 60 };

err_t identitas_nip_check(const char *nip, const char *field, identitas_nip_t *out) {
  identitas_nip_t r;
  int now = current_year();
  if (!nip || !all_digits(nip, 18)) return err_set(ERR_INVALID, field, "NIP harus terdiri dari 18 angka.");
  r.lahir_tahun = num(nip, 0, 4);
  r.lahir_bulan = num(nip, 4, 2);
  r.lahir_hari = num(nip, 6, 2);
  r.tmt_tahun = num(nip, 8, 4);
  r.tmt_bulan = num(nip, 12, 2);
  int sex = num(nip, 14, 1);
  r.urut = num(nip, 15, 3);
  r.pppk = r.tmt_bulan == NIP_PPPK_CODE;
  if (r.pppk) r.tmt_bulan = 0;
  r.perempuan = sex == 2;
  if (r.lahir_tahun < NIP_MIN_BIRTH_YEAR || r.lahir_tahun > now || r.lahir_bulan < 1 || r.lahir_bulan > 12 ||
      r.lahir_hari < 1 || r.lahir_hari > days_in_month(r.lahir_tahun, r.lahir_bulan))
    return err_set(ERR_INVALID, field, "Tanggal lahir pada NIP (delapan angka pertama, YYYYMMDD) tidak sah.");
  if (!r.pppk && (r.tmt_bulan < 1 || r.tmt_bulan > 12))
    return err_set(ERR_INVALID, field, "Bulan TMT CPNS pada NIP (angka ke-13 dan ke-14) tidak sah.");
  /* Age at appointment in months; PPPK encodes no month, so count from January. */
  int age_months = (r.tmt_tahun * 12 + (r.pppk ? 1 : r.tmt_bulan)) - (r.lahir_tahun * 12 + r.lahir_bulan);
  if (r.tmt_tahun > now + 1 || age_months < NIP_MIN_AGE * 12 - (r.pppk ? 11 : 0) || age_months > NIP_MAX_AGE * 12)
    return err_set(ERR_INVALID, field,
                   "Tahun pengangkatan (TMT) pada NIP tidak masuk akal untuk tanggal lahir %04d-%02d-%02d.",
                   r.lahir_tahun, r.lahir_bulan, r.lahir_hari);
  if (sex != 1 && sex != 2)
    return err_set(ERR_INVALID, field, "Kode jenis kelamin pada NIP (angka ke-15) harus 1 atau 2.");
  if (r.urut == 0) return err_set(ERR_INVALID, field, "Nomor urut pada NIP (tiga angka terakhir) tidak boleh 000.");
  if (out) *out = r;
  return ERR_OK;
}

/* ---- names ---------------------------------------------------------------- */

enum { TITLE_PRE = 1, TITLE_POST = 2 };

/* Titles, keyed by their letters only (dots and case removed). PRE ones are
 * dropped at the start of a name, POST ones at its end or after a comma. */
static const struct {
  const char *key;
  int where;
} nama_titles[] = {
    /* honorifics and religious titles */
    {"bapak", TITLE_PRE}, {"bpk", TITLE_PRE}, {"pak", TITLE_PRE}, {"ibu", TITLE_PRE}, {"bu", TITLE_PRE},
    {"sdr", TITLE_PRE}, {"sdri", TITLE_PRE}, {"saudara", TITLE_PRE}, {"saudari", TITLE_PRE},
    {"h", TITLE_PRE}, {"hj", TITLE_PRE}, {"kh", TITLE_PRE}, {"tgh", TITLE_PRE}, {"ust", TITLE_PRE},
    {"ustadz", TITLE_PRE}, {"ustaz", TITLE_PRE}, {"ustadzah", TITLE_PRE}, {"ustazah", TITLE_PRE},
    {"pdt", TITLE_PRE},
    /* academic, before the name */
    {"prof", TITLE_PRE}, {"dr", TITLE_PRE | TITLE_POST}, {"drs", TITLE_PRE}, {"dra", TITLE_PRE},
    {"drg", TITLE_PRE}, {"ir", TITLE_PRE}, {"ns", TITLE_PRE}, {"apt", TITLE_PRE | TITLE_POST},
    {"hc", TITLE_PRE | TITLE_POST},
    /* academic and professional, after the name */
    {"amd", TITLE_POST}, {"amdkep", TITLE_POST}, {"amdkeb", TITLE_POST}, {"amk", TITLE_POST},
    {"spd", TITLE_POST}, {"spdi", TITLE_POST}, {"spdsd", TITLE_POST}, {"mpd", TITLE_POST}, {"mpdi", TITLE_POST},
    {"ssi", TITLE_POST}, {"msi", TITLE_POST}, {"mm", TITLE_POST}, {"sh", TITLE_POST},
    {"mh", TITLE_POST}, {"mkn", TITLE_POST}, {"shi", TITLE_POST}, {"se", TITLE_POST}, {"sei", TITLE_POST},
    {"mei", TITLE_POST}, {"ssos", TITLE_POST}, {"msos", TITLE_POST}, {"sip", TITLE_POST}, {"mip", TITLE_POST},
    {"sap", TITLE_POST}, {"map", TITLE_POST}, {"mpa", TITLE_POST}, {"skom", TITLE_POST},
    {"mkom", TITLE_POST}, {"st", TITLE_POST}, {"mt", TITLE_POST}, {"stp", TITLE_POST}, {"sp", TITLE_POST},
    {"spt", TITLE_POST}, {"sag", TITLE_POST}, {"mag", TITLE_POST}, {"sthi", TITLE_POST}, {"sth", TITLE_POST},
    {"sked", TITLE_POST}, {"skm", TITLE_POST}, {"mkes", TITLE_POST}, {"skep", TITLE_POST},
    {"ners", TITLE_POST}, {"sfarm", TITLE_POST}, {"spsi", TITLE_POST}, {"mpsi", TITLE_POST},
    {"shum", TITLE_POST}, {"mhum", TITLE_POST}, {"ssn", TITLE_POST}, {"sds", TITLE_POST},
    {"sstp", TITLE_POST}, {"ssttp", TITLE_POST}, {"msc", TITLE_POST}, {"ma", TITLE_POST},
    {"mba", TITLE_POST}, {"phd", TITLE_POST}, {"lc", TITLE_POST}, {"ak", TITLE_POST}, {"cpa", TITLE_POST},
    {"ssit", TITLE_POST}, {"spdsi", TITLE_POST}, {"mmpd", TITLE_POST},
};

static int title_where(const char *key) {
  for (size_t i = 0; i < sizeof nama_titles / sizeof nama_titles[0]; i++)
    if (strcmp(nama_titles[i].key, key) == 0) return nama_titles[i].where;
  return 0;
}

enum { NAMA_TOKENS = 48, NAMA_TOKEN = 64 };

typedef struct {
  char key[NAMA_TOKEN]; /* lowercase letters/digits (and UTF-8 bytes) */
  int after_comma;
} nama_token_t;

static int is_sep(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '/'; }

/* Key of raw[0..n): ASCII lowercased, letters, digits and non-ASCII bytes kept. */
static void token_key(const char *raw, size_t n, char *key) {
  size_t k = 0;
  for (size_t i = 0; i < n && k + 1 < NAMA_TOKEN; i++) {
    unsigned char c = (unsigned char)raw[i];
    if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80) key[k++] = (char)c;
  }
  key[k] = '\0';
}

static void push(nama_token_t *t, size_t *nt, const char *raw, size_t n, int after_comma) {
  if (*nt >= NAMA_TOKENS) return;
  token_key(raw, n, t[*nt].key);
  if (!t[*nt].key[0]) return;
  t[*nt].after_comma = after_comma;
  (*nt)++;
}

/* Split on spaces and commas; a word with inner dots that is not itself a
 * title ("Drs.H.Budi", "M.Yusuf") is split at the dots too. */
static size_t nama_tokens(const char *in, nama_token_t *t) {
  size_t nt = 0;
  int after_comma = 0;
  const char *p = in;
  while (*p) {
    while (*p && is_sep((unsigned char)*p)) p++;
    if (*p == ',') { after_comma = 1; p++; continue; }
    const char *s = p;
    while (*p && *p != ',' && !is_sep((unsigned char)*p)) p++;
    if (p == s) continue;
    char key[NAMA_TOKEN];
    token_key(s, (size_t)(p - s), key);
    if (title_where(key) || !memchr(s, '.', (size_t)(p - s))) {
      push(t, &nt, s, (size_t)(p - s), after_comma);
      continue;
    }
    for (const char *q = s; q < p;) {
      const char *e = memchr(q, '.', (size_t)(p - q));
      if (!e) e = p;
      push(t, &nt, q, (size_t)(e - q), after_comma);
      q = e < p ? e + 1 : p;
    }
  }
  return nt;
}

err_t nama_normalise(const char *in, char *out, size_t cap) {
  nama_token_t t[NAMA_TOKENS];
  size_t nt = in ? nama_tokens(in, t) : 0, first = 0, last = nt, o = 0;
  if (!out || cap == 0) return err_set(ERR_INTERNAL, NULL, "Penyangga nama terlalu kecil.");
  out[0] = '\0';
  while (first < last && (title_where(t[first].key) & TITLE_PRE)) first++;
  while (last > first && (title_where(t[last - 1].key) & TITLE_POST)) last--;
  for (size_t i = first; i < last; i++) {
    if (t[i].after_comma && (title_where(t[i].key) & TITLE_POST)) continue;
    size_t n = strlen(t[i].key);
    if (o + (o ? 1 : 0) + n + 1 > cap) {
      out[0] = '\0';
      return err_set(ERR_INVALID, "nama", "Nama terlalu panjang.");
    }
    if (o) out[o++] = ' ';
    memcpy(out + o, t[i].key, n);
    o += n;
    out[o] = '\0';
  }
  return ERR_OK;
}

static double jaro_winkler(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  unsigned char ma[NAMA_MAX] = {0}, mb[NAMA_MAX] = {0};
  if (la == 0 || lb == 0) return 0.0;
  if (la >= NAMA_MAX) la = NAMA_MAX - 1;
  if (lb >= NAMA_MAX) lb = NAMA_MAX - 1;
  size_t window = (la > lb ? la : lb) / 2;
  window = window > 0 ? window - 1 : 0;
  size_t matches = 0;
  for (size_t i = 0; i < la; i++) {
    size_t lo = i > window ? i - window : 0, hi = i + window + 1 < lb ? i + window + 1 : lb;
    for (size_t j = lo; j < hi; j++) {
      if (mb[j] || a[i] != b[j]) continue;
      ma[i] = mb[j] = 1;
      matches++;
      break;
    }
  }
  if (matches == 0) return 0.0;
  size_t trans = 0;
  for (size_t i = 0, j = 0; i < la; i++) {
    if (!ma[i]) continue;
    while (!mb[j]) j++;
    if (a[i] != b[j]) trans++;
    j++;
  }
  double m = (double)matches;
  double jaro = (m / (double)la + m / (double)lb + (m - (double)trans / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < 4 && prefix < la && prefix < lb && a[prefix] == b[prefix]) prefix++;
  return jaro + (double)prefix * 0.1 * (1.0 - jaro);
}

static int cmp_str(const void *x, const void *y) {
  return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The words of a normalised name in byte order, joined by spaces. */
static void sorted_words(const char *in, char *out) {
  char copy[NAMA_MAX];
  const char *w[NAMA_MAX / 2];
  size_t nw = 0, o = 0;
  snprintf(copy, sizeof copy, "%s", in);
  for (char *p = copy; *p;) {
    w[nw++] = p;
    char *sp = strchr(p, ' ');
    if (!sp) break;
    *sp = '\0';
    p = sp + 1;
  }
  qsort(w, nw, sizeof w[0], cmp_str);
  out[0] = '\0';
  for (size_t i = 0; i < nw; i++) {
    int n = snprintf(out + o, NAMA_MAX - o, "%s%s", i ? " " : "", w[i]);
    if (n < 0 || (size_t)n >= NAMA_MAX - o) break;
    o += (size_t)n;
  }
}

double nama_mirip(const char *a, const char *b) {
  char na[NAMA_MAX], nb[NAMA_MAX], sa[NAMA_MAX], sb[NAMA_MAX];
  if (nama_normalise(a, na, sizeof na) != ERR_OK || nama_normalise(b, nb, sizeof nb) != ERR_OK) return 0.0;
  if (!na[0] || !nb[0]) return 0.0;
  if (strcmp(na, nb) == 0) return 1.0;
  sorted_words(na, sa);
  sorted_words(nb, sb);
  double direct = jaro_winkler(na, nb), sorted = jaro_winkler(sa, sb);
  return direct > sorted ? direct : sorted;
}
