/*
 * kode.h — public tracking codes for laporan (kode lacak).
 *
 * Format: "NTR-XXXX-XXXX-XXXX-C" (20 characters).
 *   - "NTR" is a fixed prefix so a code is recognisable when read aloud or
 *     pasted from a message; it carries no information.
 *   - the 12 X are random symbols from Crockford's base32 alphabet
 *     0123456789ABCDEFGHJKMNPQRSTVWXYZ (no I, L, O, U): 12 x 5 = 60 bits from
 *     randombytes_buf, so a code cannot be guessed or enumerated.
 *   - C is a check symbol from the same alphabet, computed with the Damm
 *     algorithm over the totally anti-symmetric quasigroup x*y = a.x + y in
 *     GF(32) (a = the generator 2, field polynomial x^5 + x^2 + 1). Damm
 *     detects every single-symbol substitution and every adjacent
 *     transposition, including ones that involve the check symbol itself.
 *
 * Invariants: kode_generate always yields a code that kode_normalise accepts
 * unchanged; kode_normalise output is always the canonical 20-char form.
 */
#ifndef NETRAL_KODE_H
#define NETRAL_KODE_H
#include <stddef.h>
#include "core/err.h"

enum {
  KODE_LEN = 20,          /* strlen("NTR-XXXX-XXXX-XXXX-C") */
  KODE_BUF = KODE_LEN + 1,
  KODE_RANDOM_SYMBOLS = 12,
};

/* Write a fresh random code into out (cap >= KODE_BUF). ERR_CRYPTO if
 * libsodium cannot initialise, ERR_INTERNAL if cap is too small. */
err_t kode_generate(char *out, size_t cap);

/* Read a code typed or spoken by a person and write its canonical form.
 * Accepts lowercase, missing or extra dashes and spaces, with or without the
 * "NTR" prefix, and reads the confusables O as 0 and I, L as 1.
 * ERR_INVALID with field "kode" and an Indonesian message when the input is
 * not a well-formed code or its check symbol does not match (a typo).
 * out needs cap >= KODE_BUF; out is "" on failure. */
err_t kode_normalise(const char *in, char *out, size_t cap);
#endif
