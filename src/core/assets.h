/*
 * assets.h — read the data files shipped with Netral (data/ in the repo).
 *
 * Lookup order for the data directory: $NETRAL_SHARE_DIR, ./data (the
 * repository root, as `make run` and the tests use), then <dir of the
 * executable>/../data. Files are small tables (CSV/JSON) read whole.
 */
#ifndef NETRAL_ASSETS_H
#define NETRAL_ASSETS_H
#include <stddef.h>
#include "core/err.h"

/* Read data/<rel> whole. *out is NUL-terminated; caller frees with xfree. */
err_t assets_read(const char *rel, char **out, size_t *len);
/* Full path of data/<rel> into dst (for streaming readers). */
err_t assets_path(const char *rel, char *dst, size_t cap);
/* Read any file whole (same contract as assets_read). */
err_t file_read_all(const char *path, char **out, size_t *len);
#endif
