/*
 * screen_fixture.h — cmocka group setup/teardown that open the screening
 * engine on the shipped rules (data/screen/, no cache) as `eng`. Include
 * after cmocka.h in one test file.
 */
#ifndef NETRAL_TEST_SCREEN_FIXTURE_H
#define NETRAL_TEST_SCREEN_FIXTURE_H

#include <stdio.h>

#include "screen/engine.h"

static screen_engine_t *eng;

static int setup(void **st) {
  (void)st;
  screen_opts_t o = {NULL, NULL, NULL, NULL, NULL, ""}; /* shipped rules, no cache */
  err_t rc = screen_engine_open_opts(&o, &eng);
  if (rc) fprintf(stderr, "%s\n", err_message(rc));
  return rc ? -1 : 0;
}

static int teardown(void **st) {
  (void)st;
  screen_engine_free(eng);
  return 0;
}

#endif
