/* role.c — role names and Indonesian labels, one table (see role.h). */
#include "domain/role.h"

#include <string.h>

#include "core/banned.h"

static const struct {
  role_t role;
  const char *name, *label;
} role_rows[ROLE_COUNT] = {
    {ROLE_PKD, "pkd", "Pengawas Kelurahan/Desa"},
    {ROLE_PANWASCAM, "panwascam", "Panwaslu Kecamatan"},
    {ROLE_BAWASLU, "bawaslu", "Bawaslu Kabupaten/Kota"},
    {ROLE_PEMDA, "pemda", "Pemerintah Daerah (Sekda/BKPSDM/Inspektorat)"},
    {ROLE_BKN, "bkn", "Badan Kepegawaian Negara"},
    {ROLE_ADMIN, "admin", "Administrator"},
};

const char *role_name(role_t r) {
  for (size_t i = 0; i < ROLE_COUNT; i++)
    if (role_rows[i].role == r) return role_rows[i].name;
  return NULL;
}

const char *role_label(role_t r) {
  for (size_t i = 0; i < ROLE_COUNT; i++)
    if (role_rows[i].role == r) return role_rows[i].label;
  return NULL;
}

err_t role_parse(const char *name, role_t *out) {
  for (size_t i = 0; name && i < ROLE_COUNT; i++) {
    if (strcmp(role_rows[i].name, name) == 0) {
      *out = role_rows[i].role;
      return ERR_OK;
    }
  }
  return err_set(ERR_INVALID, "peran", "Peran tidak dikenal; pilih pkd, panwascam, bawaslu, pemda, bkn atau admin.");
}

const role_t *role_all(size_t *n) {
  static const role_t all[ROLE_COUNT] = {ROLE_PKD, ROLE_PANWASCAM, ROLE_BAWASLU, ROLE_PEMDA, ROLE_BKN, ROLE_ADMIN};
  if (n) *n = ROLE_COUNT;
  return all;
}
