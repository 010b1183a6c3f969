/* account.c — see account.h. */
#include "domain/account.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/clock.h"
#include "core/enc.h"
#include "core/log.h"
#include "domain/audit.h"
#include "domain/seal.h"
#include "store/store_wilayah.h"
#include "core/banned.h"

err_t account_hash_password(const char *password, char out[160]) {
  if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return err_set(ERR_NOMEM, NULL, "Gagal menghitung hash kata sandi.");
  return ERR_OK;
}

static err_t check_username(const char *u) {
  size_t n = strlen(u);
  if (n < 3 || n > 32)
    return err_set(ERR_INVALID, "username", "Nama pengguna harus 3–32 karakter.");
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)u[i];
    if (!(islower(c) || isdigit(c) || c == '_' || c == '.' || c == '-'))
      return err_set(ERR_INVALID, "username", "Nama pengguna hanya boleh huruf kecil, angka, titik, garis bawah dan tanda minus.");
  }
  return ERR_OK;
}

static err_t check_password(const char *p, const char *field) {
  if (strlen(p) < ACCOUNT_MIN_PASSWORD)
    return err_set(ERR_INVALID, field, "Kata sandi minimal %d karakter.", ACCOUNT_MIN_PASSWORD);
  if (strlen(p) > 256) return err_set(ERR_INVALID, field, "Kata sandi terlalu panjang (maks. 256 karakter).");
  return ERR_OK;
}

/* ---------- seals ---------- */

_Static_assert((int)ACCOUNT_SEAL_LEN == (int)SEAL_LEN, "account seals are row seals");

/* What an account may do rests on these fields: who (id, name), how it logs
 * in (hash, must_change, active), what it may see (role, wilayah). */
static void user_seal(const keys_t *k, const user_row_t *u, char out[ACCOUNT_SEAL_LEN]) {
  char flags[8];
  seal_t s;
  snprintf(flags, sizeof flags, "%d,%d", u->must_change != 0, u->active != 0);
  seal_begin(&s, k, SEAL_USER);
  seal_int(&s, u->id);
  seal_text(&s, u->username);
  seal_text(&s, u->pass_hash);
  seal_text(&s, u->role);
  seal_text(&s, u->wilayah);
  seal_text(&s, flags);
  seal_end(&s, out);
}

static void session_seal(const keys_t *k, const char *id_hash, int64_t user_id, int64_t expires,
                         char out[ACCOUNT_SEAL_LEN]) {
  seal_t s;
  seal_begin(&s, k, SEAL_SESSION);
  seal_text(&s, id_hash);
  seal_int(&s, user_id);
  seal_int(&s, expires);
  seal_end(&s, out);
}

int account_row_sealed(const keys_t *k, const user_row_t *u) {
  char want[ACCOUNT_SEAL_LEN];
  user_seal(k, u, want);
  return seal_matches(want, u->segel);
}

static err_t broken_seal(const char *username) {
  log_warn("akun %s: segel tidak cocok — baris users diubah di luar aplikasi", username);
  return err_set(ERR_FORBIDDEN, "username",
                 "Akun %s diubah langsung di basis data, di luar aplikasi (segel tidak cocok); akun ini tidak dapat "
                 "dipakai. Admin: periksa barisnya dan log audit, lalu `netral user segel --username %s`.",
                 username, username);
}

/* Write u's fields (already changed by the caller) with its new seal. */
static err_t reseal(db_t *db, const keys_t *k, user_row_t *u) {
  user_seal(k, u, u->segel);
  return store_user_set_segel(db, u->id, u->segel);
}

err_t account_add(db_t *db, const keys_t *k, const char *actor, const char *username, const char *role,
                  const char *wilayah, const char *password, int must_change) {
  user_row_t u;
  wilayah_row_t w;
  memset(&u, 0, sizeof u);
  err_t e = check_username(username);
  if (e) return e;
  role_t r = role_parse(role);
  if (r == ROLE_NONE)
    return err_set(ERR_INVALID, "role", "Peran tidak dikenal: %s (pilih pkd, panwascam, bawaslu, pemda, bkn, admin).", role);
  e = store_wilayah_get(db, wilayah, &w);
  if (e == ERR_NOT_FOUND) return err_set(ERR_INVALID, "wilayah", "Kode wilayah tidak dikenal: %s.", wilayah);
  if (e) return e;
  /* Staff work at kab/kota or kecamatan level; admin and BKN (a national
   * body, regional offices per province) may hold a province scope. */
  if (r != ROLE_ADMIN && !(r == ROLE_BKN && strcmp(w.tingkat, "provinsi") == 0) && strcmp(w.tingkat, "kabkota") != 0 && strcmp(w.tingkat, "kecamatan") != 0)
    return err_set(ERR_INVALID, "wilayah", "Wilayah staf harus kabupaten/kota atau kecamatan (%s adalah %s).", wilayah, w.tingkat);
  if ((e = check_password(password, "password"))) return e;
  snprintf(u.username, sizeof u.username, "%s", username);
  snprintf(u.role, sizeof u.role, "%s", role);
  snprintf(u.wilayah, sizeof u.wilayah, "%s", wilayah);
  u.must_change = must_change;
  clock_iso(clock_now(), u.created_at);
  if ((e = account_hash_password(password, u.pass_hash))) return e;
  if ((e = store_user_insert(db, &u, &u.id))) return e;
  u.active = 1;
  if ((e = reseal(db, k, &u))) return e; /* the seal covers the id the insert gave */
  json_t *d = json_pack("{s:s,s:s}", "role", role, "wilayah", wilayah);
  e = audit_append(db, k, actor, "akun.tambah", username, d);
  json_decref(d);
  return e;
}

static void fill_account(account_t *a, const user_row_t *u) {
  memset(a, 0, sizeof *a);
  a->id = u->id;
  snprintf(a->username, sizeof a->username, "%s", u->username);
  a->role = role_parse(u->role);
  snprintf(a->wilayah, sizeof a->wilayah, "%s", u->wilayah);
  snprintf(a->wilayah_nama, sizeof a->wilayah_nama, "%s", u->wilayah_nama);
  a->must_change = u->must_change;
}

static void token_hash(const char *token, char out[65]) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
  enc_hex(h, sizeof h, out);
}

static void random_token(char *out, size_t bytes) {
  unsigned char r[32];
  randombytes_buf(r, bytes);
  enc_b64url(r, bytes, out);
}

err_t account_login(db_t *db, const keys_t *k, const char *username, const char *password, int64_t now,
                    int64_t ttl_seconds, char token[ACCOUNT_TOKEN_LEN + 1], account_t *out) {
  user_row_t u;
  err_t e = store_user_by_name(db, username, &u);
  if (e == ERR_NOT_FOUND || (e == ERR_OK && !u.active)) {
    /* Spend the same time as a real check so timing does not reveal which usernames exist. */
    char dummy[160];
    if (account_hash_password("netral-dummy-password", dummy) == ERR_OK &&
        crypto_pwhash_str_verify(dummy, password, strlen(password)) == 0)
      log_debug("dummy password matched");
    return ERR_BAD_LOGIN;
  }
  if (e) return e;
  if (crypto_pwhash_str_verify(u.pass_hash, password, strlen(password)) != 0) return ERR_BAD_LOGIN;
  if (!account_row_sealed(k, &u)) return broken_seal(u.username);
  char hash[65], csrf[ACCOUNT_TOKEN_LEN + 1], sess_seal[ACCOUNT_SEAL_LEN];
  random_token(token, 32);
  random_token(csrf, 32);
  token_hash(token, hash);
  if ((e = store_session_purge(db, now))) return e;
  session_seal(k, hash, u.id, now + ttl_seconds, sess_seal);
  if ((e = store_session_insert(db, hash, u.id, csrf, now, now + ttl_seconds, sess_seal))) return e;
  fill_account(out, &u);
  snprintf(out->csrf, sizeof out->csrf, "%s", csrf);
  return audit_append(db, k, u.username, "sesi.masuk", u.username, NULL);
}

static err_t fail_wait(db_t *db, const char *key, long limit, int64_t now, int64_t *wait) {
  int64_t start, count;
  if (limit <= 0) return ERR_OK;
  err_t e = store_login_fail_get(db, key, &start, &count);
  if (!e && count >= limit && start + ACCOUNT_FAIL_WINDOW > now && start + ACCOUNT_FAIL_WINDOW - now > *wait)
    *wait = start + ACCOUNT_FAIL_WINDOW - now;
  return e;
}

err_t account_fail_wait(db_t *db, const account_fail_keys_t *fk, const account_limits_t *lim, int64_t now,
                        int64_t *wait) {
  err_t e;
  *wait = 0;
  if ((e = fail_wait(db, fk->pair, lim->akun_alamat, now, wait)) || (e = fail_wait(db, fk->username, lim->akun, now, wait)))
    return e;
  return fail_wait(db, fk->ip, lim->alamat, now, wait);
}

/* Count one failure under key; *locked: this one reached limit. */
static err_t fail_hit(db_t *db, const char *key, long limit, int64_t now, int *locked) {
  int64_t start, count;
  *locked = 0;
  if (limit <= 0) return ERR_OK;
  err_t e = store_login_fail_hit(db, key, now, now - ACCOUNT_FAIL_WINDOW);
  if (!e) e = store_login_fail_get(db, key, &start, &count);
  if (!e) *locked = count == limit;
  return e;
}

static err_t audit_lock(db_t *db, const keys_t *k, const char *username, long count, const char *lingkup) {
  user_row_t u;
  err_t e = store_user_by_name(db, username, &u);
  if (e == ERR_NOT_FOUND) return ERR_OK; /* guessing at names that do not exist: counted, not logged */
  if (e) return e;
  json_t *d = json_pack("{s:I,s:i,s:s}", "gagal", (json_int_t)count, "menit", ACCOUNT_FAIL_WINDOW / 60, "lingkup", lingkup);
  e = d ? audit_append(db, k, "publik", "akun.terkunci", u.username, d) : ERR_NOMEM;
  json_decref(d);
  return e;
}

err_t account_fail_record(db_t *db, const keys_t *k, const account_fail_keys_t *fk, const account_limits_t *lim,
                          int64_t now) {
  int pair_locked, akun_locked, ip_locked;
  err_t e;
  if ((e = fail_hit(db, fk->ip, lim->alamat, now, &ip_locked)) ||
      (e = fail_hit(db, fk->pair, lim->akun_alamat, now, &pair_locked)) ||
      (e = fail_hit(db, fk->username, lim->akun, now, &akun_locked)))
    return e;
  if (pair_locked && (e = audit_lock(db, k, fk->username, lim->akun_alamat, "alamat"))) return e;
  return akun_locked ? audit_lock(db, k, fk->username, lim->akun, "akun") : ERR_OK;
}

/* prefix and the hex BLAKE2b-128 of a||'\n'||b keyed with subkey id of the audit key */
static void keyed_key(const keys_t *k, uint64_t id, const char *prefix, const char *a, const char *b,
                      char out[ACCOUNT_IP_KEY_LEN]) {
  unsigned char sub[crypto_generichash_KEYBYTES], h[16];
  crypto_generichash_state st;
  crypto_kdf_derive_from_key(sub, sizeof sub, id, "gagalip_", k->audit);
  crypto_generichash_init(&st, sub, sizeof sub, sizeof h);
  crypto_generichash_update(&st, (const unsigned char *)a, strlen(a));
  if (b) {
    crypto_generichash_update(&st, (const unsigned char *)"\n", 1);
    crypto_generichash_update(&st, (const unsigned char *)b, strlen(b));
  }
  crypto_generichash_final(&st, h, sizeof h);
  sodium_memzero(sub, sizeof sub);
  memcpy(out, prefix, 3);
  sodium_bin2hex(out + 3, ACCOUNT_IP_KEY_LEN - 3, h, sizeof h);
}

void account_fail_keys(const keys_t *k, const char *username, const char *ip, account_fail_keys_t *out) {
  out->username = username;
  keyed_key(k, 1, "ip:", ip, NULL, out->ip);
  keyed_key(k, 2, "ua:", username, ip, out->pair);
}

err_t account_fail_clear(db_t *db, const account_fail_keys_t *fk) {
  err_t e = store_login_fail_clear(db, fk->pair);
  return e ? e : store_login_fail_clear(db, fk->username);
}

err_t account_session(db_t *db, const keys_t *k, const char *token, int64_t now, account_t *out) {
  if (!token || strlen(token) != ACCOUNT_TOKEN_LEN - 1) return ERR_UNAUTHORIZED;
  char hash[65], want[ACCOUNT_SEAL_LEN];
  user_row_t u;
  session_row_t s;
  token_hash(token, hash);
  err_t e = store_session_get(db, hash, now, &u, &s);
  if (e == ERR_NOT_FOUND) return ERR_UNAUTHORIZED;
  if (e) return e;
  session_seal(k, hash, u.id, s.expires, want);
  if (!seal_matches(want, s.segel) || !account_row_sealed(k, &u)) {
    log_warn("sesi akun %s ditolak: segel sesi atau akun tidak cocok (diubah di luar aplikasi)", u.username);
    return ERR_UNAUTHORIZED;
  }
  fill_account(out, &u);
  snprintf(out->csrf, sizeof out->csrf, "%s", s.csrf);
  return ERR_OK;
}

err_t account_logout(db_t *db, const keys_t *k, const char *token, const account_t *who) {
  char hash[65];
  token_hash(token, hash);
  err_t e = store_session_delete(db, hash);
  return e ? e : audit_append(db, k, who->username, "sesi.keluar", who->username, NULL);
}

err_t account_change_password(db_t *db, const keys_t *k, const account_t *who, const char *token, const char *old_pw,
                              const char *new_pw) {
  user_row_t u;
  err_t e = store_user_by_id(db, who->id, &u);
  if (e) return e;
  if (!account_row_sealed(k, &u)) return broken_seal(u.username);
  if (crypto_pwhash_str_verify(u.pass_hash, old_pw, strlen(old_pw)) != 0)
    return err_set(ERR_INVALID, "password_lama", "Kata sandi lama salah.");
  if ((e = check_password(new_pw, "password_baru"))) return e;
  if (strcmp(old_pw, new_pw) == 0)
    return err_set(ERR_INVALID, "password_baru", "Kata sandi baru harus berbeda dari yang lama.");
  if ((e = account_hash_password(new_pw, u.pass_hash))) return e;
  u.must_change = 0;
  user_seal(k, &u, u.segel);
  if ((e = store_user_set_password(db, u.id, u.pass_hash, 0, u.segel))) return e;
  char keep[65];
  token_hash(token ? token : "", keep);
  if ((e = store_session_delete_user(db, who->id, keep))) return e;
  return audit_append(db, k, who->username, "akun.ganti_sandi", who->username, NULL);
}

static err_t user_named(db_t *db, const char *username, user_row_t *u) {
  err_t e = store_user_by_name(db, username ? username : "", u);
  return e == ERR_NOT_FOUND ? err_set(ERR_NOT_FOUND, "username", "Akun %s tidak ada.", username ? username : "") : e;
}

/* An account to administer: its row must carry its seal, or the change
 * would seal whatever was written into it behind the application's back. */
static err_t user_sealed_named(db_t *db, const keys_t *k, const char *username, user_row_t *u) {
  err_t e = user_named(db, username, u);
  return !e && !account_row_sealed(k, u) ? broken_seal(u->username) : e;
}

err_t account_set_active(db_t *db, const keys_t *k, const char *actor, const char *username, int active) {
  user_row_t u;
  err_t e = user_sealed_named(db, k, username, &u);
  if (!e) {
    u.active = active != 0;
    user_seal(k, &u, u.segel);
    e = store_user_set_active(db, u.id, u.active, u.segel);
  }
  if (!e && !active) e = store_session_delete_user(db, u.id, NULL);
  if (!e) e = audit_append(db, k, actor, active ? "akun.aktif" : "akun.nonaktif", u.username, NULL);
  return e;
}

err_t account_reset_password(db_t *db, const keys_t *k, const char *actor, const char *username,
                             const char *password) {
  user_row_t u;
  err_t e = user_sealed_named(db, k, username, &u);
  if (!e) e = check_password(password, "password");
  if (!e) e = account_hash_password(password, u.pass_hash);
  if (!e) {
    u.must_change = 1;
    user_seal(k, &u, u.segel);
    e = store_user_set_password(db, u.id, u.pass_hash, 1, u.segel);
  }
  if (!e) e = store_session_delete_user(db, u.id, NULL);
  if (!e) e = audit_append(db, k, actor, "akun.reset_sandi", u.username, NULL);
  sodium_memzero(&u, sizeof u);
  return e;
}

typedef struct {
  db_t *db;
  const keys_t *k;
  json_t *names;
} legacy_ctx_t;

static err_t seal_if_legacy(void *ud, const user_row_t *row) {
  legacy_ctx_t *x = ud;
  if (strcmp(row->segel, ACCOUNT_UNSEALED) != 0) return ERR_OK;
  user_row_t u = *row;
  err_t e = reseal(x->db, x->k, &u);
  return e ? e : json_array_append_new(x->names, json_string(u.username)) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t account_seal_legacy(db_t *db, const keys_t *k, int *sealed) {
  legacy_ctx_t x = {db, k, json_array()};
  *sealed = 0;
  if (!x.names) return ERR_NOMEM;
  err_t e = store_user_each(db, seal_if_legacy, &x);
  if (!e) e = store_session_delete_unsealed(db);
  if (!e && json_array_size(x.names)) {
    *sealed = (int)json_array_size(x.names);
    json_t *d = json_pack("{s:O}", "akun", x.names);
    e = d ? audit_append(db, k, "sistem", "akun.segel_awal", "users", d) : ERR_NOMEM;
    json_decref(d);
  }
  json_decref(x.names);
  return e;
}

err_t account_reseal(db_t *db, const keys_t *k, const char *actor, const char *username, int *changed) {
  user_row_t u;
  err_t e = user_named(db, username, &u);
  *changed = 0;
  if (e || account_row_sealed(k, &u)) return e;
  *changed = 1;
  if ((e = reseal(db, k, &u))) return e;
  if ((e = store_session_delete_user(db, u.id, NULL))) return e; /* sessions planted meanwhile end */
  json_t *d = json_pack("{s:s,s:s,s:b,s:b}", "role", u.role, "wilayah", u.wilayah, "aktif", u.active, "wajib_ganti",
                        u.must_change);
  e = d ? audit_append(db, k, actor, "akun.segel_ulang", u.username, d) : ERR_NOMEM;
  json_decref(d);
  return e;
}

typedef struct {
  const keys_t *k;
  account_seal_report_t *r;
} check_ctx_t;

static err_t check_seal(void *ud, const user_row_t *u) {
  check_ctx_t *x = ud;
  x->r->total++;
  if (account_row_sealed(x->k, u)) return ERR_OK;
  size_t at = strlen(x->r->broken);
  if (x->r->nbroken++ < ACCOUNT_REPORT_NAMES)
    snprintf(x->r->broken + at, sizeof x->r->broken - at, "%s%s", at ? ", " : "", u->username);
  return ERR_OK;
}

err_t account_check_seals(db_t *db, const keys_t *k, account_seal_report_t *r) {
  memset(r, 0, sizeof *r);
  check_ctx_t x = {k, r};
  return store_user_each(db, check_seal, &x);
}

/* Demo accounts: the four seed regions of DOMAIN.md, one account per role that
 * works there, plus a kecamatan-level panwascam/pkd for Kec. Jetis (35.16.16)
 * and an admin. */
static const struct {
  const char *username, *role, *wilayah;
} demo_rows[] = {
    {"admin", "admin", "35"},
    {"bawaslu.kotamojokerto", "bawaslu", "35.76"},
    {"pemda.kotamojokerto", "pemda", "35.76"},
    {"bawaslu.kabmojokerto", "bawaslu", "35.16"},
    {"panwascam.jetis", "panwascam", "35.16.16"},
    {"pkd.jetis", "pkd", "35.16.16"},
    {"pemda.kabmojokerto", "pemda", "35.16"},
    {"bawaslu.kotakediri", "bawaslu", "35.71"},
    {"bawaslu.kabpasuruan", "bawaslu", "35.14"},
    {"panwascam.purwodadi", "panwascam", "35.14.01"},
    {"bkn.jatim", "bkn", "35"},
};

err_t account_seed_demo(db_t *db, const keys_t *k, account_demo_t *out, int *created) {
  int64_t n = 0;
  err_t e = store_user_count(db, &n);
  *created = 0;
  if (e || n > 0) return e;
  for (size_t i = 0; i < sizeof demo_rows / sizeof demo_rows[0] && *created < ACCOUNT_DEMO_MAX; i++) {
    unsigned char r[9];
    account_demo_t *d = &out[*created];
    randombytes_buf(r, sizeof r);
    enc_b64url(r, sizeof r, d->password);
    /* A demo row whose wilayah is absent (trimmed data) is skipped, not fatal. */
    wilayah_row_t w;
    if (store_wilayah_get(db, demo_rows[i].wilayah, &w) != ERR_OK) continue;
    e = account_add(db, k, "sistem", demo_rows[i].username, demo_rows[i].role, demo_rows[i].wilayah, d->password, 1);
    if (e) return e;
    d->username = demo_rows[i].username;
    d->role = demo_rows[i].role;
    d->wilayah = demo_rows[i].wilayah;
    (*created)++;
  }
  return ERR_OK;
}
