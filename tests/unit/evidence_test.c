/* evidence_test.c — content-addressed evidence storage: store (encrypted), read back, dedupe, refuse,
 * verify, damage and wrong names or keys detected, files from before encryption read and converted,
 * path safety. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
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
  keys_t keys;
} fx_t;

static int setup(void **state) {
  fx_t *f = calloc(1, sizeof *f);
  if (!f || sodium_init() < 0) return -1;
  randombytes_buf(&f->keys, sizeof f->keys);
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

/* The bytes of path (caller frees); *n their count. */
static unsigned char *read_all(const char *path, size_t *n) {
  FILE *fp = fopen(path, "rb");
  assert_non_null(fp);
  assert_int_equal(fseek(fp, 0, SEEK_END), 0);
  long sz = ftell(fp);
  assert_true(sz >= 0);
  rewind(fp);
  unsigned char *p = malloc((size_t)sz + 1);
  assert_non_null(p);
  assert_int_equal(fread(p, 1, (size_t)sz, fp), (size_t)sz);
  fclose(fp);
  *n = (size_t)sz;
  return p;
}

/* path holds exactly want[0..n) (a file that must be left as it was). */
static void assert_file_is(const char *path, const unsigned char *want, size_t n) {
  size_t got;
  unsigned char *disk = read_all(path, &got);
  assert_int_equal(got, n);
  assert_memory_equal(disk, want, n);
  free(disk);
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
  char path[PATH_MAX], want[PATH_MAX];
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_string_equal(info.sha256, PNG_SHA); /* the name is the hash of the plaintext */
  assert_string_equal(info.mime, "image/png");
  assert_string_equal(info.ext, "png");
  assert_string_equal(info.jenis, "PNG");
  assert_int_equal(info.size, PNG_LEN);
  assert_int_equal(info.created, 1);

  assert_int_equal(evidence_path(f->dir, info.sha256, path, sizeof path), ERR_OK);
  snprintf(want, sizeof want, "%s/bukti/4f/%s", f->dir, PNG_SHA);
  assert_string_equal(path, want);

  /* on disk: magic, nonce, ciphertext and tag; no trace of the plaintext */
  size_t n;
  unsigned char *disk = read_all(path, &n);
  assert_int_equal(n, EVIDENCE_MAGIC_LEN + 24 + PNG_LEN + 16);
  assert_memory_equal(disk, "NTRB1\n", 6);
  assert_null(memmem(disk, n, png, PNG_LEN));
  assert_null(memmem(disk, n, "IHDR", 4));
  assert_null(memmem(disk, n, "IDAT", 4));
  free(disk);

  buf_t b;
  int legacy = -1;
  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, &legacy), ERR_OK);
  assert_int_equal(b.len, PNG_LEN);
  assert_memory_equal(b.data, png, PNG_LEN);
  assert_int_equal(legacy, 0);
  buf_free(&b);

  legacy = -1;
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, &legacy), ERR_OK);
  assert_int_equal(legacy, 0);
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_OK);
}

/* The documented format and key, computed here independently: a change to
 * either would make every file stored so far unreadable. */
static void test_format_and_key_derivation(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  char path[PATH_MAX];
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES], plain[PNG_LEN];
  unsigned long long plen = 0;
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(evidence_path(f->dir, PNG_SHA, path, sizeof path), ERR_OK);
  size_t n;
  unsigned char *disk = read_all(path, &n);
  assert_int_equal(crypto_kdf_derive_from_key(key, sizeof key, 1, "buktienc", f->keys.audit), 0);
  assert_int_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL, disk + 30, n - 30,
                                                              (const unsigned char *)PNG_SHA, 64, disk + 6, key),
                   0);
  assert_int_equal(plen, PNG_LEN);
  assert_memory_equal(plain, png, PNG_LEN);
  /* the name is authenticated: another name does not open */
  static const char other[] = "0000000000000000000000000000000000000000000000000000000000000000";
  assert_int_not_equal(crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &plen, NULL, disk + 30, n - 30,
                                                                  (const unsigned char *)other, 64, disk + 6, key),
                       0);
  /* other content sealed under this name with the right key (only a key
   * holder can): it opens, but its hash is not the name, so it is refused */
  unsigned char forged[30 + 8 + 16];
  memcpy(forged, disk, 30);
  assert_int_equal(crypto_aead_xchacha20poly1305_ietf_encrypt(forged + 30, NULL, (const unsigned char *)"\x89PNGlain", 8,
                                                              (const unsigned char *)PNG_SHA, 64, NULL, forged + 6, key),
                   0);
  write_file(path, forged, sizeof forged);
  buf_t b;
  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, NULL), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "tidak lagi cocok dengan sidik SHA-256"));
  assert_null(b.data);
  /* a fresh nonce per write: the same content stored twice is not the same bytes */
  unlink(path);
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  size_t n2;
  unsigned char *again = read_all(path, &n2);
  assert_int_equal(n2, n);
  assert_memory_not_equal(again + 6, disk + 6, 24);
  free(again);
  free(disk);
}

static void test_same_content_twice_is_one_file(void **state) {
  fx_t *f = *state;
  evidence_info_t a, b;
  char sub[PATH_MAX];
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &a), ERR_OK);
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &b), ERR_OK);
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
  assert_int_equal(evidence_store(&f->keys, f->dir, (const unsigned char *)html, sizeof html - 1, 10 * MB, &info),
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

  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, PNG_LEN - 1, &info), ERR_TOO_LARGE);
  assert_int_equal(evidence_store(&f->keys, f->dir, big, 3 * MB, 2 * MB, &info), ERR_TOO_LARGE);
  assert_non_null(strstr(err_message(ERR_TOO_LARGE), "2 MB"));
  assert_string_equal(err_field(ERR_TOO_LARGE), "bukti");
  assert_int_equal(evidence_store(&f->keys, f->dir, big, 3 * MB, 2 * MB + MB / 2, &info), ERR_TOO_LARGE);
  assert_non_null(strstr(err_message(ERR_TOO_LARGE), "2,5 MB"));
  /* exactly at the limit is accepted */
  assert_int_equal(evidence_store(&f->keys, f->dir, big, 3 * MB, 3 * MB, &info), ERR_OK);
  assert_int_equal(evidence_verify(&f->keys, f->dir, info.sha256, NULL), ERR_OK);
  buf_t b;
  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, info.sha256, &b, NULL), ERR_OK);
  assert_int_equal(b.len, 3 * MB);
  assert_memory_equal(b.data, big, 3 * MB);
  buf_free(&b);
  xfree(big);

  assert_int_equal(evidence_store(&f->keys, f->dir, png, 0, 10 * MB, &info), ERR_INVALID);
  assert_int_equal(evidence_store(&f->keys, f->dir, NULL, 0, 10 * MB, &info), ERR_INVALID);
}

static void test_corruption_detected_and_repaired(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  char path[PATH_MAX];
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(evidence_path(f->dir, info.sha256, path, sizeof path), ERR_OK);
  size_t n;
  unsigned char *good = read_all(path, &n);

  /* one flipped bit anywhere: header nonce, ciphertext, tag */
  static const size_t at[] = {7, 29, 40, 30 + PNG_LEN + 3};
  for (size_t i = 0; i < sizeof at / sizeof at[0]; i++) {
    good[at[i]] ^= 1;
    write_file(path, good, n);
    good[at[i]] ^= 1;
    buf_t b;
    buf_init(&b);
    assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, NULL), ERR_INVALID);
    assert_non_null(strstr(err_message(ERR_INVALID), "Berkas bukti rusak"));
    assert_string_equal(err_field(ERR_INVALID), "bukti");
    assert_null(b.data); /* nothing handed out */
    assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_INVALID);
  }
  write_file(path, good, n - 1); /* the tag cut short */
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_INVALID);
  write_file(path, good, 20); /* the magic, part of a nonce */
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_INVALID);
  write_file(path, "", 0); /* truncated to nothing */
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_INVALID);
  write_file(path, good, n);
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_OK);
  free(good);

  /* uploading the same content again repairs the stored copy */
  write_file(path, "x", 1);
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(info.created, 1);
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_OK);

  assert_int_equal(unlink(path), 0);
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_NOT_FOUND);
  buf_t b;
  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, NULL), ERR_NOT_FOUND);
  /* a well-formed hash that was never stored */
  assert_int_equal(evidence_verify(&f->keys, f->dir, "0000000000000000000000000000000000000000000000000000000000000000", NULL),
                   ERR_NOT_FOUND);
}

/* A stored file copied over another file's name does not open there: the
 * name is authenticated data, not just compared after decryption. */
static void test_copied_under_other_name(void **state) {
  fx_t *f = *state;
  evidence_info_t a, b;
  char pa[PATH_MAX], pb[PATH_MAX];
  unsigned char other[PNG_LEN + 8];
  memcpy(other, png, PNG_LEN);
  memcpy(other + PNG_LEN, "lainnya!", 8); /* a different file, still a PNG by its magic */
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &a), ERR_OK);
  assert_int_equal(evidence_store(&f->keys, f->dir, other, sizeof other, 10 * MB, &b), ERR_OK);
  assert_string_not_equal(a.sha256, b.sha256);
  assert_int_equal(evidence_path(f->dir, a.sha256, pa, sizeof pa), ERR_OK);
  assert_int_equal(evidence_path(f->dir, b.sha256, pb, sizeof pb), ERR_OK);
  size_t n;
  unsigned char *bytes = read_all(pa, &n);
  write_file(pb, bytes, n);
  free(bytes);
  buf_t out;
  buf_init(&out);
  assert_int_equal(evidence_read(&f->keys, f->dir, b.sha256, &out, NULL), ERR_INVALID);
  /* refused by the AEAD (the name is its associated data), before any hash is compared */
  assert_non_null(strstr(err_message(ERR_INVALID), "tidak dapat dibuka dengan kunci server"));
  assert_null(out.data);
  assert_int_equal(evidence_verify(&f->keys, f->dir, a.sha256, NULL), ERR_OK);
}

/* Another key (another server's key file, or none) does not open a file. */
static void test_other_key(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  keys_t other = f->keys;
  other.audit[0] ^= 1;
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(evidence_verify(&other, f->dir, PNG_SHA, NULL), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "Berkas bukti rusak"));
  buf_t b;
  buf_init(&b);
  assert_int_equal(evidence_read(NULL, f->dir, PNG_SHA, &b, NULL), ERR_CRYPTO);
  assert_null(b.data);
  /* the other keys of the file play no part */
  other = f->keys;
  other.box[0] ^= 1;
  other.sign_sk[0] ^= 1;
  assert_int_equal(evidence_verify(&other, f->dir, PNG_SHA, NULL), ERR_OK);
}

/* Files stored in plaintext before encryption: still read and verified,
 * converted by evidence_encrypt_legacy (`netral bukti enkripsi`) or by the
 * same content uploaded again; a damaged one is never rewritten. */
static void test_legacy_plaintext(void **state) {
  fx_t *f = *state;
  char path[PATH_MAX];
  evidence_info_t info;
  buf_t b;
  int legacy = -1, converted = -1;
  assert_int_equal(evidence_path(f->dir, PNG_SHA, path, sizeof path), ERR_OK);
  char sub[PATH_MAX];
  snprintf(sub, sizeof sub, "%s/bukti", f->dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  snprintf(sub, sizeof sub, "%s/bukti/4f", f->dir);
  assert_int_equal(mkdir(sub, 0700), 0);
  write_file(path, png, PNG_LEN);

  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, &legacy), ERR_OK);
  assert_int_equal(legacy, 1);
  assert_int_equal(b.len, PNG_LEN);
  assert_memory_equal(b.data, png, PNG_LEN);
  buf_free(&b);
  legacy = -1;
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, &legacy), ERR_OK);
  assert_int_equal(legacy, 1);
  /* no key needed for these */
  buf_init(&b);
  assert_int_equal(evidence_read(NULL, f->dir, PNG_SHA, &b, NULL), ERR_OK);
  buf_free(&b);

  /* a damaged plaintext file is reported and left as it is */
  unsigned char bad[PNG_LEN];
  memcpy(bad, png, PNG_LEN);
  bad[40] ^= 1;
  write_file(path, bad, sizeof bad);
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, NULL), ERR_INVALID);
  assert_non_null(strstr(err_message(ERR_INVALID), "rusak"));
  assert_int_equal(evidence_encrypt_legacy(&f->keys, f->dir, PNG_SHA, &converted), ERR_INVALID);
  assert_int_equal(converted, 0);
  assert_file_is(path, bad, PNG_LEN);

  /* converted in place */
  write_file(path, png, PNG_LEN);
  assert_int_equal(evidence_encrypt_legacy(&f->keys, f->dir, PNG_SHA, &converted), ERR_OK);
  assert_int_equal(converted, 1);
  size_t n;
  unsigned char *disk = read_all(path, &n);
  assert_int_equal(n, 6 + 24 + PNG_LEN + 16);
  assert_memory_equal(disk, "NTRB1\n", 6);
  assert_null(memmem(disk, n, "IHDR", 4));
  free(disk);
  legacy = -1;
  buf_init(&b);
  assert_int_equal(evidence_read(&f->keys, f->dir, PNG_SHA, &b, &legacy), ERR_OK);
  assert_int_equal(legacy, 0);
  assert_memory_equal(b.data, png, PNG_LEN);
  buf_free(&b);
  snprintf(sub, sizeof sub, "%s/bukti/4f", f->dir);
  assert_int_equal(count_entries(sub), 1); /* no temp file left */
  /* again: nothing to do, the file is not rewritten */
  disk = read_all(path, &n);
  assert_int_equal(evidence_encrypt_legacy(&f->keys, f->dir, PNG_SHA, &converted), ERR_OK);
  assert_int_equal(converted, 0);
  assert_file_is(path, disk, n);
  free(disk);
  assert_int_equal(evidence_encrypt_legacy(&f->keys, f->dir, "0000000000000000000000000000000000000000000000000000000000000000",
                                           &converted),
                   ERR_NOT_FOUND);
  assert_int_equal(evidence_encrypt_legacy(NULL, f->dir, PNG_SHA, &converted), ERR_CRYPTO);

  /* the same content uploaded over a plaintext copy encrypts it too */
  write_file(path, png, PNG_LEN);
  assert_int_equal(evidence_store(&f->keys, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_OK);
  assert_int_equal(info.created, 1);
  legacy = -1;
  assert_int_equal(evidence_verify(&f->keys, f->dir, PNG_SHA, &legacy), ERR_OK);
  assert_int_equal(legacy, 0);
}

/* No accepted type starts with the magic, so a plaintext file is never taken
 * for an encrypted one. */
static void test_magic_never_plaintext(void **state) {
  fx_t *f = *state;
  evidence_info_t info;
  static const char fake[] = "NTRB1\n\x89PNG\r\n\x1a\n0123456789012345678901234567890123456789";
  assert_int_equal(evidence_store(&f->keys, f->dir, (const unsigned char *)fake, sizeof fake - 1, 10 * MB, &info),
                   ERR_UNSUPPORTED_TYPE);
  assert_int_equal(evidence_store(NULL, f->dir, png, PNG_LEN, 10 * MB, &info), ERR_CRYPTO);
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
    assert_int_equal(evidence_verify(&f->keys, f->dir, bad[i], NULL), ERR_INVALID);
    assert_string_equal(err_field(ERR_INVALID), "sha256");
    buf_t b;
    buf_init(&b);
    assert_int_equal(evidence_read(&f->keys, f->dir, bad[i], &b, NULL), ERR_INVALID);
    assert_null(b.data);
    int converted = -1;
    assert_int_equal(evidence_encrypt_legacy(&f->keys, f->dir, bad[i], &converted), ERR_INVALID);
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
      cmocka_unit_test_setup_teardown(test_format_and_key_derivation, setup, teardown),
      cmocka_unit_test_setup_teardown(test_same_content_twice_is_one_file, setup, teardown),
      cmocka_unit_test_setup_teardown(test_html_refused, setup, teardown),
      cmocka_unit_test_setup_teardown(test_size_limits, setup, teardown),
      cmocka_unit_test_setup_teardown(test_corruption_detected_and_repaired, setup, teardown),
      cmocka_unit_test_setup_teardown(test_copied_under_other_name, setup, teardown),
      cmocka_unit_test_setup_teardown(test_other_key, setup, teardown),
      cmocka_unit_test_setup_teardown(test_legacy_plaintext, setup, teardown),
      cmocka_unit_test_setup_teardown(test_magic_never_plaintext, setup, teardown),
      cmocka_unit_test_setup_teardown(test_malformed_hash_rejected, setup, teardown),
  };
  return cmocka_run_group_tests_name("evidence", tests, NULL, NULL);
}
