/* screen_api.h — the screening module (engine in app->ext[APP_EXT_SCREEN]) and its handlers. */
#ifndef NETRAL_SCREEN_API_H
#define NETRAL_SCREEN_API_H
#include "api/api.h"
#include "screen/engine.h"

/* Module hooks (src/api/modules.c): open the engine with the shipped rules,
 * caching the compiled database in cfg.data_dir; close frees it. */
err_t screen_module_open(app_t *app);
void screen_module_close(app_t *app);
const screen_engine_t *screen_engine_of(const app_t *app); /* borrowed; NULL when not loaded */

err_t api_screen_post(req_t *rq, resp_t *rs);
err_t api_screen_antrian(req_t *rq, resp_t *rs);
err_t api_screen_keputusan(req_t *rq, resp_t *rs);
err_t api_screen_presisi(req_t *rq, resp_t *rs);
#endif
