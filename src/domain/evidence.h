/*
 * evidence.h — content-addressed storage of evidence files (bukti).
 *
 * A file is stored once under <data_dir>/bukti/<first 2 hex>/<sha256 hex>:
 * the name is the SHA-256 of the content, so the same photo uploaded twice is
 * one file, and evidence_verify() can prove a stored file is unchanged. Only
 * types recognised by sniff_type() (magic bytes) are accepted.
 *
 * Invariants:
 * - A stored file's name always equals the SHA-256 of its bytes; writes are
 *   atomic (fs_write_atomic), so a reader never sees a half-written file.
 * - Every path is built from a hash validated as exactly 64 lowercase hex
 *   characters, so a hash from a request cannot escape the bukti directory.
 */
#ifndef NETRAL_EVIDENCE_H
#define NETRAL_EVIDENCE_H
#include <stddef.h>

#include "core/err.h"

enum { EVIDENCE_HEX_LEN = 64 };

typedef struct {
  char sha256[EVIDENCE_HEX_LEN + 1]; /* lowercase hex */
  const char *mime;  /* "image/png"; borrowed, static (sniff table) */
  const char *ext;   /* "png" without dot; borrowed, static */
  const char *jenis; /* type label shown to users, "PNG"; borrowed, static */
  size_t size;       /* bytes */
  int created;       /* 1 if this call wrote the file, 0 if it was already stored */
} evidence_info_t;

/* Store p[0..n) as evidence. Errors: ERR_INVALID (empty), ERR_TOO_LARGE
 * (n > max_bytes, message names the limit in MB), ERR_UNSUPPORTED_TYPE (from
 * sniff_type), ERR_IO, ERR_NOMEM, ERR_CRYPTO. A stored copy that no longer
 * matches its hash is rewritten from p. */
err_t evidence_store(const char *data_dir, const unsigned char *p, size_t n, size_t max_bytes,
                     evidence_info_t *out);

/* A size for people: "25 MB", "2,5 MB" (Indonesian decimal comma, rounded down). */
void evidence_fmt_mb(size_t bytes, char *out, size_t cap);

/* 1 if s is exactly 64 lowercase hex characters, else 0. */
int evidence_hex_ok(const char *s);

/* Path of the stored file into out (cap bytes). ERR_INVALID (field "sha256")
 * for a malformed hash, ERR_IO if the path does not fit. */
err_t evidence_path(const char *data_dir, const char *sha256hex, char *out, size_t cap);

/* ERR_OK if the file exists and its content hashes to sha256hex; ERR_NOT_FOUND
 * if missing; ERR_INVALID "Berkas bukti rusak" if the content differs;
 * ERR_INVALID (field "sha256") for a malformed hash; ERR_IO on read errors. */
err_t evidence_verify(const char *data_dir, const char *sha256hex);
#endif
