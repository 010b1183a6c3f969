/*
 * cmd_backup.c — `netral backup` / `netral restore` (format and guarantees in
 * cmd_backup.h; why the key stays out by default in docs/keamanan.md).
 *
 * This file talks to SQLite directly instead of through store.h: an online
 * backup is a property of the backend (sqlite3_backup_* here, pg_dump for
 * PostgreSQL), not a query the domain would ever run.
 */
#include "cli/cmd_backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/fsutil.h"
#include "core/mem.h"
#include "domain/evidence.h"
#include "domain/keys.h"
#include "store/store.h"
#include "core/limits.h"
#include "core/banned.h"

enum { TAR_BLOCK = 512, MANIFEST_MAX = LIMIT_MANIFEST, HEX = 64 };

static const char MANIFEST[] = "MANIFEST.sha256";

/* Path of the SQLite file named by NETRAL_DB ("sqlite:PATH" or a bare path). Borrowed from url. */
static err_t sqlite_path(const char *url, const char **out) {
  if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
    return err_set(ERR_INVALID, "NETRAL_DB", "Cadangan bawaan hanya untuk SQLite; basis data PostgreSQL dicadangkan dengan pg_dump.");
  *out = strncmp(url, "sqlite:", 7) == 0 ? url + 7 : url;
  return ERR_OK;
}

static int hex_ok(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f'))) return 0;
  return s[n] == '\0';
}

/* "bukti/XX/<64 hex>" with XX the first two hex digits. */
static int bukti_name_ok(const char *n) {
  return strncmp(n, "bukti/", 6) == 0 && strlen(n) == 6 + 3 + HEX && n[8] == '/' && n[6] == n[9] && n[7] == n[10] &&
         hex_ok(n + 9, HEX);
}

static void sha_hex(crypto_hash_sha256_state *st, char hex[HEX + 1]) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(st, d);
  sodium_bin2hex(hex, HEX + 1, d, sizeof d);
}

/* Checking evidence members: stored files are encrypted (evidence.h), so
 * the SHA-256 of the bytes on disk is not the name; the name is the hash of
 * the plaintext. A file from before encryption still hashes to its name. */
typedef struct {
  keys_t k;
  int have_key;
  long legacy;    /* plaintext files (from before encryption), intact */
  long unchecked; /* encrypted files not opened: no key */
} bukti_check_t;

/* Load the key file at path (if it loads) for the checks. */
static void bukti_check_key(bukti_check_t *bc, const char *path) {
  bc->have_key = path && fs_exists(path) && keys_load(path, &bc->k) == ERR_OK;
  err_clear(); /* a key file that does not load only means "not checked" */
}

/* Whether the copy at path of member name (raw_hex: SHA-256 of its bytes) is
 * intact: ERR_OK (also when it cannot be checked without a key), else the
 * error of evidence_read_path. */
static err_t bukti_check(bukti_check_t *bc, const char *path, const char *name, const char *raw_hex) {
  const char *sha = name + 9; /* "bukti/XX/" */
  if (strcmp(raw_hex, sha) == 0) {
    bc->legacy++;
    return ERR_OK;
  }
  buf_t b;
  buf_init(&b);
  err_t e = evidence_read_path(bc->have_key ? &bc->k : NULL, path, sha, &b, NULL);
  if (b.data) sodium_memzero(b.data, b.len);
  buf_free(&b);
  if (e == ERR_CRYPTO && !bc->have_key) {
    bc->unchecked++;
    e = ERR_OK;
  }
  return e;
}

/* ---------- writing ---------- */

/* snprintf into a path buffer; ERR_IO when it does not fit. */
#define PATHF(buf, ...) \
  do { \
    int w_ = snprintf((buf), sizeof(buf), __VA_ARGS__); \
    if (w_ < 0 || (size_t)w_ >= sizeof(buf)) return err_set(ERR_IO, NULL, "Jalur berkas terlalu panjang."); \
  } while (0)

static err_t io_err(const char *what, const char *path) {
  return err_set(ERR_IO, NULL, "Gagal %s %s: %s", what, path, strerror(errno));
}

static err_t tar_header(FILE *out, const char *name, uint64_t size, int64_t mtime) {
  unsigned char h[TAR_BLOCK];
  memset(h, 0, sizeof h);
  if (strlen(name) >= 100) return err_set(ERR_INTERNAL, NULL, "Nama anggota arsip terlalu panjang: %s", name);
  memcpy(h, name, strlen(name));
  snprintf((char *)h + 100, 8, "%07o", 0600u);
  snprintf((char *)h + 108, 8, "%07o", 0u);
  snprintf((char *)h + 116, 8, "%07o", 0u);
  snprintf((char *)h + 124, 12, "%011llo", (unsigned long long)size & 077777777777ULL);
  snprintf((char *)h + 136, 12, "%011llo", (unsigned long long)(mtime > 0 ? mtime : 0) & 077777777777ULL);
  h[156] = '0';
  memcpy(h + 257, "ustar", 6);
  memcpy(h + 263, "00", 2);
  memcpy(h + 265, "netral", 6);
  memcpy(h + 297, "netral", 6);
  memset(h + 148, ' ', 8);
  unsigned sum = 0;
  for (size_t i = 0; i < sizeof h; i++) sum += h[i];
  snprintf((char *)h + 148, 8, "%06o", sum);
  h[155] = ' ';
  if (size >= 077777777777ULL) return err_set(ERR_TOO_LARGE, NULL, "Berkas %s terlalu besar untuk arsip (maks. 8 GB).", name);
  return fwrite(h, 1, sizeof h, out) == sizeof h ? ERR_OK : io_err("menulis", "arsip");
}

static err_t tar_pad(FILE *out, uint64_t size) {
  static const unsigned char zero[TAR_BLOCK];
  size_t pad = (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK);
  return fwrite(zero, 1, pad, out) == pad ? ERR_OK : io_err("menulis", "arsip");
}

static err_t manifest_add(buf_t *mf, const char *hex, const char *name) {
  return buf_printf(mf, "%s  %s\n", hex, name) ? ERR_NOMEM : ERR_OK;
}

/* Copy the file at path into the archive as member name; hash into *hex_out (may be NULL). */
static err_t tar_add_file(FILE *out, const char *name, const char *path, buf_t *mf, char *hex_out) {
  err_t e = ERR_OK;
  FILE *in = fopen(path, "rb");
  if (!in) return io_err("membuka", path);
  struct stat st;
  if (fstat(fileno(in), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(in);
    return err_set(ERR_IO, NULL, "%s bukan berkas biasa.", path);
  }
  uint64_t size = (uint64_t)st.st_size, done = 0;
  if ((e = tar_header(out, name, size, (int64_t)st.st_mtime))) goto done;
  crypto_hash_sha256_state sh;
  crypto_hash_sha256_init(&sh);
  unsigned char chunk[64 * 1024];
  while (done < size) {
    size_t want = size - done < sizeof chunk ? (size_t)(size - done) : sizeof chunk;
    size_t got = fread(chunk, 1, want, in);
    if (got == 0) {
      e = err_set(ERR_IO, NULL, "Berkas %s berubah ukuran saat dicadangkan.", path);
      goto done;
    }
    crypto_hash_sha256_update(&sh, chunk, got);
    if (fwrite(chunk, 1, got, out) != got) {
      e = io_err("menulis", "arsip");
      goto done;
    }
    done += got;
  }
  if ((e = tar_pad(out, size))) goto done;
  char hex[HEX + 1];
  sha_hex(&sh, hex);
  if (hex_out) memcpy(hex_out, hex, sizeof hex);
  e = manifest_add(mf, hex, name);
done:
  fclose(in);
  return e;
}

/* Online backup of src into the new file dst: a consistent snapshot while the server keeps writing. */
static err_t snapshot_db(const char *src, const char *dst) {
  sqlite3 *s = NULL, *d = NULL;
  err_t e = ERR_OK;
  if (sqlite3_open_v2(src, &s, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
    e = err_set(ERR_DB, "NETRAL_DB", "Tidak dapat membuka basis data %s: %s", src, sqlite3_errmsg(s));
    goto done;
  }
  sqlite3_busy_timeout(s, 5000);
  if (sqlite3_open_v2(dst, &d, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
    e = err_set(ERR_DB, NULL, "Tidak dapat membuat salinan %s: %s", dst, sqlite3_errmsg(d));
    goto done;
  }
  sqlite3_backup *b = sqlite3_backup_init(d, "main", s, "main");
  if (!b) {
    e = err_set(ERR_DB, NULL, "Cadangan daring SQLite gagal dimulai: %s", sqlite3_errmsg(d));
    goto done;
  }
  int rc;
  /* -1: all pages in one step, i.e. under one read transaction of the source. */
  while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(50);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    e = err_set(ERR_DB, NULL, "Cadangan daring SQLite gagal: %s", sqlite3_errstr(rc));
    goto done;
  }
  /* One self-contained file: no -wal needed next to it after restore. */
  if (sqlite3_exec(d, "PRAGMA journal_mode=DELETE;", NULL, NULL, NULL) != SQLITE_OK)
    e = err_set(ERR_DB, NULL, "Gagal menyiapkan salinan: %s", sqlite3_errmsg(d));
done:
  sqlite3_close(d);
  sqlite3_close(s);
  return e;
}

/* Every data_dir/bukti/XX/<hex> file, in directory order, as it is on disk (encrypted). */
static err_t add_bukti(FILE *out, const char *data_dir, buf_t *mf, bukti_check_t *bc, long *count) {
  char dir[PATH_MAX];
  PATHF(dir, "%s/bukti", data_dir);
  DIR *top = opendir(dir);
  if (!top) return errno == ENOENT ? ERR_OK : io_err("membuka", dir);
  err_t e = ERR_OK;
  struct dirent *a;
  while (!e && (a = readdir(top))) {
    if (strlen(a->d_name) != 2 || !hex_ok(a->d_name, 2)) continue;
    char sub[PATH_MAX];
    int w = snprintf(sub, sizeof sub, "%s/%s", dir, a->d_name);
    if (w < 0 || (size_t)w >= sizeof sub) continue;
    DIR *d = opendir(sub);
    if (!d) continue;
    struct dirent *f;
    while (!e && (f = readdir(d))) {
      if (strlen(f->d_name) != HEX || !hex_ok(f->d_name, HEX) || strncmp(f->d_name, a->d_name, 2) != 0) continue;
      char path[PATH_MAX], name[100], hex[HEX + 1];
      w = snprintf(path, sizeof path, "%s/%s", sub, f->d_name);
      if (w < 0 || (size_t)w >= sizeof path) continue;
      snprintf(name, sizeof name, "bukti/%.2s/%.64s", a->d_name, f->d_name);
      if ((e = tar_add_file(out, name, path, mf, hex))) break;
      err_t bad = bukti_check(bc, path, name, hex);
      if (bad) fprintf(stderr, "peringatan: %s: %s Berkas tetap disalin apa adanya.\n", name, err_message(bad));
      (*count)++;
    }
    closedir(d);
  }
  closedir(top);
  return e;
}

/* Make a rename durable (best effort: a failure here loses nothing already written). */
static void fsync_dir_of(const char *path) {
  char dir[PATH_MAX];
  const char *slash = strrchr(path, '/');
  if (!slash) snprintf(dir, sizeof dir, ".");
  else if (slash == path) snprintf(dir, sizeof dir, "/");
  else snprintf(dir, sizeof dir, "%.*s", (int)(slash - path), path);
  int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  if (fsync(fd) != 0) { /* nothing more to do */ }
  close(fd);
}

/* BERKAS and one optional flag: 0, or 2 after printing what is wrong. */
static int file_and_flag(int argc, char **argv, const char *flag, const char *usage, const char **file, int *set) {
  *file = NULL;
  *set = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], flag) == 0) *set = 1;
    else if (argv[i][0] != '-' && !*file) *file = argv[i];
    else return fprintf(stderr, "Argumen tidak dikenal: %s\n", argv[i]), 2;
  }
  if (!*file) return fprintf(stderr, "Pemakaian: %s\n", usage), 2;
  return 0;
}

int cmd_backup(int argc, char **argv) {
  const char *file;
  int with_key, bad = file_and_flag(argc, argv, "--dengan-kunci", "netral backup BERKAS [--dengan-kunci]", &file, &with_key);
  if (bad) return bad;
  const config_t *cfg = cli_config();
  const char *dbpath;
  err_t e = sqlite_path(cfg->db, &dbpath);
  if (e) return cli_fail(e);
  if (!fs_exists(dbpath)) return cli_fail(err_set(ERR_NOT_FOUND, "NETRAL_DB", "Basis data %s tidak ada.", dbpath));
  if (with_key && !fs_exists(cfg->key_file))
    return cli_fail(err_set(ERR_NOT_FOUND, "NETRAL_KEY_FILE", "Berkas kunci %s tidak ada.", cfg->key_file));

  char tmp_tar[PATH_MAX], tmp_db[PATH_MAX];
  FILE *out = NULL;
  buf_t mf;
  long nbukti = 0;
  bukti_check_t bc;
  memset(&bc, 0, sizeof bc);
  bukti_check_key(&bc, cfg->key_file);
  buf_init(&mf);
  tmp_db[0] = '\0';
  snprintf(tmp_tar, sizeof tmp_tar, "%s.tmp-XXXXXX", file);
  int fd = mkstemp(tmp_tar); /* 0600: the archive holds sealed identities (and maybe the key) */
  if (fd < 0) {
    e = io_err("membuat", tmp_tar);
    tmp_tar[0] = '\0';
    goto fail;
  }
  out = fdopen(fd, "wb");
  if (!out) {
    close(fd);
    e = io_err("membuka", tmp_tar);
    goto fail;
  }
  snprintf(tmp_db, sizeof tmp_db, "%s.db-XXXXXX", file);
  int dfd = mkstemp(tmp_db);
  if (dfd < 0) {
    e = io_err("membuat", tmp_db);
    tmp_db[0] = '\0';
    goto fail;
  }
  close(dfd);
  if ((e = snapshot_db(dbpath, tmp_db))) goto fail;
  if ((e = tar_add_file(out, "netral.db", tmp_db, &mf, NULL))) goto fail;
  unlink(tmp_db);
  tmp_db[0] = '\0';
  if ((e = add_bukti(out, cfg->data_dir, &mf, &bc, &nbukti))) goto fail;
  if (with_key && (e = tar_add_file(out, "netral.key", cfg->key_file, &mf, NULL))) goto fail;
  if ((e = tar_header(out, MANIFEST, mf.len, (int64_t)time(NULL)))) goto fail;
  if (fwrite(mf.data, 1, mf.len, out) != mf.len || tar_pad(out, mf.len)) {
    e = io_err("menulis", tmp_tar);
    goto fail;
  }
  static const unsigned char end[2 * TAR_BLOCK];
  if (fwrite(end, 1, sizeof end, out) != sizeof end || fflush(out) != 0 || fsync(fileno(out)) != 0) {
    e = io_err("menulis", tmp_tar);
    goto fail;
  }
  fclose(out);
  out = NULL;
  if (rename(tmp_tar, file) != 0) {
    e = io_err("menamai", file);
    goto fail;
  }
  fsync_dir_of(file);
  buf_free(&mf);
  sodium_memzero(&bc.k, sizeof bc.k);
  printf("Cadangan ditulis ke %s: basis data, %ld berkas bukti%s, %s.\n", file, nbukti, bc.legacy ? "" : " (terenkripsi)",
         with_key ? "kunci server DISERTAKAN (simpan arsip ini serahasia kunci)"
                  : "kunci server tidak disertakan (simpan NETRAL_KEY_FILE terpisah, lihat docs/keamanan.md)");
  if (bc.legacy)
    printf("Perhatian: %ld berkas bukti tersimpan sebelum enkripsi dan terbaca apa adanya di arsip ini. Jalankan "
           "`netral bukti enkripsi`, lalu buat cadangan baru.\n",
           bc.legacy);
  if (bc.unchecked)
    fprintf(stderr, "catatan: isi %ld berkas bukti terenkripsi tidak diperiksa (berkas kunci %s tidak terbaca).\n",
            bc.unchecked, cfg->key_file);
  return 0;
fail:
  sodium_memzero(&bc.k, sizeof bc.k);
  if (out) fclose(out);
  if (tmp_tar[0]) unlink(tmp_tar);
  if (tmp_db[0]) unlink(tmp_db);
  buf_free(&mf);
  return cli_fail(e);
}

/* ---------- restore ---------- */

typedef struct {
  char name[101];
  char tmp[PATH_MAX], final[PATH_MAX];
  char hex[HEX + 1];
  int listed;
} member_t;

typedef struct {
  member_t *m;
  size_t n, cap;
} members_t;

static uint64_t octal(const unsigned char *p, size_t n, int *ok) {
  uint64_t v = 0;
  size_t i = 0;
  while (i < n && p[i] == ' ') i++;
  if (i == n || p[i] < '0' || p[i] > '7') *ok = 0;
  for (; i < n && p[i] >= '0' && p[i] <= '7'; i++) v = v * 8 + (uint64_t)(p[i] - '0');
  if (i < n && p[i] != '\0' && p[i] != ' ') *ok = 0;
  return v;
}

static err_t bad_archive(const char *why) {
  return err_set(ERR_INVALID, "berkas", "Arsip cadangan tidak sah: %s", why);
}

/* Read exactly n bytes (NULL dst: skip). */
static err_t read_full(FILE *in, void *dst, size_t n) {
  unsigned char tmp[TAR_BLOCK];
  while (n) {
    size_t want = dst ? n : (n < sizeof tmp ? n : sizeof tmp);
    size_t got = fread(dst ? dst : tmp, 1, want, in);
    if (got == 0) return bad_archive("arsip terpotong.");
    if (dst) dst = (unsigned char *)dst + got;
    n -= got;
  }
  return ERR_OK;
}

/* Stream size bytes of a member into a new temp file next to m->final. */
static err_t extract(FILE *in, uint64_t size, member_t *m) {
  err_t e = ERR_OK;
  if ((e = fs_mkdirs_for(m->final))) return e;
  PATHF(m->tmp, "%s.pulih-XXXXXX", m->final);
  int fd = mkstemp(m->tmp);
  if (fd < 0) {
    e = io_err("membuat", m->tmp);
    m->tmp[0] = '\0';
    return e;
  }
  crypto_hash_sha256_state sh;
  crypto_hash_sha256_init(&sh);
  unsigned char chunk[64 * 1024];
  uint64_t left = size;
  while (left && !e) {
    size_t want = left < sizeof chunk ? (size_t)left : sizeof chunk;
    if ((e = read_full(in, chunk, want))) break;
    crypto_hash_sha256_update(&sh, chunk, want);
    if (write(fd, chunk, want) != (ssize_t)want) e = io_err("menulis", m->tmp);
    left -= want;
  }
  if (!e && fsync(fd) != 0) e = io_err("menyimpan", m->tmp);
  close(fd);
  if (!e) e = read_full(in, NULL, (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK));
  sha_hex(&sh, m->hex);
  return e;
}

static err_t manifest_check(members_t *ms, char *text) {
  size_t lines = 0;
  for (char *line = text, *next; line && *line; line = next) {
    next = strchr(line, '\n');
    if (next) *next++ = '\0';
    if (strlen(line) < HEX + 3 || line[HEX] != ' ' || line[HEX + 1] != ' ') return bad_archive("baris MANIFEST rusak.");
    line[HEX] = '\0';
    const char *name = line + HEX + 2;
    member_t *m = NULL;
    for (size_t i = 0; i < ms->n && !m; i++)
      if (strcmp(ms->m[i].name, name) == 0) m = &ms->m[i];
    if (!m) return err_set(ERR_INVALID, "berkas", "Arsip cadangan tidak lengkap: %s tercatat di MANIFEST tetapi tidak ada.", name);
    if (m->listed) return bad_archive("anggota tercatat dua kali di MANIFEST.");
    if (strcmp(m->hex, line) != 0)
      return err_set(ERR_INVALID, "berkas", "Arsip cadangan rusak: sidik SHA-256 %s tidak cocok dengan MANIFEST.", name);
    m->listed = 1;
    lines++;
  }
  for (size_t i = 0; i < ms->n; i++)
    if (!ms->m[i].listed)
      return err_set(ERR_INVALID, "berkas", "Arsip cadangan tidak sah: %s tidak tercatat di MANIFEST.", ms->m[i].name);
  return lines ? ERR_OK : bad_archive("MANIFEST kosong.");
}

static err_t db_integrity(const char *path) {
  sqlite3 *d = NULL;
  sqlite3_stmt *st = NULL;
  err_t e = ERR_OK;
  if (sqlite3_open_v2(path, &d, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(d, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK || sqlite3_step(st) != SQLITE_ROW ||
      strcmp((const char *)sqlite3_column_text(st, 0), "ok") != 0)
    e = err_set(ERR_INVALID, "berkas", "Basis data dalam arsip rusak: %s", d ? sqlite3_errmsg(d) : "tidak terbuka");
  sqlite3_finalize(st);
  sqlite3_close(d);
  return e;
}

static int same_content(const char *a, const char *b) {
  FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
  int same = 0;
  if (fa && fb) {
    unsigned char x[4096], y[4096];
    size_t na, nb;
    same = 1;
    do {
      na = fread(x, 1, sizeof x, fa);
      nb = fread(y, 1, sizeof y, fb);
      if (na != nb || memcmp(x, y, na) != 0) same = 0;
    } while (same && na > 0);
  }
  if (fa) fclose(fa);
  if (fb) fclose(fb);
  return same;
}

err_t cmd_backup_restore_into(const char *file, const backup_dest_t *to, int force, long *nbukti_out, int *with_key) {
  err_t e;
  struct stat st;
  *nbukti_out = 0;
  *with_key = 0;
  if (stat(to->db, &st) == 0 && st.st_size > 0 && !force)
    return err_set(ERR_CONFLICT, "NETRAL_DB",
                   "Basis data %s sudah berisi data. Pemulihan akan menimpanya: hentikan server, lalu ulangi "
                   "dengan --paksa bila memang itu maksudnya.",
                   to->db);
  FILE *in = fopen(file, "rb");
  if (!in) return io_err("membuka", file);
  members_t ms = {NULL, 0, 0};
  char *manifest = NULL;
  member_t *db = NULL, *key = NULL;
  long nbukti = 0;
  bukti_check_t bc;
  memset(&bc, 0, sizeof bc);
  for (;;) {
    unsigned char h[TAR_BLOCK];
    if ((e = read_full(in, h, sizeof h))) goto done;
    int zero = 1;
    for (size_t i = 0; i < sizeof h && zero; i++) zero = h[i] == 0;
    if (zero) break;
    if (manifest) { e = bad_archive("ada anggota setelah MANIFEST."); goto done; }
    unsigned sum = 0;
    for (size_t i = 0; i < sizeof h; i++) sum += (i >= 148 && i < 156) ? ' ' : h[i];
    int ok = 1;
    uint64_t want_sum = octal(h + 148, 8, &ok), size = octal(h + 124, 12, &ok);
    if (!ok || want_sum != sum || memcmp(h + 257, "ustar", 5) != 0) { e = bad_archive("kepala anggota rusak."); goto done; }
    if (h[156] != '0' && h[156] != '\0') { e = bad_archive("hanya berkas biasa yang boleh ada di arsip."); goto done; }
    if (h[345] != '\0' || memchr(h, '\0', 100) == NULL) { e = bad_archive("nama anggota tidak dikenal."); goto done; }
    char name[101];
    memcpy(name, h, 100);
    name[100] = '\0';
    if (strcmp(name, MANIFEST) == 0) {
      if (size > MANIFEST_MAX) { e = bad_archive("MANIFEST terlalu besar."); goto done; }
      manifest = xmalloc((size_t)size + 1);
      if (!manifest) { e = ERR_NOMEM; goto done; }
      if ((e = read_full(in, manifest, (size_t)size))) goto done;
      manifest[size] = '\0';
      /* a NUL would end the text early and hide the lines after it */
      if (memchr(manifest, '\0', (size_t)size)) { e = bad_archive("MANIFEST.sha256 memuat bita NUL."); goto done; }
      if ((e = read_full(in, NULL, (size_t)((TAR_BLOCK - size % TAR_BLOCK) % TAR_BLOCK)))) goto done;
      continue;
    }
    int is_db = strcmp(name, "netral.db") == 0, is_key = strcmp(name, "netral.key") == 0;
    if (!is_db && !is_key && !bukti_name_ok(name)) {
      e = err_set(ERR_INVALID, "berkas", "Arsip cadangan tidak sah: anggota tak dikenal \"%.100s\".", name);
      goto done;
    }
    for (size_t i = 0; i < ms.n; i++)
      if (strcmp(ms.m[i].name, name) == 0) { e = bad_archive("anggota ganda."); goto done; }
    if (ms.n == ms.cap) {
      size_t ncap = ms.cap ? ms.cap * 2 : 8; /* 8 KB a member: start small */
      member_t *nm = xrealloc(ms.m, ncap * sizeof *nm);
      if (!nm) { e = ERR_NOMEM; goto done; }
      ms.m = nm;
      ms.cap = ncap;
    }
    member_t *m = &ms.m[ms.n++];
    memset(m, 0, sizeof *m);
    snprintf(m->name, sizeof m->name, "%s", name);
    if (is_db) snprintf(m->final, sizeof m->final, "%s", to->db);
    else if (is_key) snprintf(m->final, sizeof m->final, "%s", to->key_file);
    else snprintf(m->final, sizeof m->final, "%s/%s", to->data_dir, name), nbukti++;
    if ((e = extract(in, size, m))) goto done;
  }
  /* Found after the loop: ms.m may move while it grows. */
  for (size_t i = 0; i < ms.n; i++) {
    if (strcmp(ms.m[i].name, "netral.db") == 0) db = &ms.m[i];
    if (strcmp(ms.m[i].name, "netral.key") == 0) key = &ms.m[i];
  }
  if (!manifest) { e = bad_archive("MANIFEST.sha256 tidak ada (arsip terpotong?)."); goto done; }
  if (!db) { e = bad_archive("netral.db tidak ada."); goto done; }
  if ((e = manifest_check(&ms, manifest))) goto done;
  /* The manifest protects the bytes; this looks inside: with the key in the
   * archive or already in place, every encrypted member must open. */
  bukti_check_key(&bc, key ? key->tmp : to->key_file);
  for (size_t i = 0; i < ms.n; i++) {
    if (!bukti_name_ok(ms.m[i].name)) continue;
    err_t bad = bukti_check(&bc, ms.m[i].tmp, ms.m[i].name, ms.m[i].hex);
    if (bad) fprintf(stderr, "peringatan: %s dalam arsip: %s\n", ms.m[i].name, err_message(bad));
  }
  sodium_memzero(&bc.k, sizeof bc.k);
  if (bc.unchecked)
    fprintf(stderr, "catatan: isi %ld berkas bukti terenkripsi belum diperiksa (kunci server belum ada); setelah kunci "
                    "asli terpasang jalankan: netral bukti verify\n", bc.unchecked);
  if (bc.legacy)
    fprintf(stderr, "catatan: %ld berkas bukti dalam arsip belum dienkripsi; setelah pemulihan jalankan: netral bukti "
                    "enkripsi\n", bc.legacy);
  if ((e = db_integrity(db->tmp))) goto done;
  if (key && fs_exists(to->key_file) && !same_content(key->tmp, to->key_file) && !force) {
    e = err_set(ERR_CONFLICT, "NETRAL_KEY_FILE",
                "Berkas kunci %s sudah ada dan berbeda dengan kunci dalam arsip; ulangi dengan --paksa untuk menimpanya.",
                to->key_file);
    goto done;
  }
  /* Move into place: evidence (additive), key, then the database last. */
  for (size_t i = 0; i < ms.n; i++) {
    member_t *m = &ms.m[i];
    if (m == db) continue;
    if (m == key) chmod(m->tmp, 0600);
    if (rename(m->tmp, m->final) != 0) { e = io_err("memindahkan", m->final); goto done; }
    m->tmp[0] = '\0';
    fsync_dir_of(m->final);
  }
  char side[PATH_MAX];
  snprintf(side, sizeof side, "%s-wal", to->db);
  unlink(side);
  snprintf(side, sizeof side, "%s-shm", to->db);
  unlink(side);
  if (rename(db->tmp, to->db) != 0) { e = io_err("memindahkan", to->db); goto done; }
  db->tmp[0] = '\0';
  fsync_dir_of(to->db);
  *nbukti_out = nbukti;
  *with_key = key != NULL;
  e = ERR_OK;
done:
  for (size_t i = 0; e && i < ms.n; i++) /* a refusal leaves no temp file */
    if (ms.m[i].tmp[0]) unlink(ms.m[i].tmp);
  fclose(in);
  xfree(manifest);
  xfree(ms.m);
  return e;
}

static int restore_locked(const char *file, const char *dbpath, int force) {
  const config_t *cfg = cli_config();
  const backup_dest_t to = {dbpath, cfg->key_file, cfg->data_dir};
  long nbukti;
  int key;
  err_t e = cmd_backup_restore_into(file, &to, force, &nbukti, &key);
  if (e) return cli_fail(e);
  printf("Dipulihkan dari %s: basis data, %ld berkas bukti, %s.\n", file, nbukti,
         key ? "kunci server" : "tanpa kunci server");
  if (!key && !fs_exists(cfg->key_file))
    printf("Perhatian: salin berkas kunci asli ke %s sebelum menjalankan server; tanpa kunci itu identitas pelapor "
           "tidak dapat dibuka dan rantai audit tidak dapat diperiksa.\n",
           cfg->key_file);
  printf("Periksa dengan: netral audit verify\n");
  return 0;
}

int cmd_restore(int argc, char **argv) {
  const char *file;
  int force, bad = file_and_flag(argc, argv, "--paksa", "netral restore BERKAS [--paksa]   (hentikan server terlebih dahulu)",
                                 &file, &force);
  if (bad) return bad;
  const char *dbpath;
  err_t e = sqlite_path(cli_config()->db, &dbpath);
  if (e) return cli_fail(e);
  /* the database file for ourselves until it is replaced: refused while a
   * server or another command has it open, and none starts meanwhile */
  int lockfd;
  if ((e = store_sqlite_exclusive(dbpath, &lockfd))) return cli_fail(e);
  int code = restore_locked(file, dbpath, force);
  if (lockfd >= 0) close(lockfd);
  return code;
}
