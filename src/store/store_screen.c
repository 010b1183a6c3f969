/* store_screen.c — see store_screen.h. All SQL of the screening queue lives here. */
#include "store/store_screen.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

const char STORE_SCREEN_M6_SQL[] =
    "CREATE TABLE saring_antrian(\n"
    "  id INTEGER PRIMARY KEY, pos_id TEXT, platform TEXT, akun TEXT, nama TEXT, nip TEXT, waktu TEXT,\n"
    "  url TEXT, teks TEXT NOT NULL, tangkapan TEXT NOT NULL, sha256 TEXT NOT NULL, hits TEXT NOT NULL,\n"
    "  kategori TEXT NOT NULL DEFAULT '', skor INTEGER NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  status TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu','relevan','tidak_relevan')),\n"
    "  diajukan_oleh TEXT NOT NULL, diajukan TEXT NOT NULL,\n"
    "  diputus_oleh TEXT, diputus TEXT, catatan TEXT, kasus_kode TEXT,\n"
    "  UNIQUE (wilayah, sha256));\n"
    "CREATE INDEX saring_antrian_status ON saring_antrian(status, wilayah);\n";

#define ITEM_COLS                                                                                          \
  "id,pos_id,platform,akun,nama,nip,waktu,url,teks,tangkapan,sha256,hits,kategori,skor,wilayah,status," \
  "diajukan_oleh,diajukan,diputus_oleh,diputus,catatan,kasus_kode"

static void read_item(db_stmt_t *st, screen_item_t *it) {
  memset(it, 0, sizeof *it);
  it->id = db_int(st, 0);
  it->pos_id = db_text(st, 1);
  it->platform = db_text(st, 2);
  it->akun = db_text(st, 3);
  it->nama = db_text(st, 4);
  it->nip = db_text(st, 5);
  it->waktu = db_text(st, 6);
  it->url = db_text(st, 7);
  it->teks = db_text(st, 8);
  it->tangkapan = db_text(st, 9);
  it->sha256 = db_text(st, 10);
  it->hits = db_text(st, 11);
  it->kategori = db_text(st, 12);
  it->skor = (int)db_int(st, 13);
  it->wilayah = db_text(st, 14);
  it->status = db_text(st, 15);
  it->diajukan_oleh = db_text(st, 16);
  it->diajukan = db_text(st, 17);
  it->diputus_oleh = db_text_or_null(st, 18);
  it->diputus = db_text_or_null(st, 19);
  it->catatan = db_text_or_null(st, 20);
  it->kasus_kode = db_text_or_null(st, 21);
}

err_t store_screen_insert(db_t *db, const screen_item_t *it, int64_t *id, int *created) {
  db_stmt_t *st;
  *created = 0;
  err_t e = db_query(db,
                     "INSERT INTO saring_antrian(pos_id,platform,akun,nama,nip,waktu,url,teks,tangkapan,sha256,hits,"
                     "kategori,skor,wilayah,diajukan_oleh,diajukan) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
                     " ON CONFLICT(wilayah,sha256) DO NOTHING RETURNING id",
                     &st, "ttttttttttttIttt", db_nz(it->pos_id), db_nz(it->platform), db_nz(it->akun), db_nz(it->nama),
                     db_nz(it->nip), db_nz(it->waktu), db_nz(it->url), it->teks, it->tangkapan, it->sha256, it->hits,
                     it->kategori ? it->kategori : "", it->skor, it->wilayah, it->diajukan_oleh, it->diajukan);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    *id = db_int(st, 0);
    *created = 1;
  }
  db_done(st);
  if (e != ERR_DONE) return e;
  return db_one_int(db, "SELECT id FROM saring_antrian WHERE wilayah=? AND sha256=?", id, "tt", it->wilayah,
                    it->sha256);
}

/* "(?='' OR wilayah=? OR wilayah LIKE ?)" parameters for a scope. */
typedef struct {
  const char *sc;
  char like[40];
} scope_t;

static void scope_init(scope_t *s, const char *scope) {
  s->sc = scope && *scope ? scope : "";
  snprintf(s->like, sizeof s->like, "%s.%%", s->sc);
}

err_t store_screen_get(db_t *db, const char *scope, int64_t id, store_screen_fn fn, void *ud) {
  scope_t s;
  db_stmt_t *st;
  scope_init(&s, scope);
  err_t e = db_query(db,
                     "SELECT " ITEM_COLS " FROM saring_antrian WHERE id=? AND (?='' OR wilayah=? OR wilayah LIKE ?)",
                     &st, "ittt", id, s.sc, s.sc, s.like);
  if (e) return e;
  e = db_step(st);
  if (e == ERR_OK) {
    screen_item_t it;
    read_item(st, &it);
    e = fn(ud, &it);
  } else if (e == ERR_DONE) {
    e = ERR_NOT_FOUND;
  }
  db_done(st);
  return e;
}

err_t store_screen_list(db_t *db, const char *scope, const char *status, int64_t limit, int64_t offset,
                        store_screen_fn fn, void *ud, int64_t *total) {
  scope_t s;
  db_stmt_t *st;
  const char *stf = status ? status : "";
  scope_init(&s, scope);
  err_t e = db_one_int(db,
                       "SELECT COUNT(*) FROM saring_antrian WHERE (?='' OR wilayah=? OR wilayah LIKE ?)"
                       " AND (?='' OR status=?)",
                       total, "ttttt", s.sc, s.sc, s.like, stf, stf);
  if (e) return e;
  e = db_query(db,
               "SELECT " ITEM_COLS " FROM saring_antrian WHERE (?='' OR wilayah=? OR wilayah LIKE ?)"
               " AND (?='' OR status=?) ORDER BY skor DESC, id DESC LIMIT ? OFFSET ?",
               &st, "tttttii", s.sc, s.sc, s.like, stf, stf, limit, offset);
  if (e) return e;
  screen_item_t it;
  while ((e = db_step(st)) == ERR_OK) {
    read_item(st, &it);
    if ((e = fn(ud, &it))) break;
  }
  return db_finish(st, e);
}

err_t store_screen_decide(db_t *db, int64_t id, const char *status, const char *by, const char *at,
                          const char *catatan, const char *kasus_kode) {
  err_t e = db_exec(db,
                    "UPDATE saring_antrian SET status=?, diputus_oleh=?, diputus=?, catatan=?, kasus_kode=?"
                    " WHERE id=? AND status='menunggu'",
                    "ttttti", status, by, at, db_nz(catatan), db_nz(kasus_kode), id);
  if (e) return e;
  return db_changes(db) == 1 ? ERR_OK : err_set(ERR_CONFLICT, "keputusan", "Butir antrian ini sudah diputus.");
}

err_t store_screen_counts(db_t *db, const char *scope,
                          err_t (*fn)(void *ud, const char *kategori, const char *status, int64_t n), void *ud) {
  scope_t s;
  db_stmt_t *st;
  scope_init(&s, scope);
  err_t e = db_query(db,
                     "SELECT kategori, status, COUNT(*) FROM saring_antrian"
                     " WHERE (?='' OR wilayah=? OR wilayah LIKE ?) GROUP BY kategori, status",
                     &st, "ttt", s.sc, s.sc, s.like);
  if (e) return e;
  while ((e = db_step(st)) == ERR_OK)
    if ((e = fn(ud, db_text(st, 0), db_text(st, 1), db_int(st, 2)))) break;
  return db_finish(st, e);
}
