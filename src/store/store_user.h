/* store_user.h — SQL for staff accounts and their sessions. */
#ifndef NETRAL_STORE_USER_H
#define NETRAL_STORE_USER_H
#include <stdint.h>
#include "store/store.h"

typedef struct {
  int64_t id;
  char username[48];
  char role[16];
  char wilayah[24];
  char wilayah_nama[96];
  char pass_hash[160];
  int must_change, active;
  char created_at[24];
  char segel[72]; /* hex keyed BLAKE2b of the row (account.h); "belum" before it was sealed */
} user_row_t;

err_t store_user_insert(db_t *db, const user_row_t *u, int64_t *id);
err_t store_user_by_name(db_t *db, const char *username, user_row_t *out); /* ERR_NOT_FOUND */
err_t store_user_by_id(db_t *db, int64_t id, user_row_t *out);
err_t store_user_count(db_t *db, int64_t *n);
/* Each update writes the row's new seal with it. */
err_t store_user_set_active(db_t *db, int64_t id, int active, const char *segel);
err_t store_user_set_password(db_t *db, int64_t id, const char *hash, int must_change, const char *segel);
err_t store_user_set_segel(db_t *db, int64_t id, const char *segel);
typedef err_t (*store_user_fn)(void *ud, const user_row_t *u);
err_t store_user_each(db_t *db, store_user_fn fn, void *ud);

err_t store_session_insert(db_t *db, const char *id_hash, int64_t user_id, const char *csrf, int64_t created,
                           int64_t expires, const char *segel);
typedef struct {
  char csrf[80], segel[72];
  int64_t expires;
} session_row_t;
/* The session's user and the session; ERR_NOT_FOUND when absent or expired at now. */
err_t store_session_get(db_t *db, const char *id_hash, int64_t now, user_row_t *user, session_row_t *s);
/* Sessions from before seals (segel 'belum'): ended. */
err_t store_session_delete_unsealed(db_t *db);
err_t store_session_delete(db_t *db, const char *id_hash);
/* Every session of user_id but keep_hash (NULL: all of them). */
err_t store_session_delete_user(db_t *db, int64_t user_id, const char *keep_hash);
err_t store_session_purge(db_t *db, int64_t now);

/* Failed logins of key in its current window: its start and count (0, 0
 * when none). key: a username, or "ip:<hash>" of a client address (table
 * gagal_masuk, column username; usernames never contain ':'). */
err_t store_login_fail_get(db_t *db, const char *key, int64_t *start, int64_t *count);
/* Forget windows that started at or before expired, then count one failure
 * of key at now (a new window when it had none). */
err_t store_login_fail_hit(db_t *db, const char *key, int64_t now, int64_t expired);
err_t store_login_fail_clear(db_t *db, const char *username);
#endif
