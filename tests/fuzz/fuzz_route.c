/*
 * fuzz_route.c — the request line as libmicrohttpd hands it to server.c:
 * method, path (already percent-decoded, so any byte but NUL) and query.
 *
 * Input layout: the method up to the first ' ' (no ' ': the method is GET
 * and the whole input is the URL), then the URL; a '?' starts the query,
 * split on '&' and '=' as libmicrohttpd does. Every input goes through
 * http_route() over the real table (api_routes), http_body_limit(),
 * http_dispatch() when that needs no database (no session, so a non-public
 * route or no route at all), and http_static() over a throw-away web
 * directory with a secret file next to it.
 *
 * Checked beyond "no crash, no sanitizer report":
 *  - http_route agrees with a segment-by-segment reference matcher: ERR_OK
 *    with the first row of that method whose pattern matches, ERR_METHOD
 *    when the path matches only rows of other methods, else ERR_NOT_FOUND;
 *  - the captured parameters are as many as the pattern's {}, non-empty,
 *    without '/', and the pattern with each {} replaced by its parameter is
 *    the path again: they are exactly pieces of the input;
 *  - http_body_limit gives the upload limit iff the matched row is
 *    ROUTE_UPLOAD, the JSON limit otherwise;
 *  - without a session a non-public route answers 401, an unknown path 404
 *    and a known path with the wrong method 405, each a JSON error;
 *  - req_query finds the first value of each query name;
 *  - http_static serves a file (200 with an open descriptor) only for a path
 *    that starts with '/' and holds no "..", backslash or control byte, and
 *    the open file lies inside the web directory (its real path, read from
 *    /proc/self/fd) or is the shipped kecamatan GeoJSON; everything else is
 *    a 404 page without a descriptor.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/assets.h"
#include "http/http.h"
#include "core/banned.h"

static app_t app;
static char base[64], web[PATH_MAX], web_real[PATH_MAX], geojson_real[PATH_MAX];

static void fail(const char *what, const char *method, const char *path) {
  fprintf(stderr, "fuzz_route: %s: metode \"%s\" jalur \"%s\"\n", what, method, path);
  abort();
}

static void put_file(const char *rel, const char *text) {
  char p[PATH_MAX];
  snprintf(p, sizeof p, "%s/%s", base, rel);
  FILE *f = fopen(p, "w");
  if (!f || fputs(text, f) < 0 || fclose(f) != 0) fail("tidak dapat menyiapkan", "", p);
}

static void cleanup(void) {
  char cmd[128];
  snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
  if (system(cmd) != 0) fprintf(stderr, "fuzz_route: gagal menghapus %s\n", base);
}

/* Each {} must be a whole segment, at most HTTP_MAX_PARAMS of them: what ref_match knows. */
static void check_table(void) {
  for (size_t i = 0; i < api_routes_count; i++) {
    const char *p = api_routes[i].pattern, *c = p;
    int n = 0;
    if (p[0] != '/') fail("pola tidak diawali '/'", api_routes[i].method, p);
    while ((c = strstr(c, "{}"))) {
      if (c[-1] != '/' || (c[2] != '/' && c[2] != '\0') || ++n > HTTP_MAX_PARAMS)
        fail("pola di luar jangkauan pencocok acuan (perbarui fuzz_route.c)", api_routes[i].method, p);
      c += 2;
    }
  }
}

static void setup(void) {
  static const char *const dirs[] = {"web", "web/css", "web/kasus", "web-lain"};
  snprintf(base, sizeof base, "/tmp/netral-fuzz-route-XXXXXX");
  if (!mkdtemp(base)) abort();
  atexit(cleanup);
  for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", base, dirs[i]);
    if (mkdir(p, 0700) != 0) fail("mkdir", "", p);
  }
  put_file("web/index.html", "<!doctype html><title>Netral</title>\n");
  put_file("web/css/gaya.css", "body{margin:0}\n");
  put_file("web/kasus/index.html", "<!doctype html><title>Kasus</title>\n");
  put_file("web/lapor.js", "'use strict';\n");
  put_file("rahasia.txt", "di luar web/\n");
  put_file("web-lain/rahasia.txt", "folder tetangga dengan awalan yang sama\n");
  snprintf(web, sizeof web, "%s/web", base);
  if (!realpath(web, web_real)) fail("realpath", "", web);
  char g[PATH_MAX];
  if (assets_path("wilayah/kecamatan_jatim.geojson", g, sizeof g) == ERR_OK && !realpath(g, geojson_real))
    geojson_real[0] = '\0';
  app.cfg.web_dir = web;
  app.max_body = 1000;
  app.max_upload = 2000;
  check_table();
}

/* pattern vs path, segment by segment; "{}" is any non-empty segment. */
static int ref_match(const char *pat, const char *path) {
  for (;;) {
    const char *ps = strchr(pat, '/'), *qs = strchr(path, '/');
    size_t pn = ps ? (size_t)(ps - pat) : strlen(pat), qn = qs ? (size_t)(qs - path) : strlen(path);
    if (pn == 2 && memcmp(pat, "{}", 2) == 0) {
      if (qn == 0) return 0;
    } else if (pn != qn || memcmp(pat, path, pn) != 0) {
      return 0;
    }
    if (!ps || !qs) return !ps && !qs;
    pat = ps + 1;
    path = qs + 1;
  }
}

/* The pattern with its {} replaced by the captured parameters must be the path. */
static void check_params(const route_t *r, const req_t *rq, const char *method, const char *path) {
  const char *p = r->pattern, *q = path;
  int i = 0;
  while (*p) {
    if (p[0] == '{' && p[1] == '}') {
      if (i >= rq->nparams) fail("parameter kurang", method, path);
      const char *v = rq->params[i++];
      size_t n = strlen(v);
      if (n == 0 || strchr(v, '/') || strncmp(q, v, n) != 0) fail("parameter bukan potongan jalur", method, path);
      if (req_param(rq, i - 1) != v) fail("req_param", method, path);
      q += n;
      p += 2;
    } else {
      if (*p++ != *q++) fail("jalur tidak cocok dengan pola", method, path);
    }
  }
  if (*q || i != rq->nparams) fail("parameter berlebih atau jalur tersisa", method, path);
  if (req_param(rq, rq->nparams)[0] != '\0') fail("req_param di luar jumlah", method, path);
}

static void check_route(const char *method, const char *path, http_kv_t *query, int nquery) {
  long want = -1;
  int path_seen = 0;
  for (size_t i = 0; i < api_routes_count; i++) {
    if (!ref_match(api_routes[i].pattern, path)) continue;
    path_seen = 1;
    if (want < 0 && strcmp(api_routes[i].method, method) == 0) want = (long)i;
  }
  req_t rq;
  const route_t *r = NULL;
  req_init(&rq, &app, method, path);
  memcpy(rq.query, query, (size_t)nquery * sizeof *query);
  rq.nquery = nquery;
  err_clear();
  err_t e = http_route(api_routes, api_routes_count, &rq, &r);
  if (want >= 0) {
    if (e != ERR_OK || r != &api_routes[want]) fail("rute berbeda dari pencocok acuan", method, path);
    check_params(r, &rq, method, path);
  } else {
    if (e != (path_seen ? ERR_METHOD : ERR_NOT_FOUND)) fail("galat rute berbeda dari pencocok acuan", method, path);
    if (rq.nparams != 0) fail("parameter terisi tanpa rute", method, path);
  }
  size_t limit = http_body_limit(&app, api_routes, api_routes_count, method, path);
  if (limit != (r && (r->flags & ROUTE_UPLOAD) ? app.max_upload : app.max_body)) fail("batas isi", method, path);
  for (int i = 0; i < nquery; i++) {
    int first = 0;
    while (strcmp(query[first].name, query[i].name) != 0) first++;
    if (req_query(&rq, query[i].name) != query[first].value) fail("req_query", method, path);
    (void)req_query_long(&rq, query[i].name, 7);
  }
  req_free(&rq);

  /* Dispatch only where no handler and no database is reached. */
  if (e == ERR_OK && (r->flags & ROUTE_PUBLIC)) return;
  resp_t rs;
  resp_init(&rs);
  req_init(&rq, &app, method, path);
  http_dispatch(api_routes, api_routes_count, &rq, &rs);
  int status = e == ERR_OK ? 401 : e == ERR_METHOD ? 405 : 404;
  static const char head[] = "{\"error\":{\"code\":\"";
  if (rs.status != status || rs.file_fd != -1 || rs.body.len < sizeof head - 1 ||
      memcmp(rs.body.data, head, sizeof head - 1) != 0)
    fail("jawaban dispatch tanpa sesi", method, path);
  req_free(&rq);
  resp_free(&rs);
}

static void check_static(const char *path) {
  resp_t rs;
  resp_init(&rs);
  http_static(&app, path, &rs);
  if (rs.file_fd < 0) {
    if (rs.status != 404) fail("tanpa berkas tetapi bukan 404", "GET", path);
    resp_free(&rs);
    return;
  }
  if (rs.status != 200) fail("berkas terbuka tetapi bukan 200", "GET", path);
  if (path[0] != '/' || strstr(path, "..") || strchr(path, '\\')) fail("jalur tidak aman dilayani", "GET", path);
  for (const char *c = path; *c; c++)
    if ((unsigned char)*c < 0x20) fail("jalur dengan bita kendali dilayani", "GET", path);
  char link[64], real[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", rs.file_fd);
  ssize_t n = readlink(link, real, sizeof real - 1);
  if (n < 0) fail("readlink", "GET", path);
  real[n] = '\0';
  size_t wl = strlen(web_real);
  int inside = strncmp(real, web_real, wl) == 0 && real[wl] == '/';
  int geo = geojson_real[0] && strcmp(real, geojson_real) == 0;
  if (!inside && !geo) fail("berkas di luar folder web dilayani", "GET", path);
  close(rs.file_fd);
  resp_free(&rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!base[0]) setup();
  char *in = malloc(size + 1);
  if (!in) abort();
  memcpy(in, data, size);
  in[size] = '\0'; /* libmicrohttpd never hands over a NUL: an early one ends the text */
  const char *method = "GET";
  char *url = in, *sp = strchr(in, ' ');
  if (sp) {
    *sp = '\0';
    method = in;
    url = sp + 1;
  }
  http_kv_t query[HTTP_MAX_QUERY];
  int nquery = 0;
  char *q = strchr(url, '?');
  if (q) {
    *q++ = '\0';
    for (char *kv = q, *next; kv && nquery < HTTP_MAX_QUERY; kv = next) {
      next = strchr(kv, '&');
      if (next) *next++ = '\0';
      if (!*kv) continue;
      char *eq = strchr(kv, '=');
      if (eq) *eq++ = '\0';
      query[nquery].name = kv;
      query[nquery].value = eq ? eq : "";
      nquery++;
    }
  }
  check_route(method, url, query, nquery);
  check_static(url);
  free(in);
  return 0;
}
