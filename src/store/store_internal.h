/* store_internal.h — what backends share with store.c: every db_t starts with this header. */
#ifndef NETRAL_STORE_INTERNAL_H
#define NETRAL_STORE_INTERNAL_H
#include "store/store.h"
struct db {
  const struct store_ops *ops;
  struct db *next_free; /* pool link */
  struct store *owner;   /* set by store_acquire: the group-commit queue lives there */
};
struct db_stmt {
  db_t *db;
};
#endif
