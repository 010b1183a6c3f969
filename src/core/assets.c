/* assets.c — locate and read shipped data files (see assets.h). */
#include "core/assets.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/banned.h"

static int is_dir(const char *p) {
  struct stat st;
  return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static err_t data_dir(char *dst, size_t cap) {
  const char *env = getenv("NETRAL_SHARE_DIR");
  if (env && *env) {
    snprintf(dst, cap, "%s", env);
    return ERR_OK;
  }
  if (is_dir("data/wilayah")) {
    snprintf(dst, cap, "data");
    return ERR_OK;
  }
  char exe[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  if (n > 0) {
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    static const char *const up[] = {"/../data", "/../../data"};
    for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
      size_t el = strlen(exe), ul = strlen(up[i]);
      if (el + ul + 1 > cap) break;
      memcpy(dst, exe, el);
      memcpy(dst + el, up[i], ul + 1);
      if (is_dir(dst)) return ERR_OK;
    }
  }
  return err_set(ERR_IO, NULL, "Folder data Netral tidak ditemukan (atur NETRAL_SHARE_DIR).");
}

err_t assets_path(const char *rel, char *dst, size_t cap) {
  char dir[PATH_MAX];
  err_t e = data_dir(dir, sizeof dir);
  if (e) return e;
  int n = snprintf(dst, cap, "%s/%s", dir, rel);
  if (n < 0 || (size_t)n >= cap) return err_set(ERR_IO, NULL, "Jalur berkas data terlalu panjang.");
  return ERR_OK;
}

err_t file_read_all(const char *path, char **out, size_t *len) {
  err_t e = ERR_OK;
  char *data = NULL;
  FILE *f = fopen(path, "rb");
  if (!f) return err_set(ERR_IO, NULL, "Tidak dapat membuka %s: %s", path, strerror(errno));
  if (fseek(f, 0, SEEK_END) != 0) { e = ERR_IO; goto done; }
  long sz = ftell(f);
  if (sz < 0 || fseek(f, 0, SEEK_SET) != 0) { e = ERR_IO; goto done; }
  data = xmalloc((size_t)sz + 1);
  if (!data) { e = ERR_NOMEM; goto done; }
  if (fread(data, 1, (size_t)sz, f) != (size_t)sz) { e = err_set(ERR_IO, NULL, "Gagal membaca %s", path); goto done; }
  data[sz] = '\0';
  *out = data;
  if (len) *len = (size_t)sz;
  data = NULL;
done:
  xfree(data);
  fclose(f);
  return e;
}

err_t assets_read(const char *rel, char **out, size_t *len) {
  char path[PATH_MAX];
  err_t e = assets_path(rel, path, sizeof path);
  if (e) return e;
  return file_read_all(path, out, len);
}
