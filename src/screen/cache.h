/*
 * cache.h — the screening engine's compiled Hyperscan databases on disk.
 *
 * One file per rule set (the engine names it after the rules' digest and
 * the Hyperscan version): SCREEN_CACHE_MAGIC, then per database (db,
 * db_ctx) its size as 8 little-endian bytes (0: none) and its serialised
 * bytes. Written with fs_write_atomic (a temporary file of a unique name,
 * mode 0600, renamed), so a reader sees a whole file or none. The cache is an
 * optimisation: no failure here is an error, the engine compiles instead.
 *
 * Trust: Hyperscan's deserialiser trusts its input, and the default
 * directory is /tmp, where anyone may plant a file under the predictable
 * name. A file is loaded only when it is a regular file, not reached
 * through a link, owned by this user and writable by nobody else;
 * otherwise it is a miss (in a sticky /tmp the new file then cannot
 * replace another user's, and every run compiles).
 *
 * Housekeeping: every officer's edit of a rule or candidate file, and
 * every --pemilihan/--wilayah choice, makes a rule set of its own and so a
 * file of its own (about 1.5 MB for 1,200 candidates, about 100 kilobytes
 * for one region). A hit refreshes the file's modification time; after a
 * new file is written, the directory keeps the most recently used cache
 * files that fit SCREEN_CACHE_BUDGET_MB together with the new one, and
 * removes the rest, files of another format and temporary files left for
 * over an hour by a process that died. Only this user's files are
 * considered.
 */
#ifndef NETRAL_SCREEN_CACHE_H
#define NETRAL_SCREEN_CACHE_H
#include <hs.h>
#include <stddef.h>
#include <stdint.h>

enum { SCREEN_CACHE_BUDGET_MB = 64 };
#define SCREEN_CACHE_PREFIX "netral-screen-"
#define SCREEN_CACHE_SUFFIX ".hsdb"

/* dbs[0], dbs[1] from the file at path (both NULL on entry). 1: loaded,
 * both the caller's (either may be NULL when the file has none); 0: no
 * such file or not a whole cache of this format (nothing left allocated). */
int screen_cache_load(const char *path, hs_database_t *dbs[2]);

/* Writes dbs to path (atomically, creating the directory if missing),
 * then tidies path's directory. */
void screen_cache_store(const char *path, const hs_database_t *const dbs[2]);

/* The tidying of screen_cache_store with a budget in bytes; keep is
 * never removed. */
void screen_cache_prune(const char *keep, uint64_t budget);
#endif
