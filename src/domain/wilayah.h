/*
 * wilayah.h — region lookups and the scoping rule.
 *
 * Scope: a staff user holds one region code; they see an object whose
 * wilayah equals it or lies below it (code prefix followed by '.'). Admin
 * sees all. Codes are dotted Kemendagri strings, never numbers.
 */
#ifndef NETRAL_WILAYAH_H
#define NETRAL_WILAYAH_H
#include <jansson.h>
#include "domain/account.h"
#include "store/store.h"

int wilayah_code_within(const char *scope, const char *kode);
int wilayah_in_scope(const account_t *who, const char *kode);
/* {"kode","nama","tingkat","induk","anak":[…]}; caller decrefs. ERR_NOT_FOUND. */
err_t wilayah_json(db_t *db, const char *kode, json_t **out);
/* Shape check of a code: 2, 2.2, 2.2.2 or 2.2.2.4 digits. */
int wilayah_code_valid(const char *kode);
#endif
