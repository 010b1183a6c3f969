/* fsutil.c — see fsutil.h. */
#include "core/fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/banned.h"

err_t fs_mkdirs(const char *dir) {
  char p[PATH_MAX];
  int n = snprintf(p, sizeof p, "%s", dir);
  if (n <= 0 || (size_t)n >= sizeof p) return err_set(ERR_IO, NULL, "Jalur folder tidak valid.");
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0700) != 0 && errno != EEXIST) return err_set(ERR_IO, NULL, "Tidak dapat membuat folder %s: %s", p, strerror(errno));
    *s = '/';
  }
  if (mkdir(p, 0700) != 0 && errno != EEXIST) return err_set(ERR_IO, NULL, "Tidak dapat membuat folder %s: %s", p, strerror(errno));
  return ERR_OK;
}

err_t fs_mkdirs_for(const char *filepath) {
  char p[PATH_MAX];
  int n = snprintf(p, sizeof p, "%s", filepath);
  if (n <= 0 || (size_t)n >= sizeof p) return err_set(ERR_IO, NULL, "Jalur berkas tidak valid.");
  char *slash = strrchr(p, '/');
  if (!slash || slash == p) return ERR_OK;
  *slash = '\0';
  return fs_mkdirs(p);
}

int fs_exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

err_t fs_write_atomic(const char *path, const void *data, size_t len) {
  char tmp[PATH_MAX];
  /* A unique temp name per call: two threads writing the same path never share it. */
  int n = snprintf(tmp, sizeof tmp, "%s.tmp.XXXXXX", path);
  if (n <= 0 || (size_t)n >= sizeof tmp) return err_set(ERR_IO, NULL, "Jalur berkas terlalu panjang.");
  err_t e = fs_mkdirs_for(path);
  if (e) return e;
  int fd = mkstemp(tmp);
  if (fd < 0) return err_set(ERR_IO, NULL, "Tidak dapat menulis %s: %s", tmp, strerror(errno));
  const char *p = data;
  size_t left = len;
  while (left) {
    ssize_t w = write(fd, p, left);
    if (w < 0) {
      if (errno == EINTR) continue;
      close(fd);
      unlink(tmp);
      return err_set(ERR_IO, NULL, "Gagal menulis %s: %s", tmp, strerror(errno));
    }
    p += w;
    left -= (size_t)w;
  }
  if (fsync(fd) != 0 || close(fd) != 0) { unlink(tmp); return err_set(ERR_IO, NULL, "Gagal menyimpan %s.", path); }
  if (rename(tmp, path) != 0) { unlink(tmp); return err_set(ERR_IO, NULL, "Gagal menyimpan %s.", path); }
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s", path);
  char *slash = strrchr(dir, '/');
  if (slash) {
    *slash = '\0';
    int dfd = open(slash == dir ? "/" : dir, O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) { fsync(dfd); close(dfd); }
  }
  return ERR_OK;
}
