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

/* The row whose flag a is ("--listen" or "--listen=…"); *inline_value set
 * when the value is part of a. NULL when a is not a setting. */
static const config_row_t *flag_row(const char *a, int *inline_value) {
  for (size_t r = 0; r < CONFIG_N; r++) {
    size_t fl = strlen(config_rows[r].flag);
    if (strncmp(a, config_rows[r].flag, fl) != 0 || (a[fl] != '=' && a[fl] != '\0')) continue;
    *inline_value = a[fl] == '=';
    return &config_rows[r];
  }
  return NULL;
}

static int owned(const char *a, const char *const *own) {
  for (; own && *own; own++) {
    size_t fl = strlen(*own);
    if (!strncmp(a, *own, fl) && (a[fl] == '=' || a[fl] == '\0')) return 1;
  }
  return 0;
}

int config_command_index(int argc, char *const *argv) {
  for (int i = 1; i < argc; i++) {
    int inl;
    if (!flag_row(argv[i], &inl)) return i;
    if (!inl) i++; /* its value */
  }
  return argc;
}

err_t config_load(config_t *cfg, int *argc, char **argv, const char *const *own) {
  for (size_t i = 0; i < CONFIG_N; i++) {
    const char *v = getenv(config_rows[i].env);
    *slot(cfg, &config_rows[i]) = (v && *v) ? v : config_rows[i].def;
  }
  int cmd = config_command_index(*argc, argv), out = 0;
  for (int i = 0; i < *argc; i++) {
    const char *a = argv[i];
    int inl = 0;
    const config_row_t *r = i > 0 ? flag_row(a, &inl) : NULL;
    if (r && i > cmd && owned(a, own)) { /* the command's own option and its value */
      argv[out++] = argv[i];
      if (!inl && i + 1 < *argc) argv[out++] = argv[++i];
      continue;
    }
    if (!r) {
      argv[out++] = argv[i];
      continue;
    }
    if (inl) {
      *slot(cfg, r) = a + strlen(r->flag) + 1;
    } else {
      if (i + 1 >= *argc) return err_set(ERR_INVALID, r->flag, "%s: nilai belum diberikan.", r->flag);
      *slot(cfg, r) = argv[++i];
    }
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
