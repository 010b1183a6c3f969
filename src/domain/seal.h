/*
 * seal.h — row seals: a keyed BLAKE2b-256 (hex) over the fields of a
 * database row that decide what it grants or records, so that a row changed
 * by someone who can write the database but does not hold NETRAL_KEY_FILE
 * no longer matches its seal.
 *
 * The key of each kind is a KDF subkey of the key file's audit key; the
 * kinds are a table in seal.c (context, subkey id). A seal is fed field by
 * field: text fields NUL-terminated (none may hold a NUL, so the joining is
 * unambiguous), byte fields with an 8-byte length first, numbers as decimal
 * text. A NULL text is fed as "" (a NULL and an empty value mean the same
 * in every sealed column).
 *
 * Users of seals: account.c (users, sessions), caseseal.c (kasus, bukti,
 * rekomendasi). Rows from before a table had seals hold SEAL_UNSEALED.
 */
#ifndef NETRAL_SEAL_H
#define NETRAL_SEAL_H
#include <stddef.h>
#include <stdint.h>
#include <sodium.h>

#include "domain/keys.h"

enum { SEAL_LEN = 65 }; /* 64 hex digits + NUL */
#define SEAL_UNSEALED "belum"

typedef enum { SEAL_USER, SEAL_SESSION, SEAL_KASUS, SEAL_BUKTI, SEAL_REKOM } seal_kind_t;

typedef struct {
  crypto_generichash_state st;
} seal_t;

void seal_begin(seal_t *s, const keys_t *k, seal_kind_t kind);
void seal_text(seal_t *s, const char *text);
void seal_bytes(seal_t *s, const void *p, size_t n);
void seal_int(seal_t *s, int64_t v);
/* Writes the hex seal (SEAL_LEN bytes with the NUL). */
void seal_end(seal_t *s, char out[SEAL_LEN]);

/* 1 when have is exactly the seal want (constant time). */
int seal_matches(const char *want, const char *have);
#endif
