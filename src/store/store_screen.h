/*
 * store_screen.h — SQL of the social-media screening review queue
 * (antrian penyaringan): posts whose screening score reached the threshold,
 * kept with the exact captured post JSON and its SHA-256, the hits, the
 * submitting officer's wilayah and the reviewer's decision.
 *
 * Scope: functions that read take `scope` — a wilayah code; only items whose
 * wilayah equals it or lies below it are visible. "" means all (admin).
 * Rows handed to callbacks are borrowed and valid only during the call.
 *
 * Invariants: (wilayah, sha256) is unique, so the same captured post sent
 * twice by officers of one region is one queue item; status moves only
 * menunggu → relevan | tidak_relevan, once (store_screen_decide checks it in
 * the UPDATE itself, so two reviewers cannot both decide).
 */
#ifndef NETRAL_STORE_SCREEN_H
#define NETRAL_STORE_SCREEN_H
#include <stdint.h>
#include "store/store.h"

/* Schema of migration 6 (referenced by the table in migrate.c). */
extern const char STORE_SCREEN_M6_SQL[];

typedef struct {
  int64_t id;
  const char *pos_id, *platform, *akun, *nama, *nip, *waktu, *url, *teks;
  const char *tangkapan; /* the captured post JSON, exactly the bytes hashed */
  const char *sha256;    /* hex SHA-256 of tangkapan */
  const char *hits;      /* JSON array */
  const char *kategori;  /* comma-separated categories ("ajakan_memilih,politik_uang"), may be "" */
  int skor;
  const char *wilayah, *status, *diajukan_oleh, *diajukan;
  const char *diputus_oleh, *diputus, *catatan, *kasus_kode; /* NULL while menunggu */
} screen_item_t;

typedef err_t (*store_screen_fn)(void *ud, const screen_item_t *it);

/* Insert a menunggu item (id, status, decision fields ignored). *created = 0
 * and *id = the existing item when (wilayah, sha256) is already queued. */
err_t store_screen_insert(db_t *db, const screen_item_t *it, int64_t *id, int *created);
/* One item by id within scope; ERR_NOT_FOUND when absent or out of scope. */
err_t store_screen_get(db_t *db, const char *scope, int64_t id, store_screen_fn fn, void *ud);
/* Items within scope, status filter (NULL/"" = any), newest first. */
err_t store_screen_list(db_t *db, const char *scope, const char *status, int64_t limit, int64_t offset,
                        store_screen_fn fn, void *ud, int64_t *total);
/* menunggu → status. ERR_CONFLICT when the item was already decided. */
err_t store_screen_decide(db_t *db, int64_t id, const char *status, const char *by, const char *at,
                          const char *catatan, const char *kasus_kode);
/* Counts by (kategori list, status) within scope. */
err_t store_screen_counts(db_t *db, const char *scope,
                          err_t (*fn)(void *ud, const char *kategori, const char *status, int64_t n), void *ud);
#endif
