/*
 * mem.h — allocation wrappers and the per-request arena.
 *
 * All heap allocation in Netral goes through xmalloc/xcalloc/xrealloc/xstrdup
 * so tests can inject failure (mem_fail_after). They return NULL on failure;
 * callers turn that into ERR_NOMEM. Nothing aborts.
 *
 * arena_t: bump allocator for one request or command. Everything allocated
 * from it is freed at once by arena_free(). Pointers from arena_* are
 * borrowed from the arena and die with it.
 */
#ifndef NETRAL_MEM_H
#define NETRAL_MEM_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

void *xmalloc(size_t n);            /* caller frees */
void *xcalloc(size_t n, size_t sz); /* caller frees */
void *xrealloc(void *p, size_t n);  /* caller frees */
char *xstrdup(const char *s);       /* caller frees; NULL in → NULL out */
char *xstrndup(const char *s, size_t n);
void xfree(void *p);
/* Test hook: the n-th allocation from now fails (0 disables). */
void mem_fail_after(long n);

typedef struct arena_block arena_block_t;
typedef struct {
  arena_block_t *head;
  size_t used_total;
} arena_t;

void arena_init(arena_t *a);
void arena_free(arena_t *a);
void *arena_alloc(arena_t *a, size_t n);           /* 16-byte aligned, zeroed */
char *arena_strdup(arena_t *a, const char *s);      /* NULL in → NULL out */
char *arena_strndup(arena_t *a, const char *s, size_t n);
char *arena_printf(arena_t *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Growable byte buffer (heap). Always NUL-terminated when len > 0. */
typedef struct {
  char *data;
  size_t len, cap;
  int oom; /* sticky: an append failed */
} buf_t;
void buf_init(buf_t *b);
void buf_free(buf_t *b);
void buf_reset(buf_t *b);
int buf_append(buf_t *b, const void *p, size_t n); /* 0 ok, -1 oom */
int buf_puts(buf_t *b, const char *s);
int buf_printf(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Detach the data: caller frees; buffer is reset. */
char *buf_take(buf_t *b, size_t *len);

/* memcpy for the short, variable-length copies of hot loops (a call to
 * the library memcpy, or the rep movs gcc inlines for it, costs more than
 * the copy): up to 16 bytes as two overlapping moves, up to 256 as
 * 16-byte moves with an overlapping last one, longer ones by memcpy. */
typedef struct {
  uint64_t a, b;
} mem_16_t;
static inline void mem_copy16(unsigned char *d, const unsigned char *s) {
  mem_16_t v;
  memcpy(&v, s, 16);
  memcpy(d, &v, 16);
}
void mem_copy_long(void *dst, const void *src, size_t n); /* memcpy, out of line */
static inline void mem_copy(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (n > 256) {
    mem_copy_long(d, s, n);
  } else if (n > 16) {
    for (size_t i = 0; i + 16 < n; i += 16) mem_copy16(d + i, s + i);
    mem_copy16(d + n - 16, s + n - 16);
  } else if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, s, 8);
    memcpy(&b, s + n - 8, 8);
    memcpy(d, &a, 8);
    memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    memcpy(&a, s, 4);
    memcpy(&b, s + n - 4, 4);
    memcpy(d, &a, 4);
    memcpy(d + n - 4, &b, 4);
  } else if (n) {
    d[0] = s[0];
    d[n / 2] = s[n / 2];
    d[n - 1] = s[n - 1];
  }
}
#endif
