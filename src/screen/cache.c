/*
 * cache.c — compiled screening databases on disk (see cache.h).
 */
#include "screen/cache.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/err.h"
#include "core/fsutil.h"
#include "core/mem.h"
#include "core/banned.h"

static const char MAGIC[8] = {'N', 'S', 'C', 'R', 'H', 'S', '0', '2'};
enum { TMP_STALE_SECONDS = 3600 };

static void put_u64(char *p, uint64_t v) {
  for (int i = 0; i < 8; i++) p[i] = (char)(v >> (8 * i));
}
static uint64_t get_u64(const char *p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; i--) v = v << 8 | (unsigned char)p[i];
  return v;
}

static int parse(const char *bytes, size_t n, hs_database_t *dbs[2]) {
  if (n < sizeof MAGIC || memcmp(bytes, MAGIC, sizeof MAGIC) != 0) return 0;
  size_t at = sizeof MAGIC;
  for (int k = 0; k < 2; k++) {
    if (n - at < 8) return 0;
    uint64_t len = get_u64(bytes + at);
    at += 8;
    if (len > n - at) return 0;
    if (len && hs_deserialize_database(bytes + at, (size_t)len, &dbs[k]) != HS_SUCCESS) return 0;
    at += (size_t)len;
  }
  return at == n && (dbs[0] || dbs[1]);
}

/* The file's bytes, when it is a regular file (not through a link) owned
 * by this user and writable by nobody else: the bytes go to Hyperscan's
 * deserialiser, which trusts them, and the default directory is /tmp.
 * Caller frees *out. */
static int read_trusted(const char *path, char **out, size_t *n) {
  struct stat sb;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return 0;
  int ok = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid() && !(sb.st_mode & 022) &&
           sb.st_size > 0 && (uint64_t)sb.st_size < SIZE_MAX;
  char *b = ok ? xmalloc((size_t)sb.st_size) : NULL;
  size_t got = 0;
  while (b && got < (size_t)sb.st_size) {
    ssize_t r = read(fd, b + got, (size_t)sb.st_size - got);
    if (r <= 0) break;
    got += (size_t)r;
  }
  close(fd);
  if (!b || got != (size_t)sb.st_size) {
    xfree(b);
    return 0;
  }
  *out = b;
  *n = got;
  return 1;
}

int screen_cache_load(const char *path, hs_database_t *dbs[2]) {
  char *bytes = NULL;
  size_t n = 0;
  int ok = read_trusted(path, &bytes, &n) && parse(bytes, n, dbs);
  xfree(bytes);
  if (!ok) {
    for (int k = 0; k < 2; k++) {
      if (dbs[k]) hs_free_database(dbs[k]);
      dbs[k] = NULL;
    }
    return 0;
  }
  utimensat(AT_FDCWD, path, NULL, 0); /* last use, for screen_cache_prune */
  return 1;
}

void screen_cache_store(const char *path, const hs_database_t *const dbs[2]) {
  char *ser[2] = {NULL, NULL}, *file = NULL;
  size_t n[2] = {0, 0};
  int ok = 1;
  for (int k = 0; k < 2; k++)
    if (dbs[k] && hs_serialize_database(dbs[k], &ser[k], &n[k]) != HS_SUCCESS) ok = 0;
  size_t total = sizeof MAGIC + 16 + n[0] + n[1], at = sizeof MAGIC;
  if (ok) ok = (file = xmalloc(total)) != NULL;
  if (ok) {
    memcpy(file, MAGIC, sizeof MAGIC);
    for (int k = 0; k < 2; k++) {
      put_u64(file + at, n[k]);
      if (n[k]) memcpy(file + at + 8, ser[k], n[k]);
      at += 8 + n[k];
    }
    /* a unique temporary name (mkstemp: also between hosts sharing the
     * directory), mode 0600 as read_trusted wants, then rename */
    ok = fs_write_atomic(path, file, total) == ERR_OK;
  }
  err_clear();
  xfree(file);
  free(ser[0]); /* allocated by Hyperscan's misc allocator (malloc) */
  free(ser[1]);
  if (ok) screen_cache_prune(path, (uint64_t)SCREEN_CACHE_BUDGET_MB << 20);
}

/* ------------------------------------------------------------ pruning */

typedef struct {
  char *name;
  struct timespec used;
  uint64_t size;
} entry_t;

static int ends_with(const char *s, const char *suffix) {
  size_t a = strlen(s), b = strlen(suffix);
  return a >= b && memcmp(s + a - b, suffix, b) == 0;
}

static int has_magic(int dirfd, const char *name) {
  char head[sizeof MAGIC];
  int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) return 1; /* unreadable: leave it */
  ssize_t r = read(fd, head, sizeof head);
  close(fd);
  return r == (ssize_t)sizeof head && memcmp(head, MAGIC, sizeof MAGIC) == 0;
}

/* Most recently used first. */
static int newer_first(const void *a, const void *b) {
  const entry_t *x = a, *y = b;
  if (x->used.tv_sec != y->used.tv_sec) return x->used.tv_sec < y->used.tv_sec ? 1 : -1;
  if (x->used.tv_nsec != y->used.tv_nsec) return x->used.tv_nsec < y->used.tv_nsec ? 1 : -1;
  return strcmp(x->name, y->name);
}

void screen_cache_prune(const char *keep, uint64_t budget) {
  char dir[600];
  const char *slash = strrchr(keep, '/');
  const char *base = slash ? slash + 1 : keep;
  snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - keep) : 1, slash ? keep : ".");
  if (!dir[0]) snprintf(dir, sizeof dir, "/");
  DIR *d = opendir(dir);
  if (!d) return;
  int fd = dirfd(d);
  entry_t *ents = NULL;
  size_t n = 0, cap = 0;
  time_t now = time(NULL);
  struct dirent *de;
  while ((de = readdir(d))) {
    const char *name = de->d_name;
    struct stat stt;
    if (strncmp(name, SCREEN_CACHE_PREFIX, strlen(SCREEN_CACHE_PREFIX)) != 0 || strcmp(name, base) == 0 ||
        fstatat(fd, name, &stt, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(stt.st_mode) || stt.st_uid != geteuid())
      continue; /* another user's files (in /tmp) are theirs to tidy */
    /* fs_write_atomic's temporary file: its writer died (a live one renames
     * within seconds) */
    if (strstr(name, SCREEN_CACHE_SUFFIX ".tmp.")) {
      if (now - stt.st_mtime > TMP_STALE_SECONDS) unlinkat(fd, name, 0);
      continue;
    }
    if (!ends_with(name, SCREEN_CACHE_SUFFIX)) continue;
    if (!has_magic(fd, name)) { /* another format: never loaded again */
      unlinkat(fd, name, 0);
      continue;
    }
    if (n == cap) {
      size_t nc = cap ? 2 * cap : 16;
      entry_t *g = xrealloc(ents, nc * sizeof *g);
      if (!g) break;
      ents = g;
      cap = nc;
    }
    if (!(ents[n].name = xstrdup(name))) break;
    ents[n].size = (uint64_t)stt.st_size;
    ents[n++].used = stt.st_mtim;
  }
  /* the most recently used that fit the budget beside keep; the first
   * that does not fit and everything used before it go */
  struct stat ks;
  uint64_t total = stat(keep, &ks) == 0 ? (uint64_t)ks.st_size : 0;
  if (n > 1) qsort(ents, n, sizeof *ents, newer_first);
  size_t fit = 0;
  while (fit < n && total + ents[fit].size <= budget) total += ents[fit++].size;
  for (size_t i = fit; i < n; i++) unlinkat(fd, ents[i].name, 0);
  for (size_t i = 0; i < n; i++) xfree(ents[i].name);
  xfree(ents);
  closedir(d);
}
