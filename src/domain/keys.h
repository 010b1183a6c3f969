/*
 * keys.h — the server's secret keys, kept in NETRAL_KEY_FILE (mode 0600).
 *
 * Created on first start with fresh random keys. Holds:
 *   sign_sk/sign_pk  Ed25519, signs receipts (tanda terima)
 *   box              secretbox key: reporter identity sealed at rest
 *   audit            BLAKE2b key of the audit hash chain; also the KDF master
 *                    of subkeys "gagalip_" 1, 2 (account.c) and "buktienc" 1
 *                    (the encryption key of stored evidence files, evidence.c)
 * Losing the file means sealed identities and stored evidence can no longer be
 * opened and the audit chain can no longer be verified: back it up apart from
 * the database.
 */
#ifndef NETRAL_KEYS_H
#define NETRAL_KEYS_H
#include <sodium.h>
#include "core/err.h"

typedef struct {
  unsigned char sign_pk[crypto_sign_PUBLICKEYBYTES];
  unsigned char sign_sk[crypto_sign_SECRETKEYBYTES];
  unsigned char box[crypto_secretbox_KEYBYTES];
  unsigned char audit[crypto_generichash_KEYBYTES];
} keys_t;

/* Load path, creating it (0600, parent directories too) when absent.
 * *created tells whether a new file was written. */
err_t keys_load_or_create(const char *path, keys_t *k, int *created);
/* Load only; ERR_NOT_FOUND when the file is missing. */
err_t keys_load(const char *path, keys_t *k);
/* Permission bits of path (mode & 0777; 0 when it cannot be examined).
 * The server warns at start when the group or others have any (& 077):
 * the file is often copied between instances, and a copy readable to all
 * exposes every sealed identity. */
unsigned keys_file_mode(const char *path);
#endif
