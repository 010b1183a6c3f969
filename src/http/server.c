/*
 * server.c — libmicrohttpd glue: internal thread pool, per-connection
 * request context, body accumulation with limits decided before the body
 * arrives (Content-Length) and while it arrives, security headers on every
 * response, static files for everything outside /api/.
 */
#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "core/log.h"
#include "core/banned.h"

struct server {
  struct MHD_Daemon *d;
  app_t *app;
  unsigned port;
};

typedef struct {
  buf_t body;
  size_t limit;
  int too_large;
} conn_ctx_t;

static const char CSP[] =
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'self'; "
    "frame-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/* Evidence shown inline (PDF in an iframe of kasus.html) may be framed by our own origin only. */
static const char CSP_FRAMEABLE[] =
    "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; object-src 'self'; "
    "frame-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'";

static void add_common_headers(struct MHD_Response *r, const resp_t *rs) {
  MHD_add_response_header(r, "Content-Security-Policy", rs->frame_self ? CSP_FRAMEABLE : CSP);
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  MHD_add_response_header(r, "X-Frame-Options", rs->frame_self ? "SAMEORIGIN" : "DENY");
  MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
  MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
  MHD_add_response_header(r, "Content-Type", rs->ctype);
  MHD_add_response_header(r, "Cache-Control", rs->cache ? "public, max-age=300" : "no-store");
  if (rs->set_cookie[0]) MHD_add_response_header(r, "Set-Cookie", rs->set_cookie);
  if (rs->disposition[0]) MHD_add_response_header(r, "Content-Disposition", rs->disposition);
  if (rs->retry_after > 0) {
    char ra[24];
    snprintf(ra, sizeof ra, "%ld", rs->retry_after);
    MHD_add_response_header(r, "Retry-After", ra);
  }
}

static enum MHD_Result send_resp(struct MHD_Connection *c, resp_t *rs) {
  struct MHD_Response *r;
  if (rs->file_fd >= 0) {
    r = MHD_create_response_from_fd64(rs->file_size, rs->file_fd);
    rs->file_fd = -1; /* MHD owns it now */
  } else {
    size_t len = 0;
    char *data = buf_take(&rs->body, &len);
    r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (!r) free(data);
  }
  if (!r) return MHD_NO;
  add_common_headers(r, rs);
  enum MHD_Result ok = MHD_queue_response(c, (unsigned)rs->status, r);
  MHD_destroy_response(r);
  return ok;
}

static enum MHD_Result send_error(struct MHD_Connection *c, err_t e, const char *msg) {
  resp_t rs;
  resp_init(&rs);
  if (msg) err_set(e, NULL, "%s", msg);
  resp_error(&rs, e);
  enum MHD_Result ok = send_resp(c, &rs);
  resp_free(&rs);
  return ok;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  req_t *rq = cls;
  if (rq->nquery < HTTP_MAX_QUERY && key) {
    rq->query[rq->nquery].name = key;
    rq->query[rq->nquery].value = value ? value : "";
    rq->nquery++;
  }
  return MHD_YES;
}

/* The value of the last X-Forwarded-For header line: a proxy that adds its
 * own line (rather than appending to the client's) puts it last. */
static enum MHD_Result last_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value) {
  if (key && value && strcasecmp(key, "X-Forwarded-For") == 0) *(const char **)cls = value;
  return MHD_YES;
}

static void client_ip(struct MHD_Connection *c, char *out, size_t cap) {
  const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  snprintf(out, cap, "?");
  if (!ci || !ci->client_addr) return;
  if (ci->client_addr->sa_family == AF_INET)
    inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out, (socklen_t)cap);
  else if (ci->client_addr->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out, (socklen_t)cap);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls) {
  server_t *s = cls;
  conn_ctx_t *ctx = *con_cls;
  if (!ctx) {
    ctx = calloc(1, sizeof *ctx);
    if (!ctx) return MHD_NO;
    buf_init(&ctx->body);
    ctx->limit = http_body_limit(s->app, api_routes, api_routes_count, method, url);
    *con_cls = ctx;
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl && strtoull(cl, NULL, 10) > ctx->limit) ctx->too_large = 1;
    return MHD_YES;
  }
  if (*upload_size) {
    if (!ctx->too_large && ctx->body.len + *upload_size <= ctx->limit) {
      if (buf_append(&ctx->body, upload_data, *upload_size)) ctx->too_large = 1;
    } else {
      ctx->too_large = 1;
    }
    *upload_size = 0;
    return MHD_YES;
  }
  if (ctx->too_large) {
    char msg[128];
    snprintf(msg, sizeof msg, "Ukuran isi permintaan melebihi batas %zu KB.", ctx->limit / 1024);
    return send_error(c, ERR_TOO_LARGE, msg);
  }
  resp_t rs;
  resp_init(&rs);
  if (strncmp(url, "/api/", 5) != 0) {
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
      resp_free(&rs);
      return send_error(c, ERR_METHOD, NULL);
    }
    http_static(s->app, url, &rs);
  } else {
    req_t rq;
    req_init(&rq, s->app, method, url);
    rq.body = ctx->body.data;
    rq.body_len = ctx->body.len;
    rq.cookie_token = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "netral_sid");
    rq.csrf_header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-CSRF-Token");
    rq.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_query, &rq);
    client_ip(c, rq.ip, sizeof rq.ip);
    if (s->app->cfg.trust_proxy[0] == '1') {
      /* Behind our own reverse proxy the peer is the proxy: the client is the
       * last address the proxy appended to X-Forwarded-For (last line, last hop;
       * whatever the client wrote comes before it). */
      const char *xff = NULL;
      MHD_get_connection_values(c, MHD_HEADER_KIND, last_xff, &xff);
      if (xff && *xff) {
        const char *last = strrchr(xff, ',');
        last = last ? last + 1 : xff;
        while (*last == ' ') last++;
        if (*last && strlen(last) < sizeof rq.ip) snprintf(rq.ip, sizeof rq.ip, "%s", last);
      }
    }
    http_dispatch(api_routes, api_routes_count, &rq, &rs);
    req_free(&rq);
  }
  enum MHD_Result ok = send_resp(c, &rs);
  if (rs.file_fd >= 0) close(rs.file_fd);
  resp_free(&rs);
  return ok;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe) {
  conn_ctx_t *ctx = *con_cls;
  if (!ctx) return;
  buf_free(&ctx->body);
  free(ctx);
  *con_cls = NULL;
}

static err_t parse_listen(const char *listen, struct sockaddr_in *sa) {
  char host[64];
  const char *colon = strrchr(listen, ':');
  if (!colon || (size_t)(colon - listen) >= sizeof host)
    return err_set(ERR_INVALID, "NETRAL_LISTEN", "Format NETRAL_LISTEN harus HOST:PORT, contoh 127.0.0.1:8080.");
  memcpy(host, listen, (size_t)(colon - listen));
  host[colon - listen] = '\0';
  char *end;
  long port = strtol(colon + 1, &end, 10);
  if (*end || port < 0 || port > 65535) return err_set(ERR_INVALID, "NETRAL_LISTEN", "Port tidak valid: %s.", colon + 1);
  memset(sa, 0, sizeof *sa);
  sa->sin_family = AF_INET;
  sa->sin_port = htons((uint16_t)port);
  if (inet_pton(AF_INET, host[0] ? host : "0.0.0.0", &sa->sin_addr) != 1)
    return err_set(ERR_INVALID, "NETRAL_LISTEN", "Alamat IPv4 tidak valid: %s.", host);
  return ERR_OK;
}

static void mhd_log(void *cls, const char *fm, va_list ap) {
  char msg[512];
  vsnprintf(msg, sizeof msg, fm, ap);
  msg[strcspn(msg, "\n")] = '\0';
  log_warn("httpd: %s", msg);
}

err_t server_start(app_t *app, server_t **out) {
  struct sockaddr_in sa;
  err_t e = parse_listen(app->cfg.listen, &sa);
  if (e) return e;
  server_t *s = calloc(1, sizeof *s);
  if (!s) return ERR_NOMEM;
  s->app = app;
  unsigned threads = (unsigned)config_int(app->cfg.threads, 4);
  if (threads < 1) threads = 1;
  /* Idle limit per connection: a client that stalls mid-request (slowloris) loses its slot. */
  long timeout = config_int(app->cfg.conn_timeout, 30);
  if (timeout < 1) timeout = 1;
  /* Slots one address may hold, so a single source of stalled connections
   * cannot take all 1000. Behind a proxy every connection comes from the
   * proxy's address: the limit then belongs in the proxy. 100 leaves room for
   * many phones behind one carrier NAT (a browser opens about six). */
  long per_ip = app->cfg.trust_proxy[0] == '1' ? 0 : config_int(app->cfg.conn_per_ip, 100);
  if (per_ip < 0) per_ip = 0;
  s->d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL,
                          on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa,
                          MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)timeout,
                          MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
                          MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
                          MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)per_ip,
                          MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
                          MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_END);
  if (!s->d) {
    free(s);
    return err_set(ERR_IO, "NETRAL_LISTEN", "Tidak dapat mendengarkan di %s (port dipakai?).", app->cfg.listen);
  }
  const union MHD_DaemonInfo *di = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
  s->port = di ? di->port : ntohs(sa.sin_port);
  *out = s;
  return ERR_OK;
}

unsigned server_port(const server_t *s) { return s->port; }

void server_stop(server_t *s) {
  if (!s) return;
  MHD_stop_daemon(s->d);
  free(s);
}
