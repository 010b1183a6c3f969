/* receipt_test.c — signed tanda terima: make, verify, tamper, wrong key, CLI verdict. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sodium.h>

#include "cli/cmd_receipt.h"
#include "core/err.h"
#include "core/mem.h"
#include "domain/kode.h"
#include "domain/receipt.h"
#include "core/banned.h"

static unsigned char pk[32], sk[64], pk2[32], sk2[64];
static char kode[KODE_BUF];
static const char content[] = "{\"rezim\":\"pemilu\",\"peristiwa\":{\"uraian\":\"Kepala dinas memasang baliho calon\"}}";

static int setup(void **state) {
  (void)state;
  if (sodium_init() < 0) return -1;
  crypto_sign_keypair(pk, sk);
  crypto_sign_keypair(pk2, sk2);
  return kode_generate(kode, sizeof kode) == ERR_OK ? 0 : -1;
}

/* Compact JSON text of a fresh receipt; caller frees. */
static char *make_text(const unsigned char *key) {
  json_t *r = NULL;
  assert_int_equal(receipt_make(key, kode, "2024-02-14T03:15:09Z", (const unsigned char *)content,
                                sizeof content - 1, &r),
                   ERR_OK);
  char *s = json_dumps(r, JSON_COMPACT);
  json_decref(r);
  assert_non_null(s);
  return s;
}

static void test_make_fields(void **state) {
  (void)state;
  json_t *r = NULL;
  char sha[RECEIPT_SHA256_HEX], pk_hex[65];
  assert_int_equal(receipt_make(sk, kode, "2024-02-14T03:15:09Z", (const unsigned char *)content,
                                sizeof content - 1, &r),
                   ERR_OK);
  receipt_sha256_hex((const unsigned char *)content, sizeof content - 1, sha);
  sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
  assert_string_equal(json_string_value(json_object_get(r, "kode")), kode);
  assert_string_equal(json_string_value(json_object_get(r, "diterima")), "2024-02-14T03:15:09Z");
  assert_string_equal(json_string_value(json_object_get(r, "sha256")), sha);
  assert_string_equal(json_string_value(json_object_get(r, "alg")), "Ed25519");
  assert_string_equal(json_string_value(json_object_get(r, "kunci")), pk_hex);
  assert_int_equal(strlen(json_string_value(json_object_get(r, "tanda_tangan"))), 88);
  json_decref(r);
  /* SHA-256 of "abc" (FIPS 180-2 test vector) */
  receipt_sha256_hex((const unsigned char *)"abc", 3, sha);
  assert_string_equal(sha, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_verify_ok_and_pretty_printed(void **state) {
  (void)state;
  char *s = make_text(sk);
  assert_int_equal(receipt_verify(pk, s, strlen(s)), ERR_OK);
  /* re-serialised with other order and indentation: still valid */
  json_t *j = json_loads(s, 0, NULL);
  char *pretty = json_dumps(j, JSON_INDENT(2) | JSON_SORT_KEYS);
  assert_int_equal(receipt_verify(pk, pretty, strlen(pretty)), ERR_OK);
  /* the whole 201 answer is accepted too */
  json_t *answer = json_pack("{s:s, s:O}", "kode", kode, "tanda_terima", j);
  char *a = json_dumps(answer, 0);
  char got[KODE_BUF];
  assert_int_equal(receipt_verify_kode(pk, a, strlen(a), got, sizeof got), ERR_OK);
  assert_string_equal(got, kode);
  free(a);
  json_decref(answer);
  free(pretty);
  json_decref(j);
  free(s);
}

/* Any changed byte anywhere in the receipt (field names, values, signature,
 * punctuation) makes it fail. */
static void test_every_changed_byte_fails(void **state) {
  (void)state;
  char *s = make_text(sk);
  size_t n = strlen(s);
  const unsigned char masks[] = {0x01, 0x02, 0x20, 0x40};
  for (size_t i = 0; i < n; i++) {
    for (size_t m = 0; m < sizeof masks; m++) {
      char c = s[i];
      s[i] = (char)(c ^ masks[m]);
      err_clear();
      err_t e = receipt_verify(pk, s, n);
      if (e != ERR_INVALID) fail_msg("byte %zu ^ 0x%02x accepted: %s", i, masks[m], s);
      assert_string_equal(err_field(e), "tanda_terima");
      s[i] = c;
    }
  }
  assert_int_equal(receipt_verify(pk, s, n), ERR_OK);
  free(s);
}

static void test_signature_mismatch_message(void **state) {
  (void)state;
  json_t *r = NULL;
  assert_int_equal(receipt_make(sk, kode, "2024-02-14T03:15:09Z", (const unsigned char *)"a", 1, &r), ERR_OK);
  json_object_set_new(r, "diterima", json_string("2024-02-14T03:15:10Z"));
  char *s = json_dumps(r, 0);
  err_t e = receipt_verify(pk, s, strlen(s));
  assert_int_equal(e, ERR_INVALID);
  assert_non_null(strstr(err_message(e), "Tanda tangan tidak cocok"));
  free(s);
  json_decref(r);
}

static void test_other_key_fails(void **state) {
  (void)state;
  char *s = make_text(sk2); /* signed with another server's key */
  err_t e = receipt_verify(pk, s, strlen(s));
  assert_int_equal(e, ERR_INVALID);
  assert_non_null(strstr(err_message(e), "kunci lain"));
  assert_int_equal(receipt_verify(pk2, s, strlen(s)), ERR_OK);
  /* forged: kunci replaced by ours, signature still the other key's */
  json_t *j = json_loads(s, 0, NULL);
  char pk_hex[65];
  sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
  json_object_set_new(j, "kunci", json_string(pk_hex));
  char *f = json_dumps(j, 0);
  e = receipt_verify(pk, f, strlen(f));
  assert_int_equal(e, ERR_INVALID);
  assert_non_null(strstr(err_message(e), "Tanda tangan tidak cocok"));
  free(f);
  json_decref(j);
  free(s);
}

static void test_malformed(void **state) {
  (void)state;
  char *s = make_text(sk);
  json_t *j = json_loads(s, 0, NULL);
  static const char *const bad[] = {
      "", "[]", "\"x\"", "{}", "{\"kode\":1}", "not json",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    err_t e = receipt_verify(pk, bad[i], strlen(bad[i]));
    assert_int_equal(e, ERR_INVALID);
    assert_non_null(strstr(err_message(e), "Format tanda terima tidak valid"));
  }
  /* an extra member */
  json_t *x = json_deep_copy(j);
  json_object_set_new(x, "catatan", json_string("ok"));
  char *t = json_dumps(x, 0);
  assert_int_equal(receipt_verify(pk, t, strlen(t)), ERR_INVALID);
  free(t);
  json_decref(x);
  /* a duplicate member */
  size_t n = strlen(s);
  char *dup = xmalloc(n + 64);
  snprintf(dup, n + 64, "{\"alg\":\"Ed25519\",%s", s + 1);
  assert_int_equal(receipt_verify(pk, dup, strlen(dup)), ERR_INVALID);
  xfree(dup);
  /* wrapper whose outer kode differs */
  json_t *w = json_pack("{s:s, s:O}", "kode", "NTR-0000-0000-0000-0", "tanda_terima", j);
  t = json_dumps(w, 0);
  assert_int_equal(receipt_verify(pk, t, strlen(t)), ERR_INVALID);
  free(t);
  json_decref(w);
  json_decref(j);
  free(s);
}

static void test_make_rejects_bad_input(void **state) {
  (void)state;
  json_t *r = NULL;
  assert_int_equal(receipt_make(sk, "ntr-bad", "2024-02-14T03:15:09Z", NULL, 0, &r), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "kode");
  assert_int_equal(receipt_make(sk, kode, "2024-02-14 03:15:09", NULL, 0, &r), ERR_INVALID);
  assert_string_equal(err_field(ERR_INVALID), "diterima");
  assert_null(r);
}

static char *write_tmp(const char *text) {
  char *path = xstrdup("/tmp/netral_receipt_XXXXXX");
  int fd = mkstemp(path);
  assert_true(fd >= 0);
  assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
  close(fd);
  return path;
}

static err_t loader_pk(unsigned char out[32]) {
  memcpy(out, pk, 32);
  return ERR_OK;
}

static void test_cli_verdict(void **state) {
  (void)state;
  char *s = make_text(sk);
  char *good = write_tmp(s);
  s[10] ^= 1;
  char *bad = write_tmp(s);
  assert_int_equal(receipt_verify_file(pk, good), 0);
  assert_int_equal(receipt_verify_file(pk, bad), 1);
  assert_int_equal(receipt_verify_file(pk2, good), 1);
  assert_int_equal(receipt_verify_file(pk, "/nonexistent/receipt.json"), 1);
  char pk_hex[65];
  sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
  char *argv1[] = {"receipt", "verify", good, "--kunci", pk_hex, NULL};
  assert_int_equal(cmd_receipt(5, argv1), 0);
  char *argv2[] = {"receipt", "verify", bad, "--kunci", pk_hex, NULL};
  assert_int_equal(cmd_receipt(5, argv2), 1);
  char *argv3[] = {"receipt", "verify", good, NULL};
  cmd_receipt_set_key_loader(NULL);
  assert_int_equal(cmd_receipt(3, argv3), 2);
  cmd_receipt_set_key_loader(loader_pk);
  assert_int_equal(cmd_receipt(3, argv3), 0);
  char *argv4[] = {"receipt", "periksa", good, NULL};
  assert_int_equal(cmd_receipt(3, argv4), 2);
  unlink(good);
  unlink(bad);
  xfree(good);
  xfree(bad);
  free(s);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_make_fields),
      cmocka_unit_test(test_verify_ok_and_pretty_printed),
      cmocka_unit_test(test_every_changed_byte_fails),
      cmocka_unit_test(test_signature_mismatch_message),
      cmocka_unit_test(test_other_key_fails),
      cmocka_unit_test(test_malformed),
      cmocka_unit_test(test_make_rejects_bad_input),
      cmocka_unit_test(test_cli_verdict),
  };
  return cmocka_run_group_tests(tests, setup, NULL);
}
