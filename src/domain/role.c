/* role.c — role table lookups (see role.h). */
#include "domain/role.h"

#include <string.h>

#include "core/banned.h"

static const struct {
  role_t role;
  const char *code, *label;
} role_rows[] = {
#define X(name, bit, code, label) {ROLE_##name, code, label},
    ROLE_TABLE(X)
#undef X
};

role_t role_parse(const char *code) {
  if (!code) return ROLE_NONE;
  for (size_t i = 0; i < sizeof role_rows / sizeof role_rows[0]; i++)
    if (strcmp(role_rows[i].code, code) == 0) return role_rows[i].role;
  return ROLE_NONE;
}

const char *role_code(role_t r) {
  for (size_t i = 0; i < sizeof role_rows / sizeof role_rows[0]; i++)
    if (role_rows[i].role == r) return role_rows[i].code;
  return "";
}

const char *role_label(role_t r) {
  for (size_t i = 0; i < sizeof role_rows / sizeof role_rows[0]; i++)
    if (role_rows[i].role == r) return role_rows[i].label;
  return "Publik";
}

const role_t *role_all(size_t *n) {
  static const role_t all[] = {
#define X(name, bit, code, label) ROLE_##name,
      ROLE_TABLE(X)
#undef X
  };
  _Static_assert(sizeof all / sizeof all[0] == ROLE_COUNT, "ROLE_COUNT matches ROLE_TABLE");
  if (n) *n = ROLE_COUNT;
  return all;
}
