/* config.c — defaults → environment → flags, from CONFIG_TABLE (see config.h). */
#include "core/config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

typedef struct {
  const char *env, *flag, *def, *help;
  size_t offset;
} config_row_t;

static const config_row_t config_rows[] = {
#define X(field, env, flag, def, help) {env, flag, def, help, offsetof(config_t, field)},
    CONFIG_TABLE(X)
#undef X
};
enum { CONFIG_N = sizeof config_rows / sizeof config_rows[0] };

static const char **slot(config_t *cfg, const config_row_t *r) {
  return (const char **)(void *)((char *)cfg + r->offset);
}

err_t config_load(config_t *cfg, int *argc, char **argv) {
  for (size_t i = 0; i < CONFIG_N; i++) {
    const char *v = getenv(config_rows[i].env);
    *slot(cfg, &config_rows[i]) = (v && *v) ? v : config_rows[i].def;
  }
  int out = 0;
  for (int i = 0; i < *argc; i++) {
    const char *a = argv[i];
    int used = 0;
    for (size_t r = 0; r < CONFIG_N && !used; r++) {
      const char *flag = config_rows[r].flag;
      size_t fl = strlen(flag);
      if (strncmp(a, flag, fl) != 0) continue;
      if (a[fl] == '=') {
        *slot(cfg, &config_rows[r]) = a + fl + 1;
        used = 1;
      } else if (a[fl] == '\0') {
        if (i + 1 >= *argc) return err_set(ERR_INVALID, flag, "%s: nilai belum diberikan.", flag);
        *slot(cfg, &config_rows[r]) = argv[++i];
        used = 1;
      }
    }
    if (!used) argv[out++] = argv[i];
  }
  *argc = out;
  argv[out] = NULL;
  return ERR_OK;
}

long config_int(const char *value, long def) {
  if (!value || !*value) return def;
  char *end;
  long v = strtol(value, &end, 10);
  return (*end == '\0' && v >= 0) ? v : def;
}

void config_print_help(FILE *out) {
  fprintf(out, "Pengaturan (variabel lingkungan / opsi, nilai bawaan):\n");
  for (size_t i = 0; i < CONFIG_N; i++)
    fprintf(out, "  %-22s %-17s %-22s %s\n", config_rows[i].env, config_rows[i].flag, config_rows[i].def,
            config_rows[i].help);
}
