/* app.c — see app.h. Start-up order: data dir, keys, store, migrations, modules. */
#include "http/app.h"

#include <string.h>

#include "core/fsutil.h"
#include "core/log.h"
#include "domain/account.h"
#include "domain/caseseal.h"
#include "store/migrations.h"
#include "core/banned.h"

/* Feature modules that keep loaded state in app->ext (deadline rules,
 * screening engine, catalog): the table lives in src/api/modules.c. */
extern const app_module_t app_modules[];
extern const size_t app_modules_count;

typedef struct {
  const keys_t *keys;
  int accounts;
  long case_rows;
} seal_ctx_t;

/* Rows from before their table had seals (account.h, caseseal.h). */
static err_t seal_legacy_tx(db_t *db, void *ud) {
  seal_ctx_t *c = ud;
  err_t e = account_seal_legacy(db, c->keys, &c->accounts);
  return e ? e : caseseal_seal_legacy(db, c->keys, &c->case_rows);
}

err_t app_open(app_t *app, const config_t *cfg) {
  err_t e;
  db_t *db = NULL;
  int created = 0, applied = 0;
  memset(app, 0, sizeof *app);
  app->cfg = *cfg;
  app->max_body = (size_t)config_int(cfg->max_body_kb, 256) * 1024;
  app->max_upload = (size_t)config_int(cfg->max_upload_mb, 20) * 1024 * 1024 + 64 * 1024; /* + multipart overhead */
  app->session_ttl = config_int(cfg->session_hours, 8) * 3600;
  if ((e = fs_mkdirs(cfg->data_dir))) return e;
  if ((e = keys_load_or_create(cfg->key_file, &app->keys, &created))) return e;
  if (created) log_info("kunci server baru dibuat: %s (mode 0600)", cfg->key_file);
  unsigned mode = keys_file_mode(cfg->key_file);
  if (mode & 077)
    log_warn("berkas kunci %s dapat dibaca pengguna lain (izin %04o): siapa pun di mesin ini dapat membuka "
             "identitas pelapor yang disegel. Jalankan: chmod 600 %s",
             cfg->key_file, mode, cfg->key_file);
  const char *dbu = cfg->db;
  if (strncmp(dbu, "sqlite:", 7) == 0 && (e = fs_mkdirs_for(dbu + 7))) return e;
  if ((e = store_open(dbu, &app->store))) return e;
  if ((e = store_acquire(app->store, &db))) goto fail;
  e = store_migrate(db, &applied);
  seal_ctx_t sealed = {&app->keys, 0, 0};
  if (!e) e = store_write(db, seal_legacy_tx, &sealed);
  store_release(app->store, db);
  if (e) goto fail;
  if (applied) log_info("%d migrasi diterapkan (skema versi %d)", applied, migrations_latest());
  if (sealed.accounts)
    log_info("%d akun dari sebelum segel akun kini disegel (log audit: akun.segel_awal)", sealed.accounts);
  if (sealed.case_rows)
    log_info("%ld baris kasus, bukti dan rekomendasi dari sebelum segel kasus kini disegel (log audit: kasus.segel_awal)",
             sealed.case_rows);
  app->login = (account_limits_t){config_int(cfg->rate_login, 5), config_int(cfg->rate_login_akun, 50),
                                  config_int(cfg->rate_login_ip, 20)};
  long intake = config_int(cfg->rate_intake, 20);
  app->intake = throttle_new(intake, 3600);
  /* Evidence on a public report needs only its kode: as many files per hour as an
   * address could attach to the reports it may file, so a leaked kode cannot be
   * used to fill the disk faster than new reports could. */
  app->upload = throttle_new(intake * config_int(cfg->max_files, 10), 3600);
  if (!app->intake || !app->upload) { e = ERR_NOMEM; goto fail; }
  for (size_t i = 0; i < app_modules_count; i++) {
    if ((e = app_modules[i].open(app))) {
      e = err_set(e, NULL, "Modul %s gagal dimuat: %s", app_modules[i].name, err_message(e));
      goto fail;
    }
  }
  return ERR_OK;
fail:
  app_close(app);
  return e;
}

void app_close(app_t *app) {
  for (size_t i = app_modules_count; i-- > 0;)
    if (app_modules[i].close) app_modules[i].close(app);
  throttle_free(app->intake);
  throttle_free(app->upload);
  store_close(app->store);
  sodium_memzero(&app->keys, sizeof app->keys);
  app->store = NULL;
  app->intake = app->upload = NULL;
}
