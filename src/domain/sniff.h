/*
 * sniff.h — decide the type of an evidence file (bukti) from its first bytes.
 *
 * Only magic bytes count: the file name, its extension and the Content-Type
 * the browser sent are ignored, so an HTML page renamed foto.jpg is refused.
 * The accepted types are one table in sniff.c (JPEG, PNG, WebP, PDF, MP4,
 * MP3, M4A, OGG); adding a type is adding a row. Callers should pass at least
 * the first SNIFF_HEAD bytes of the file (fewer only when the file is shorter).
 */
#ifndef NETRAL_SNIFF_H
#define NETRAL_SNIFF_H
#include <stddef.h>
#include "core/err.h"

enum { SNIFF_HEAD = 64 };

typedef struct {
  const char *name; /* short label shown to users: "JPEG" */
  const char *mime; /* "image/jpeg" */
  const char *ext;  /* canonical extension without dot: "jpg" */
} sniff_type_t;

/* *out = the matching row (borrowed, static). ERR_UNSUPPORTED_TYPE with field
 * "bukti" and an Indonesian message listing the allowed types otherwise. */
err_t sniff_type(const unsigned char *p, size_t n, const sniff_type_t **out);

/* The accepted types in table order (borrowed, static); *n gets the count. */
const sniff_type_t *sniff_types(size_t *n);
#endif
