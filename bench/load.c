/*
 * load.c — tiny HTTP/1.1 load client for POST benchmarks (wrk needs Lua for
 * bodies and cannot count one particular status). One thread per
 * connection, plain blocking sockets, keep-alive; every request sends the
 * same body read from a file. Counts responses by status.
 *
 *   load [-c CONNS=16] [-d SECONDS=8] [-m METHOD=POST] [-e EXPECT=201] [-1] HOST:PORT PATH BODYFILE
 *
 *   -1   probe: send one request, print the status code on the first line
 *        and the response body after it, exit 0 (any status).
 *
 * Load mode output; the last line is parsed by bench scripts:
 *   status 201: 12345
 *   ok/detik: 1234.5        (responses with status EXPECT per second)
 * Only 127.0.0.1-style IPv4 literals are accepted as HOST.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static struct sockaddr_in g_addr;
static char *g_req;
static size_t g_req_len;
static int g_expect = 201;
static atomic_int g_stop;
static atomic_long g_status[600];
static atomic_long g_errors;

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int connect_once(void) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  struct timeval tv = {30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  if (connect(fd, (struct sockaddr *)&g_addr, sizeof g_addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

static int send_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

/* Response reader: a growable buffer; `len` bytes valid. */
typedef struct {
  char *b;
  size_t len, cap;
} rbuf_t;

static int fill(int fd, rbuf_t *r) {
  if (r->cap - r->len < 4096) {
    size_t nc = r->cap ? r->cap * 2 : 16384;
    char *nb = realloc(r->b, nc);
    if (!nb) return -1;
    r->b = nb;
    r->cap = nc;
  }
  ssize_t n;
  do n = recv(fd, r->b + r->len, r->cap - r->len - 1, 0);
  while (n < 0 && errno == EINTR);
  if (n <= 0) return -1;
  r->len += (size_t)n;
  r->b[r->len] = '\0';
  return 0;
}

static void consume(rbuf_t *r, size_t n) {
  memmove(r->b, r->b + n, r->len - n);
  r->len -= n;
  if (r->b) r->b[r->len] = '\0';
}

static const char *find_header(const char *head, size_t head_len, const char *name) {
  size_t nl = strlen(name);
  for (const char *p = head; p && p < head + head_len;) {
    const char *eol = strstr(p, "\r\n");
    if (!eol) break;
    if ((size_t)(eol - p) > nl && strncasecmp(p, name, nl) == 0 && p[nl] == ':') {
      p += nl + 1;
      while (*p == ' ' || *p == '\t') p++;
      return p;
    }
    p = eol + 2;
  }
  return NULL;
}

/* Reads one response. Returns the status (>0), -1 on error. *close_after set
 * when the server will close the connection. The body (decoded) is copied to
 * *body if body != NULL. */
static int read_response(int fd, rbuf_t *r, int *close_after, char **body) {
  char *end;
  while (!(r->b && (end = strstr(r->b, "\r\n\r\n"))))
    if (fill(fd, r)) return -1;
  size_t head_len = (size_t)(end - r->b) + 4;
  int status = 0;
  if (sscanf(r->b, "HTTP/1.%*d %d", &status) != 1) return -1;
  const char *conn = find_header(r->b, head_len, "Connection");
  *close_after = conn && strncasecmp(conn, "close", 5) == 0;
  const char *cl = find_header(r->b, head_len, "Content-Length");
  const char *te = find_header(r->b, head_len, "Transfer-Encoding");
  if (te && strncasecmp(te, "chunked", 7) == 0) {
    consume(r, head_len);
    size_t out_len = 0;
    char *out = NULL;
    for (;;) {
      char *crlf;
      while (!(crlf = strstr(r->b, "\r\n")))
        if (fill(fd, r)) { free(out); return -1; }
      size_t n = strtoul(r->b, NULL, 16);
      size_t line = (size_t)(crlf - r->b) + 2;
      while (r->len < line + n + 2)
        if (fill(fd, r)) { free(out); return -1; }
      if (body && n) {
        char *no = realloc(out, out_len + n + 1);
        if (!no) { free(out); return -1; }
        out = no;
        memcpy(out + out_len, r->b + line, n);
        out_len += n;
        out[out_len] = '\0';
      }
      consume(r, line + n + 2);
      if (n == 0) break; /* (trailers not supported: MHD sends none) */
    }
    if (body) *body = out;
    else free(out);
    return status;
  }
  if (!cl) { /* no length: body runs to connection close */
    while (fill(fd, r) == 0) {}
    if (body) *body = strndup(r->b + head_len, r->len - head_len);
    r->len = 0;
    *close_after = 1;
    return status;
  }
  size_t n = strtoul(cl, NULL, 10);
  while (r->len < head_len + n)
    if (fill(fd, r)) return -1;
  if (body) *body = strndup(r->b + head_len, n);
  consume(r, head_len + n);
  return status;
}

static void *worker(void *arg) {
  (void)arg;
  rbuf_t r = {0};
  int fd = -1;
  while (!atomic_load(&g_stop)) {
    if (fd < 0) {
      fd = connect_once();
      r.len = 0;
      if (fd < 0) {
        atomic_fetch_add(&g_errors, 1);
        usleep(10000);
        continue;
      }
    }
    int close_after = 0, st;
    if (send_all(fd, g_req, g_req_len) || (st = read_response(fd, &r, &close_after, NULL)) < 0) {
      atomic_fetch_add(&g_errors, 1);
      close(fd);
      fd = -1;
      continue;
    }
    atomic_fetch_add(&g_status[st > 0 && st < 600 ? st : 0], 1);
    if (close_after) {
      close(fd);
      fd = -1;
    }
  }
  if (fd >= 0) close(fd);
  free(r.b);
  return NULL;
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  struct stat stt;
  if (fstat(fileno(f), &stt) != 0) { fclose(f); return NULL; }
  char *b = malloc((size_t)stt.st_size + 1);
  if (!b) { fclose(f); return NULL; }
  *len = fread(b, 1, (size_t)stt.st_size, f);
  b[*len] = '\0';
  fclose(f);
  return b;
}

static int usage(const char *argv0) {
  fprintf(stderr, "pemakaian: %s [-c KONEKSI] [-d DETIK] [-m METODE] [-e STATUS] [-1] HOST:PORT PATH BERKAS_ISI\n",
          argv0);
  return 2;
}

int main(int argc, char **argv) {
  long conns = 16;
  double secs = 8;
  const char *method = "POST";
  int probe = 0, opt;
  while ((opt = getopt(argc, argv, "c:d:m:e:1")) != -1) {
    switch (opt) {
      case 'c': conns = strtol(optarg, NULL, 10); break;
      case 'd': secs = strtod(optarg, NULL); break;
      case 'm': method = optarg; break;
      case 'e': g_expect = (int)strtol(optarg, NULL, 10); break;
      case '1': probe = 1; break;
      default: return usage(argv[0]);
    }
  }
  if (argc - optind != 3 || conns < 1 || conns > 1024 || secs <= 0 || g_expect < 100 || g_expect > 599)
    return usage(argv[0]);
  const char *hostport = argv[optind], *path = argv[optind + 1], *file = argv[optind + 2];
  char host[64];
  const char *colon = strrchr(hostport, ':');
  if (!colon || (size_t)(colon - hostport) >= sizeof host) return usage(argv[0]);
  memcpy(host, hostport, (size_t)(colon - hostport));
  host[colon - hostport] = '\0';
  memset(&g_addr, 0, sizeof g_addr);
  g_addr.sin_family = AF_INET;
  g_addr.sin_port = htons((uint16_t)strtol(colon + 1, NULL, 10));
  if (inet_pton(AF_INET, host, &g_addr.sin_addr) != 1) {
    fprintf(stderr, "load: alamat IPv4 tidak valid: %s\n", host);
    return 2;
  }
  size_t body_len = 0;
  char *body = read_file(file, &body_len);
  if (!body) {
    fprintf(stderr, "load: tidak dapat membaca %s\n", file);
    return 2;
  }
  /* Trailing newline of the file is not part of the JSON. */
  while (body_len && (body[body_len - 1] == '\n' || body[body_len - 1] == '\r')) body[--body_len] = '\0';
  size_t cap = body_len + strlen(path) + strlen(hostport) + strlen(method) + 256;
  g_req = malloc(cap);
  if (!g_req) return 1;
  int hl = snprintf(g_req, cap,
                    "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: netral-bench-load\r\n"
                    "Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: %zu\r\n\r\n",
                    method, path, hostport, body_len);
  memcpy(g_req + hl, body, body_len);
  g_req_len = (size_t)hl + body_len;
  free(body);
  signal(SIGPIPE, SIG_IGN);

  if (probe) {
    int fd = connect_once();
    if (fd < 0) {
      printf("000\n");
      return 0;
    }
    rbuf_t r = {0};
    int close_after = 0, st = -1;
    char *resp = NULL;
    if (send_all(fd, g_req, g_req_len) == 0) st = read_response(fd, &r, &close_after, &resp);
    close(fd);
    printf("%03d\n%s\n", st < 0 ? 0 : st, resp ? resp : "");
    free(resp);
    free(r.b);
    free(g_req);
    return 0;
  }

  pthread_t *t = calloc((size_t)conns, sizeof *t);
  if (!t) return 1;
  double t0 = now_s();
  for (long i = 0; i < conns; i++) pthread_create(&t[i], NULL, worker, NULL);
  struct timespec ts = {(time_t)secs, (long)((secs - (double)(time_t)secs) * 1e9)};
  while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
  atomic_store(&g_stop, 1);
  for (long i = 0; i < conns; i++) pthread_join(t[i], NULL);
  double dt = now_s() - t0;
  free(t);
  free(g_req);
  long total = 0;
  for (int s = 0; s < 600; s++) {
    long n = atomic_load(&g_status[s]);
    if (!n) continue;
    total += n;
    printf("status %d: %ld\n", s, n);
  }
  long errs = atomic_load(&g_errors);
  if (errs) printf("galat koneksi: %ld\n", errs);
  printf("total: %ld respons dalam %.2f detik, %ld koneksi\n", total, dt, conns);
  printf("ok/detik: %.1f\n", (double)atomic_load(&g_status[g_expect]) / dt);
  return 0;
}
