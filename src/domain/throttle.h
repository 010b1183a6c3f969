/*
 * throttle.h — sliding-window counters per key ("ip:1.2.3.4"), in process
 * memory. Used for public intake per address; kept out of the database on
 * purpose (a stored address with its time could be matched against the
 * time an anonymous report came in; see docs/deploy.md). A limit of 0
 * turns a throttle off (load tests, benchmarks).
 *
 * Scope: one server process. Several instances behind a proxy each count
 * their own (a client hitting N instances gets N × limit). Login failures
 * are counted in the database instead (account_fail_* in domain/account.h).
 */
#ifndef NETRAL_THROTTLE_H
#define NETRAL_THROTTLE_H
#include <stdint.h>

typedef struct throttle throttle_t;
throttle_t *throttle_new(long limit, int64_t window_seconds); /* caller frees with throttle_free */
void throttle_free(throttle_t *t);
/* 0 when key may proceed; else seconds until it may (for Retry-After). */
int64_t throttle_check(throttle_t *t, const char *key, int64_t now);
/* Count one event for key. */
void throttle_hit(throttle_t *t, const char *key, int64_t now);
#endif
