/*
 * identitas.h — checks on Indonesian identity numbers and person names.
 *
 * NIK (Nomor Induk Kependudukan, UU 24/2013 Ps 13; Permendagri 73/2022):
 *   16 digits PP KK CC DDMMYY NNNN — province, kab/kota and kecamatan codes
 *   of the place of registration, birth date (women add 40 to DD) and a
 *   serial. Checked: digits only, province code is a Kemendagri province
 *   (table in identitas.c), kab/kota and kecamatan not 00, a real calendar
 *   date (29 Feb accepted when YY is a multiple of 4, since the century is
 *   not encoded), serial not 0000.
 * NIP (Nomor Induk Pegawai, PP 11/2017 as amended; Peraturan BKN):
 *   18 digits YYYYMMDD YYYYMM S NNN — birth date, TMT CPNS year and month,
 *   sex (1 laki-laki, 2 perempuan), serial 001–999. For PPPK the month
 *   position holds the code 21 (verify: BKN practice since 2019), so only
 *   the appointment year is checked. Plausibility: birth year >= 1940 and not
 *   after the current year; appointment no later than next year and at an
 *   age of at least 17 years (CPNS minimum is 18; one year of slack because
 *   only year and month are encoded) and at most 60 years.
 * Both checks are plausibility, not existence: a well-formed but unissued
 * number passes. Errors are ERR_INVALID with the caller's field name
 * ("pelapor.nik", "terlapor.nip") and an Indonesian reason.
 *
 * nama_normalise/nama_mirip serve the repeat-offender lookup: titles
 * (gelar akademik and keagamaan, honorifics) are a data table in
 * identitas.c; leading ones (Drs., H., Hj., Dr., Ir., Bapak…) are dropped at
 * the start, trailing ones (S.Pd., M.Si., S.H., A.Md.…) at the end or after
 * a comma. Case, punctuation and spacing are folded:
 *   "Drs. H. BUDI  santoso, M.Si." -> "budi santoso".
 */
#ifndef NETRAL_IDENTITAS_H
#define NETRAL_IDENTITAS_H
#include <stddef.h>
#include "core/err.h"

enum { NAMA_MAX = 256 }; /* longest normalised name kept, bytes incl. NUL */

typedef struct {
  int provinsi, kabkota, kecamatan;
  int hari, bulan, tahun2; /* birth date; tahun2 = YY (century unknown) */
  int perempuan;           /* 1 when DD was > 40 */
  int urut;
} identitas_nik_t;

typedef struct {
  int lahir_tahun, lahir_bulan, lahir_hari;
  int tmt_tahun, tmt_bulan; /* tmt_bulan 0 for PPPK */
  int pppk;                 /* 1 when the month position holds 21 */
  int perempuan;
  int urut;
} identitas_nip_t;

/* out may be NULL. field names the JSON field for the error. */
err_t identitas_nik_check(const char *nik, const char *field, identitas_nik_t *out);
err_t identitas_nip_check(const char *nip, const char *field, identitas_nip_t *out);

/* Canonical form of a person's name for matching into out (cap bytes).
 * ERR_OK (out may be "" when the input held only titles); ERR_INVALID with
 * field "nama" when the result does not fit in cap. */
err_t nama_normalise(const char *in, char *out, size_t cap);

/* Similarity 0..1 of two names after nama_normalise: the larger of the
 * Jaro-Winkler score of the names and of their words sorted, so "Santoso
 * Budi" matches "Budi Santoso". 1.0 means equal after normalising; two
 * empty names score 0. */
double nama_mirip(const char *a, const char *b);
#endif
