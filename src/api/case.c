/* case.c — HTTP handlers of case handling; all logic is in domain/case.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/case_api.h"
#include "core/clock.h"
#include "domain/receipt.h"
#include "http/multipart.h"
#include "core/banned.h"

typedef struct {
  req_t *rq;
  const case_ctx_t *cx;
  json_t *body, *out;
  const char *s1;
  const unsigned char *data;
  size_t len;
  int created;
  int64_t id;
} call_t;

static err_t intake_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return case_intake(db, c->cx, c->body, c->rq->body, c->rq->body_len, &c->out, &c->created);
}

err_t api_laporan_create(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq, .cx = case_ctx(rq->app)};
  int64_t now = clock_now();
  char key[96];
  snprintf(key, sizeof key, "lapor:%s", rq->ip);
  int64_t wait = throttle_check(rq->app->intake, key, now);
  if (wait > 0) {
    rs->retry_after = (long)wait;
    return err_set(ERR_RATE_LIMITED, NULL, "Terlalu banyak laporan dari alamat ini. Coba lagi dalam %ld menit.",
                   (long)((wait + 59) / 60));
  }
  err_t e = req_json(rq, &c.body);
  if (!e) e = api_write(rq, intake_tx, &c);
  if (e) return e;
  if (c.created) throttle_hit(rq->app->intake, key, now);
  return resp_json(rs, c.created ? 201 : 200, c.out);
}

static err_t bukti_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return case_add_evidence(db, c->cx, c->rq->user ? c->rq->user->username : "publik", c->rq->user, c->s1, c->data,
                           c->len, c->body ? json_string_value(c->body) : NULL, &c->out);
}

static err_t evidence_upload(req_t *rq, resp_t *rs) {
  multipart_part_t parts[4];
  size_t n = 0;
  call_t c = {.rq = rq, .cx = case_ctx(rq->app), .s1 = req_param(rq, 0)};
  db_t *db;
  err_t e = ERR_OK;
  int64_t now = clock_now();
  char key[96];
  snprintf(key, sizeof key, "bukti:%s", rq->ip);
  if (!rq->user) { /* public: the kode is the only credential */
    int64_t wait = throttle_check(rq->app->upload, key, now);
    if (wait > 0) {
      rs->retry_after = (long)wait;
      return err_set(ERR_RATE_LIMITED, NULL, "Terlalu banyak berkas bukti dari alamat ini. Coba lagi dalam %ld menit.",
                     (long)((wait + 59) / 60));
    }
  }
  if (rq->user && ((e = req_db(rq, &db)) || (e = case_check_visible(db, c.cx, rq->user, c.s1)))) return e;
  e = multipart_parse(rq->content_type, rq->body, rq->body_len, parts, 4, &n);
  if (e) return e;
  for (size_t i = 0; i < n && !c.data; i++)
    if (strcmp(parts[i].name, "berkas") == 0) {
      c.data = (const unsigned char *)parts[i].data;
      c.len = parts[i].len;
      c.body = parts[i].has_filename ? json_string(parts[i].filename) : NULL;
    }
  if (!c.data) return err_set(ERR_INVALID, "berkas", "Pilih berkas bukti (kolom formulir \"berkas\").");
  e = api_write(rq, bukti_tx, &c);
  json_decref(c.body);
  if (e) return e;
  if (!rq->user) throttle_hit(rq->app->upload, key, now);
  return resp_json(rs, 201, c.out);
}

err_t api_laporan_bukti(req_t *rq, resp_t *rs) { return evidence_upload(rq, rs); }
err_t api_kasus_bukti_add(req_t *rq, resp_t *rs) { return evidence_upload(rq, rs); }

err_t api_lacak(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = case_lacak(db, case_ctx(rq->app), req_param(rq, 0), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_receipt_verify(req_t *rq, resp_t *rs) {
  char kode[32] = "";
  if (!rq->body || !rq->body_len) return err_set(ERR_INVALID, "tanda_terima", "Kirim isi berkas tanda terima.");
  err_t e = receipt_verify_kode(rq->app->keys.sign_pk, rq->body, rq->body_len, kode, sizeof kode);
  if (e == ERR_OK)
    return resp_json(rs, 200, json_pack("{s:b,s:s,s:s}", "sah", 1, "kode", kode, "pesan",
                                        "Tanda terima SAH: ditandatangani server Netral ini dan isinya tidak berubah."));
  if (e != ERR_INVALID) return e;
  return resp_json(rs, 200, json_pack("{s:b,s:s}", "sah", 0, "pesan", err_message(e)));
}

err_t api_kasus_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  const char *t = req_query(rq, "tenggat");
  const char *late = req_query(rq, "terlambat");
  if ((!t || !*t) && late && strcmp(late, "1") == 0) t = "terlambat";
  err_t e = req_db(rq, &db);
  if (!e)
    e = case_list(db, case_ctx(rq->app), rq->user, req_query(rq, "status"), req_query(rq, "kategori"),
                  req_query(rq, "wilayah"), req_query(rq, "q"), t, req_query_long(rq, "halaman", 1),
                  req_query_long(rq, "per_halaman", 50), &out, NULL);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kasus_get(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = case_detail(db, case_ctx(rq->app), rq->user, req_param(rq, 0), &out);
  return e ? e : resp_json(rs, 200, out);
}

static err_t transisi_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return case_transition(db, c->cx, c->rq->user, req_param(c->rq, 0), c->body);
}

err_t api_kasus_transisi(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq, .cx = case_ctx(rq->app)};
  err_t e = req_json(rq, &c.body);
  if (!e) e = api_write(rq, transisi_tx, &c);
  return e ? e : api_kasus_get(rq, rs);
}

static err_t unseal_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return case_unseal(db, c->cx, c->rq->user, req_param(c->rq, 0), c->s1, &c->out);
}

err_t api_kasus_identitas(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq, .cx = case_ctx(rq->app)};
  err_t e = req_json(rq, &c.body);
  if (!e) e = api_str(c.body, "alasan", "alasan", &c.s1);
  if (!e) e = api_write(rq, unseal_tx, &c);
  return e ? e : resp_json(rs, 200, json_pack("{s:o}", "pelapor", c.out));
}

static int query_flag(req_t *rq, const char *name) {
  const char *v = req_query(rq, name);
  return v && strcmp(v, "1") == 0;
}

err_t api_kasus_bukti_get(req_t *rq, resp_t *rs) {
  char *end;
  long long id = strtoll(req_param(rq, 1), &end, 10);
  if (*end || id <= 0) return err_set(ERR_NOT_FOUND, NULL, "Bukti tidak ditemukan.");
  static _Thread_local char mime[48];
  evidence_file_t ef;
  /* ?unduh=1: an attachment, logged as unduh; ?bersih=1: the copy without metadata */
  int download = query_flag(rq, "unduh");
  db_t *db;
  err_t e = req_db(rq, &db);
  if (!e) e = case_open_evidence(db, case_ctx(rq->app), rq->user, req_param(rq, 0), id, download, query_flag(rq, "bersih"), &ef);
  if (e) return e;
  snprintf(mime, sizeof mime, "%s", ef.mime);
  rs->ctype = mime;
  buf_free(&rs->body);
  rs->body = ef.body; /* decrypted (or cleaned) in memory; the response owns it now */
  rs->status = 200;
  rs->frame_self = !download;
  snprintf(rs->disposition, sizeof rs->disposition, "%s; filename=\"bukti-%lld%s\"", download ? "attachment" : "inline",
           id, ef.cleaned ? "-bersih" : "");
  return ERR_OK;
}

static err_t temuan_tx(db_t *db, void *ud) {
  call_t *c = ud;
  return case_temuan(db, c->cx, c->rq->user, c->body, &c->out);
}

err_t api_temuan_create(req_t *rq, resp_t *rs) {
  call_t c = {.rq = rq, .cx = case_ctx(rq->app)};
  err_t e = req_json(rq, &c.body);
  if (!e) e = api_write(rq, temuan_tx, &c);
  return e ? e : resp_json(rs, 201, c.out);
}

err_t api_katalog(req_t *rq, resp_t *rs) {
  const catalog_t *cat = case_ctx(rq->app)->catalog;
  const char *k = req_query(rq, "kategori");
  json_t *arr = json_array();
  for (size_t i = 0; i < catalog_count(cat); i++) {
    const catalog_item_t *it = catalog_at(cat, i);
    if (k && *k && !(it->kategori & catalog_kategori_bit(k))) continue;
    json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:b}", "kode", it->kode, "teks", it->teks, "keluarga",
                                         it->keluarga, "tingkat", it->tingkat, "dasar", it->dasar, "otoritas",
                                         it->otoritas, "verifikasi", it->verifikasi));
  }
  rs->cache = 1;
  return resp_json(rs, 200, arr);
}

err_t api_otoritas(req_t *rq, resp_t *rs) {
  const catalog_t *cat = case_ctx(rq->app)->catalog;
  json_t *arr = json_array();
  for (size_t i = 0; i < catalog_otoritas_count(cat); i++) {
    const catalog_otoritas_t *o = catalog_otoritas_at(cat, i);
    json_array_append_new(arr, json_pack("{s:s,s:s,s:s}", "kode", o->kode, "nama", o->nama, "dasar", o->dasar));
  }
  rs->cache = 1;
  return resp_json(rs, 200, arr);
}

err_t api_rekomendasi(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  const char *m = req_query(rq, "menunggu"), *late = req_query(rq, "terlambat");
  err_t e = req_db(rq, &db);
  if (!e)
    e = case_rekomendasi(db, case_ctx(rq->app), rq->user, m && strcmp(m, "1") == 0, late && strcmp(late, "1") == 0,
                         &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_terlapor(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = case_terlapor_lookup(db, case_ctx(rq->app), rq->user, req_query(rq, "q"), req_query(rq, "instansi"), NULL, &out);
  return e ? e : resp_json(rs, 200, out);
}
