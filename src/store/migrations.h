/* migrations.h — the migration row type and the CSV loader reused by data migrations. */
#ifndef NETRAL_MIGRATIONS_H
#define NETRAL_MIGRATIONS_H
#include "store/store.h"
typedef struct {
  int version;
  const char *name;       /* Indonesian, shown by `netral migrate` */
  const char *sql_sqlite; /* may be NULL */
  const char *sql_pg;     /* NULL: same as sql_sqlite */
  err_t (*load)(db_t *db); /* optional data loader, same transaction */
} migration_t;
/* Load data/<asset> (CSV with header) with one INSERT per row; cols names the
 * header columns bound in order to the ? of sql. */
err_t migrate_load_csv(db_t *db, const char *asset, const char *sql, const char *const *cols, long *rows);
int migrations_latest(void);
#endif
