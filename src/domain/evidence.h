/*
 * evidence.h — content-addressed, encrypted storage of evidence files
 * (bukti), pakta documents and activity attachments.
 *
 * A file is stored once under <data_dir>/bukti/<first 2 hex>/<sha256 hex>:
 * the name is the SHA-256 of the plaintext, so the same photo uploaded twice
 * is one file, receipts, the custody log and case manifests keep naming it,
 * and evidence_verify() can prove a stored file is unchanged. Only types
 * recognised by sniff_type() (magic bytes) are accepted.
 *
 * On disk a file is encrypted (whoever holds the disk or a backup made
 * without the key must not read a photo that may show the reporter):
 *   "NTRB1\n" (6) || nonce (24) || XChaCha20-Poly1305(plaintext, ad = name)
 * where name is the 64-character hex file name, so a file copied under
 * another name does not open. The key is subkey 1 of context "buktienc"
 * derived (crypto_kdf) from the `audit` key of NETRAL_KEY_FILE; the key file
 * format does not change. Files stored before encryption (no magic: none of
 * the sniffed types starts with it) are still read and verified ("legacy");
 * evidence_encrypt_legacy() rewrites one encrypted (`netral bukti enkripsi`),
 * and storing the same content again does too.
 *
 * Invariants:
 * - A stored file's plaintext always hashes to its name, checked on every
 *   read (evidence_read); writes are atomic (fs_write_atomic), so a reader
 *   never sees a half-written file.
 * - Every path is built from a hash validated as exactly 64 lowercase hex
 *   characters, so a hash from a request cannot escape the bukti directory.
 */
#ifndef NETRAL_EVIDENCE_H
#define NETRAL_EVIDENCE_H
#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/keys.h"

enum { EVIDENCE_HEX_LEN = 64 };

/* The first bytes of an encrypted stored file. */
#define EVIDENCE_MAGIC "NTRB1\n"
enum { EVIDENCE_MAGIC_LEN = 6 };

typedef struct {
  char sha256[EVIDENCE_HEX_LEN + 1]; /* lowercase hex of the plaintext */
  const char *mime;  /* "image/png"; borrowed, static (sniff table) */
  const char *ext;   /* "png" without dot; borrowed, static */
  const char *jenis; /* type label shown to users, "PNG"; borrowed, static */
  size_t size;       /* plaintext bytes */
  int created;       /* 1 if this call wrote the file, 0 if it was already stored (encrypted, intact) */
} evidence_info_t;

/* Store p[0..n) as evidence, encrypted under keys (borrowed). Errors:
 * ERR_INVALID (empty), ERR_TOO_LARGE (n > max_bytes, message names the limit
 * in MB), ERR_UNSUPPORTED_TYPE (from sniff_type), ERR_IO, ERR_NOMEM,
 * ERR_CRYPTO. A stored copy that no longer opens or matches its hash, or is
 * still plaintext (legacy), is rewritten encrypted from p. */
err_t evidence_store(const keys_t *keys, const char *data_dir, const unsigned char *p, size_t n, size_t max_bytes,
                     evidence_info_t *out);

/* A size for people: "25 MB", "2,5 MB" (Indonesian decimal comma, rounded down). */
void evidence_fmt_mb(size_t bytes, char *out, size_t cap);

/* 1 if s is exactly 64 lowercase hex characters, else 0. */
int evidence_hex_ok(const char *s);

/* Path of the stored file into out (cap bytes). ERR_INVALID (field "sha256")
 * for a malformed hash, ERR_IO if the path does not fit. */
err_t evidence_path(const char *data_dir, const char *sha256hex, char *out, size_t cap);

/* The plaintext of the stored file named sha256hex into out, which must be
 * empty (buf_init); caller frees it (buf_free), also on error. Decrypts an
 * encrypted file, reads a legacy one as is, and checks in both cases that
 * the plaintext hashes to sha256hex. *legacy (may be NULL): 1 when the file
 * is still plaintext on disk. Errors: ERR_NOT_FOUND (field "bukti") when
 * missing; ERR_INVALID (field "bukti") "Berkas bukti rusak …" when it does
 * not open with the key (changed, truncated, copied from another name, or
 * stored under another key) or its content differs; ERR_INVALID (field
 * "sha256") for a malformed hash; ERR_TOO_LARGE, ERR_IO, ERR_NOMEM.
 * keys NULL: only a legacy file can be read; an encrypted one is ERR_CRYPTO. */
err_t evidence_read(const keys_t *keys, const char *data_dir, const char *sha256hex, buf_t *out, int *legacy);

/* evidence_read of the file at path (any place, e.g. a backup member being
 * restored) that should hold the evidence named sha256hex. */
err_t evidence_read_path(const keys_t *keys, const char *path, const char *sha256hex, buf_t *out, int *legacy);

/* evidence_read without keeping the content: ERR_OK when the file exists,
 * opens and hashes to sha256hex; same errors. *legacy may be NULL. */
err_t evidence_verify(const keys_t *keys, const char *data_dir, const char *sha256hex, int *legacy);

/* Rewrite a legacy (plaintext) stored file encrypted, atomically, after
 * checking it hashes to its name; an encrypted file is left alone.
 * *converted: 1 when rewritten. Errors as evidence_read (a damaged file is
 * never rewritten), plus ERR_IO from the write. */
err_t evidence_encrypt_legacy(const keys_t *keys, const char *data_dir, const char *sha256hex, int *converted);
#endif
