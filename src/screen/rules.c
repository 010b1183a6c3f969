/*
 * rules.c — load aturan.csv and the candidate file into rules and a
 * deduplicated literal pattern table (see rules.h).
 *
 * Candidate columns become rules through paslon_columns[] (adding a column
 * kind = adding a row). Terms are normalised with the post normaliser; a
 * term with inner capitals (DiFi, #MojokertoBangkit) also gets its
 * all-lowercase form, because posts write both "DiFi" and "difi".
 */
#include "screen/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/csv.h"
#include "core/mem.h"
#include "core/banned.h"

static const struct {
  const char *name, *label;
  size_t name_len;
} kategori_table[] = {
#define X(e, name, label) {name, label, sizeof name - 1},
  SCREEN_KATEGORI_TABLE(X)
#undef X
};

const char *screen_kategori_name(int k) { return k >= 0 && k < SCREEN_KAT__COUNT ? kategori_table[k].name : "?"; }
size_t screen_kategori_name_len(int k) { return k >= 0 && k < SCREEN_KAT__COUNT ? kategori_table[k].name_len : 1; }
const char *screen_kategori_label(int k) { return k >= 0 && k < SCREEN_KAT__COUNT ? kategori_table[k].label : "?"; }

int screen_kategori_parse(const char *s) {
  for (int k = 0; k < SCREEN_KAT__COUNT; k++)
    if (!strcmp(s, kategori_table[k].name)) return k;
  return -1;
}

static const struct {
  const char *name;
  int jenis;
} jenis_table[] = {
  {"literal", SCREEN_JENIS_LITERAL},
  {"kata", SCREEN_JENIS_KATA},
  {"dekat", SCREEN_JENIS_DEKAT},
};

/* Candidate-file columns → generated rules. */
enum { COL_NAMA = 1 }; /* the column's terms also feed {paslon} */
static const struct {
  const char *col, *suffix, *catatan;
  int kategori, bobot, syarat, flags;
} paslon_columns[] = {
  {"calon", "nama", "Menyebut nama paslon", SCREEN_KAT_ATRIBUT, 20, 0, COL_NAMA},
  {"wakil", "nama", "Menyebut nama paslon", SCREEN_KAT_ATRIBUT, 20, 0, COL_NAMA},
  {"panggilan", "nama", "Menyebut nama paslon", SCREEN_KAT_ATRIBUT, 20, 0, COL_NAMA},
  {"julukan", "julukan", "Julukan/singkatan paslon", SCREEN_KAT_ATRIBUT, 30, 0, COL_NAMA},
  {"slogan", "slogan", "Slogan paslon", SCREEN_KAT_ATRIBUT, 55, 0, 0},
  {"tagar", "tagar", "Tagar paslon", SCREEN_KAT_ATRIBUT, 60, 0, 0},
  {"partai", "partai", "Partai pengusung paslon", SCREEN_KAT_ATRIBUT, 15, 1, 0},
};

/* ------------------------------------------------------------ helpers */

static int grow(void **p, size_t *cap, size_t need, size_t elem) {
  if (need <= *cap) return 0;
  size_t nc = *cap ? *cap : 64;
  while (nc < need) nc *= 2;
  void *q = xrealloc(*p, nc * elem);
  if (!q) return -1;
  *p = q;
  *cap = nc;
  return 0;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 0x100000001b3ULL;
  return h;
}
#define FNV0 0xcbf29ce484222325ULL

/* Trimmed copy of s[0..n) (caller frees). */
static char *trimdup(const char *s, size_t n) {
  while (n && (*s == ' ' || *s == '\t')) s++, n--;
  while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
  return xstrndup(s, n);
}

/* A set of strings in insertion order (placeholder expansions), with an
 * open-addressing index (ids + 1) so a national candidate file loads in
 * linear time. */
typedef struct {
  char **v;
  size_t n, cap;
  uint32_t *h;
  size_t hcap;
} names_t;

typedef struct {
  screen_rules_t *rs;
  const norm_lexicon_t *lx;
  const screen_rules_opts_t *o;
  norm_t norm;
  const char *file;
  names_t names; /* {paslon}: names, nicknames, pair names */
  names_t depan; /* {depan}: first names of calon and wakil */
  int cols[16];  /* header column indexes */
} loader_t;

/* ------------------------------------------------------------ patterns */

static err_t hash_rebuild(screen_rules_t *rs, size_t cap) {
  uint32_t *h = xcalloc(cap, sizeof *h);
  if (!h) return ERR_NOMEM;
  for (size_t p = 0; p < rs->npat; p++) {
    size_t i = fnv(FNV0, rs->pat[p], rs->patlen[p]) & (cap - 1);
    while (h[i]) i = (i + 1) & (cap - 1);
    h[i] = (uint32_t)p + 1;
  }
  xfree(rs->hash);
  rs->hash = h;
  rs->hcap = cap;
  return ERR_OK;
}

/* Id of pattern s[0..n), added if new. */
static err_t pattern_id(screen_rules_t *rs, const char *s, size_t n, uint32_t *id) {
  if (rs->npat * 2 + 2 > rs->hcap) {
    err_t e = hash_rebuild(rs, rs->hcap ? rs->hcap * 2 : 1024);
    if (e) return e;
  }
  size_t i = fnv(FNV0, s, n) & (rs->hcap - 1);
  while (rs->hash[i]) {
    uint32_t p = rs->hash[i] - 1;
    if (rs->patlen[p] == n && !memcmp(rs->pat[p], s, n)) {
      *id = p;
      return ERR_OK;
    }
    i = (i + 1) & (rs->hcap - 1);
  }
  size_t c1 = rs->pcap;
  if (grow((void **)&rs->pat, &rs->pcap, rs->npat + 1, sizeof *rs->pat)) return ERR_NOMEM;
  if (rs->pcap != c1) {
    uint32_t *pl = xrealloc(rs->patlen, rs->pcap * sizeof *pl);
    if (!pl) return ERR_NOMEM;
    rs->patlen = pl;
  }
  if (!(rs->pat[rs->npat] = xstrndup(s, n))) return ERR_NOMEM;
  rs->patlen[rs->npat] = (uint32_t)n;
  rs->hash[i] = (uint32_t)rs->npat + 1;
  *id = (uint32_t)rs->npat++;
  return ERR_OK;
}

/* Offset of s in rs->text, stored once. */
static err_t text_id(screen_rules_t *rs, const char *s, uint32_t *off) {
  size_t n = strlen(s);
  if (rs->ntext * 2 + 2 > rs->thcap) {
    size_t cap = rs->thcap ? rs->thcap * 2 : 1024;
    uint32_t *h = xcalloc(cap, sizeof *h);
    if (!h) return ERR_NOMEM;
    for (size_t i = 0; i < rs->thcap; i++) {
      if (!rs->thash[i]) continue;
      const char *t = rs->text + rs->thash[i] - 1;
      size_t k = fnv(FNV0, t, strlen(t)) & (cap - 1);
      while (h[k]) k = (k + 1) & (cap - 1);
      h[k] = rs->thash[i];
    }
    xfree(rs->thash);
    rs->thash = h;
    rs->thcap = cap;
  }
  size_t k = fnv(FNV0, s, n) & (rs->thcap - 1);
  while (rs->thash[k]) {
    uint32_t o = rs->thash[k] - 1;
    if (!strcmp(rs->text + o, s)) {
      *off = o;
      return ERR_OK;
    }
    k = (k + 1) & (rs->thcap - 1);
  }
  if (rs->text_len + n + 1 >= UINT32_MAX) return ERR_NOMEM;
  if (grow((void **)&rs->text, &rs->text_cap, rs->text_len + n + 1, 1)) return ERR_NOMEM;
  memcpy(rs->text + rs->text_len, s, n + 1);
  *off = (uint32_t)rs->text_len;
  rs->thash[k] = *off + 1;
  rs->text_len += n + 1;
  rs->ntext++;
  return ERR_OK;
}

static err_t add_ref(screen_rules_t *rs, uint32_t pat, uint32_t rule, int side, size_t alt) {
  size_t c1 = rs->tmpcap;
  if (grow((void **)&rs->tmp_refs, &rs->tmpcap, rs->ntmp + 1, sizeof *rs->tmp_refs)) return ERR_NOMEM;
  if (rs->tmpcap != c1) {
    uint32_t *tp = xrealloc(rs->tmp_pat, rs->tmpcap * sizeof *tp);
    if (!tp) return ERR_NOMEM;
    rs->tmp_pat = tp;
  }
  const screen_rule_t *r = &rs->rules[rule];
  uint32_t term = side ? r->y[alt] : r->x[alt];
  size_t tl = strlen(rs->text + term);
  screen_ref_t *ref = &rs->tmp_refs[rs->ntmp];
  memset(ref, 0, sizeof *ref);
  ref->rule = rule;
  ref->side = (uint8_t)side;
  ref->term = term;
  ref->term_len = (uint16_t)(tl > 0xFFFF ? 0xFFFF : tl);
  ref->term_plain = 1;
  for (const unsigned char *c = (const unsigned char *)rs->text + term; *c; c++)
    if (*c < 0x20 || *c == '"' || *c == '\\') ref->term_plain = 0;
  rs->tmp_pat[rs->ntmp++] = pat;
  return ERR_OK;
}

/* Normalise one term and register its pattern(s) for (rule, side, alt). */
static err_t add_term(loader_t *L, uint32_t rule, int side, size_t alt, const char *term, int whole, long line) {
  char low[512];
  size_t tl = strlen(term);
  const char *variants[2] = {term, NULL};
  int inner_upper = 0;
  for (size_t i = 1; i < tl; i++)
    if (term[i] >= 'A' && term[i] <= 'Z' && term[i - 1] != ' ') inner_upper = 1;
  if (inner_upper && tl < sizeof low) {
    for (size_t i = 0; i <= tl; i++) low[i] = (char)(term[i] >= 'A' && term[i] <= 'Z' ? term[i] - 'A' + 'a' : term[i]);
    variants[1] = low;
  }
  /* hand-sign tokens (salam_dua_jari) are already normal: match as words */
  for (char k = '1'; k <= '3'; k++) {
    if (strcmp(term, norm_sign_token(k))) continue;
    char w[64];
    int n = snprintf(w, sizeof w, " %s ", term);
    uint32_t id;
    err_t e = pattern_id(L->rs, w, (size_t)n, &id);
    return e ? e : add_ref(L->rs, id, rule, side, alt);
  }
  for (int v = 0; v < 2 && variants[v]; v++) {
    err_t e = norm_run(&L->norm, L->lx, variants[v], strlen(variants[v]));
    if (e) return e;
    const char *t = L->norm.text;
    size_t n = L->norm.len;
    if (n <= 1)
      return err_set(ERR_INVALID, "istilah", "%s baris %ld: istilah \"%s\" kosong setelah normalisasi.", L->file, line,
                     term);
    if (!whole) t++, n -= 2; /* literal: drop the framing spaces */
    uint32_t id;
    if ((e = pattern_id(L->rs, t, n, &id)) || (e = add_ref(L->rs, id, rule, side, alt))) return e;
  }
  return ERR_OK;
}

/* ------------------------------------------------------------ rules */

static err_t new_rule(screen_rules_t *rs, uint32_t *idx) {
  if (grow((void **)&rs->rules, &rs->rcap, rs->nrules + 1, sizeof *rs->rules)) return ERR_NOMEM;
  memset(&rs->rules[rs->nrules], 0, sizeof rs->rules[0]);
  *idx = (uint32_t)rs->nrules++;
  return ERR_OK;
}

static void rule_free(screen_rule_t *r) {
  xfree(r->id);
  xfree(r->catatan);
  xfree(r->x);
  xfree(r->y);
}

static err_t push_alt(screen_rules_t *rs, uint32_t ri, int side, const char *s) {
  screen_rule_t *r = &rs->rules[ri];
  uint32_t **arr = side ? &r->y : &r->x;
  size_t *n = side ? &r->ny : &r->nx;
  uint32_t *a = xrealloc(*arr, (*n + 1) * sizeof *a);
  if (!a) return ERR_NOMEM;
  *arr = a;
  err_t e = text_id(rs, s, &a[*n]);
  if (e) return e;
  (*n)++;
  return ERR_OK;
}

/* Split "a|b|{paslon}" into alternatives of rule r, side, expanding
 * placeholders, and register each one's patterns. */
static err_t add_alternatives(loader_t *L, uint32_t ri, int side, const char *spec, int whole, long line) {
  err_t e = ERR_OK;
  const char *p = spec;
  while (*p) {
    const char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    char *alt = trimdup(p, n);
    if (!alt) return ERR_NOMEM;
    char numbuf[32];
    if (!*alt) {
      /* skip empty alternatives ("a||b") */
    } else if (!strcmp(alt, "{paslon}") || !strcmp(alt, "{depan}")) {
      const names_t *nl = alt[1] == 'p' ? &L->names : &L->depan;
      for (size_t i = 0; i < nl->n && !e; i++) {
        screen_rule_t *r = &L->rs->rules[ri];
        size_t k = side ? r->ny : r->nx;
        if (!(e = push_alt(L->rs, ri, side, nl->v[i]))) e = add_term(L, ri, side, k, nl->v[i], whole, line);
      }
    } else if (!strcmp(alt, "{nomor}") || !strcmp(alt, "{angka}")) {
      for (int i = 1; i <= L->rs->max_nomor && !e; i++) {
        snprintf(numbuf, sizeof numbuf, alt[1] == 'n' ? "nomor %d" : "%d", i);
        screen_rule_t *r = &L->rs->rules[ri];
        size_t k = side ? r->ny : r->nx;
        if (!(e = push_alt(L->rs, ri, side, numbuf)))
          e = add_term(L, ri, side, k, numbuf, whole, line);
      }
    } else if (alt[0] == '{') {
      e = err_set(ERR_INVALID, "istilah",
                  "%s baris %ld: penanda %s tidak dikenal (pakai {paslon}, {depan}, {nomor}, {angka}).", L->file, line,
                  alt);
    } else {
      screen_rule_t *r = &L->rs->rules[ri];
      size_t k = side ? r->ny : r->nx;
      if (!(e = push_alt(L->rs, ri, side, alt)))
        e = add_term(L, ri, side, k, alt, whole, line);
    }
    xfree(alt);
    if (e) return e;
    if (!bar) break;
    p = bar + 1;
  }
  return ERR_OK;
}

static const char *field(loader_t *L, int nf, char **f, int c) {
  int i = L->cols[c];
  return i >= 0 && i < nf ? f[i] : "";
}

static long parse_int(const char *s, long lo, long hi, long dflt, int *ok) {
  if (!*s) return dflt;
  char *end;
  long v = strtol(s, &end, 10);
  if (*end || v < lo || v > hi) *ok = 0;
  return v;
}

/* aturan.csv */
enum { A_ID, A_KATEGORI, A_JENIS, A_ISTILAH, A_DEKAT, A_JARAK, A_BOBOT, A_SYARAT, A_CATATAN, A__N };
static const char *const aturan_cols[A__N] = {"id", "kategori", "jenis", "istilah", "dekat",
                                              "jarak", "bobot", "syarat", "catatan"};

static err_t aturan_row(void *ud, long line, int nf, char **f) {
  loader_t *L = ud;
  err_t e;
  if (line == 1) {
    for (int c = 0; c < A__N; c++) L->cols[c] = csv_col(nf, f, aturan_cols[c]);
    for (int c = 0; c <= A_BOBOT; c++)
      if (L->cols[c] < 0 && c != A_DEKAT && c != A_JARAK)
        return err_set(ERR_INVALID, aturan_cols[c], "%s: kolom \"%s\" tidak ada di baris judul.", L->file, aturan_cols[c]);
    return ERR_OK;
  }
  const char *id = field(L, nf, f, A_ID);
  if (!*id || id[0] == '#') return ERR_OK; /* blank line or comment */
  int kat = screen_kategori_parse(field(L, nf, f, A_KATEGORI));
  if (kat < 0)
    return err_set(ERR_INVALID, "kategori", "%s baris %ld: kategori \"%s\" tidak dikenal.", L->file, line,
                   field(L, nf, f, A_KATEGORI));
  int jenis = -1;
  for (size_t j = 0; j < sizeof jenis_table / sizeof jenis_table[0]; j++)
    if (!strcmp(field(L, nf, f, A_JENIS), jenis_table[j].name)) jenis = jenis_table[j].jenis;
  if (jenis < 0)
    return err_set(ERR_INVALID, "jenis", "%s baris %ld: jenis \"%s\" tidak dikenal (literal, kata, dekat).", L->file,
                   line, field(L, nf, f, A_JENIS));
  int ok = 1;
  long bobot = parse_int(field(L, nf, f, A_BOBOT), 0, 100, -1, &ok);
  long jarak = parse_int(field(L, nf, f, A_JARAK), 0, 50, jenis == SCREEN_JENIS_DEKAT ? 5 : 0, &ok);
  if (!ok || bobot < 0)
    return err_set(ERR_INVALID, "bobot", "%s baris %ld: bobot harus 0–100 dan jarak 0–50.", L->file, line);
  const char *syarat = field(L, nf, f, A_SYARAT);
  if (*syarat && strcmp(syarat, "pemilu"))
    return err_set(ERR_INVALID, "syarat", "%s baris %ld: syarat \"%s\" tidak dikenal (kosong atau pemilu).", L->file,
                   line, syarat);
  if (jenis == SCREEN_JENIS_DEKAT && !*field(L, nf, f, A_DEKAT))
    return err_set(ERR_INVALID, "dekat", "%s baris %ld: aturan dekat memerlukan kolom dekat.", L->file, line);
  uint32_t ri;
  if ((e = new_rule(L->rs, &ri))) return e;
  screen_rule_t *r = &L->rs->rules[ri];
  r->id = xstrdup(id);
  r->catatan = xstrdup(field(L, nf, f, A_CATATAN));
  if (!r->id || !r->catatan) return ERR_NOMEM;
  r->kategori = kat;
  r->jenis = jenis;
  r->bobot = (int)bobot;
  r->jarak = (int)jarak;
  r->syarat_pemilu = *syarat != 0;
  int whole = jenis != SCREEN_JENIS_LITERAL;
  if ((e = add_alternatives(L, ri, 0, field(L, nf, f, A_ISTILAH), whole, line))) return e;
  if (jenis == SCREEN_JENIS_DEKAT && (e = add_alternatives(L, ri, 1, field(L, nf, f, A_DEKAT), whole, line))) return e;
  if (L->rs->rules[ri].nx == 0)
    return err_set(ERR_INVALID, "istilah", "%s baris %ld: aturan %s tanpa istilah.", L->file, line, id);
  return ERR_OK;
}

/* paslon.csv */
enum { P_PEMILIHAN, P_WILAYAH, P_KODE, P_NOMOR, P__FIXED };
static const char *const paslon_fixed[P__FIXED] = {"pemilihan", "wilayah", "kode_wilayah", "nomor_urut"};
enum { NCOLS = sizeof paslon_columns / sizeof paslon_columns[0] };

static uint32_t *names_slot(uint32_t *h, size_t hcap, char *const *v, const char *s, size_t n) {
  size_t i = fnv(FNV0, s, n) & (hcap - 1);
  while (h[i] && (strncmp(v[h[i] - 1], s, n) || v[h[i] - 1][n])) i = (i + 1) & (hcap - 1);
  return &h[i];
}

static err_t names_add(names_t *nl, const char *s, size_t n) {
  if (nl->n * 2 + 2 > nl->hcap) {
    size_t cap = nl->hcap ? nl->hcap * 2 : 256;
    uint32_t *h = xcalloc(cap, sizeof *h);
    if (!h) return ERR_NOMEM;
    for (size_t k = 0; k < nl->n; k++) *names_slot(h, cap, nl->v, nl->v[k], strlen(nl->v[k])) = (uint32_t)k + 1;
    xfree(nl->h);
    nl->h = h;
    nl->hcap = cap;
  }
  uint32_t *slot = names_slot(nl->h, nl->hcap, nl->v, s, n);
  if (*slot) return ERR_OK;
  if (grow((void **)&nl->v, &nl->cap, nl->n + 1, sizeof *nl->v)) return ERR_NOMEM;
  if (!(nl->v[nl->n] = xstrndup(s, n))) return ERR_NOMEM;
  *slot = (uint32_t)++nl->n;
  return ERR_OK;
}

static void names_free(names_t *nl) {
  for (size_t i = 0; i < nl->n; i++) xfree(nl->v[i]);
  xfree(nl->v);
  xfree(nl->h);
}

static err_t add_name(loader_t *L, const char *s) { return names_add(&L->names, s, strlen(s)); }

/* First word of a name ("Agus Prasetyo" → "Agus"). */
static size_t first_word(const char *s) {
  size_t n = 0;
  while (s[n] && s[n] != ' ') n++;
  return n;
}

static err_t paslon_row(void *ud, long line, int nf, char **f) {
  loader_t *L = ud;
  err_t e = ERR_OK;
  if (line == 1) {
    for (int c = 0; c < P__FIXED; c++)
      if ((L->cols[c] = csv_col(nf, f, paslon_fixed[c])) < 0)
        return err_set(ERR_INVALID, paslon_fixed[c], "%s: kolom \"%s\" tidak ada di baris judul.", L->file,
                       paslon_fixed[c]);
    for (int c = 0; c < NCOLS; c++) L->cols[P__FIXED + c] = csv_col(nf, f, paslon_columns[c].col);
    return ERR_OK;
  }
  const char *pem = field(L, nf, f, P_PEMILIHAN), *kode = field(L, nf, f, P_KODE);
  if (!*pem || pem[0] == '#') return ERR_OK;
  if (L->o && L->o->pemilihan && strcmp(pem, L->o->pemilihan)) return ERR_OK;
  if (L->o && L->o->kode_wilayah && strncmp(kode, L->o->kode_wilayah, strlen(L->o->kode_wilayah))) return ERR_OK;
  int ok = 1;
  long nomor = parse_int(field(L, nf, f, P_NOMOR), 1, 99, -1, &ok);
  if (!ok || nomor < 1)
    return err_set(ERR_INVALID, "nomor_urut", "%s baris %ld: nomor urut harus 1–99.", L->file, line);
  if (nomor > L->rs->max_nomor) L->rs->max_nomor = (int)nomor;
  L->rs->npaslon++;
  const char *wil = field(L, nf, f, P_WILAYAH);
  uint32_t rule_of[NCOLS];
  for (int c = 0; c < NCOLS; c++) {
    const char *v = field(L, nf, f, P__FIXED + c);
    rule_of[c] = UINT32_MAX;
    if (!*v) continue;
    /* columns sharing a suffix share one rule ("nama") */
    for (int d = 0; d < c; d++)
      if (!strcmp(paslon_columns[d].suffix, paslon_columns[c].suffix) && rule_of[d] != UINT32_MAX) rule_of[c] = rule_of[d];
    if (rule_of[c] == UINT32_MAX) {
      char id[256], cat[256];
      snprintf(id, sizeof id, "%s/%s/%ld/%s", pem, kode, nomor, paslon_columns[c].suffix);
      snprintf(cat, sizeof cat, "%s nomor urut %ld, %s", paslon_columns[c].catatan, nomor, wil);
      if ((e = new_rule(L->rs, &rule_of[c]))) return e;
      screen_rule_t *r = &L->rs->rules[rule_of[c]];
      r->id = xstrdup(id);
      r->catatan = xstrdup(cat);
      if (!r->id || !r->catatan) return ERR_NOMEM;
      r->kategori = paslon_columns[c].kategori;
      r->jenis = SCREEN_JENIS_KATA;
      r->bobot = paslon_columns[c].bobot;
      r->syarat_pemilu = paslon_columns[c].syarat;
    }
    if ((e = add_alternatives(L, rule_of[c], 0, v, 1, line))) return e;
    if (paslon_columns[c].flags & COL_NAMA) {
      const char *p = v;
      while (*p) {
        const char *bar = strchr(p, '|');
        char *alt = trimdup(p, bar ? (size_t)(bar - p) : strlen(p));
        if (!alt) return ERR_NOMEM;
        e = *alt ? add_name(L, alt) : ERR_OK;
        xfree(alt);
        if (e) return e;
        if (!bar) break;
        p = bar + 1;
      }
    }
  }
  /* pair name "Agus Dewi" from the first words of calon and wakil */
  const char *ca = field(L, nf, f, P__FIXED + 0), *wa = field(L, nf, f, P__FIXED + 1);
  if (*ca && *wa && rule_of[0] != UINT32_MAX) {
    char pair[256];
    snprintf(pair, sizeof pair, "%.*s %.*s", (int)first_word(ca), ca, (int)first_word(wa), wa);
    if ((e = add_alternatives(L, rule_of[0], 0, pair, 1, line)) || (e = add_name(L, pair))) return e;
  }
  /* first names alone, for rules that need more context ({depan}) */
  if (*ca && (e = names_add(&L->depan, ca, first_word(ca)))) return e;
  if (*wa && (e = names_add(&L->depan, wa, first_word(wa)))) return e;
  return ERR_OK;
}

/* ------------------------------------------------------------ finish */

static err_t finish(screen_rules_t *rs) {
  rs->ref_start = xcalloc(rs->npat + 1, sizeof *rs->ref_start);
  rs->refs = xmalloc((rs->ntmp ? rs->ntmp : 1) * sizeof *rs->refs);
  if (!rs->ref_start || !rs->refs) return ERR_NOMEM;
  for (size_t i = 0; i < rs->ntmp; i++) rs->ref_start[rs->tmp_pat[i] + 1]++;
  for (size_t p = 0; p < rs->npat; p++) rs->ref_start[p + 1] += rs->ref_start[p];
  uint32_t *fill = xcalloc(rs->npat + 1, sizeof *fill);
  if (!fill) return ERR_NOMEM;
  for (size_t i = 0; i < rs->ntmp; i++) {
    uint32_t p = rs->tmp_pat[i];
    rs->refs[rs->ref_start[p] + fill[p]++] = rs->tmp_refs[i];
  }
  rs->nrefs = rs->ntmp;
  xfree(fill);
  rs->hot = xcalloc(rs->nrules + 1, sizeof *rs->hot);
  if (!rs->hot) return ERR_NOMEM;
  for (size_t i = 0; i < rs->nrules; i++) {
    const screen_rule_t *r = &rs->rules[i];
    rs->hot[i].kategori = (uint8_t)r->kategori;
    rs->hot[i].jenis = (uint8_t)r->jenis;
    rs->hot[i].bobot = (uint8_t)r->bobot;
    rs->hot[i].jarak = (uint8_t)r->jarak;
    rs->hot[i].syarat_pemilu = (uint8_t)r->syarat_pemilu;
  }
  rs->phot = xcalloc(rs->npat + 1, sizeof *rs->phot);
  screen_ref_t *grp = xmalloc((rs->nrefs ? rs->nrefs : 1) * sizeof *grp);
  if (!rs->phot || !grp) {
    xfree(grp);
    return ERR_NOMEM;
  }
  for (size_t p = 0; p < rs->npat; p++) {
    screen_pat_hot_t *ph = &rs->phot[p];
    uint32_t r0 = rs->ref_start[p], r1 = rs->ref_start[p + 1], o = r0;
    if (rs->patlen[p] > 0xFFFF || r1 - r0 > 0xFFFF) {
      xfree(grp);
      return err_set(ERR_INVALID, "istilah",
                     "Istilah \"%.40s…\" terlalu panjang atau dipakai terlalu banyak aturan (batas 65.535).", rs->pat[p]);
    }
    /* the edge spaces a match of the pattern carries (the matched text is
     * the pattern) */
    const char *pt = rs->pat[p];
    size_t pl = rs->patlen[p], lead = 0, trail = 0;
    while (lead < pl && pt[lead] == ' ') lead++;
    while (trail < pl - lead && pt[pl - 1 - trail] == ' ') trail++;
    unsigned flags = lead == pl || lead > 1 || trail > 1 ? SCREEN_PAT_ODD
                                                         : (lead ? SCREEN_PAT_LEAD : 0) | (trail ? SCREEN_PAT_TRAIL : 0);
    int context_only = 1;
    for (uint32_t i = r0; i < r1; i++) {
      screen_ref_t *ref = &rs->refs[i];
      const screen_rule_hot_t *h = &rs->hot[ref->rule];
      ref->kategori = h->kategori;
      ref->paired = h->jenis == SCREEN_JENIS_DEKAT && h->kategori < SCREEN_KAT_KONTEKS;
      flags |= !ref->paired ? SCREEN_PAT_SINGLE : ref->side ? SCREEN_PAT_PAIRED_Y : SCREEN_PAT_PAIRED_X;
      if (h->kategori < SCREEN_KAT_KONTEKS) context_only = 0;
    }
    if (context_only) flags |= SCREEN_PAT_KONTEKS;
    /* stable grouping: not paired, paired Y, paired X */
    for (int g = 0; g < 3; g++) {
      if (g == 1) ph->ry = (uint16_t)(o - r0);
      if (g == 2) ph->rx = (uint16_t)(o - r0);
      for (uint32_t i = r0; i < r1; i++) {
        const screen_ref_t *ref = &rs->refs[i];
        int kind = !ref->paired ? 0 : ref->side ? 1 : 2;
        if (kind == g) grp[o++] = *ref;
      }
    }
    ph->r0 = r0;
    ph->r1 = r1;
    ph->len = (uint16_t)pl;
    ph->flags = (uint8_t)flags;
    ph->mend = trail > 0 && lead < pl;
  }
  if (rs->nrefs) memcpy(rs->refs, grp, rs->nrefs * sizeof *grp);
  xfree(grp);
  xfree(rs->thash);
  rs->thash = NULL;
  rs->thcap = 0;
  xfree(rs->tmp_refs);
  xfree(rs->tmp_pat);
  xfree(rs->hash);
  rs->tmp_refs = NULL;
  rs->tmp_pat = NULL;
  rs->hash = NULL;
  rs->ntmp = rs->tmpcap = rs->hcap = 0;
  /* the patterns and which of the engine's two databases each belongs to */
  uint64_t h = fnv(FNV0, "netral-screen-patterns-v2", 25);
  for (size_t p = 0; p < rs->npat; p++) {
    char k = rs->phot[p].flags & SCREEN_PAT_KONTEKS ? 'k' : 'u';
    h = fnv(fnv(h, rs->pat[p], rs->patlen[p] + 1), &k, 1);
  }
  rs->digest = h;
  return ERR_OK;
}

static err_t load_file(loader_t *L, const char *path, const char *rel, csv_row_fn fn) {
  char *data = NULL;
  size_t len = 0;
  char full[4096];
  err_t e;
  if (path) {
    e = file_read_all(path, &data, &len);
    L->file = path;
  } else {
    if ((e = assets_path(rel, full, sizeof full))) return e;
    e = file_read_all(full, &data, &len);
    L->file = rel;
  }
  if (e) return e;
  for (int c = 0; c < 16; c++) L->cols[c] = -1;
  e = csv_parse(data, len, fn, L);
  xfree(data);
  return e;
}

/* ------------------------------------------------------------ vocabulary */

/* Columns whose words feed the hashtag vocabulary. */
static const char *const vocab_cols[] = {"istilah", "dekat",   "calon",  "wakil", "panggilan",
                                         "julukan", "slogan", "tagar", "partai"};
enum { NVOCAB_COLS = sizeof vocab_cols / sizeof vocab_cols[0] };

typedef struct {
  norm_lexicon_t *lx;
  int cols[NVOCAB_COLS];
} vocab_loader_t;

static err_t vocab_row(void *ud, long line, int nf, char **f) {
  vocab_loader_t *V = ud;
  if (line == 1) {
    for (int c = 0; c < NVOCAB_COLS; c++) V->cols[c] = csv_col(nf, f, vocab_cols[c]);
    return ERR_OK;
  }
  for (int c = 0; c < NVOCAB_COLS; c++) {
    int i = V->cols[c];
    if (i < 0 || i >= nf || f[i][0] == '{') continue;
    err_t e = norm_lexicon_add_words(V->lx, f[i], strlen(f[i]));
    if (e) return e;
  }
  return ERR_OK;
}

static err_t vocab_file(norm_lexicon_t *lx, const char *path, const char *rel, int csv) {
  char *data = NULL, full[4096];
  size_t len = 0;
  err_t e;
  if (path) e = file_read_all(path, &data, &len);
  else if (!(e = assets_path(rel, full, sizeof full))) e = file_read_all(full, &data, &len);
  if (e) return e;
  if (csv) {
    vocab_loader_t V = {lx, {0}};
    e = csv_parse(data, len, vocab_row, &V);
  } else { /* word list: one word a line, '#' starts a comment */
    for (size_t i = 0; i < len && !e;) {
      size_t j = i;
      while (j < len && data[j] != '\n') j++;
      if (data[i] != '#') e = norm_lexicon_add_words(lx, data + i, j - i);
      i = j + 1;
    }
  }
  xfree(data);
  return e;
}

/* Only running out of memory stops here: a file that cannot be read or
 * parsed is reported, with its name and line, by screen_rules_load. */
static err_t vocab_soft(err_t e) {
  if (e == ERR_NOMEM) return e;
  if (e) err_clear();
  return ERR_OK;
}

err_t screen_rules_vocabulary(const screen_rules_opts_t *o, norm_lexicon_t *lx) {
  err_t e;
  const char *pp = o ? o->paslon_path : NULL;
  if ((e = vocab_soft(vocab_file(lx, NULL, "screen/kata_tagar.txt", 0)))) return e;
  if ((!pp || *pp) && (e = vocab_soft(vocab_file(lx, pp, "screen/paslon_contoh.csv", 1)))) return e;
  return vocab_soft(vocab_file(lx, o ? o->aturan_path : NULL, "screen/aturan.csv", 1));
}

err_t screen_rules_load(const screen_rules_opts_t *o, const norm_lexicon_t *lx, screen_rules_t **out) {
  err_t e = ERR_OK;
  loader_t L;
  memset(&L, 0, sizeof L);
  norm_init(&L.norm);
  L.lx = lx;
  L.o = o;
  L.rs = xcalloc(1, sizeof *L.rs);
  if (!L.rs) return ERR_NOMEM;
  const char *pp = o ? o->paslon_path : NULL;
  if (!pp || *pp) {
    if ((e = load_file(&L, pp, "screen/paslon_contoh.csv", paslon_row))) goto fail;
  }
  if (L.rs->max_nomor < 3) L.rs->max_nomor = 3;
  if ((e = load_file(&L, o ? o->aturan_path : NULL, "screen/aturan.csv", aturan_row))) goto fail;
  if ((e = finish(L.rs))) goto fail;
  *out = L.rs;
  L.rs = NULL;
  goto done;
fail:
  screen_rules_free(L.rs);
done:
  names_free(&L.names);
  names_free(&L.depan);
  norm_free(&L.norm);
  return e;
}

void screen_rules_free(screen_rules_t *rs) {
  if (!rs) return;
  for (size_t i = 0; i < rs->nrules; i++) rule_free(&rs->rules[i]);
  xfree(rs->rules);
  for (size_t p = 0; p < rs->npat; p++) xfree(rs->pat[p]);
  xfree(rs->pat);
  xfree(rs->patlen);
  xfree(rs->ref_start);
  xfree(rs->refs);
  xfree(rs->phot);
  xfree(rs->hash);
  xfree(rs->thash);
  xfree(rs->hot);
  xfree(rs->text);
  xfree(rs->tmp_refs);
  xfree(rs->tmp_pat);
  xfree(rs);
}
