/* evidence_test.c — content-addressed evidence storage: store, dedupe, refuse, verify, path safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/evidence.h"
#include "core/banned.h"

/* A real 1x1 RGBA PNG; its SHA-256 computed independently (Python hashlib). */
static const unsigned char png[] =
    "\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01"
    "\x08\x06\x00\x00\x00\x1F\x15\xC4\x89\x00\x00\x00\x0D\x49\x44\x41\x54\x78\x9C\x63\xF8\xCF\xC0\xF0"
    "\x1F\x00\x05\x00\x01\xFF\x89\x99\x3D\x1D\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60\x82";
#define PNG_LEN (sizeof png - 1)
#define PNG_SHA "4ff6ab670a58c14270e034e2090d9a432caa263a14e0a25785386b0c12f880b5"
#define MB (1024u * 1024u)

typedef struct {
  char dir[64];
} fx_t;

static int setup(void **state) {
  fx_t *f = calloc(1, sizeof *f);
  if (!f) return -1;
  snprintf(f->dir, sizeof f->dir, "/tmp/netral-bukti-XXXXXX");
  if (!mkdtemp(f->dir)) return -1;
  *state = f;
  return 0;
}

static int teardown(void **state) {
  fx_t *f = *state;
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
  if (system(cmd) != 0) fprintf(stderr, "cleanup failed: %s\n", f->dir);
  free(f);
  return 0;
}

static size_t count_entries(const char *dir) {
  size_t n = 0;
  struct dirent *de;
  DIR *d = opendir(dir);
  if (!d) return 0;
  while ((de = readdir(d)))
    if (de->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

static void write_file(const char *path, const void *p, size_t n) {
  FILE *fp = fopen(path, "wb");
  assert_non_null(fp);
  assert_int_equal(fwrite(p, 1, n, fp), n);
  assert_int_equal(fclose(fp), 0);
}

static void test_store_png_and_verify(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  char path[PATH_MAX], want[PATH_MAX], got[128];
  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_string_equal(info.sha256, PNG_SHA);
  assert_string_equal(info.mime, "image/png");
  assert_string_equal(info.ext, "png");
  assert_string_equal(info.jenis, "PNG");
  assert_int_equal(info.size, PNG_LEN);
  assert_int_equal(info.created, 1);

  assert_int_equal(evidence_path(f->dir, info.sha256, path, sizeof path), ERR_OK);
  snprintf(want, sizeof want, "%s/bukti/4f/%s", f->dir, PNG_SHA);
  assert_string_equal(path, want);
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_int_equal(fread(got, 1, sizeof got, fp), PNG_LEN);
  fclose(fp);
  assert_memory_equal(got, png, PNG_LEN);

  assert_int_equal(evidence_verify(f->dir, PNG_SHA), ERR_OK);
}

static void test_same_content_twice_is_one_file(void **state) {
  fx_t *f = *state;
  evidence_info_t a, b;
  char sub[PATH_MAX];
  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, 10 * MB, &a), ERR_OK);
  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, 10 * MB, &b), ERR_OK);
  assert_int_equal(a.created, 1);
  assert_int_equal(b.created, 0);
  assert_string_equal(a.sha256, b.sha256);
  assert_string_equal(b.mime, "image/png");
  snprintf(sub, sizeof sub, "%s/bukti/4f", f->dir);
  assert_int_equal(count_entries(sub), 1); /* no duplicate, no temp file left */
  snprintf(sub, sizeof sub, "%s/bukti", f->dir);
  assert_int_equal(count_entries(sub), 1);
}

static void test_html_refused(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  static const char html[] = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";
  char sub[PATH_MAX];
  assert_int_equal(evidence_store(f->dir, (const unsigned char *)html, sizeof html - 1, 10 * MB, &info),
                   ERR_UNSUPPORTED_TYPE);
  assert_string_equal(err_field(ERR_UNSUPPORTED_TYPE), "bukti");
  assert_string_equal(info.sha256, "");
  snprintf(sub, sizeof sub, "%s/bukti", f->dir);
  assert_int_equal(count_entries(sub), 0); /* nothing written */
}

static void test_size_limits(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  unsigned char *big = xcalloc(1, 3 * MB);
  assert_non_null(big);
  memcpy(big, png, PNG_LEN);

  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, PNG_LEN - 1, &info), ERR_TOO_LARGE);
  assert_int_equal(evidence_store(f->dir, big, 3 * MB, 2 * MB, &info), ERR_TOO_LARGE);
  assert_non_null(strstr(err_message(ERR_TOO_LARGE), "2 MB"));
  assert_string_equal(err_field(ERR_TOO_LARGE), "bukti");
  assert_int_equal(evidence_store(f->dir, big, 3 * MB, 2 * MB + MB / 2, &info), ERR_TOO_LARGE);
  assert_non_null(strstr(err_message(ERR_TOO_LARGE), "2,5 MB"));
  /* exactly at the limit is accepted */
  assert_int_equal(evidence_store(f->dir, big, 3 * MB, 3 * MB, &info), ERR_OK);
  assert_int_equal(evidence_verify(f->dir, info.sha256), ERR_OK);
  xfree(big);

  assert_int_equal(evidence_store(f->dir, png, 0, 10 * MB, &info), ERR_INVALID);
  assert_int_equal(evidence_store(f->dir, NULL, 0, 10 * MB, &info), ERR_INVALID);
}

static void test_corruption_detected_and_repaired(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  char path[PATH_MAX];
  unsigned char bad[PNG_LEN];
  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(evidence_path(f->dir, info.sha256, path, sizeof path), ERR_OK);

  memcpy(bad, png, PNG_LEN);
  bad[40] ^= 1; /* one flipped bit */
  write_file(path, bad, sizeof bad);
  assert_int_equal(evidence_verify(f->dir, PNG_SHA), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "rusak"));

  write_file(path, "", 0); /* truncated to nothing */
  assert_int_equal(evidence_verify(f->dir, PNG_SHA), ERR_INVALID);

  /* uploading the same content again repairs the stored copy */
  assert_int_equal(evidence_store(f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(info.created, 1);
  assert_int_equal(evidence_verify(f->dir, PNG_SHA), ERR_OK);

  assert_int_equal(unlink(path), 0);
  assert_int_equal(evidence_verify(f->dir, PNG_SHA), ERR_NOT_FOUND);
  /* a well-formed hash that was never stored */
  assert_int_equal(evidence_verify(f->dir, "0000000000000000000000000000000000000000000000000000000000000000"),
                   ERR_NOT_FOUND);
}

static void test_malformed_hash_rejected(void **state) {
  fx_t *f = *state;
  char path[PATH_MAX];
  static const char *const bad[] = {
      "../etc/passwd",
      "../../../../../../../../../../../../../../../../../../../etc/passwd",
      "4ff6ab670a58c14270e034e2090d9a432caa263a14e0a25785386b0c12f880b",   /* 63 */
      "4ff6ab670a58c14270e034e2090d9a432caa263a14e0a25785386b0c12f880b5a", /* 65 */
      "4FF6AB670A58C14270E034E2090D9A432CAA263A14E0A25785386B0C12F880B5", /* uppercase */
      "4ff6ab670a58c14270e034e2090d9a432caa263a14e0a25785386b0c12f880/.",
      "4ff6ab670a58c14270e034e2090d9a432caa263a14e0a25785386b0c12f880 5",
      "",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    path[0] = '\0';
    assert_int_equal(evidence_path(f->dir, bad[i], path, sizeof path), ERR_INVALID);
    assert_string_equal(err_field(ERR_INVALID), "sha256");
    assert_string_equal(path, "");
    assert_int_equal(evidence_verify(f->dir, bad[i]), ERR_INVALID);
    assert_false(evidence_hex_ok(bad[i]));
  }
  assert_int_equal(evidence_path(f->dir, NULL, path, sizeof path), ERR_INVALID);
  assert_true(evidence_hex_ok(PNG_SHA));
  /* a path that does not fit the caller's buffer is an error, not a truncation */
  assert_int_equal(evidence_path(f->dir, PNG_SHA, path, 40), ERR_IO);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_store_png_and_verify, setup, teardown),
      cmocka_unit_test_setup_teardown(test_same_content_twice_is_one_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_html_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_size_limits, setup, teardown),
      cmocka_unit_test_setup_teardown(test_corruption_detected_and_repaired, setup, teardown),
      cmocka_unit_test_setup_teardown(test_malformed_hash_rejected, setup, teardown),
  };
  return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
