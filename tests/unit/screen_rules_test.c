/* screen_rules_test.c — rule files, rule kinds, context, peredam, offsets and the Hyperscan cache. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "screen/engine.h"
#include "screen/jsonl.h"

static char dir[] = "/tmp/netral_rules_XXXXXX";
static char aturan[300], paslon[300], cache[300];

static void write_file(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
}

static const char *RULES =
    "id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan\n"
    "# komentar,,,,,,,,\n"
    "L-1,politik_uang,literal,fajar,,,30,,literal\n"
    "K-1,politik_uang,kata,amplop,,,40,pemilu,kata lemah\n"
    "D-1,ajakan_memilih,dekat,coblos|pilih,{nomor}|{paslon},3,70,,coblos dekat nomor\n"
    "S-1,atribut_paslon,kata,salam_dua_jari,,,40,pemilu,simbol\n"
    "C-1,konteks_pemilu,kata,pilkada,,,0,,konteks\n"
    "P-1,peredam,kata,bawaslu,,0,80,,pemberitaan\n"
    "P-2,peredam,kata,jangan ikut,,2,50,,larangan dekat\n"
    "P-3,peredam,literal,lapor,,0,50,,laporan\n"
    "F-1,dukungan_paslon,dekat,menang,{depan},2,55,pemilu,nama depan\n";

static const char *PASLON =
    "pemilihan,wilayah,kode_wilayah,nomor_urut,calon,wakil,panggilan,julukan,slogan,tagar,partai\n"
    "pilkada2024,Kota Uji,35.99,1,Budi Santoso,Ani Lestari,Pak Budi,BuAn,Uji Maju,#UjiMaju,Partai Uji\n"
    "pilkada2024,Kota Lain,35.98,2,Joko Susilo,Sri Wahyuni,Pak Joko,,Lain Jaya,,\n";

static screen_engine_t *open_engine(const char *wilayah) {
  screen_opts_t o = {aturan, paslon, NULL, wilayah, NULL, cache};
  screen_engine_t *e = NULL;
  err_t rc = screen_engine_open_opts(&o, &e);
  if (rc) fprintf(stderr, "%s\n", err_message(rc));
  assert_int_equal(rc, ERR_OK);
  return e;
}

static int setup(void **st) {
  (void)st;
  if (!mkdtemp(dir)) return -1;
  snprintf(aturan, sizeof aturan, "%s/aturan.csv", dir);
  snprintf(paslon, sizeof paslon, "%s/paslon.csv", dir);
  snprintf(cache, sizeof cache, "%s/cache", dir);
  FILE *f = fopen(aturan, "w");
  if (!f) return -1;
  fputs(RULES, f);
  fclose(f);
  f = fopen(paslon, "w");
  if (!f) return -1;
  fputs(PASLON, f);
  fclose(f);
  char cmd[400];
  snprintf(cmd, sizeof cmd, "mkdir -p %s", cache);
  return system(cmd) == 0 ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  char cmd[400];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static const screen_hit_t *find_hit(const screen_result_t *r, const char *aturan_id) {
  for (size_t i = 0; i < r->nhits; i++)
    if (!strcmp(r->hits[i].aturan, aturan_id)) return &r->hits[i];
  return NULL;
}

static screen_result_t run(screen_engine_t *e, screen_scratch_t *s, const char *teks) {
  screen_result_t r;
  assert_int_equal(screen_post(e, s, teks, strlen(teks), &r), ERR_OK);
  return r;
}

static void test_kinds_and_offsets(void **st) {
  (void)st;
  screen_engine_t *e = open_engine(NULL);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  /* literal matches inside a word */
  screen_result_t r = run(e, s, "Serangan FAJARNYA datang");
  const screen_hit_t *h = find_hit(&r, "L-1");
  assert_non_null(h);
  assert_int_equal(h->mulai, 9);
  assert_int_equal(h->akhir, 14); /* "FAJAR" inside FAJARNYA */
  /* whole word does not match inside a word */
  r = run(e, s, "pilkada: amplopnya hilang");
  assert_null(find_hit(&r, "K-1"));
  r = run(e, s, "pilkada: ada amplop");
  assert_non_null(find_hit(&r, "K-1"));
  /* proximity within N words, with offsets into the original evasive text */
  const char *t = "Ayo c0bl0s ya teman, NOMOR URUT 01!";
  r = run(e, s, t);
  h = find_hit(&r, "D-1");
  assert_non_null(h);
  assert_string_equal(h->kategori, "ajakan_memilih");
  assert_int_equal(h->mulai, 4);
  assert_int_equal(h->akhir, strlen(t) - 1);
  assert_non_null(strstr(h->penjelasan, "D-1"));
  assert_int_equal(r.skor, 70);
  /* beyond N words: no hit */
  r = run(e, s, "coblos dulu baru kita makan lalu pulang nomor 1");
  assert_null(find_hit(&r, "D-1"));
  /* candidate names from the paslon file fill {paslon} and make their own rules */
  r = run(e, s, "pilih Pak Budi!");
  assert_non_null(find_hit(&r, "D-1"));
  assert_non_null(find_hit(&r, "pilkada2024/35.99/1/nama"));
  r = run(e, s, "#UjiMaju");
  assert_non_null(find_hit(&r, "pilkada2024/35.99/1/tagar"));
  r = run(e, s, "buan"); /* julukan BuAn, written in lower case */
  assert_non_null(find_hit(&r, "pilkada2024/35.99/1/julukan"));
  /* {depan}: first names of calon and wakil alone, here with the weak
   * condition: only with an election context */
  r = run(e, s, "Budi menang lomba catur");
  assert_null(find_hit(&r, "F-1"));
  r = run(e, s, "pilkada nanti Sri pasti menang");
  h = find_hit(&r, "F-1");
  assert_non_null(h);
  assert_string_equal(h->istilah, "menang \xE2\x80\xA6 Sri");
  r = run(e, s, "pilkada nanti Santoso pasti menang"); /* a surname is not a first name */
  assert_null(find_hit(&r, "F-1"));
  screen_scratch_free(s);
  screen_engine_free(e);
}

/* A post made of thousands of matching words: the work stops at the
 * engine's bound, the result still names the first occurrences with
 * offsets inside the text, and at most SCREEN_MAX_HITS hits are listed. */
static void test_bounded_work(void **st) {
  (void)st;
  screen_engine_t *e = open_engine(NULL);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  size_t reps = 6000, unit = strlen("coblos nomor 1 fajar "), len = reps * unit;
  char *t = malloc(len + 1);
  assert_non_null(t);
  for (size_t i = 0; i < reps; i++) memcpy(t + i * unit, "coblos nomor 1 fajar ", unit);
  t[len] = '\0';
  screen_result_t r = run(e, s, t);
  assert_true(r.nhits > 0 && r.nhits <= SCREEN_MAX_HITS);
  const screen_hit_t *h = find_hit(&r, "D-1");
  assert_non_null(h);
  assert_int_equal(h->mulai, 0);
  assert_int_equal(h->akhir, strlen("coblos nomor 1"));
  for (size_t i = 0; i < r.nhits; i++) assert_true(r.hits[i].mulai < r.hits[i].akhir && r.hits[i].akhir <= len);
  assert_true(r.skor >= 70); /* D-1 weighs 70 */
  free(t);
  /* thousands of context words do not use up the bound before the
   * campaign phrase after them (context terms are looked for last) */
  reps = 5000, unit = strlen("bawaslu "), len = reps * unit + strlen("coblos nomor 1");
  t = malloc(len + 1);
  assert_non_null(t);
  for (size_t i = 0; i < reps; i++) memcpy(t + i * unit, "bawaslu ", unit);
  strcpy(t + reps * unit, "coblos nomor 1");
  r = run(e, s, t);
  h = find_hit(&r, "D-1");
  assert_non_null(h);
  assert_int_equal(h->mulai, reps * unit);
  assert_int_equal(h->bobot_efektif, 14); /* and bawaslu still lowers it */
  free(t);
  screen_scratch_free(s);
  screen_engine_free(e);
}

static void test_context_and_peredam(void **st) {
  (void)st;
  screen_engine_t *e = open_engine(NULL);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  /* weak terms need an election context */
  screen_result_t r = run(e, s, "foto bareng teman \xE2\x9C\x8C");
  assert_int_equal(r.nhits, 0);
  assert_int_equal(r.skor, 0);
  r = run(e, s, "pilkada besok \xE2\x9C\x8C");
  assert_non_null(find_hit(&r, "S-1"));
  assert_int_equal(r.skor, 40);
  /* peredam anywhere in the post (jarak 0) lowers the score, keeps the hit */
  r = run(e, s, "Bawaslu: ada akun ajak coblos nomor 2");
  const screen_hit_t *h = find_hit(&r, "D-1");
  assert_non_null(h);
  assert_int_equal(h->bobot_efektif, 14);
  assert_int_equal(r.skor, 14);
  assert_true(r.diredam);
  assert_non_null(strstr(h->penjelasan, "bawaslu"));
  /* a windowed peredam only acts nearby */
  r = run(e, s, "jangan ikut coblos nomor 2");
  assert_int_equal(r.skor, 35);
  r = run(e, s, "jangan ikut arisan. besok kita semua ramai ramai ke tps coblos nomor 2");
  assert_int_equal(r.skor, 70);
  /* a literal context term inside a word, at its end, or a word of its own */
  static const char *const lapor[] = {"dilaporkan: akun ajak coblos nomor 2", "kata pelapor: coblos nomor 2",
                                      "lapor! coblos nomor 2"};
  for (size_t k = 0; k < 3; k++) {
    r = run(e, s, lapor[k]);
    h = find_hit(&r, "D-1");
    assert_non_null(h);
    assert_int_equal(h->bobot_efektif, 35);
    assert_non_null(strstr(h->penjelasan, "lapor"));
  }
  r = run(e, s, "lapangan: coblos nomor 2"); /* lap… is not lapor */
  assert_int_equal(r.skor, 70);
  /* overlapping hits are one piece of evidence; separate ones add up */
  r = run(e, s, "pilkada: coblos nomor 1 dan ambil amplop");
  assert_int_equal(r.skor, 82); /* 1 - 0.3 * 0.6 */
  screen_scratch_free(s);
  screen_engine_free(e);
}

static void test_filter_and_errors(void **st) {
  (void)st;
  screen_engine_t *e = open_engine("35.98");
  assert_int_equal(screen_engine_info(e)->npaslon, 1);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  screen_result_t r = run(e, s, "pilih Pak Budi");
  assert_null(find_hit(&r, "D-1")); /* Budi is in another region */
  r = run(e, s, "pilih Pak Joko");
  assert_non_null(find_hit(&r, "D-1"));
  screen_scratch_free(s);
  screen_engine_free(e);

  char bad[320];
  snprintf(bad, sizeof bad, "%s/bad.csv", dir);
  write_file(bad, "id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan\nX-1,kampanye,kata,a,,,10,,\n");
  screen_opts_t o = {bad, "", NULL, NULL, NULL, ""};
  screen_engine_t *e2 = NULL;
  assert_int_equal(screen_engine_open_opts(&o, &e2), ERR_INVALID);
  assert_null(e2);
  assert_non_null(strstr(err_message(ERR_INVALID), "baris 2"));
  assert_non_null(strstr(err_message(ERR_INVALID), "kampanye"));
  write_file(bad, "id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan\nX-1,intimidasi,dekat,a,,,10,,\n");
  assert_int_equal(screen_engine_open_opts(&o, &e2), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "dekat");
  write_file(bad, "id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan\nX-1,intimidasi,kata,a,,,101,,\n");
  assert_int_equal(screen_engine_open_opts(&o, &e2), ERR_INVALID);
  write_file(bad, "id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan\nX-1,intimidasi,kata,{calon},,,10,,\n");
  assert_int_equal(screen_engine_open_opts(&o, &e2), ERR_INVALID);
}

static void test_cache(void **st) {
  (void)st;
  screen_engine_t *e1 = open_engine("35.99");
  char path[512];
  snprintf(path, sizeof path, "%s", screen_engine_info(e1)->cache_path);
  assert_true(strncmp(path, cache, strlen(cache)) == 0);
  assert_int_equal(access(path, R_OK), 0);
  screen_engine_t *e2 = open_engine("35.99");
  assert_int_equal(screen_engine_info(e2)->cache_hit, 1);
  assert_string_equal(screen_engine_info(e2)->cache_path, path);
  /* the cached database matches like the compiled one */
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e2, &s), ERR_OK);
  screen_result_t r = run(e2, s, "coblos nomor 1");
  assert_int_equal(r.skor, 70);
  r = run(e2, s, "Bawaslu: ada akun ajak coblos nomor 2"); /* the context terms too */
  assert_int_equal(r.skor, 14);
  screen_scratch_free(s);
  /* a damaged cache file is compiled afresh (and replaced) */
  FILE *f = fopen(path, "r+b");
  assert_non_null(f);
  fseek(f, 12, SEEK_SET);
  fputs("rusak", f);
  fclose(f);
  screen_engine_t *e4 = open_engine("35.99");
  assert_int_equal(screen_engine_info(e4)->cache_hit, 0);
  assert_int_equal(screen_scratch_new(e4, &s), ERR_OK);
  r = run(e4, s, "Bawaslu: ada akun ajak coblos nomor 2");
  assert_int_equal(r.skor, 14);
  screen_scratch_free(s);
  screen_engine_free(e4);
  e4 = open_engine("35.99");
  assert_int_equal(screen_engine_info(e4)->cache_hit, 1);
  screen_engine_free(e4);
  /* another rule set → another cache file */
  screen_engine_t *e3 = open_engine("35.98");
  assert_string_not_equal(screen_engine_info(e3)->cache_path, path);
  screen_engine_free(e1);
  screen_engine_free(e2);
  screen_engine_free(e3);
}

static void test_jsonl(void **st) {
  (void)st;
  screen_engine_t *e = open_engine(NULL);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  buf_t out;
  buf_init(&out);
  char err[200];
  const char *line = "{\"id\":\"p1\",\"platform\":\"x\",\"teks\":\"Ay\\u00f3 coblos \\\"nomor\\\" 2\"}";
  assert_int_equal(screen_jsonl_line(e, s, line, strlen(line), 0, &out, NULL, err, sizeof err), ERR_OK);
  assert_non_null(strstr(out.data, "{\"id\":\"p1\",\"skor\":70,\"hits\":[{\"aturan\":\"D-1\""));
  /* offsets count bytes of the unescaped teks: "Ayó " is 5 bytes */
  assert_non_null(strstr(out.data, "\"mulai\":5,\"akhir\":21"));
  buf_reset(&out);
  assert_int_equal(screen_jsonl_line(e, s, "{\"id\":1,", 8, 0, &out, NULL, err, sizeof err), ERR_BAD_JSON);
  assert_non_null(strstr(err, "JSON tidak sah"));
  assert_int_equal(screen_jsonl_line(e, s, "{\"id\":1}", 8, 0, &out, NULL, err, sizeof err), ERR_BAD_JSON);
  assert_non_null(strstr(err, "teks"));
  buf_free(&out);
  screen_scratch_free(s);
  screen_engine_free(e);
}

/* The hand-written readers (flat lines, then flat objects with escapes,
 * numbers and literals) must answer every line exactly as jansson alone:
 * same result line, or the same error. Lines are random joins of
 * fragments that are valid and invalid JSON, UTF-8 and escapes. */
static void test_jsonl_readers_match_jansson(void **st) {
  (void)st;
  screen_engine_t *e = open_engine(NULL);
  screen_scratch_t *s;
  assert_int_equal(screen_scratch_new(e, &s), ERR_OK);
  static const char *const key[] = {"\"id\"", "\"teks\"", "\"teks\"", "\"url\"", "\"te\\u006bs\"", "\"x\xC3\xA9\"", "\"\""};
  /* a value that takes a line past the reader's 4 KiB bitmap (STOP_MAX) */
  static char longv[4300];
  memset(longv, 'a', sizeof longv - 1);
  longv[0] = longv[sizeof longv - 2] = '"';
  memcpy(longv + 2000, " coblos nomor 1 ", 16);
  const char *const good[] = {
    longv, "\"ayo coblos nomor 1 Pak Budi\"", "\"Ay\\u00f3 pilih 2\"", "\"\\ud83d\\ude00 amplop\"", "\"a\\n\\\"b\\\\ \\/\"",
    "\"\xC3\xB3 fajar \xF0\x9F\x98\x81\"", "\"\"", "\"b1\"", "\"biasa saja\"", "\"pilih Pak Budi ya\"", "7"};
  static const char *const val[] = {
    /* invalid strings */
    "\"\\u0000\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\xC3\x28\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"", "\"\x01\"", "\"\\q\"",
    "\"\\u12\"", "\"open",
    /* other values */
    "1", "-2", "0", "01", "1.5", "1e3", "-", "12345678901234567890", "123456789012345678", "true", "false", "null",
    "nul", "[1]", "{}", "{\"teks\":\"x\"}"};
  static const char *const ws[] = {"", "", "", "", " ", "\t", "\n", "\r\n"};
  static const char *const junk[] = {"}", "{", ",", ":", "\"", "x", "\\", "\xFF", " ", "]"};
#define PICK(arr) (x ^= x << 13, x ^= x >> 7, x ^= x << 17, arr[x % (sizeof arr / sizeof *arr)])
#define ADD(str)                                   \
  do {                                             \
    const char *p_ = (str);                        \
    size_t n_ = strlen(p_);                        \
    if (len + n_ < sizeof line) {                  \
      memcpy(line + len, p_, n_);                  \
      len += n_;                                   \
    }                                              \
  } while (0)
  unsigned long long x = 0x2545F4914F6CDD1DULL;
  char line[9000];
  buf_t a, b;
  buf_init(&a);
  buf_init(&b);
  int valid = 0, hits = 0;
  for (int it = 0; it < 40000; it++) {
    size_t len = 0;
    ADD(PICK(ws));
    ADD("{");
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    int members = 1 + (int)(x % 5);
    for (int m = 0; m < members; m++) {
      if (m) ADD(",");
      ADD(PICK(ws));
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      ADD(m == members - 1 && x % 3 ? "\"teks\"" : PICK(key));
      ADD(PICK(ws));
      ADD(":");
      ADD(PICK(ws));
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      ADD(x % 4 ? PICK(good) : PICK(val));
      ADD(PICK(ws));
    }
    ADD("}");
    ADD(PICK(ws));
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    if (x % 4 == 0) { /* corrupt: cut, or insert a stray byte */
      size_t at = (size_t)(x >> 8) % (len + 1);
      if (x % 8 == 0) len = at;
      else {
        const char *j = PICK(junk);
        size_t n = strlen(j);
        memmove(line + at + n, line + at, len - at);
        memcpy(line + at, j, n);
        len += n;
      }
    }
    char ea[200] = "", eb[200] = "";
    buf_reset(&a);
    buf_reset(&b);
    err_t ra = screen_jsonl_line(e, s, line, len, SCREEN_OUT_JSON, &a, NULL, ea, sizeof ea);
    err_t rb = screen_jsonl_line(e, s, line, len, SCREEN_OUT_JSON_REF, &b, NULL, eb, sizeof eb);
    if (ra != rb || strcmp(ea, eb) || a.len != b.len || (a.len && memcmp(a.data, b.data, a.len)))
      fail_msg("%.*s: cepat %d [%s] %s / jansson %d [%s] %s", (int)len, line, ra, ea, a.len ? a.data : "", rb, eb,
               b.len ? b.data : "");
    valid += ra == ERR_OK;
    hits += ra == ERR_OK && !strstr(a.data, "\"hits\":[]");
  }
#undef PICK
#undef ADD
  /* the generator reaches both readers' accepting paths, with hits */
  assert_true(valid > 4000);
  assert_true(hits > 1000);
  buf_free(&a);
  buf_free(&b);
  screen_scratch_free(s);
  screen_engine_free(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(test_kinds_and_offsets), cmocka_unit_test(test_bounded_work), cmocka_unit_test(test_context_and_peredam),
    cmocka_unit_test(test_filter_and_errors), cmocka_unit_test(test_cache),
    cmocka_unit_test(test_jsonl), cmocka_unit_test(test_jsonl_readers_match_jansson),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
