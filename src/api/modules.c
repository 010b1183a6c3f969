/*
 * modules.c — feature modules loaded at start into app->ext (see app.h):
 * the deadline rules and the holiday calendar from the database (seeded from
 * data/tenggat.csv and data/kalender/libur.csv, edited by admin through the
 * API), and the violation catalog.
 */
#include <string.h>

#include "api/case_api.h"
#include "api/screen_api.h"
#include "http/app.h"
#include "core/assets.h"
#include "core/clock.h"
#include "core/mem.h"
#include "store/store_case.h"
#include "store/store_rules.h"
#include "core/banned.h"

static err_t add_holiday(void *ud, const char *tanggal, const char *jenis, const char *nama) {
  return deadline_calendar_add(ud, tanggal, jenis, nama);
}

static err_t add_rule(void *ud, const rule_row_t *r) {
  deadline_rule_t row;
  memset(&row, 0, sizeof row);
  row.rezim = r->rezim;
  row.tahap = r->tahap;
  row.jumlah = r->jumlah;
  if (deadline_unit_parse(r->satuan, &row.satuan) != ERR_OK)
    return err_set(ERR_INVALID, "satuan", "Satuan harus hari_kalender, hari_kerja atau jam.");
  row.mulai = r->mulai;
  row.perpanjangan = r->perpanjangan;
  row.dasar = r->dasar;
  row.verifikasi = r->verifikasi;
  row.keterangan = r->keterangan;
  return deadline_rules_add(ud, &row);
}

void case_rules_discard(rules_ver_t *v) {
  if (!v) return;
  deadline_rules_free(&v->rules);
  deadline_calendar_free(&v->cal);
  xfree(v);
}

err_t case_rules_build(db_t *db, rules_ver_t **out) {
  rules_ver_t *v = xcalloc(1, sizeof *v);
  if (!v) return ERR_NOMEM;
  deadline_rules_init(&v->rules);
  deadline_calendar_init(&v->cal);
  err_t e = store_rules_each(db, add_rule, &v->rules);
  if (!e) e = store_kalender_each(db, add_holiday, &v->cal);
  if (!e) e = store_rules_version(db, &v->version);
  if (e) {
    case_rules_discard(v);
    return e;
  }
  *out = v;
  return ERR_OK;
}

void case_rules_install(app_t *app, rules_ver_t *v) {
  case_mod_t *m = app->ext[APP_EXT_DEADLINE];
  int stale;
  pthread_mutex_lock(&m->mu);
  /* Two reloads may race (an admin edit here, a recheck seeing another
   * server's edit): the newest version wins, an older one is dropped. */
  stale = m->cur && v->version < m->cur->version;
  if (!stale) {
    v->prev = m->cur;
    m->cur = v;
    m->cx.rules = &v->rules;
    m->cx.cal = &v->cal;
  }
  pthread_mutex_unlock(&m->mu);
  if (stale) case_rules_discard(v);
}

static err_t cases_open(app_t *app) {
  case_mod_t *m = xcalloc(1, sizeof *m);
  db_t *db = NULL;
  rules_ver_t *v = NULL;
  if (!m) return ERR_NOMEM;
  pthread_mutex_init(&m->mu, NULL);
  app->ext[APP_EXT_DEADLINE] = m;
  err_t e = store_acquire(app->store, &db);
  if (!e) e = case_rules_build(db, &v);
  if (db) store_release(app->store, db);
  if (!e) e = catalog_load(&m->catalog);
  if (e) {
    case_rules_discard(v);
    return e;
  }
  m->cx.keys = &app->keys;
  m->cx.catalog = m->catalog;
  m->cx.data_dir = app->cfg.data_dir;
  m->cx.max_upload = (size_t)config_int(app->cfg.max_upload_mb, 20) * 1024 * 1024;
  m->cx.max_files = config_int(app->cfg.max_files, 10);
  m->cx.followup_days = config_int(app->cfg.followup_days, 14);
  case_rules_install(app, v);
  m->checked_at = clock_now(); /* just loaded */
  return ERR_OK;
}

static void cases_close(app_t *app) {
  case_mod_t *m = app->ext[APP_EXT_DEADLINE];
  if (!m) return;
  for (rules_ver_t *v = m->cur, *p; v; v = p) {
    p = v->prev;
    case_rules_discard(v);
  }
  catalog_free(m->catalog);
  pthread_mutex_destroy(&m->mu);
  xfree(m);
  app->ext[APP_EXT_DEADLINE] = NULL;
}

const app_module_t app_modules[] = {
    {"penanganan (tenggat, kalender, katalog)", cases_open, cases_close},
    {"tembolok wilayah", wilayah_cache_open, wilayah_cache_close},
    {"penyaringan media sosial (mesin Hyperscan)", screen_module_open, screen_module_close},
};
const size_t app_modules_count = sizeof app_modules / sizeof app_modules[0];

/* Reload when another server instance edited the rules (same database). */
static void recheck_rules(app_t *app, case_mod_t *m, int64_t have) {
  db_t *db;
  int64_t v = have;
  rules_ver_t *nv = NULL;
  if (store_acquire(app->store, &db) != ERR_OK) return;
  if (store_rules_version(db, &v) == ERR_OK && v != have && case_rules_build(db, &nv) == ERR_OK)
    case_rules_install(app, nv);
  store_release(app->store, db);
}

const case_ctx_t *case_ctx(app_t *app) {
  static _Thread_local case_ctx_t snap;
  case_mod_t *m = app->ext[APP_EXT_DEADLINE];
  if (!m) return NULL;
  int64_t now = clock_now(), have = 0;
  int check = 0;
  pthread_mutex_lock(&m->mu);
  if (now - m->checked_at >= CASE_RULES_RECHECK) {
    m->checked_at = now;
    have = m->cur->version;
    check = 1;
  }
  pthread_mutex_unlock(&m->mu);
  if (check) recheck_rules(app, m, have);
  pthread_mutex_lock(&m->mu);
  snap = m->cx;
  pthread_mutex_unlock(&m->mu);
  return &snap;
}
