/*
 * cmd_receipt.h — `netral receipt verify FILE [--kunci HEX]`.
 *
 * Checks a saved tanda terima (receipt.h) against the server's Ed25519
 * public key and prints the verdict in Indonesian. The key comes from
 * --kunci (64 hex chars, for anyone holding the published key) or, without
 * it, from the loader the program installs with cmd_receipt_set_key_loader()
 * (main wires it to the server key store). Exit code: 0 SAH, 1 TIDAK SAH,
 * 2 usage or key error.
 */
#ifndef NETRAL_CMD_RECEIPT_H
#define NETRAL_CMD_RECEIPT_H
#include "core/err.h"

/* Fills pk with the server's public key. */
typedef err_t (*cmd_receipt_key_fn)(unsigned char pk[32]);
void cmd_receipt_set_key_loader(cmd_receipt_key_fn fn);

/* argv[0] is the command name ("receipt"), as in a git-style table. */
int cmd_receipt(int argc, char **argv);

/* Verify the receipt in path with pk; prints "Tanda terima SAH: kode …" or
 * "Tanda terima TIDAK SAH: <alasan>" on stdout. Returns 0 or 1. */
int receipt_verify_file(const unsigned char pk[32], const char *path);
#endif
