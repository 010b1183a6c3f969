/*
 * bare_mhd.c — benchmark baseline: the smallest libmicrohttpd JSON server,
 * started with the same threading mode as src/http/server.c (internal
 * polling thread + epoll, thread pool of 4) and answering {"status":"ok"}
 * on every GET. Netral's figures are printed as ratios to this one.
 *
 *   bare_mhd PORT [THREADS]     serves on 127.0.0.1:PORT until SIGINT/SIGTERM
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char BODY[] = "{\"status\":\"ok\"}";

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_size,
                                  void **con_cls) {
  (void)cls; (void)url; (void)version; (void)upload_data;
  if (!*con_cls) { /* first call: headers only, same two-step dance as the real server */
    *con_cls = (void *)1;
    return MHD_YES;
  }
  if (*upload_size) { *upload_size = 0; return MHD_YES; }
  unsigned status = strcmp(method, "GET") == 0 ? MHD_HTTP_OK : MHD_HTTP_METHOD_NOT_ALLOWED;
  struct MHD_Response *r =
      MHD_create_response_from_buffer(sizeof BODY - 1, (void *)BODY, MHD_RESPMEM_PERSISTENT);
  if (!r) return MHD_NO;
  MHD_add_response_header(r, "Content-Type", "application/json; charset=utf-8");
  enum MHD_Result ok = MHD_queue_response(c, status, r);
  MHD_destroy_response(r);
  return ok;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "pemakaian: %s PORT [THREAD]\n", argv[0]);
    return 2;
  }
  long port = strtol(argv[1], NULL, 10);
  long threads = argc > 2 ? strtol(argv[2], NULL, 10) : 4;
  if (port <= 0 || port > 65535 || threads < 1) {
    fprintf(stderr, "port atau jumlah thread tidak valid\n");
    return 2;
  }
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);

  struct sockaddr_in sa;
  memset(&sa, 0, sizeof sa);
  sa.sin_family = AF_INET;
  sa.sin_port = htons((uint16_t)port);
  sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);

  struct MHD_Daemon *d = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, NULL,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024), MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
      MHD_OPTION_END);
  if (!d) {
    fprintf(stderr, "bare_mhd: tidak dapat mendengarkan di 127.0.0.1:%ld\n", port);
    return 1;
  }
  printf("bare_mhd siap di 127.0.0.1:%ld (%ld thread)\n", port, threads);
  fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  MHD_stop_daemon(d);
  return 0;
}
