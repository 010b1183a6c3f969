/* store_wilayah.h — SQL of Kemendagri region codes. */
#ifndef NETRAL_STORE_WILAYAH_H
#define NETRAL_STORE_WILAYAH_H
#include "store/store.h"
typedef struct {
  char kode[24], nama[96], tingkat[16], induk[24];
} wilayah_row_t;
err_t store_wilayah_get(db_t *db, const char *kode, wilayah_row_t *out); /* ERR_NOT_FOUND */
typedef err_t (*store_wilayah_fn)(void *ud, const wilayah_row_t *w);
err_t store_wilayah_children(db_t *db, const char *kode, store_wilayah_fn fn, void *ud);
err_t store_wilayah_count(db_t *db, int64_t *n);
#endif
