/* prevention.c — HTTP handlers of pencegahan; all logic is in domain/pakta.c and domain/kerawanan.c. */
#include <stdio.h>
#include <string.h>

#include "api/prevention_api.h"
#include "domain/kerawanan.h"
#include "domain/pakta.h"
#include "http/multipart.h"
#include "core/banned.h"

typedef err_t (*write_fn)(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out);

typedef struct {
  req_t *rq;
  write_fn fn;
  json_t *body, *out;
} call_t;

static err_t write_tx(db_t *db, void *ud) {
  call_t *c = ud;
  json_decref(c->out); /* a retried transaction starts over */
  c->out = NULL;
  return c->fn(db, &c->rq->app->keys, c->rq->user, c->body, &c->out);
}

static err_t write_json(req_t *rq, resp_t *rs, write_fn fn, int status) {
  call_t c = {rq, fn, NULL, NULL};
  err_t e = req_json(rq, &c.body);
  if (!e && !json_is_object(c.body)) e = err_set(ERR_BAD_JSON, NULL, "Isi permintaan harus objek JSON.");
  if (!e) e = api_write(rq, write_tx, &c);
  if (e) {
    json_decref(c.out);
    return e;
  }
  return resp_json(rs, status, c.out);
}

err_t api_pakta_create(req_t *rq, resp_t *rs) { return write_json(rq, rs, pakta_create, 201); }
err_t api_kegiatan_create(req_t *rq, resp_t *rs) { return write_json(rq, rs, kegiatan_create, 201); }
err_t api_kerawanan_bobot(req_t *rq, resp_t *rs) { return write_json(rq, rs, kerawanan_bobot_set, 200); }
err_t api_kerawanan_petahana(req_t *rq, resp_t *rs) { return write_json(rq, rs, kerawanan_petahana_set, 200); }

err_t api_pakta_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = pakta_list(db, rq->user, req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kegiatan_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = kegiatan_list(db, rq->user, req_query(rq, "wilayah"), req_query(rq, "jenis"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_pakta_cakupan(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = pakta_cakupan(db, rq->user, req_query(rq, "tingkat"), req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kerawanan(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  const char *t = req_query(rq, "tingkat");
  err_t e = req_db(rq, &db);
  if (!e) e = kerawanan_index(db, rq->user, t && *t ? t : "kecamatan", req_query(rq, "wilayah"), &out);
  return e ? e : resp_json(rs, 200, out);
}

err_t api_kerawanan_petahana_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *out;
  err_t e = req_db(rq, &db);
  if (!e) e = kerawanan_petahana_list(db, rq->user, &out);
  return e ? e : resp_json(rs, 200, out);
}

typedef struct {
  req_t *rq;
  json_t *out;
} hapus_t;

static err_t petahana_hapus_tx(db_t *db, void *ud) {
  hapus_t *c = ud;
  json_decref(c->out);
  c->out = NULL;
  return kerawanan_petahana_hapus(db, &c->rq->app->keys, c->rq->user, req_param(c->rq, 0), &c->out);
}

err_t api_kerawanan_petahana_delete(req_t *rq, resp_t *rs) {
  hapus_t c = {rq, NULL};
  err_t e = api_write(rq, petahana_hapus_tx, &c);
  if (e) {
    json_decref(c.out);
    return e;
  }
  return resp_json(rs, 200, c.out);
}

/* ---- files of pakta and kegiatan ---- */

typedef struct {
  req_t *rq;
  store_berkas_t kind;
  const multipart_part_t *part;
  json_t *out;
} berkas_call_t;

static err_t berkas_tx(db_t *db, void *ud) {
  berkas_call_t *c = ud;
  app_t *app = c->rq->app;
  pakta_berkas_cfg_t cfg = {app->cfg.data_dir, (size_t)config_int(app->cfg.max_upload_mb, 20) * 1024 * 1024};
  json_decref(c->out);
  c->out = NULL;
  return pakta_berkas_simpan(db, &app->keys, c->rq->user, &cfg, c->kind, req_param(c->rq, 0),
                             (const unsigned char *)c->part->data, c->part->len, multipart_filename(c->part), &c->out);
}

/* multipart/form-data with the file in the field named after the kind
 * ("dokumen" or "lampiran"). Scope is checked before the body is read, so a
 * foreign officer learns nothing from input errors. */
static err_t berkas_upload(req_t *rq, resp_t *rs, store_berkas_t kind) {
  const char *medan = pakta_berkas_medan(kind);
  multipart_part_t parts[4];
  size_t n = 0;
  db_t *db;
  err_t e = req_db(rq, &db);
  if (!e) e = pakta_berkas_check(db, rq->user, kind, req_param(rq, 0));
  if (e) return e;
  if ((e = multipart_parse(rq->content_type, rq->body, rq->body_len, parts, 4, &n)))
    return err_set(e, medan, "%s", err_message(e));
  berkas_call_t c = {rq, kind, multipart_find(parts, n, medan), NULL};
  if (!c.part || !c.part->has_filename)
    return err_set(ERR_INVALID, medan, "Pilih berkas PDF, JPEG atau PNG untuk diunggah (kolom formulir \"%s\").", medan);
  e = api_write(rq, berkas_tx, &c);
  if (e) {
    json_decref(c.out);
    return e;
  }
  return resp_json(rs, 201, c.out);
}

/* Content-Disposition for a download: an ASCII fallback name and, when it
 * fits, the exact UTF-8 name (RFC 6266, RFC 8187). */
static void attachment(char *out, size_t cap, const char *nama) {
  char ascii[101], pct[256];
  size_t a = 0, p = 0;
  int fits = 1;
  for (const char *s = nama; *s && a + 1 < sizeof ascii; s++) {
    unsigned char ch = (unsigned char)*s;
    ascii[a++] = (ch >= 0x20 && ch < 0x7f && ch != '"' && ch != '\\' && ch != ';') ? (char)ch : '_';
  }
  ascii[a] = '\0';
  for (const char *s = nama; *s && fits; s++) {
    unsigned char ch = (unsigned char)*s;
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || strchr("-._~", ch)) {
      if (p + 2 > sizeof pct) fits = 0;
      else pct[p++] = (char)ch;
    } else if (p + 4 > sizeof pct) {
      fits = 0;
    } else {
      p += (size_t)snprintf(pct + p, sizeof pct - p, "%%%02X", ch);
    }
  }
  pct[p] = '\0';
  int w = fits ? snprintf(out, cap, "attachment; filename=\"%s\"; filename*=UTF-8''%s", ascii, pct) : -1;
  if (w < 0 || (size_t)w >= cap) snprintf(out, cap, "attachment; filename=\"%s\"", ascii);
}

static err_t berkas_download(req_t *rq, resp_t *rs, store_berkas_t kind) {
  static _Thread_local char mime[48];
  char nama[256];
  buf_t body;
  db_t *db;
  buf_init(&body);
  err_t e = req_db(rq, &db);
  if (!e)
    e = pakta_berkas_buka(db, &rq->app->keys, rq->user, rq->app->cfg.data_dir, kind, req_param(rq, 0), &body, mime, nama);
  if (e) {
    buf_free(&body);
    return e;
  }
  rs->status = 200;
  buf_free(&rs->body);
  rs->body = body; /* decrypted in memory; the response owns it now */
  rs->ctype = mime;
  attachment(rs->disposition, sizeof rs->disposition, nama);
  return ERR_OK;
}

err_t api_pakta_dokumen_post(req_t *rq, resp_t *rs) { return berkas_upload(rq, rs, STORE_BERKAS_PAKTA); }
err_t api_pakta_dokumen_get(req_t *rq, resp_t *rs) { return berkas_download(rq, rs, STORE_BERKAS_PAKTA); }
err_t api_kegiatan_lampiran_post(req_t *rq, resp_t *rs) { return berkas_upload(rq, rs, STORE_BERKAS_KEGIATAN); }
err_t api_kegiatan_lampiran_get(req_t *rq, resp_t *rs) { return berkas_download(rq, rs, STORE_BERKAS_KEGIATAN); }
