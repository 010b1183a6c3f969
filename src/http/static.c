/*
 * static.c — files of the web UI from NETRAL_WEB_DIR, and the kecamatan
 * GeoJSON from data/ at /data/kecamatan_jatim.geojson. Paths with "..",
 * backslashes or NULs are refused; MIME types come from a table.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assets.h"
#include "http/http.h"
#include "core/banned.h"

static const struct {
  const char *ext, *mime;
} mime_rows[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json; charset=utf-8"},
    {".geojson", "application/geo+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".ico", "image/x-icon"},
    {".webmanifest", "application/manifest+json"},
    {".txt", "text/plain; charset=utf-8"},
    {".woff2", "font/woff2"},
};

static const char *mime_for(const char *path) {
  const char *dot = strrchr(path, '.');
  if (dot)
    for (size_t i = 0; i < sizeof mime_rows / sizeof mime_rows[0]; i++)
      if (strcmp(dot, mime_rows[i].ext) == 0) return mime_rows[i].mime;
  return "application/octet-stream";
}

static int path_safe(const char *p) {
  if (p[0] != '/') return 0;
  if (strstr(p, "..") || strchr(p, '\\') || strstr(p, "//")) return 0;
  for (const char *c = p; *c; c++)
    if ((unsigned char)*c < 0x20) return 0;
  return 1;
}

static void not_found(resp_t *rs) {
  buf_reset(&rs->body);
  buf_puts(&rs->body,
           "<!doctype html><html lang=\"id\"><meta charset=\"utf-8\"><title>Tidak ditemukan</title>"
           "<p>Halaman tidak ditemukan. <a href=\"/\">Kembali ke beranda</a></p></html>");
  rs->status = 404;
  rs->ctype = "text/html; charset=utf-8";
}

void http_static(const app_t *app, const char *path, resp_t *rs) {
  char full[PATH_MAX];
  if (!path_safe(path)) {
    not_found(rs);
    return;
  }
  if (strcmp(path, "/data/kecamatan_jatim.geojson") == 0) {
    if (assets_path("wilayah/kecamatan_jatim.geojson", full, sizeof full)) {
      not_found(rs);
      return;
    }
  } else {
    int n = snprintf(full, sizeof full, "%s%s%s", app->cfg.web_dir, path,
                     path[strlen(path) - 1] == '/' ? "index.html" : "");
    if (n < 0 || (size_t)n >= sizeof full) {
      not_found(rs);
      return;
    }
  }
  int fd = open(full, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    if (fd >= 0) close(fd);
    not_found(rs);
    return;
  }
  rs->file_fd = fd;
  rs->file_size = (uint64_t)st.st_size;
  rs->ctype = mime_for(full);
  rs->status = 200;
  rs->cache = 0;
}
