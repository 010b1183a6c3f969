/*
 * account.h — staff accounts, passwords (argon2id) and login sessions.
 *
 * Sessions: the browser holds a random 256-bit token in an HttpOnly cookie;
 * the database stores only its BLAKE2b hash, so a leaked database does not
 * leak live sessions. A fresh token is made at every login (no fixation).
 * Each session has its own CSRF token, returned at login and required on
 * every state-changing request.
 *
 * Seals: every users row and every session row carries a keyed BLAKE2b-256
 * (key derived from the audit key in NETRAL_KEY_FILE) of the fields that
 * decide what it may do — for an account its id, username, password hash,
 * role, wilayah, must_change and active; for a session its token hash, user
 * id and expiry. Whoever can write the database but lacks the key file
 * cannot raise a role, move an account to another wilayah, set a password
 * they know or plant a session: a row whose seal does not match is refused
 * at login, on every request and by every administrative change, and shown
 * as "SEGEL RUSAK" by `netral user list`. Rows from before seals read
 * ACCOUNT_UNSEALED; the server seals them at start (account_seal_legacy,
 * audited with their names) and ends their sessions. Not covered: putting
 * back an older copy of a whole row (its seal was valid once), deleting
 * rows, and tables other than users and sessions (threat model §4.5).
 */
#ifndef NETRAL_ACCOUNT_H
#define NETRAL_ACCOUNT_H
#include <stdint.h>
#include "domain/keys.h"
#include "domain/role.h"
#include "store/store.h"
#include "store/store_user.h"

enum { ACCOUNT_TOKEN_LEN = 44, ACCOUNT_MIN_PASSWORD = 10, ACCOUNT_SEAL_LEN = 65 };
#define ACCOUNT_UNSEALED "belum"

typedef struct {
  int64_t id;
  char username[48];
  role_t role;
  char wilayah[24];
  char wilayah_nama[96];
  int must_change;
  char csrf[80];
} account_t;

err_t account_hash_password(const char *password, char out[160]);
/* Validate and create. actor is recorded in the audit log. */
err_t account_add(db_t *db, const keys_t *k, const char *actor, const char *username, const char *role,
                  const char *wilayah, const char *password, int must_change);
/* Check credentials and open a session. token out: cookie value. ERR_BAD_LOGIN on mismatch. */
err_t account_login(db_t *db, const keys_t *k, const char *username, const char *password, int64_t now,
                    int64_t ttl_seconds, char token[ACCOUNT_TOKEN_LEN + 1], account_t *out);
/* Failed logins, counted in the database so that every server instance on
 * it enforces one limit. Three counts are kept, each under its own key:
 *   pair    the account tried from one address (limits.akun_alamat, 5): an
 *           attacker who knows a username locks it for their address only;
 *   akun    the account from every address (limits.akun, 50): guessing
 *           spread over many addresses still ends;
 *   alamat  the address over every account (limits.alamat, 20).
 * After limit failures within ACCOUNT_FAIL_WINDOW seconds of a key's first
 * one, the key waits until that window ends (limit 0 = no limit). Counts
 * are written in their own transaction (the failed login's is rolled back);
 * a successful login clears its account's pair and akun counts, not its
 * address's (one valid account must not reset the guessing budget of an
 * address). The address keys are "ip:"/"ua:" and the hex BLAKE2b-128 of the
 * address (and username), keyed with keys derived from the server's audit
 * key: the table never holds an address in the clear, and without the key
 * file the 2^32 IPv4 addresses cannot be tried against it. Usernames cannot
 * contain ':', so the keys never collide. */
enum { ACCOUNT_FAIL_WINDOW = 15 * 60, ACCOUNT_IP_KEY_LEN = 3 + 32 + 1 };
typedef struct {
  long akun_alamat, akun, alamat;
} account_limits_t;
typedef struct {
  const char *username;
  char pair[ACCOUNT_IP_KEY_LEN], ip[ACCOUNT_IP_KEY_LEN];
} account_fail_keys_t;
void account_fail_keys(const keys_t *k, const char *username, const char *ip, account_fail_keys_t *out);
/* *wait: seconds until the login may be tried again (the longest of the
 * three), 0 = now. */
err_t account_fail_wait(db_t *db, const account_fail_keys_t *fk, const account_limits_t *lim, int64_t now,
                        int64_t *wait);
/* One failed login, in its own transaction, counted under every key whose
 * limit is > 0. The failure that locks an existing account — for one
 * address, or for all — is audited ("akun.terkunci", actor "publik",
 * detail lingkup "alamat" or "akun"), so guessing shows in the log without
 * one entry per wrong password. */
err_t account_fail_record(db_t *db, const keys_t *k, const account_fail_keys_t *fk, const account_limits_t *lim,
                          int64_t now);
/* After a successful login: the account's pair and akun counts. */
err_t account_fail_clear(db_t *db, const account_fail_keys_t *fk);
/* Administration (CLI), each audited with actor. Deactivating ends every
 * session of the account and refuses its logins until it is activated again
 * (ERR_NOT_FOUND for an unknown username). A reset sets a new password that
 * must be changed at the next login and ends every session. */
err_t account_set_active(db_t *db, const keys_t *k, const char *actor, const char *username, int active);
err_t account_reset_password(db_t *db, const keys_t *k, const char *actor, const char *username,
                             const char *password);
/* Resolve a cookie token; ERR_UNAUTHORIZED when unknown, expired, or when
 * the session's or its account's seal does not match. */
err_t account_session(db_t *db, const keys_t *k, const char *token, int64_t now, account_t *out);
/* 1 when u carries the seal of its fields. */
int account_row_sealed(const keys_t *k, const user_row_t *u);
/* At start: seal the accounts from before seals, end such sessions; audited
 * ("akun.segel_awal", their usernames) when there were any. */
err_t account_seal_legacy(db_t *db, const keys_t *k, int *sealed);
/* The operator has checked an account whose seal is broken and accepts its
 * row as it stands: seal it again and end its sessions; audited
 * ("akun.segel_ulang", with the role and wilayah accepted). *changed 0: the
 * seal was intact, nothing done. */
err_t account_reseal(db_t *db, const keys_t *k, const char *actor, const char *username, int *changed);
/* Every account's seal, for `netral audit verify`: how many accounts, how
 * many broken, and the first ACCOUNT_REPORT_NAMES of those by name. */
enum { ACCOUNT_REPORT_NAMES = 20 };
typedef struct {
  long total, nbroken;
  char broken[ACCOUNT_REPORT_NAMES * 50];
} account_seal_report_t;
err_t account_check_seals(db_t *db, const keys_t *k, account_seal_report_t *r);
err_t account_logout(db_t *db, const keys_t *k, const char *token, const account_t *who);
/* Also ends every other session of who (a stolen session dies with the old
 * password); the one holding token stays. */
err_t account_change_password(db_t *db, const keys_t *k, const account_t *who, const char *token, const char *old_pw,
                              const char *new_pw);
/* Demo accounts for the seed regions, only on a database without users.
 * out receives up to ACCOUNT_DEMO_MAX rows with their one-time passwords
 * (the caller prints them once, after the transaction has committed). */
enum { ACCOUNT_DEMO_MAX = 16 };
typedef struct {
  const char *username, *role, *wilayah; /* static */
  char password[16];
} account_demo_t;
err_t account_seed_demo(db_t *db, const keys_t *k, account_demo_t *out, int *created);
#endif
