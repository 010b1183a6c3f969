/*
 * multipart.h — parse a multipart/form-data request body held in memory
 * (RFC 7578 on top of RFC 2046 §5.1).
 *
 * The server collects the whole body first (bounded by its body limit), then
 * multipart_parse() splits it into parts in one pass. Part content is never
 * copied: data/len point into the caller's body buffer, so the body must
 * outlive the parts. Names, filenames and content types are copied into small
 * fixed buffers inside multipart_part_t so they are NUL-terminated.
 *
 * Invariants and choices:
 * - Binary-safe: the body may contain NUL, CR, LF and anything else; only the
 *   delimiter "CRLF--boundary" followed by "--", optional blanks + CRLF ends
 *   a part. A line that merely starts with the boundary and goes on with other
 *   bytes stays content (such a line is outside RFC 2046, we do not guess).
 * - Preamble before the first delimiter and epilogue after the closing
 *   "--boundary--" are ignored. A body without the closing delimiter is refused.
 * - Header names are case-insensitive; only Content-Disposition (must be
 *   form-data with a name) and Content-Type are read, others are ignored.
 * - filename is reduced to its last path component (RFC 7578 §4.2: no
 *   directory information), and truncated on a UTF-8 character boundary if
 *   longer than the buffer: it is only shown to people, never used as a path.
 * - A part without Content-Type gets "text/plain" (RFC 7578 §4.4). The type is
 *   what the client claims and must not be trusted; evidence is sniffed.
 */
#ifndef NETRAL_MULTIPART_H
#define NETRAL_MULTIPART_H
#include "core/limits.h"
#include <stddef.h>

#include "core/err.h"

enum {
  MULTIPART_BOUNDARY_MAX = LIMIT_MULTIPART_BOUNDARY,
  MULTIPART_NAME_MAX = LIMIT_MULTIPART_NAME,
  MULTIPART_FILENAME_MAX = LIMIT_MULTIPART_FILENAME,
  MULTIPART_TYPE_MAX = LIMIT_MULTIPART_TYPE,
  MULTIPART_HEADERS_MAX = LIMIT_MULTIPART_HEADERS,
};

typedef struct {
  char name[MULTIPART_NAME_MAX];         /* form field name, never empty */
  char filename[MULTIPART_FILENAME_MAX]; /* "" unless has_filename */
  int has_filename;                      /* 1 when filename= was present (even "") */
  char content_type[MULTIPART_TYPE_MAX]; /* lowercased media type without parameters */
  const char *data;                      /* borrowed from body; not NUL-terminated */
  size_t len;
} multipart_part_t;

/* Split body (len bytes) into at most cap parts; *n gets the count.
 * content_type is the request's Content-Type header value.
 * Errors (with Indonesian detail via err_set):
 *   ERR_BAD_REQUEST  not multipart/form-data, no/invalid boundary, malformed body
 *   ERR_TOO_LARGE    more than cap parts
 * On error *n is 0 and the contents of parts are unspecified. */
err_t multipart_parse(const char *content_type, const char *body, size_t len,
                      multipart_part_t *parts, size_t cap, size_t *n);

/* The filename, or NULL when the part is a plain field. Borrowed from p. */
const char *multipart_filename(const multipart_part_t *p);

/* First part named name, or NULL. Borrowed from parts. */
const multipart_part_t *multipart_find(const multipart_part_t *parts, size_t n, const char *name);
#endif
