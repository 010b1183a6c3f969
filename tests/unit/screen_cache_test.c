/* screen_cache_test.c — the compiled databases on disk: round trip, what is
 * refused, a hit marking the file used, and the tidying of the directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "screen/cache.h"
#include "screen/engine.h"

static char dir[] = "/tmp/netral_cache_XXXXXX";

static int setup(void **st) {
  (void)st;
  return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st) {
  (void)st;
  char cmd[200];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  return system(cmd) == 0 ? 0 : -1;
}

static void write_bytes(const char *path, const void *p, size_t n) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_int_equal(fwrite(p, 1, n, f), n);
  fclose(f);
}

/* A file in d with modification time now - age_s. */
static void put_aged(const char *d, const char *name, const char *text, long age_s) {
  char p[600];
  snprintf(p, sizeof p, "%s/%s", d, name);
  write_bytes(p, text, strlen(text));
  struct timespec t[2] = {{time(NULL) - age_s, 0}, {time(NULL) - age_s, 0}};
  assert_int_equal(utimensat(AT_FDCWD, p, t, 0), 0);
}

static int present(const char *d, const char *name) {
  char p[600];
  snprintf(p, sizeof p, "%s/%s", d, name);
  return access(p, F_OK) == 0;
}

static hs_database_t *compile_one(const char *lit) {
  hs_database_t *db = NULL;
  hs_compile_error_t *cerr = NULL;
  const char *pats[1] = {lit};
  unsigned flags[1] = {0}, ids[1] = {7};
  size_t lens[1] = {strlen(lit)};
  assert_int_equal(hs_compile_lit_multi(pats, flags, ids, lens, 1, HS_MODE_BLOCK, NULL, &db, &cerr), HS_SUCCESS);
  return db;
}

static int count(unsigned id, unsigned long long from, unsigned long long to, unsigned fl, void *ud) {
  (void)from, (void)to, (void)fl;
  if (id == 7) ++*(int *)ud;
  return 0;
}

static int matches(const hs_database_t *db, const char *text) {
  hs_scratch_t *s = NULL;
  int n = 0;
  assert_int_equal(hs_alloc_scratch(db, &s), HS_SUCCESS);
  assert_int_equal(hs_scan(db, text, (unsigned)strlen(text), 0, s, count, &n), HS_SUCCESS);
  hs_free_scratch(s);
  return n;
}

static void test_round_trip_and_refusals(void **st) {
  (void)st;
  char path[300];
  snprintf(path, sizeof path, "%s/" SCREEN_CACHE_PREFIX "0000000000000001" SCREEN_CACHE_SUFFIX, dir);
  hs_database_t *got[2] = {NULL, NULL};
  assert_int_equal(screen_cache_load(path, got), 0); /* no file */
  hs_database_t *db = compile_one("coblos");
  const hs_database_t *const both[2] = {db, NULL}; /* the second may be absent */
  screen_cache_store(path, both);
  assert_int_equal(screen_cache_load(path, got), 1);
  assert_non_null(got[0]);
  assert_null(got[1]);
  assert_int_equal(matches(got[0], "ayo coblos, coblos"), 2);
  hs_free_database(got[0]);
  got[0] = NULL;
  /* every shorter prefix of the file is refused, and leaves nothing */
  char *bytes = NULL;
  size_t n = 0;
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  n = (size_t)ftell(f);
  rewind(f);
  bytes = malloc(n + 1);
  assert_int_equal(fread(bytes, 1, n, f), n);
  fclose(f);
  char cut[300];
  snprintf(cut, sizeof cut, "%s/potongan.hsdb", dir);
  for (size_t k = 0; k < n; k += k < 40 ? 1 : 997) {
    write_bytes(cut, bytes, k);
    assert_int_equal(screen_cache_load(cut, got), 0);
    assert_null(got[0]);
    assert_null(got[1]);
  }
  /* trailing bytes, another format's magic */
  bytes = realloc(bytes, n + 1);
  bytes[n] = 'x';
  write_bytes(cut, bytes, n + 1);
  assert_int_equal(screen_cache_load(cut, got), 0);
  bytes[7] = '1'; /* "NSCRHS01" */
  write_bytes(cut, bytes, n);
  assert_int_equal(screen_cache_load(cut, got), 0);
  free(bytes);
  /* a directory that cannot be made (its parent is a file; root may write
   * anywhere else): no file, no failure */
  char nowhere[400], plain[200];
  snprintf(plain, sizeof plain, "%s/berkas-biasa", dir);
  write_bytes(plain, "x", 1);
  snprintf(nowhere, sizeof nowhere, "%s/sub/" SCREEN_CACHE_PREFIX "0000000000000002" SCREEN_CACHE_SUFFIX, plain);
  screen_cache_store(nowhere, both);
  assert_int_not_equal(access(nowhere, F_OK), 0);
  hs_free_database(db);
}

/* Files anyone else could have written are not handed to Hyperscan. */
static void test_untrusted_files_are_not_loaded(void **st) {
  (void)st;
  char path[300], link[300];
  snprintf(path, sizeof path, "%s/" SCREEN_CACHE_PREFIX "0000000000000003" SCREEN_CACHE_SUFFIX, dir);
  snprintf(link, sizeof link, "%s/" SCREEN_CACHE_PREFIX "0000000000000004" SCREEN_CACHE_SUFFIX, dir);
  hs_database_t *db = compile_one("amplop"), *got[2] = {NULL, NULL};
  const hs_database_t *const both[2] = {db, NULL};
  screen_cache_store(path, both);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_int_equal(sb.st_mode & 0777, 0600);
  assert_int_equal(screen_cache_load(path, got), 1);
  hs_free_database(got[0]);
  got[0] = NULL;
  /* writable by the group or by anyone */
  const mode_t loose[] = {0620, 0602, 0666};
  for (size_t i = 0; i < sizeof loose / sizeof *loose; i++) {
    assert_int_equal(chmod(path, loose[i]), 0);
    assert_int_equal(screen_cache_load(path, got), 0);
    assert_null(got[0]);
  }
  assert_int_equal(chmod(path, 0644), 0); /* readable by others is fine */
  assert_int_equal(screen_cache_load(path, got), 1);
  hs_free_database(got[0]);
  got[0] = NULL;
  /* reached through a link */
  assert_int_equal(symlink(path, link), 0);
  assert_int_equal(screen_cache_load(link, got), 0);
  /* owned by another user (needs root to arrange; CI runs as root) */
  if (geteuid() == 0) {
    assert_int_equal(chown(path, 65534, 65534), 0);
    assert_int_equal(screen_cache_load(path, got), 0);
    assert_null(got[0]);
  } else {
    fprintf(stderr, "# berkas milik pengguna lain: dilewati (bukan root)\n");
  }
  hs_free_database(db);
}

/* Through the engine, on the shipped rules: each wilayah filter is a rule
 * set of its own and so a cache file of its own. */
static screen_engine_t *open_in(const char *d, const char *wilayah) {
  screen_opts_t o = {NULL, NULL, NULL, wilayah, NULL, d};
  screen_engine_t *e = NULL;
  err_t rc = screen_engine_open_opts(&o, &e);
  if (rc) fprintf(stderr, "%s\n", err_message(rc));
  assert_int_equal(rc, ERR_OK);
  return e;
}

static void test_hit_marks_use_and_tidies(void **st) {
  (void)st;
  char d[300], name[64], path[512];
  snprintf(d, sizeof d, "%s/rapi", dir);
  assert_int_equal(mkdir(d, 0700), 0);
  screen_engine_t *e = open_in(d, "35.76");
  snprintf(path, sizeof path, "%s", screen_engine_info(e)->cache_path);
  screen_engine_free(e);
  /* a file others could have written is compiled afresh and replaced */
  assert_int_equal(chmod(path, 0666), 0);
  e = open_in(d, "35.76");
  assert_int_equal(screen_engine_info(e)->cache_hit, 0);
  screen_engine_free(e);
  struct stat sm;
  assert_int_equal(stat(path, &sm), 0);
  assert_int_equal(sm.st_mode & 0777, 0600);
  /* a hit marks the file as used now */
  struct timespec old[2] = {{time(NULL) - 30 * 86400, 0}, {time(NULL) - 30 * 86400, 0}};
  assert_int_equal(utimensat(AT_FDCWD, path, old, 0), 0);
  e = open_in(d, "35.76");
  assert_int_equal(screen_engine_info(e)->cache_hit, 1);
  screen_engine_free(e);
  struct stat sb;
  assert_int_equal(stat(path, &sb), 0);
  assert_true(sb.st_mtime > time(NULL) - 3600);
  /* caches of edited rule sets used 1..9 days ago (this format), one of an
   * old format, temporary files of a dead and of a live writer, and a file
   * that is not a cache */
  for (int i = 1; i <= 9; i++) {
    snprintf(name, sizeof name, SCREEN_CACHE_PREFIX "%016d" SCREEN_CACHE_SUFFIX, i);
    put_aged(d, name, "NSCRHS02 isi", i * 86400L);
  }
  put_aged(d, SCREEN_CACHE_PREFIX "00000000000000aa" SCREEN_CACHE_SUFFIX, "NSCRHS01 format lama", 60);
  put_aged(d, SCREEN_CACHE_PREFIX "00000000000000bb" SCREEN_CACHE_SUFFIX ".tmp.Ab4242", "mati", 2 * 3600);
  put_aged(d, SCREEN_CACHE_PREFIX "00000000000000cc" SCREEN_CACHE_SUFFIX ".tmp.Cd4343", "sedang ditulis", 10);
  put_aged(d, "catatan.txt", "bukan cache", 400 * 86400L);
  /* the next rule set written tidies the directory */
  e = open_in(d, "35.16");
  assert_int_equal(screen_engine_info(e)->cache_hit, 0);
  assert_true(present(d, strrchr(screen_engine_info(e)->cache_path, '/') + 1));
  screen_engine_free(e);
  assert_true(present(d, strrchr(path, '/') + 1)); /* used just now */
  for (int i = 1; i <= 9; i++) { /* all fit the budget */
    snprintf(name, sizeof name, SCREEN_CACHE_PREFIX "%016d" SCREEN_CACHE_SUFFIX, i);
    assert_true(present(d, name));
  }
  assert_false(present(d, SCREEN_CACHE_PREFIX "00000000000000aa" SCREEN_CACHE_SUFFIX));
  assert_false(present(d, SCREEN_CACHE_PREFIX "00000000000000bb" SCREEN_CACHE_SUFFIX ".tmp.Ab4242"));
  assert_true(present(d, SCREEN_CACHE_PREFIX "00000000000000cc" SCREEN_CACHE_SUFFIX ".tmp.Cd4343"));
  assert_true(present(d, "catatan.txt"));
  /* both kept rule sets still load from their files */
  const char *kept[] = {"35.76", "35.16"};
  for (int k = 0; k < 2; k++) {
    e = open_in(d, kept[k]);
    assert_int_equal(screen_engine_info(e)->cache_hit, 1);
    screen_engine_free(e);
  }
}

/* The most recently used files that fit the budget beside the new one
 * stay; the first that does not fit and all used before it go. */
static void test_prune_budget(void **st) {
  (void)st;
  char d[300], name[64], keep[400];
  snprintf(d, sizeof d, "%s/anggaran", dir);
  assert_int_equal(mkdir(d, 0700), 0);
  char hundred[101];
  memset(hundred, 'x', 100);
  memcpy(hundred, "NSCRHS02", 8);
  hundred[100] = '\0';
  put_aged(d, SCREEN_CACHE_PREFIX "0000000000000000" SCREEN_CACHE_SUFFIX, hundred, 30 * 86400L);
  for (int i = 1; i <= 9; i++) {
    snprintf(name, sizeof name, SCREEN_CACHE_PREFIX "%016d" SCREEN_CACHE_SUFFIX, i);
    put_aged(d, name, hundred, i * 86400L);
  }
  snprintf(keep, sizeof keep, "%s/" SCREEN_CACHE_PREFIX "0000000000000000" SCREEN_CACHE_SUFFIX, d);
  screen_cache_prune(keep, 650); /* the kept file and 5 more */
  assert_true(present(d, SCREEN_CACHE_PREFIX "0000000000000000" SCREEN_CACHE_SUFFIX)); /* never removed */
  for (int i = 1; i <= 9; i++) {
    snprintf(name, sizeof name, SCREEN_CACHE_PREFIX "%016d" SCREEN_CACHE_SUFFIX, i);
    assert_int_equal(present(d, name), i <= 5);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip_and_refusals),
      cmocka_unit_test(test_untrusted_files_are_not_loaded),
      cmocka_unit_test(test_hit_marks_use_and_tidies),
      cmocka_unit_test(test_prune_budget),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
