/* store_rules.h — SQL of the admin-editable legal tables: deadline rules
 * (tenggat_aturan, seeded from data/tenggat.csv) and the holiday calendar. */
#ifndef NETRAL_STORE_RULES_H
#define NETRAL_STORE_RULES_H
#include "store/store.h"

typedef struct {
  const char *rezim, *tahap, *satuan, *mulai, *perpanjangan, *dasar, *keterangan; /* borrowed */
  int jumlah, verifikasi;
} rule_row_t;
typedef err_t (*store_rule_fn)(void *ud, const rule_row_t *r);
err_t store_rules_each(db_t *db, store_rule_fn fn, void *ud);
/* ERR_NOT_FOUND when (rezim, tahap) has no row. */
err_t store_rules_update(db_t *db, const rule_row_t *r);
err_t store_kalender_add(db_t *db, const char *tanggal, const char *jenis, const char *nama); /* ERR_CONFLICT */
err_t store_kalender_delete(db_t *db, const char *tanggal);                                   /* ERR_NOT_FOUND */
/* Version of the rules + calendar; bumped in the transaction of every edit. */
err_t store_rules_version(db_t *db, int64_t *v);
err_t store_rules_bump(db_t *db, int64_t *v);
#endif
