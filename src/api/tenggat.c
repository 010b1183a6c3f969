/*
 * tenggat.c — the admin-editable legal tables: deadline rules with their
 * source pasal (rows marked verifikasi still need a legal check) and the
 * holiday/cuti bersama calendar. Reading: every staff role. Editing: admin.
 * An edit is validated by building the new in-memory version inside the
 * same transaction; it is installed only after the commit.
 */
#include <string.h>

#include "api/case_api.h"
#include "core/caldate.h"
#include "domain/audit.h"
#include "store/store_case.h"
#include "store/store_rules.h"
#include "core/banned.h"

static err_t add_rule_json(void *ud, const rule_row_t *r) {
  json_t *o = json_pack("{s:s,s:s,s:i,s:s,s:s,s:s,s:s,s:b,s:s}", "rezim", r->rezim, "tahap", r->tahap, "jumlah",
                        r->jumlah, "satuan", r->satuan, "mulai", r->mulai, "perpanjangan", r->perpanjangan, "dasar",
                        r->dasar, "verifikasi", r->verifikasi, "keterangan", r->keterangan);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

static err_t add_day_json(void *ud, const char *tanggal, const char *jenis, const char *nama) {
  json_t *o = json_pack("{s:s,s:s,s:s}", "tanggal", tanggal, "jenis", jenis, "nama", nama);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t api_tenggat_list(req_t *rq, resp_t *rs) {
  db_t *db;
  json_t *rules = json_array(), *days = json_array();
  err_t e = req_db(rq, &db);
  if (!e) e = store_rules_each(db, add_rule_json, rules);
  if (!e) e = store_kalender_each(db, add_day_json, days);
  if (e) {
    json_decref(rules);
    json_decref(days);
    return e;
  }
  return resp_json(rs, 200, json_pack("{s:o,s:o}", "aturan", rules, "kalender", days));
}

typedef struct {
  req_t *rq;
  json_t *body;
  rules_ver_t *ver;
  const char *action;
} edit_t;

static err_t finish_edit(db_t *db, edit_t *x, const char *object) {
  int64_t v;
  err_t e = store_rules_bump(db, &v);
  if (!e) e = case_rules_build(db, &x->ver);
  if (!e) e = audit_append(db, &x->rq->app->keys, req_actor(x->rq), x->action, object, x->body);
  return e;
}

static err_t update_tx(db_t *db, void *ud) {
  edit_t *x = ud;
  rule_row_t r;
  memset(&r, 0, sizeof r);
  r.rezim = req_param(x->rq, 0);
  r.tahap = req_param(x->rq, 1);
  json_t *j = json_object_get(x->body, "jumlah");
  if (!json_is_integer(j) || json_integer_value(j) < 1 || json_integer_value(j) > 1000)
    return err_set(ERR_INVALID, "jumlah", "Jumlah harus bilangan bulat 1–1000.");
  r.jumlah = (int)json_integer_value(j);
  err_t e = api_req_str(x->body, "satuan", "satuan", &r.satuan);
  if (!e) e = api_req_str(x->body, "dasar", "dasar", &r.dasar);
  if (!e) e = api_str(x->body, "keterangan", "keterangan", &r.keterangan);
  if (e) return e;
  r.verifikasi = json_is_true(json_object_get(x->body, "verifikasi"));
  if (!r.keterangan) r.keterangan = "";
  if ((e = store_rules_update(db, &r))) return e;
  char object[64];
  snprintf(object, sizeof object, "%s/%s", r.rezim, r.tahap);
  return finish_edit(db, x, object);
}

static err_t run_edit(req_t *rq, resp_t *rs, store_tx_fn fn, const char *action, int need_body) {
  edit_t x = {rq, NULL, NULL, action};
  err_t e = need_body ? req_json(rq, &x.body) : ERR_OK;
  if (!e) e = api_write(rq, fn, &x);
  if (e) {
    case_rules_discard(x.ver);
    return e;
  }
  case_rules_install(rq->app, x.ver);
  return api_tenggat_list(rq, rs);
}

err_t api_tenggat_update(req_t *rq, resp_t *rs) { return run_edit(rq, rs, update_tx, "tenggat.ubah", 1); }

static err_t kalender_add_tx(db_t *db, void *ud) {
  edit_t *x = ud;
  const char *tanggal, *jenis, *nama;
  caldate_t d;
  err_t e = api_req_str(x->body, "tanggal", "tanggal", &tanggal);
  if (!e) e = api_req_str(x->body, "jenis", "jenis", &jenis);
  if (!e) e = api_req_str(x->body, "nama", "nama", &nama);
  if (e) return e;
  if (caldate_parse(tanggal, &d) != ERR_OK) return err_set(ERR_INVALID, "tanggal", "Tanggal tidak valid; gunakan TTTT-BB-HH.");
  if (strcmp(jenis, "libur_nasional") != 0 && strcmp(jenis, "cuti_bersama") != 0)
    return err_set(ERR_INVALID, "jenis", "Jenis harus libur_nasional atau cuti_bersama.");
  if ((e = store_kalender_add(db, tanggal, jenis, nama))) return e;
  return finish_edit(db, x, tanggal);
}

err_t api_kalender_add(req_t *rq, resp_t *rs) { return run_edit(rq, rs, kalender_add_tx, "kalender.tambah", 1); }

static err_t kalender_del_tx(db_t *db, void *ud) {
  edit_t *x = ud;
  err_t e = store_kalender_delete(db, req_param(x->rq, 0));
  return e ? e : finish_edit(db, x, req_param(x->rq, 0));
}

err_t api_kalender_delete(req_t *rq, resp_t *rs) { return run_edit(rq, rs, kalender_del_tx, "kalender.hapus", 0); }
