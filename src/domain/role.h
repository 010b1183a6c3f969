/*
 * role.h — staff roles (DOMAIN.md "Who uses it"). Each role is one bit so a
 * route or a workflow transition can allow a set of roles as a mask.
 * The public (publik) has no account and no role bit.
 */
#ifndef NETRAL_ROLE_H
#define NETRAL_ROLE_H
#include <stddef.h>

#define ROLE_TABLE(X) \
  X(PKD,       0, "pkd",       "Pengawas Kelurahan/Desa (PKD)") \
  X(PANWASCAM, 1, "panwascam", "Panwaslu Kecamatan") \
  X(BAWASLU,   2, "bawaslu",   "Bawaslu Kabupaten/Kota") \
  X(PEMDA,     3, "pemda",     "Pemerintah Daerah (Sekda/BKPSDM/Inspektorat)") \
  X(BKN,       4, "bkn",       "Badan Kepegawaian Negara (BKN)") \
  X(ADMIN,     5, "admin",     "Administrator sistem")

typedef enum {
  ROLE_NONE = 0,
#define X(name, bit, code, label) ROLE_##name = 1 << bit,
  ROLE_TABLE(X)
#undef X
} role_t;

enum { ROLE_COUNT = 6 };
#define ROLE_ALL (ROLE_PKD | ROLE_PANWASCAM | ROLE_BAWASLU | ROLE_PEMDA | ROLE_BKN | ROLE_ADMIN)
#define ROLE_PENGAWAS (ROLE_PKD | ROLE_PANWASCAM | ROLE_BAWASLU)

role_t role_parse(const char *code);   /* ROLE_NONE when unknown */
const char *role_code(role_t r);       /* "pkd"…; "" for none; static */
const char *role_label(role_t r);      /* Indonesian label; static */
const role_t *role_all(size_t *n);     /* every role in table order; static; *n = ROLE_COUNT */
#endif
