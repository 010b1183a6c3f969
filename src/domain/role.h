/*
 * role.h — staff roles (DOMAIN.md "Who uses it"). Each role is one bit so a
 * user's roles and a transition's permitted roles are both masks. The public
 * (publik) is not a role: it files and tracks reports without logging in.
 */
#ifndef NETRAL_ROLE_H
#define NETRAL_ROLE_H
#include <stddef.h>
#include "core/err.h"

typedef enum {
  ROLE_PKD = 1u << 0,       /* Pengawas Kelurahan/Desa */
  ROLE_PANWASCAM = 1u << 1, /* Panwaslu Kecamatan */
  ROLE_BAWASLU = 1u << 2,   /* Bawaslu kabupaten/kota */
  ROLE_PEMDA = 1u << 3,     /* Sekda / BKPSDM / Inspektorat */
  ROLE_BKN = 1u << 4,       /* Badan Kepegawaian Negara */
  ROLE_ADMIN = 1u << 5,     /* administrator sistem */
} role_t;

enum { ROLE_ALL = 0x3f, ROLE_COUNT = 6 };

const char *role_name(role_t r);  /* "pkd"; NULL for a non-role; static */
const char *role_label(role_t r); /* "Pengawas Kelurahan/Desa"; static */
/* "bawaslu" -> ROLE_BAWASLU; ERR_INVALID field "peran" when unknown. */
err_t role_parse(const char *name, role_t *out);
/* All roles in display order (static); *n gets ROLE_COUNT. */
const role_t *role_all(size_t *n);
#endif
