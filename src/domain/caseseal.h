/*
 * caseseal.h — seals on the rows that carry a case's legal record: kasus,
 * its bukti rows and its rekomendasi (seal.h for the mechanism).
 *
 * Someone who can write the database but does not hold NETRAL_KEY_FILE
 * could otherwise, unseen: move a case to another wilayah (out of its
 * supervisors' sight, or into an employer's), push it to another stage
 * (a final one, so its deadline stops, or "diteruskan", so the employer
 * sees it), write a decision, change what was reported, point an evidence
 * row at another case's file, or mark a rekomendasi as acted upon so that
 * it silently dies. Every such change breaks the row's seal.
 *
 * Sealed fields:
 *   kasus        every column the application writes, except the derived
 *                search name, updated_at and the id (the kode stands for it)
 *   bukti        the case's kode, sha256, mime, jenis, nama, ukuran, diterima
 *   rekomendasi  the case's kode, penerima, nomor, tanggal, status and the
 *                sanction fields
 * Binding child rows to the kode rather than the id means a bukti or
 * rekomendasi row moved to another case no longer matches.
 *
 * What a broken seal does (case.c): the case cannot change stage, its
 * evidence is not served, and its rekomendasi cannot be closed; pemda and
 * BKN do not see the case at all (its visible stage may be the forgery);
 * supervisors and admin see it marked "segel rusak"; the public tracking
 * page shows the stored stage with a notice that it is being checked;
 * `netral audit verify`
 * fails and names it. `netral kasus segel --kode K` accepts the rows of one
 * case after the operator has checked them (audited "kasus.segel_ulang").
 * Not covered: a row deleted, or an old copy of a whole row put back (its
 * seal was valid then); the timeline (kasus_riwayat) and the custody log
 * (bukti_akses), whose entries the audit chain repeats (kasus.transisi,
 * bukti.tambah, bukti.akses).
 */
#ifndef NETRAL_CASESEAL_H
#define NETRAL_CASESEAL_H
#include "domain/keys.h"
#include "domain/seal.h"
#include "store/store.h"
#include "store/store_case.h"

void caseseal_kasus(const keys_t *k, const case_row_t *c, char out[SEAL_LEN]);
void caseseal_bukti(const keys_t *k, const char *kode, const bukti_row_t *b, char out[SEAL_LEN]);
void caseseal_rekom(const keys_t *k, const rekom_row_t *r, char out[SEAL_LEN]); /* r->kode_kasus */

int caseseal_kasus_ok(const keys_t *k, const case_row_t *c);
int caseseal_bukti_ok(const keys_t *k, const char *kode, const bukti_row_t *b);
int caseseal_rekom_ok(const keys_t *k, const rekom_row_t *r);

/* At start: seal the rows from before case seals (segel "belum"); audited
 * ("kasus.segel_awal", with the counts) when there were any. *sealed:
 * rows sealed. */
err_t caseseal_seal_legacy(db_t *db, const keys_t *k, long *sealed);

/* Every seal, for `netral audit verify`: rows checked, rows broken, and
 * the kodes of the first CASESEAL_REPORT_KODES cases with a broken row
 * (more: there were others). */
enum { CASESEAL_REPORT_KODES = 20 };
typedef struct {
  long kasus, bukti, rekom;             /* rows checked */
  long bad_kasus, bad_bukti, bad_rekom; /* of which broken */
  int nkodes, more;
  char kodes[CASESEAL_REPORT_KODES][24];
} caseseal_report_t;
err_t caseseal_check(db_t *db, const keys_t *k, caseseal_report_t *r);

/* The operator has checked a case whose rows fail their seals and accepts
 * them as they stand: seal them again; audited ("kasus.segel_ulang", with
 * the stage, wilayah and how many rows). *changed: rows resealed (0: all
 * intact, nothing done). ERR_NOT_FOUND for an unknown kode. */
err_t caseseal_reseal(db_t *db, const keys_t *k, const char *actor, const char *kode, int *changed);
#endif
