/* server.h — the libmicrohttpd server around http_dispatch(). */
#ifndef NETRAL_SERVER_H
#define NETRAL_SERVER_H
#include "http/http.h"
typedef struct server server_t;
/* Start listening on app->cfg.listen ("host:port"); *out running. */
err_t server_start(app_t *app, server_t **out);
/* Actual port (useful when listening on port 0). */
unsigned server_port(const server_t *s);
void server_stop(server_t *s);
#endif
