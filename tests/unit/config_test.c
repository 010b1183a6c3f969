/*
 * config_test.c — settings from defaults, environment and flags, and where
 * the command's own options begin: `netral screen --threads 2` is screen's
 * scanner threads (the command owns --threads), `netral serve --threads 8`
 * and `netral --threads 3 screen` set the HTTP pool.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

static const char *const screen_own[] = {"--threads", NULL};

typedef struct {
  const char *args[8];      /* argv, NULL-terminated */
  int own;                  /* pass screen_own */
  const char *threads;      /* expected cfg.threads */
  const char *listen;       /* expected cfg.listen */
  const char *left[8];      /* expected argv after, NULL-terminated */
  int cmd;                  /* expected config_command_index */
} row_t;

static const row_t rows[] = {
    {{"netral", "screen", "--threads", "2", "x.jsonl"}, 1, "4", "127.0.0.1:8080",
     {"netral", "screen", "--threads", "2", "x.jsonl"}, 1},
    {{"netral", "screen", "--threads=2", "--listen", "0.0.0.0:1"}, 1, "4", "0.0.0.0:1",
     {"netral", "screen", "--threads=2"}, 1},
    {{"netral", "--threads", "3", "screen", "--json"}, 1, "3", "127.0.0.1:8080", {"netral", "screen", "--json"}, 3},
    {{"netral", "serve", "--threads", "8"}, 0, "8", "127.0.0.1:8080", {"netral", "serve"}, 1},
    {{"netral", "--listen=1.2.3.4:5", "serve"}, 0, "4", "1.2.3.4:5", {"netral", "serve"}, 2},
    {{"netral"}, 0, "4", "127.0.0.1:8080", {"netral"}, 1},
};

static void test_command_owns_its_flags(void **state) {
  (void)state;
  unsetenv("NETRAL_THREADS");
  unsetenv("NETRAL_LISTEN");
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
    const row_t *r = &rows[i];
    char *argv[9];
    int argc = 0;
    while (r->args[argc]) argv[argc] = (char *)r->args[argc], argc++;
    argv[argc] = NULL;
    assert_int_equal(config_command_index(argc, argv), r->cmd);
    config_t cfg;
    assert_int_equal(config_load(&cfg, &argc, argv, r->own ? screen_own : NULL), ERR_OK);
    assert_string_equal(cfg.threads, r->threads);
    assert_string_equal(cfg.listen, r->listen);
    int k = 0;
    while (r->left[k]) {
      assert_true(k < argc);
      assert_string_equal(argv[k], r->left[k]);
      k++;
    }
    assert_int_equal(argc, k);
    assert_null(argv[argc]);
  }
}

static void test_environment_then_flags(void **state) {
  (void)state;
  setenv("NETRAL_THREADS", "6", 1);
  char *argv[] = {"netral", "serve", NULL};
  int argc = 2;
  config_t cfg;
  assert_int_equal(config_load(&cfg, &argc, argv, NULL), ERR_OK);
  assert_string_equal(cfg.threads, "6");
  char *argv2[] = {"netral", "serve", "--threads", "7", NULL};
  argc = 4;
  assert_int_equal(config_load(&cfg, &argc, argv2, NULL), ERR_OK);
  assert_string_equal(cfg.threads, "7");
  unsetenv("NETRAL_THREADS");
}

static void test_missing_value_names_the_flag(void **state) {
  (void)state;
  char *argv[] = {"netral", "serve", "--listen", NULL};
  int argc = 3;
  config_t cfg;
  err_t e = config_load(&cfg, &argc, argv, NULL);
  assert_int_equal(e, ERR_INVALID);
  assert_string_equal(err_field(e), "--listen");
  assert_non_null(strstr(err_message(e), "nilai belum diberikan"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_command_owns_its_flags),
      cmocka_unit_test(test_environment_then_flags),
      cmocka_unit_test(test_missing_value_names_the_flag),
  };
  return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
