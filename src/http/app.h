/* app.h — open and close the application context shared by server and CLI. */
#ifndef NETRAL_APP_H
#define NETRAL_APP_H
#include "http/http.h"
/* Open store (migrating it), load or create keys, set limits from cfg.
 * quiet: do not log key creation. */
err_t app_open(app_t *app, const config_t *cfg);
void app_close(app_t *app);
/* Loaded-module hooks: modules register open/close functions for app->ext. */
typedef struct {
  const char *name;
  err_t (*open)(app_t *app);
  void (*close)(app_t *app);
} app_module_t;
#endif
