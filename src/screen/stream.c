/*
 * stream.c — the JSONL screening pipeline of `netral screen` (see stream.h).
 *
 * Lines are gathered into batches of at most BATCH_LINES lines /
 * BATCH_BYTES bytes; two batches alternate so that the caller reads batch
 * k+1 and writes batch k-1 while the scanners work on batch k. N scanners
 * are the caller and N - 1 threads started once: with one thread more
 * than the N asked for (a reader/writer beside N scanners) the threads
 * took turns on the CPUs and every turn cost the scanner its warm caches.
 * Scanners claim CHUNK lines at a time from a shared counter, so the
 * caller scans what its reading and writing leave it time for, and a post
 * with hits (several times the work of one without) leaves no thread idle
 * at the end of a batch. Each scanner appends its results to its own
 * buffer of the batch; the item records which buffer and where, and the
 * caller writes the items in input order.
 *
 * Memory: two batches, their result buffers, one read buffer of twice the
 * longest line, and a scratch per scanner, whatever the input size.
 */
#include "screen/stream.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "screen/jsonl.h"
#include "core/banned.h"

enum { BATCH_LINES = 4096, BATCH_BYTES = 8 << 20, CHUNK = 64 };

/* ---------------------------------------------------------------- reader */

typedef struct {
  FILE *f;
  char *buf;
  size_t cap, start, end;
  int eof;
  long lineno;
  unsigned long long bytes;
} reader_t;

/* Next line (without newline) borrowed until the next call. Returns 1 with
 * *too_long set for lines over SCREEN_MAX_LINE (content skipped), 0 at end. */
static int reader_next(reader_t *r, const char **line, size_t *len, int *too_long) {
  int skipping = 0;
  *too_long = 0;
  for (;;) {
    char *nl = r->start < r->end ? memchr(r->buf + r->start, '\n', r->end - r->start) : NULL;
    if (nl || (r->eof && r->start < r->end)) {
      size_t n = nl ? (size_t)(nl - (r->buf + r->start)) : r->end - r->start;
      *line = r->buf + r->start;
      *len = n;
      r->start += n + (nl ? 1 : 0);
      r->lineno++;
      r->bytes += n + (nl ? 1 : 0);
      if (skipping || n > SCREEN_MAX_LINE) *too_long = 1, *len = 0; /* also when it fit the buffer whole */
      if (*len && (*line)[*len - 1] == '\r') (*len)--;
      return 1;
    }
    if (r->eof) return 0;
    if (r->end - r->start >= SCREEN_MAX_LINE) { /* drop the overlong prefix */
      r->bytes += r->end - r->start;
      r->start = r->end = 0;
      skipping = 1;
    }
    if (r->start > 0) {
      memmove(r->buf, r->buf + r->start, r->end - r->start);
      r->end -= r->start;
      r->start = 0;
    }
    size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
    r->end += got;
    if (got == 0) r->eof = 1;
  }
}

/* ---------------------------------------------------------------- batches */

typedef struct {
  size_t off, len; /* the input line in batch.lines */
  long lineno;
  int too_long, failed, hit;
  int scanner;             /* whose out buffer holds the result */
  size_t out_off, out_len; /* the result line, or the error text */
} item_t;

/* A scanner's result buffer, padded so that two scanners appending at once
 * never write to the same cache line. */
typedef union {
  buf_t b;
  char pad[128];
} outbuf_t;

typedef struct {
  buf_t lines;
  item_t *items; /* BATCH_LINES */
  size_t n;
  outbuf_t *out; /* one per scanner */
} batch_t;

/* Fill b with the next lines of r. -1: out of memory. */
static int read_batch(reader_t *r, batch_t *b) {
  const char *ln;
  size_t len;
  int too_long;
  b->n = 0;
  buf_reset(&b->lines);
  while (b->n < BATCH_LINES && b->lines.len < BATCH_BYTES && reader_next(r, &ln, &len, &too_long)) {
    if (len == 0 && !too_long) continue; /* blank line */
    item_t *it = &b->items[b->n++];
    it->off = b->lines.len;
    it->len = len;
    it->lineno = r->lineno;
    it->too_long = too_long;
    if (buf_append(&b->lines, ln, len)) return -1;
  }
  return 0;
}

/* ---------------------------------------------------------------- scanners */

typedef struct pool pool_t;

typedef struct {
  pool_t *p;
  int idx;
  screen_scratch_t *s;
  pthread_t tid;
} scanner_t;

struct pool {
  const screen_engine_t *e;
  int human;
  pthread_mutex_t mu;
  pthread_cond_t go, done;
  unsigned long gen; /* batches handed out so far */
  batch_t *cur;
  _Atomic size_t next; /* first unclaimed line of cur */
  int busy;            /* scanners not yet done with cur */
  int quit;
  scanner_t *sc;
  int nsc;     /* scanners (scratches); sc[0] is the caller's */
  int running; /* threads started, for sc[1 ..] */
};

static void scan_range(const pool_t *p, batch_t *b, const scanner_t *sc, size_t from, size_t to) {
  buf_t *out = &b->out[sc->idx].b;
  char err[300];
  for (size_t i = from; i < to; i++) {
    item_t *it = &b->items[i];
    size_t before = out->len;
    screen_result_t r;
    r.nhits = 0;
    it->failed = 0;
    if (it->too_long) {
      snprintf(err, sizeof err, "baris lebih dari %d bita, dilewati", SCREEN_MAX_LINE);
      it->failed = 1;
    } else if (screen_jsonl_line(p->e, sc->s, b->lines.data + it->off, it->len, p->human, out, &r, err, sizeof err)) {
      it->failed = 1;
    }
    if (it->failed) {
      out->len = before;
      buf_puts(out, err);
    }
    it->hit = !it->failed && r.nhits > 0;
    it->scanner = sc->idx;
    it->out_off = before;
    it->out_len = out->len - before;
  }
}

static void scan_claimed(pool_t *p, batch_t *b, const scanner_t *sc) {
  for (;;) {
    size_t i = atomic_fetch_add(&p->next, CHUNK);
    if (i >= b->n) return;
    scan_range(p, b, sc, i, i + CHUNK < b->n ? i + CHUNK : b->n);
  }
}

static void *scanner_main(void *arg) {
  scanner_t *sc = arg;
  pool_t *p = sc->p;
  unsigned long seen = 0;
  for (;;) {
    pthread_mutex_lock(&p->mu);
    while (p->gen == seen && !p->quit) pthread_cond_wait(&p->go, &p->mu);
    if (p->quit) {
      pthread_mutex_unlock(&p->mu);
      return NULL;
    }
    seen = p->gen;
    batch_t *b = p->cur;
    pthread_mutex_unlock(&p->mu);
    scan_claimed(p, b, sc);
    pthread_mutex_lock(&p->mu);
    if (--p->busy == 0) pthread_cond_signal(&p->done);
    pthread_mutex_unlock(&p->mu);
  }
}

/* Hand b to the scanner threads (the caller joins in with scan_claimed). */
static void dispatch(pool_t *p, batch_t *b) {
  for (int t = 0; t < p->nsc; t++) buf_reset(&b->out[t].b);
  atomic_store(&p->next, 0);
  if (!p->running) return;
  pthread_mutex_lock(&p->mu);
  p->cur = b;
  p->busy = p->running;
  p->gen++;
  pthread_cond_broadcast(&p->go);
  pthread_mutex_unlock(&p->mu);
}

static void wait_done(pool_t *p) {
  pthread_mutex_lock(&p->mu);
  while (p->busy) pthread_cond_wait(&p->done, &p->mu);
  pthread_mutex_unlock(&p->mu);
}

/* ---------------------------------------------------------------- writer */

/* Results that lie back to back in a scanner's buffer (a claimed chunk
 * of lines) go out in one fwrite: a result line at a time made stdio
 * issue a write call every few kilobytes, and a system call costs more
 * than screening a post on a virtual machine. */
static err_t write_run(FILE *out, const char *p, size_t n) {
  if (n && fwrite(p, 1, n, out) != n) return err_set(ERR_IO, NULL, "gagal menulis keluaran: %s", strerror(errno));
  return ERR_OK;
}

static err_t write_batch(const batch_t *b, FILE *out, FILE *errf, const screen_stream_opts_t *o,
                         screen_stream_stats_t *st) {
  const char *run = NULL;
  size_t run_len = 0;
  err_t e;
  for (size_t i = 0; i < b->n; i++) {
    const item_t *it = &b->items[i];
    const char *p = b->out[it->scanner].b.data + it->out_off;
    if (it->failed) {
      st->bad++;
      fprintf(errf, "%sBaris %ld: %.*s\n", o->progress ? "\r" : "", it->lineno, (int)it->out_len, p);
      continue;
    }
    st->posts++;
    st->with_hits += (unsigned)it->hit;
    if (run && p == run + run_len) {
      run_len += it->out_len;
      continue;
    }
    if ((e = write_run(out, run, run_len))) return e;
    run = p;
    run_len = it->out_len;
  }
  if ((e = write_run(out, run, run_len))) return e;
  if (o->progress) fprintf(o->progress, "\rDiproses: %llu pos, %llu dengan temuan", st->posts, st->with_hits);
  return ERR_OK;
}

/* ---------------------------------------------------------------- stream */

err_t screen_stream(const screen_engine_t *e, FILE *in, FILE *out, FILE *errf, const screen_stream_opts_t *o,
                    screen_stream_stats_t *st) {
  err_t rc = ERR_OK;
  int nsc = o->threads < 1 ? 1 : o->threads > SCREEN_STREAM_MAX_THREADS ? SCREEN_STREAM_MAX_THREADS : o->threads;
  reader_t rd = {.f = in, .cap = 2 * (size_t)SCREEN_MAX_LINE + (64 << 10)};
  batch_t bt[2];
  memset(bt, 0, sizeof bt);
  pool_t p = {.e = e, .human = o->human, .nsc = nsc};
  int locks = 0;
  batch_t *pending = NULL; /* handed to the scanners, not yet waited for */
  memset(st, 0, sizeof *st);

  rd.buf = xmalloc(rd.cap);
  p.sc = xcalloc((size_t)nsc, sizeof *p.sc);
  if (!rd.buf || !p.sc) goto nomem;
  for (int k = 0; k < 2; k++) {
    buf_init(&bt[k].lines);
    bt[k].items = xcalloc(BATCH_LINES, sizeof *bt[k].items);
    bt[k].out = xcalloc((size_t)nsc, sizeof *bt[k].out);
    if (!bt[k].items || !bt[k].out) goto nomem;
    for (int t = 0; t < nsc; t++) buf_init(&bt[k].out[t].b);
  }
  for (int t = 0; t < nsc; t++) {
    p.sc[t].p = &p;
    p.sc[t].idx = t;
    if ((rc = screen_scratch_new(e, &p.sc[t].s))) goto done;
  }
  if (pthread_mutex_init(&p.mu, NULL)) goto nomem;
  if (pthread_cond_init(&p.go, NULL)) {
    pthread_mutex_destroy(&p.mu);
    goto nomem;
  }
  if (pthread_cond_init(&p.done, NULL)) {
    pthread_cond_destroy(&p.go);
    pthread_mutex_destroy(&p.mu);
    goto nomem;
  }
  locks = 1;
  /* threads that fail to start are simply fewer scanners (none: the caller scans alone) */
  while (p.running + 1 < nsc && pthread_create(&p.sc[p.running + 1].tid, NULL, scanner_main, &p.sc[p.running + 1]) == 0)
    p.running++;

  batch_t *a = &bt[0], *b = &bt[1];
  if (read_batch(&rd, a)) goto nomem;
  if (a->n) dispatch(&p, pending = a);
  while (a->n) {
    if (read_batch(&rd, b)) goto nomem;
    scan_claimed(&p, a, &p.sc[0]);
    wait_done(&p);
    pending = NULL;
    if (b->n) dispatch(&p, pending = b);
    if ((rc = write_batch(a, out, errf, o, st))) goto done;
    batch_t *x = a;
    a = b;
    b = x;
  }
  if (ferror(in)) {
    rc = err_set(ERR_IO, NULL, "gagal membaca masukan: %s", strerror(errno));
    goto done;
  }
  if (fflush(out)) rc = err_set(ERR_IO, NULL, "gagal menulis keluaran: %s", strerror(errno));
  goto done;
nomem:
  rc = err_set(ERR_NOMEM, NULL, NULL);
done:
  st->bytes = rd.bytes;
  if (locks) {
    if (pending) wait_done(&p);
    pthread_mutex_lock(&p.mu);
    p.quit = 1;
    pthread_cond_broadcast(&p.go);
    pthread_mutex_unlock(&p.mu);
    for (int t = 1; t <= p.running; t++) pthread_join(p.sc[t].tid, NULL);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.go);
    pthread_mutex_destroy(&p.mu);
  }
  if (p.sc)
    for (int t = 0; t < nsc; t++) screen_scratch_free(p.sc[t].s);
  for (int k = 0; k < 2; k++) {
    if (bt[k].out)
      for (int t = 0; t < nsc; t++) buf_free(&bt[k].out[t].b);
    xfree(bt[k].out);
    xfree(bt[k].items);
    buf_free(&bt[k].lines);
  }
  xfree(p.sc);
  xfree(rd.buf);
  return rc;
}
