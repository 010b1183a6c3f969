/*
 * modules.c — feature modules loaded at start into app->ext (see app.h):
 * the deadline rules (data/tenggat.csv) with the holiday calendar from the
 * database (where an admin edits it), and the violation catalog.
 */
#include <string.h>

#include "api/case_api.h"
#include "http/app.h"
#include "core/assets.h"
#include "core/mem.h"
#include "store/store_case.h"
#include "core/banned.h"

static err_t add_holiday(void *ud, const char *tanggal, const char *jenis, const char *nama) {
  return deadline_calendar_add(ud, tanggal, jenis, nama);
}

static err_t cases_open(app_t *app) {
  case_mod_t *m = xcalloc(1, sizeof *m);
  char *csv = NULL;
  size_t len = 0;
  db_t *db = NULL;
  if (!m) return ERR_NOMEM;
  deadline_rules_init(&m->rules);
  deadline_calendar_init(&m->cal);
  app->ext[APP_EXT_DEADLINE] = m;
  err_t e = assets_read("tenggat.csv", &csv, &len);
  if (!e) e = deadline_rules_load_csv(&m->rules, csv, len);
  xfree(csv);
  if (!e) e = store_acquire(app->store, &db);
  if (!e) e = store_kalender_each(db, add_holiday, &m->cal);
  if (db) store_release(app->store, db);
  if (!e) e = catalog_load(&m->catalog);
  if (e) return e;
  m->cx.keys = &app->keys;
  m->cx.rules = &m->rules;
  m->cx.cal = &m->cal;
  m->cx.catalog = m->catalog;
  m->cx.data_dir = app->cfg.data_dir;
  m->cx.max_upload = (size_t)config_int(app->cfg.max_upload_mb, 20) * 1024 * 1024;
  m->cx.max_files = config_int(app->cfg.max_files, 10);
  m->cx.followup_days = config_int(app->cfg.followup_days, 14);
  return ERR_OK;
}

static void cases_close(app_t *app) {
  case_mod_t *m = app->ext[APP_EXT_DEADLINE];
  if (!m) return;
  deadline_rules_free(&m->rules);
  deadline_calendar_free(&m->cal);
  catalog_free(m->catalog);
  xfree(m);
  app->ext[APP_EXT_DEADLINE] = NULL;
}

const app_module_t app_modules[] = {
    {"penanganan (tenggat, kalender, katalog)", cases_open, cases_close},
    {"tembolok wilayah", wilayah_cache_open, wilayah_cache_close},
};
const size_t app_modules_count = sizeof app_modules / sizeof app_modules[0];

const case_ctx_t *case_ctx(const app_t *app) {
  const case_mod_t *m = app->ext[APP_EXT_DEADLINE];
  return m ? &m->cx : NULL;
}
