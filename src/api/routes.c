/*
 * routes.c — THE route table. Adding an endpoint = adding a row.
 * Columns: method, pattern ({} = one path segment), handler, roles, flags.
 * The access-control test walks this table (every role × every route).
 */
#include "api/api.h"
#include "domain/role.h"
#include "core/banned.h"

const route_t api_routes[] = {
    {"GET", "/api/v1/health", api_health, 0, ROUTE_PUBLIC},
    {"POST", "/api/v1/session", api_session_create, 0, ROUTE_PUBLIC},
    {"GET", "/api/v1/session", api_session_get, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"DELETE", "/api/v1/session", api_session_delete, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"POST", "/api/v1/session/sandi", api_session_password, ROLE_ALL, ROUTE_FIRST_LOGIN},
    {"GET", "/api/v1/wilayah/{}", api_wilayah_get, 0, ROUTE_PUBLIC},
};
const size_t api_routes_count = sizeof api_routes / sizeof api_routes[0];
