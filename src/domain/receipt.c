/* receipt.c — Ed25519-signed tanda terima over a canonical string (see receipt.h). */
#include "domain/receipt.h"

#include <string.h>
#include <sodium.h>

#include "core/mem.h"
#include "domain/kode.h"
#include "core/banned.h"

static const char receipt_alg[] = "Ed25519";
static const char *const receipt_members[] = {"kode", "diterima", "sha256", "alg", "kunci", "tanda_tangan"};
enum { RECEIPT_MEMBERS = sizeof receipt_members / sizeof receipt_members[0], RECEIPT_SIG_B64 = 89 };

void receipt_sha256_hex(const unsigned char *content, size_t len, char out[RECEIPT_SHA256_HEX]) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, content ? content : (const unsigned char *)"", content ? len : 0);
  sodium_bin2hex(out, RECEIPT_SHA256_HEX, d, sizeof d);
}

static int is_lower_hex(const char *s, size_t want) {
  size_t n = 0;
  for (; s[n]; n++)
    if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f'))) return 0;
  return n == want;
}

/* Exactly YYYY-MM-DDTHH:MM:SSZ with plausible field ranges. */
static int is_utc_time(const char *s) {
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  if (strlen(s) != sizeof shape - 1) return 0;
  for (size_t i = 0; shape[i]; i++) {
    if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i]) return 0;
  }
#define NUM2(i) ((s[i] - '0') * 10 + (s[(i) + 1] - '0'))
  int mo = NUM2(5), d = NUM2(8), h = NUM2(11), mi = NUM2(14), se = NUM2(17);
#undef NUM2
  return mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && se <= 60;
}

/* The signed bytes (receipt.h). Caller frees *out. */
static err_t receipt_canonical(const char *kode, const char *diterima, const char *sha_hex,
                               const char *pk_hex, char **out, size_t *len) {
  buf_t b;
  buf_init(&b);
  buf_printf(&b, "netral-tanda-terima/1\nkode=%s\nditerima=%s\nsha256=%s\nalg=%s\nkunci=%s\n", kode,
             diterima, sha_hex, receipt_alg, pk_hex);
  if (b.oom) {
    buf_free(&b);
    return ERR_NOMEM;
  }
  *out = buf_take(&b, len);
  return ERR_OK;
}

err_t receipt_make_digest(const unsigned char sk[64], const char *kode, const char *diterima,
                          const unsigned char sha256[32], json_t **out) {
  err_t e = ERR_OK;
  char canon_kode[KODE_BUF], sha_hex[RECEIPT_SHA256_HEX], pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
  char sig_b64[RECEIPT_SIG_B64];
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  char *canon = NULL;
  size_t canon_len = 0;
  json_t *o = NULL;
  *out = NULL;
  if (sodium_init() < 0) { e = err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai."); goto done; }
  if (!kode || kode_normalise(kode, canon_kode, sizeof canon_kode) != ERR_OK || strcmp(canon_kode, kode) != 0) {
    e = err_set(ERR_INVALID, "kode", "Kode lacak untuk tanda terima tidak valid.");
    goto done;
  }
  if (!diterima || !is_utc_time(diterima)) {
    e = err_set(ERR_INVALID, "diterima", "Waktu diterima harus berbentuk YYYY-MM-DDTHH:MM:SSZ (UTC).");
    goto done;
  }
  sodium_bin2hex(sha_hex, sizeof sha_hex, sha256, 32);
  crypto_sign_ed25519_sk_to_pk(pk, sk);
  sodium_bin2hex(pk_hex, sizeof pk_hex, pk, sizeof pk);
  if ((e = receipt_canonical(kode, diterima, sha_hex, pk_hex, &canon, &canon_len))) goto done;
  if (crypto_sign_detached(sig, NULL, (const unsigned char *)canon, canon_len, sk) != 0) {
    e = err_set(ERR_CRYPTO, NULL, "Gagal menandatangani tanda terima.");
    goto done;
  }
  sodium_bin2base64(sig_b64, sizeof sig_b64, sig, sizeof sig, sodium_base64_VARIANT_ORIGINAL);
  o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "kode", kode, "diterima", diterima, "sha256", sha_hex,
                "alg", receipt_alg, "kunci", pk_hex, "tanda_tangan", sig_b64);
  if (!o) { e = ERR_NOMEM; goto done; }
  *out = o;
done:
  xfree(canon);
  return e;
}

err_t receipt_make(const unsigned char sk[64], const char *kode, const char *diterima,
                   const unsigned char *content, size_t content_len, json_t **out) {
  unsigned char d[crypto_hash_sha256_BYTES];
  if (sodium_init() < 0) return err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai.");
  crypto_hash_sha256(d, content ? content : (const unsigned char *)"", content ? content_len : 0);
  return receipt_make_digest(sk, kode, diterima, d, out);
}

#define BAD_FORMAT(...) err_set(ERR_INVALID, "tanda_terima", "Format tanda terima tidak valid: " __VA_ARGS__)

/* Unwrap {"kode":…,"tanda_terima":{…}, …} (the 201 answer, which may carry
 * other unsigned members such as "jenis"); borrowed result. */
static json_t *receipt_unwrap(json_t *root) {
  json_t *inner = json_object_get(root, "tanda_terima");
  if (!json_is_object(inner)) return root;
  json_t *outer_kode = json_object_get(root, "kode");
  json_t *inner_kode = json_object_get(inner, "kode");
  if (!json_is_string(outer_kode) || !json_is_string(inner_kode) ||
      strcmp(json_string_value(outer_kode), json_string_value(inner_kode)) != 0)
    return NULL;
  return inner;
}

err_t receipt_verify_kode(const unsigned char pk[32], const char *json_text, size_t len,
                          char *kode_out, size_t cap) {
  err_t e = ERR_OK;
  json_error_t jerr;
  json_t *root = NULL, *r;
  const char *v[RECEIPT_MEMBERS];
  char canon_kode[KODE_BUF];
  unsigned char key[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];
  size_t sig_len = 0;
  const char *b64_end = NULL;
  char *canon = NULL;
  size_t canon_len = 0;
  if (kode_out && cap) kode_out[0] = '\0';
  if (sodium_init() < 0) { e = err_set(ERR_CRYPTO, NULL, "libsodium gagal dimulai."); goto done; }
  if (!json_text) { e = BAD_FORMAT("isi kosong."); goto done; }
  root = json_loadb(json_text, len, JSON_REJECT_DUPLICATES, &jerr);
  if (!root) { e = BAD_FORMAT("bukan JSON yang sah (baris %d).", jerr.line); goto done; }
  r = json_is_object(root) ? receipt_unwrap(root) : NULL;
  if (!r) { e = BAD_FORMAT("harus berupa objek JSON tanda terima."); goto done; }
  if (json_object_size(r) != RECEIPT_MEMBERS) {
    e = BAD_FORMAT("harus memuat tepat kode, diterima, sha256, alg, kunci dan tanda_tangan.");
    goto done;
  }
  for (size_t i = 0; i < RECEIPT_MEMBERS; i++) {
    json_t *m = json_object_get(r, receipt_members[i]);
    if (!json_is_string(m)) { e = BAD_FORMAT("kolom %s tidak ada atau bukan teks.", receipt_members[i]); goto done; }
    v[i] = json_string_value(m);
    if (strlen(v[i]) != json_string_length(m)) { e = BAD_FORMAT("kolom %s memuat karakter NUL.", receipt_members[i]); goto done; }
  }
  if (kode_normalise(v[0], canon_kode, sizeof canon_kode) != ERR_OK || strcmp(canon_kode, v[0]) != 0) {
    e = BAD_FORMAT("kode lacak tidak sah.");
    goto done;
  }
  if (!is_utc_time(v[1])) { e = BAD_FORMAT("waktu diterima tidak sah."); goto done; }
  if (!is_lower_hex(v[2], 64)) { e = BAD_FORMAT("sha256 harus 64 karakter heksadesimal."); goto done; }
  if (strcmp(v[3], receipt_alg) != 0) { e = BAD_FORMAT("algoritma harus Ed25519."); goto done; }
  if (!is_lower_hex(v[4], 64) || sodium_hex2bin(key, sizeof key, v[4], 64, NULL, NULL, NULL) != 0) {
    e = BAD_FORMAT("kunci harus 64 karakter heksadesimal.");
    goto done;
  }
  if (sodium_base642bin(sig, sizeof sig, v[5], strlen(v[5]), NULL, &sig_len, &b64_end,
                        sodium_base64_VARIANT_ORIGINAL) != 0 ||
      sig_len != sizeof sig || *b64_end != '\0') {
    e = BAD_FORMAT("tanda_tangan harus base64 dari 64 bita.");
    goto done;
  }
  if (sodium_memcmp(key, pk, sizeof key) != 0) {
    e = err_set(ERR_INVALID, "tanda_terima",
                "Tanda terima ditandatangani dengan kunci lain, bukan kunci server Netral ini.");
    goto done;
  }
  if ((e = receipt_canonical(v[0], v[1], v[2], v[4], &canon, &canon_len))) goto done;
  if (crypto_sign_verify_detached(sig, (const unsigned char *)canon, canon_len, pk) != 0) {
    e = err_set(ERR_INVALID, "tanda_terima",
                "Tanda tangan tidak cocok: isi tanda terima telah diubah atau tidak berasal dari server ini.");
    goto done;
  }
  if (kode_out && cap) {
    size_t n = strlen(v[0]);
    if (n >= cap) n = cap - 1;
    memcpy(kode_out, v[0], n);
    kode_out[n] = '\0';
  }
done:
  xfree(canon);
  json_decref(root);
  return e;
}

err_t receipt_verify(const unsigned char pk[32], const char *json_text, size_t len) {
  return receipt_verify_kode(pk, json_text, len, NULL, 0);
}
