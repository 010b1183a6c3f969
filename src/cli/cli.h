/* cli.h — the git-style command table and what commands share. */
#ifndef NETRAL_CLI_H
#define NETRAL_CLI_H
#include "core/config.h"
#include "http/app.h"

typedef int (*cli_fn)(int argc, char **argv);
typedef struct {
  const char *name;
  cli_fn fn;
  const char *usage; /* Indonesian one-liner for `netral --help` */
  /* options the command parses itself that share a setting's name (NULL
   * = none): after the command they are its own (config_load) */
  const char *const *own;
} cli_command_t;

int cli_main(int argc, char **argv);
const config_t *cli_config(void);
/* Open the application (store, keys, migrations); prints the error and returns 1 on failure. */
int cli_app_open(app_t *app);
/* Print "galat: <message>" for e to stderr; returns exit code 1. */
int cli_fail(err_t e);
/* Value of --name in argv (also --name=value), or NULL. */
const char *cli_opt(int argc, char **argv, const char *name);
int cli_flag(int argc, char **argv, const char *name);
#endif
