/*
 * receipt.h — tanda terima: a signed receipt for a submitted laporan.
 *
 * The receipt proves that the server received given content under a given
 * tracking code at a given time. It is a JSON object with exactly these six
 * string members:
 *   {"kode":"NTR-7K3Q-MX9D-2HPA-C",          canonical kode (kode.h)
 *    "diterima":"2024-02-14T03:15:09Z",      UTC, exactly YYYY-MM-DDTHH:MM:SSZ
 *    "sha256":"<64 lowercase hex>",           SHA-256 of the submitted content bytes
 *    "alg":"Ed25519",
 *    "kunci":"<64 lowercase hex>",            the server's Ed25519 public key
 *    "tanda_tangan":"<base64>"}               RFC 4648 base64 with padding, 64 bytes
 *
 * Signature: crypto_sign_detached (Ed25519) over the canonical byte string
 *   "netral-tanda-terima/1\n"
 *   "kode=" kode "\n"
 *   "diterima=" diterima "\n"
 *   "sha256=" sha256 "\n"
 *   "alg=Ed25519\n"
 *   "kunci=" kunci "\n"
 * (ASCII, no NUL, values exactly as in the JSON; none may contain '\n'
 * because each value is checked against its strict format first). Member
 * order and whitespace of the JSON do not matter; unknown or duplicate
 * members make the receipt invalid. Anyone can re-check a receipt with the
 * published public key and this description alone.
 *
 * The verifier also accepts the whole 201 answer of POST /api/v1/laporan,
 * {"kode":…,"tanda_terima":{…}}, when its outer kode equals the inner one.
 */
#ifndef NETRAL_RECEIPT_H
#define NETRAL_RECEIPT_H
#include <stddef.h>
#include <jansson.h>
#include "core/err.h"

enum { RECEIPT_SHA256_HEX = 65 }; /* 64 hex + NUL */

/* Lowercase hex SHA-256 of content into out (RECEIPT_SHA256_HEX bytes). */
void receipt_sha256_hex(const unsigned char *content, size_t len, char out[RECEIPT_SHA256_HEX]);

/* Build and sign a receipt for content. sk is a libsodium Ed25519 secret key
 * (64 bytes, public key embedded). kode must be canonical, diterima in the
 * format above (ERR_INVALID otherwise). *out: new reference, caller
 * json_decref()s. */
err_t receipt_make(const unsigned char sk[64], const char *kode, const char *diterima,
                   const unsigned char *content, size_t content_len, json_t **out);

/* Same with the SHA-256 digest already computed (e.g. streamed content). */
err_t receipt_make_digest(const unsigned char sk[64], const char *kode, const char *diterima,
                          const unsigned char sha256[32], json_t **out);

/* ERR_OK when json_text is a receipt signed by pk; otherwise ERR_INVALID,
 * field "tanda_terima", and an Indonesian reason: "Format tanda terima tidak
 * valid: …", "Tanda terima ditandatangani dengan kunci lain …", "Tanda tangan
 * tidak cocok …". On ERR_OK the kode is copied to kode_out when non-NULL
 * (cap >= 21). */
err_t receipt_verify(const unsigned char pk[32], const char *json_text, size_t len);
err_t receipt_verify_kode(const unsigned char pk[32], const char *json_text, size_t len,
                          char *kode_out, size_t cap);
#endif
