/* store_user.c — accounts and sessions (see store_user.h). */
#include "store/store_user.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

#define USER_COLS "u.id,u.username,u.role,u.wilayah,w.nama,u.pass_hash,u.must_change,u.active,u.created_at,u.segel"
#define USER_FROM " FROM users u JOIN wilayah w ON w.kode=u.wilayah"

static void copy(char *dst, size_t cap, const char *s) { snprintf(dst, cap, "%s", s ? s : ""); }

static void read_user(db_stmt_t *st, user_row_t *u) {
  memset(u, 0, sizeof *u);
  u->id = db_int(st, 0);
  copy(u->username, sizeof u->username, db_text(st, 1));
  copy(u->role, sizeof u->role, db_text(st, 2));
  copy(u->wilayah, sizeof u->wilayah, db_text(st, 3));
  copy(u->wilayah_nama, sizeof u->wilayah_nama, db_text(st, 4));
  copy(u->pass_hash, sizeof u->pass_hash, db_text(st, 5));
  u->must_change = (int)db_int(st, 6);
  u->active = (int)db_int(st, 7);
  copy(u->created_at, sizeof u->created_at, db_text(st, 8));
  copy(u->segel, sizeof u->segel, db_text(st, 9));
}

err_t store_user_insert(db_t *db, const user_row_t *u, int64_t *id) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "INSERT INTO users(username,pass_hash,role,wilayah,must_change,active,created_at)"
                     " VALUES(?,?,?,?,?,1,?) RETURNING id",
                     &st, "ttttIt", u->username, u->pass_hash, u->role, u->wilayah, u->must_change, u->created_at);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK && id) *id = db_int(st, 0);
  db_done(st);
  if (e == ERR_CONFLICT) return err_set(ERR_CONFLICT, "username", "Nama pengguna %s sudah dipakai.", u->username);
  return e == ERR_DONE ? ERR_DB : e;
}

static err_t one_user(db_stmt_t *st, user_row_t *out) {
  err_t e = db_step(st);
  if (e == ERR_OK) read_user(st, out);
  else if (e == ERR_DONE) e = ERR_NOT_FOUND;
  db_done(st);
  return e;
}

err_t store_user_by_name(db_t *db, const char *username, user_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " USER_COLS USER_FROM " WHERE u.username=?", &st, "t", username);
  return e ? e : one_user(st, out);
}

err_t store_user_by_id(db_t *db, int64_t id, user_row_t *out) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " USER_COLS USER_FROM " WHERE u.id=?", &st, "i", id);
  return e ? e : one_user(st, out);
}

err_t store_user_count(db_t *db, int64_t *n) { return db_one_int(db, "SELECT COUNT(*) FROM users", n, ""); }

err_t store_user_set_active(db_t *db, int64_t id, int active, const char *segel) {
  return db_exec(db, "UPDATE users SET active=?, segel=? WHERE id=?", "Iti", active, segel, id);
}

err_t store_user_set_password(db_t *db, int64_t id, const char *hash, int must_change, const char *segel) {
  return db_exec(db, "UPDATE users SET pass_hash=?, must_change=?, segel=? WHERE id=?", "tIti", hash, must_change,
                 segel, id);
}

err_t store_user_set_segel(db_t *db, int64_t id, const char *segel) {
  return db_exec(db, "UPDATE users SET segel=? WHERE id=?", "ti", segel, id);
}

err_t store_user_each(db_t *db, store_user_fn fn, void *ud) {
  db_stmt_t *st;
  err_t e = db_query(db, "SELECT " USER_COLS USER_FROM " ORDER BY u.username", &st, "");
  if (e) return e;
  user_row_t u;
  while ((e = db_step(st)) == ERR_OK) {
    read_user(st, &u);
    if ((e = fn(ud, &u))) break;
  }
  return db_finish(st, e);
}

err_t store_session_insert(db_t *db, const char *id_hash, int64_t user_id, const char *csrf, int64_t created,
                           int64_t expires, const char *segel) {
  return db_exec(db, "INSERT INTO sessions(id_hash,user_id,csrf,created_at,expires_at,segel) VALUES(?,?,?,?,?,?)",
                 "titiit", id_hash, user_id, csrf, created, expires, segel);
}

err_t store_session_get(db_t *db, const char *id_hash, int64_t now, user_row_t *user, session_row_t *s) {
  db_stmt_t *st;
  err_t e = db_query(db,
                     "SELECT " USER_COLS ",s.csrf,s.segel,s.expires_at FROM sessions s JOIN users u ON u.id=s.user_id"
                     " JOIN wilayah w ON w.kode=u.wilayah WHERE s.id_hash=? AND s.expires_at>? AND u.active=1",
                     &st, "ti", id_hash, now);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    read_user(st, user);
    copy(s->csrf, sizeof s->csrf, db_text(st, 10));
    copy(s->segel, sizeof s->segel, db_text(st, 11));
    s->expires = db_int(st, 12);
  } else if (e == ERR_DONE) {
    e = ERR_NOT_FOUND;
  }
  db_done(st);
  return e;
}

err_t store_session_delete(db_t *db, const char *id_hash) {
  return db_exec(db, "DELETE FROM sessions WHERE id_hash=?", "t", id_hash);
}

err_t store_session_delete_user(db_t *db, int64_t user_id, const char *keep_hash) {
  return db_exec(db, "DELETE FROM sessions WHERE user_id=? AND id_hash<>?", "it", user_id, keep_hash ? keep_hash : "");
}

err_t store_session_delete_unsealed(db_t *db) {
  return db_exec(db, "DELETE FROM sessions WHERE segel='belum'", "");
}

err_t store_session_purge(db_t *db, int64_t now) {
  return db_exec(db, "DELETE FROM sessions WHERE expires_at<=?", "i", now);
}

err_t store_login_fail_get(db_t *db, const char *key, int64_t *start, int64_t *count) {
  db_stmt_t *st;
  *start = *count = 0;
  err_t e = db_query(db, "SELECT mulai,jumlah FROM gagal_masuk WHERE username=?", &st, "t", key);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    *start = db_int(st, 0);
    *count = db_int(st, 1);
  }
  db_done(st);
  return e == ERR_DONE ? ERR_OK : e;
}

err_t store_login_fail_hit(db_t *db, const char *key, int64_t now, int64_t expired) {
  err_t e = db_exec(db, "DELETE FROM gagal_masuk WHERE mulai<=?", "i", expired);
  if (e) return e;
  return db_exec(db,
                 "INSERT INTO gagal_masuk(username,mulai,jumlah) VALUES(?,?,1)"
                 " ON CONFLICT(username) DO UPDATE SET jumlah=gagal_masuk.jumlah+1",
                 "ti", key, now);
}

err_t store_login_fail_clear(db_t *db, const char *username) {
  return db_exec(db, "DELETE FROM gagal_masuk WHERE username=?", "t", username);
}
