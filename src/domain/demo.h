/* demo.h — demo cases for a fresh `make run`, so the desk, the dashboard and
 * the map show something real. Only on a database without cases. */
#ifndef NETRAL_DEMO_H
#define NETRAL_DEMO_H
#include "domain/case.h"
err_t demo_seed_cases(db_t *db, const case_ctx_t *cx, int *created);
#endif
