/* modules.c — feature modules loaded at start into app->ext (see app.h). */
#include "http/app.h"
#include "core/banned.h"

const app_module_t app_modules[] = {
    {"-", NULL, NULL},
};
const size_t app_modules_count = 0;
