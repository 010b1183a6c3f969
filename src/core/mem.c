/* mem.c — allocation wrappers, arena and growable buffer (see mem.h). */
#include "core/mem.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

static atomic_long fail_countdown;

void mem_fail_after(long n) { atomic_store(&fail_countdown, n); }

static int mem_should_fail(void) {
  long v = atomic_load(&fail_countdown);
  if (v <= 0) return 0;
  v = atomic_fetch_sub(&fail_countdown, 1);
  return v == 1;
}

void *xmalloc(size_t n) { return mem_should_fail() ? NULL : malloc(n ? n : 1); }
void *xcalloc(size_t n, size_t sz) { return mem_should_fail() ? NULL : calloc(n ? n : 1, sz ? sz : 1); }
void *xrealloc(void *p, size_t n) { return mem_should_fail() ? NULL : realloc(p, n ? n : 1); }
void xfree(void *p) { free(p); }

char *xstrndup(const char *s, size_t n) {
  if (!s) return NULL;
  char *d = xmalloc(n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *xstrdup(const char *s) { return s ? xstrndup(s, strlen(s)) : NULL; }

/* ---- arena ---- */
struct arena_block {
  arena_block_t *next;
  size_t cap, used;
  _Alignas(16) unsigned char mem[];
};

enum { ARENA_BLOCK = 16 * 1024 };

void arena_init(arena_t *a) { a->head = NULL; a->used_total = 0; }

void arena_free(arena_t *a) {
  arena_block_t *b = a->head;
  while (b) {
    arena_block_t *n = b->next;
    free(b);
    b = n;
  }
  a->head = NULL;
  a->used_total = 0;
}

void *arena_alloc(arena_t *a, size_t n) {
  size_t need = (n + 15u) & ~(size_t)15u;
  if (need < n) return NULL;
  arena_block_t *b = a->head;
  if (!b || b->cap - b->used < need) {
    size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
    b = xmalloc(sizeof *b + cap);
    if (!b) return NULL;
    b->cap = cap;
    b->used = 0;
    b->next = a->head;
    a->head = b;
  }
  void *p = b->mem + b->used;
  b->used += need;
  a->used_total += need;
  memset(p, 0, n);
  return p;
}

char *arena_strndup(arena_t *a, const char *s, size_t n) {
  if (!s) return NULL;
  char *d = arena_alloc(a, n + 1);
  if (!d) return NULL;
  memcpy(d, s, n);
  d[n] = '\0';
  return d;
}

char *arena_strdup(arena_t *a, const char *s) { return s ? arena_strndup(a, s, strlen(s)) : NULL; }

char *arena_printf(arena_t *a, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0) return NULL;
  char *d = arena_alloc(a, (size_t)n + 1);
  if (!d) return NULL;
  va_start(ap, fmt);
  vsnprintf(d, (size_t)n + 1, fmt, ap);
  va_end(ap);
  return d;
}

/* ---- mem_copy (mem.h): its long path, out of line so gcc does not inline rep movs ---- */
void mem_copy_long(void *dst, const void *src, size_t n) { memcpy(dst, src, n); }

/* ---- buf ---- */
void buf_init(buf_t *b) { memset(b, 0, sizeof *b); }
void buf_free(buf_t *b) { free(b->data); buf_init(b); }
void buf_reset(buf_t *b) { b->len = 0; if (b->data) b->data[0] = '\0'; }

/* Make room for n more bytes plus the NUL. */
static int buf_reserve(buf_t *b, size_t n) {
  if (b->oom) return -1;
  if (b->len + n + 1 <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while (cap < b->len + n + 1) cap *= 2;
  char *d = xrealloc(b->data, cap);
  if (!d) {
    b->oom = 1;
    return -1;
  }
  b->data = d;
  b->cap = cap;
  return 0;
}

int buf_append(buf_t *b, const void *p, size_t n) {
  if (buf_reserve(b, n)) return -1;
  if (n) memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return 0;
}

int buf_puts(buf_t *b, const char *s) { return buf_append(b, s, strlen(s)); }

int buf_printf(buf_t *b, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || buf_reserve(b, (size_t)n)) return -1;
  va_start(ap, fmt);
  vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
  return 0;
}

char *buf_take(buf_t *b, size_t *len) {
  if (len) *len = b->len;
  char *d = b->data;
  if (!d) d = xstrdup("");
  buf_init(b);
  return d;
}
