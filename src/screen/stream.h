/*
 * stream.h — screen a JSONL stream of posts in bounded memory with N
 * scanner threads, writing one result per post in input order.
 *
 * N threads screen: the calling thread and N - 1 started ones. While the
 * others work on one batch of lines, the caller reads the next batch,
 * screens its share of the current one, and writes the finished one
 * while the next is screened, so reading and writing overlap the
 * scanning without a thread more than N. Shared by `netral screen` and
 * its tests.
 */
#ifndef NETRAL_SCREEN_STREAM_H
#define NETRAL_SCREEN_STREAM_H
#include "core/limits.h"
#include <stdio.h>

#include "core/err.h"
#include "screen/engine.h"

enum { SCREEN_STREAM_MAX_THREADS = LIMIT_SCREEN_THREADS };

typedef struct {
  int threads;    /* screening threads incl. the caller, 1..SCREEN_STREAM_MAX_THREADS */
  int human;      /* SCREEN_OUT_* (jsonl.h) */
  FILE *progress; /* NULL, or where "\rDiproses: …" goes after each batch */
} screen_stream_opts_t;

typedef struct {
  unsigned long long posts;     /* lines screened */
  unsigned long long with_hits; /* of which with at least one hit */
  unsigned long long bad;       /* malformed or overlong lines, skipped */
  unsigned long long bytes;     /* input bytes read */
} screen_stream_stats_t;

/* Screen every line of in and write the results to out in input order.
 * Blank lines are ignored; a malformed or overlong line is reported on errf
 * as "Baris N: <why>" and skipped (counted in st->bad). Returns ERR_OK, or
 * ERR_IO / ERR_NOMEM with a message (err_detail) when reading, writing or
 * memory failed; results already written stay written. */
err_t screen_stream(const screen_engine_t *e, FILE *in, FILE *out, FILE *errf, const screen_stream_opts_t *o,
                    screen_stream_stats_t *st);
#endif
