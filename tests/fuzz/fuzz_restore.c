/*
 * fuzz_restore.c — the backup archive reader of `netral restore`
 * (cmd_backup_restore_into, format in cli/cmd_backup.h): the whole input is
 * the archive.
 *
 * Each input is written to <tmp>/arsip.tar and restored into the empty
 * directory <tmp>/pulih/ (database, key file and data dir all in it), which
 * is emptied again afterwards. <tmp> is on /dev/shm when there is one: the
 * restore fsyncs every member, which on a disk would cost milliseconds.
 *
 * Checked beyond "no crash, no sanitizer report":
 *  - a refusal is ERR_INVALID with field "berkas" and a message: the
 *    archive's fault, never an I/O, internal or conflict error (nothing is
 *    in the way in an empty destination);
 *  - a refusal leaves no file in pulih/ (only evidence directories it made);
 *  - an acceptance leaves netral.db and otherwise only names of the backup's
 *    shapes (netral.key, bukti/XX/<64 hex> with XX its first two digits; no
 *    temp file), as many evidence files as it reports, the key iff it says
 *    so, and the "<sha256>  <name>" line of every restored file's real
 *    content is in the input: no archive is accepted whose manifest does not
 *    name what was written;
 *  - nothing appears in <tmp> but arsip.tar and pulih/: no member escapes.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "cli/cmd_backup.h"
#include "core/banned.h"

enum { HEX = 64, REL_MAX = 160 };

static char base[64], archive[PATH_MAX], dest[PATH_MAX], db[PATH_MAX], key[PATH_MAX];

typedef struct {
  char rel[REL_MAX];
  int dir;
} entry_t;

static entry_t *ents;
static size_t nents, capents;

static void fail(const char *what, const char *detail) {
  fprintf(stderr, "fuzz_restore: %s: %s\n", what, detail);
  abort();
}

/* Every entry under dest/rel, parents before their children. */
static void collect(const char *rel) {
  char path[PATH_MAX];
  snprintf(path, sizeof path, "%s%s%s", dest, rel[0] ? "/" : "", rel);
  DIR *d = opendir(path);
  if (!d) fail("opendir", path);
  struct dirent *de;
  while ((de = readdir(d))) {
    if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0) continue;
    if (nents == capents) {
      capents = capents ? capents * 2 : 64;
      ents = realloc(ents, capents * sizeof *ents);
      if (!ents) abort();
    }
    entry_t *en = &ents[nents];
    int w = snprintf(en->rel, sizeof en->rel, "%s%s%s", rel, rel[0] ? "/" : "", de->d_name);
    if (w < 0 || (size_t)w >= sizeof en->rel) fail("nama tak terduga di tujuan", de->d_name);
    char full[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", dest, en->rel);
    struct stat st;
    if (lstat(full, &st) != 0) fail("lstat", full);
    if (!S_ISDIR(st.st_mode) && !S_ISREG(st.st_mode)) fail("bukan berkas biasa atau folder", full);
    en->dir = S_ISDIR(st.st_mode);
    nents++;
    if (en->dir) collect(en->rel);
  }
  closedir(d);
}

/* Empty dest (children first) for the next input. */
static void empty_dest(void) {
  for (size_t i = nents; i-- > 0;) {
    char full[PATH_MAX];
    snprintf(full, sizeof full, "%s/%s", dest, ents[i].rel);
    if ((ents[i].dir ? rmdir(full) : unlink(full)) != 0) fail("gagal menghapus", full);
  }
  nents = 0;
}

static void cleanup(void) {
  nents = 0;
  collect("");
  empty_dest();
  rmdir(dest);
  unlink(archive);
  rmdir(base);
  free(ents);
}

static void setup(void) {
  if (sodium_init() < 0) abort();
  struct stat st;
  const char *root = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
  snprintf(base, sizeof base, "%s/netral-fuzz-restore-XXXXXX", root);
  if (!mkdtemp(base)) fail("mkdtemp", base);
  snprintf(archive, sizeof archive, "%s/arsip.tar", base);
  snprintf(dest, sizeof dest, "%s/pulih", base);
  snprintf(db, sizeof db, "%s/netral.db", dest);
  snprintf(key, sizeof key, "%s/netral.key", dest);
  if (mkdir(dest, 0700) != 0) fail("mkdir", dest);
  atexit(cleanup);
}

static int hex_ok(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
  return s[n] == '\0';
}

/* "bukti", "bukti/XX" or "bukti/XX/XX<62 hex>" (file 1 for the last). */
static int shape_ok(const entry_t *en) {
  const char *r = en->rel;
  if (strcmp(r, "netral.db") == 0 || strcmp(r, "netral.key") == 0) return !en->dir;
  if (strcmp(r, "bukti") == 0) return en->dir;
  if (strncmp(r, "bukti/", 6) != 0) return 0;
  r += 6;
  if (strlen(r) == 2) return en->dir && hex_ok(r, 2);
  return !en->dir && strlen(r) == 3 + HEX && r[2] == '/' && r[0] == r[3] && r[1] == r[4] && hex_ok(r + 3, HEX);
}

static void sha_file(const char *path, char hex[HEX + 1]) {
  FILE *f = fopen(path, "rb");
  if (!f) fail("fopen", path);
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  unsigned char chunk[16384], d[crypto_hash_sha256_BYTES];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) crypto_hash_sha256_update(&st, chunk, n);
  fclose(f);
  crypto_hash_sha256_final(&st, d);
  sodium_bin2hex(hex, HEX + 1, d, sizeof d);
}

/* "<hex>  <name>" as a whole manifest line somewhere in the input. */
static int line_in(const uint8_t *data, size_t size, const char *hex, const char *name) {
  char line[HEX + 2 + REL_MAX];
  int n = snprintf(line, sizeof line, "%s  %s", hex, name);
  for (const uint8_t *p = data, *end = data + size; p < end;) {
    const uint8_t *hit = memmem(p, (size_t)(end - p), line, (size_t)n);
    if (!hit) return 0;
    const uint8_t *after = hit + n;
    if ((hit == data || hit[-1] == '\n' || hit[-1] == '\0') && (after == end || *after == '\n' || *after == '\0'))
      return 1;
    p = hit + 1;
  }
  return 0;
}

static void check_base(void) {
  DIR *d = opendir(base);
  if (!d) fail("opendir", base);
  struct dirent *de;
  while ((de = readdir(d)))
    if (strcmp(de->d_name, ".") && strcmp(de->d_name, "..") && strcmp(de->d_name, "arsip.tar") &&
        strcmp(de->d_name, "pulih"))
      fail("berkas muncul di luar folder tujuan", de->d_name);
  closedir(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (!base[0]) setup();
  int fd = open(archive, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0 || (size && write(fd, data, size) != (ssize_t)size) || close(fd) != 0) fail("menulis", archive);

  const backup_dest_t to = {db, key, dest};
  long nbukti = -1;
  int with_key = -1;
  err_clear();
  err_t e = cmd_backup_restore_into(archive, &to, 0, &nbukti, &with_key);

  nents = 0;
  collect("");
  check_base();
  if (e) {
    if (e != ERR_INVALID || strcmp(err_field(e), "berkas") != 0 || !err_message(e)[0]) {
      fprintf(stderr, "fuzz_restore: %s field '%s': %s\n", err_code_str(e), err_field(e), err_message(e));
      abort();
    }
    for (size_t i = 0; i < nents; i++)
      if (!ents[i].dir) fail("arsip ditolak tetapi berkas tertinggal", ents[i].rel);
  } else {
    long files = 0;
    int have_db = 0, have_key = 0;
    for (size_t i = 0; i < nents; i++) {
      const entry_t *en = &ents[i];
      if (!shape_ok(en)) fail("nama tak dikenal setelah pemulihan", en->rel);
      if (en->dir) continue;
      char full[PATH_MAX], hex[HEX + 1];
      snprintf(full, sizeof full, "%s/%s", dest, en->rel);
      sha_file(full, hex);
      if (!line_in(data, size, hex, en->rel)) fail("isi yang dipulihkan tidak tercatat di MANIFEST", en->rel);
      if (strcmp(en->rel, "netral.db") == 0) have_db = 1;
      else if (strcmp(en->rel, "netral.key") == 0) have_key = 1;
      else files++;
    }
    if (!have_db) fail("arsip diterima", "tanpa netral.db");
    if (files != nbukti || have_key != with_key) fail("arsip diterima", "jumlah bukti atau kunci tidak sesuai laporan");
  }
  empty_dest();
  return 0;
}
