/* fsutil.h — small filesystem helpers: mkdir -p, durable atomic writes. */
#ifndef NETRAL_FSUTIL_H
#define NETRAL_FSUTIL_H
#include <stddef.h>
#include "core/err.h"
err_t fs_mkdirs(const char *dir);          /* mkdir -p, mode 0700 */
err_t fs_mkdirs_for(const char *filepath); /* mkdir -p of the parent directory */
/* Write data to path atomically: temp file, fsync, rename, fsync dir. */
err_t fs_write_atomic(const char *path, const void *data, size_t len);
int fs_exists(const char *path);
#endif
