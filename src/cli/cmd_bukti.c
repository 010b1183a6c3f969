/*
 * cmd_bukti.c — the stored files (case evidence, pakta documents, activity
 * attachments; evidence.h), one subcommand per table row:
 *
 *   netral bukti verify    open every file the database names (decrypting
 *                          it) and re-hash it; report the ones missing or
 *                          changed on disk, with every place that names
 *                          them, and count those still stored in plaintext
 *                          from before encryption. Serving a file checks it
 *                          too, but only when it is asked for, so this is how
 *                          silent corruption or a replaced file is found; run
 *                          it after a restore and on a schedule.
 *   netral bukti enkripsi  rewrite every plaintext file under
 *                          NETRAL_DATA_DIR/bukti encrypted (atomically, each
 *                          only after it hashes to its name; a damaged one is
 *                          reported and left alone). Walks the directory, not
 *                          the database, so files no row names are covered
 *                          too. Safe while the server runs: a reader sees the
 *                          old or the new file, both open.
 *
 * Both need the real key file and refuse to start without it (a command that
 * made a new key would report every encrypted file as damaged). Progress on
 * stderr when it is a terminal. Exit: 0 all intact, 1 a file is missing or
 * damaged (or the run failed), 2 usage.
 */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "core/fsutil.h"
#include "cli/commands.h"
#include "domain/evidence.h"
#include "domain/keys.h"
#include "store/store_case.h"
#include "core/banned.h"

typedef struct {
  const keys_t *keys;
  const char *data_dir;
  char sha[EVIDENCE_HEX_LEN + 1]; /* the file checked last */
  err_t state;                     /* its result */
  long files, refs, rusak, hilang, legacy, converted;
  int tty;
  double last;
} bukti_ctx_t;

static void progress(bukti_ctx_t *c, const char *what) {
  double now = c->tty ? clock_mono() : 0;
  if (c->tty && now - c->last > 0.2) {
    c->last = now;
    fprintf(stderr, "\r\033[K%s: %ld berkas, %ld rusak, %ld hilang", what, c->files, c->rusak, c->hilang);
  }
}

static err_t check_ref(void *ud, const char *sha, const char *place) {
  bukti_ctx_t *c = ud;
  c->refs++;
  if (strcmp(sha, c->sha) != 0) { /* a new file: open and hash it once for all its places */
    int old = 0;
    snprintf(c->sha, sizeof c->sha, "%s", sha);
    c->files++;
    c->state = evidence_verify(c->keys, c->data_dir, sha, &old);
    if (c->state == ERR_NOT_FOUND) c->hilang++;
    else if (c->state) c->rusak++;
    else c->legacy += old;
    progress(c, "Memeriksa");
  }
  if (c->state == ERR_NOT_FOUND) printf("HILANG %s  (%s)\n", sha, place);
  else if (c->state) printf("RUSAK  %s  (%s): %s\n", sha, place, err_message(c->state));
  return ERR_OK;
}

static int bukti_verify(bukti_ctx_t *c) {
  app_t app;
  if (cli_app_open(&app)) return 1;
  c->keys = &app.keys;
  c->data_dir = app.cfg.data_dir;
  db_t *db;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = store_evidence_files_each(db, check_ref, c);
    store_release(app.store, db);
  }
  app_close(&app);
  if (c->tty) fputs("\r\033[K", stderr);
  if (e) return cli_fail(e);
  long utuh = c->files - c->rusak - c->hilang;
  printf("Bukti: %ld berkas diperiksa (%ld rujukan): %ld utuh", c->files, c->refs, utuh);
  if (c->legacy) printf(" (%ld belum dienkripsi)", c->legacy);
  printf(", %ld rusak, %ld hilang.\n", c->rusak, c->hilang);
  if (c->legacy)
    printf("%ld berkas tersimpan sebelum enkripsi dan masih terbaca oleh siapa pun yang memegang disk atau "
           "cadangannya. Enkripsikan dengan: netral bukti enkripsi\n",
           c->legacy);
  return c->rusak || c->hilang ? 1 : 0;
}

/* Every bukti/XX/<64 hex> under data_dir: encrypt it if it is still plaintext. */
static err_t encrypt_all(bukti_ctx_t *c) {
  char dir[PATH_MAX];
  int w = snprintf(dir, sizeof dir, "%s/bukti", c->data_dir);
  if (w < 0 || (size_t)w >= sizeof dir) return err_set(ERR_IO, NULL, "Jalur folder bukti terlalu panjang.");
  DIR *top = opendir(dir);
  if (!top) return ERR_OK; /* nothing stored yet */
  struct dirent *a;
  while ((a = readdir(top))) {
    if (strlen(a->d_name) != 2 || !strchr("0123456789abcdef", a->d_name[0]) ||
        !strchr("0123456789abcdef", a->d_name[1]))
      continue;
    char sub[PATH_MAX];
    w = snprintf(sub, sizeof sub, "%s/%s", dir, a->d_name);
    if (w < 0 || (size_t)w >= sizeof sub) continue;
    DIR *d = opendir(sub);
    if (!d) continue;
    struct dirent *f;
    while ((f = readdir(d))) {
      /* only content-addressed names (not the temp files of a write in progress) */
      if (!evidence_hex_ok(f->d_name) || strncmp(f->d_name, a->d_name, 2) != 0) continue;
      int converted = 0;
      c->files++;
      err_t e = evidence_encrypt_legacy(c->keys, c->data_dir, f->d_name, &converted);
      if (e == ERR_NOT_FOUND) { /* gone meanwhile */
        c->files--;
      } else if (e) {
        c->rusak++;
        printf("RUSAK  %s: %s\n", f->d_name, err_message(e));
      } else {
        c->converted += converted;
      }
      progress(c, "Mengenkripsi");
    }
    closedir(d);
  }
  closedir(top);
  return ERR_OK;
}

static int bukti_enkripsi(bukti_ctx_t *c) {
  const config_t *cfg = cli_config();
  keys_t k;
  err_t e = keys_load(cfg->key_file, &k);
  if (e) return cli_fail(e); /* presence was checked by cmd_bukti */
  c->keys = &k;
  c->data_dir = cfg->data_dir;
  e = encrypt_all(c);
  sodium_memzero(&k, sizeof k);
  if (c->tty) fputs("\r\033[K", stderr);
  if (e) return cli_fail(e);
  printf("Enkripsi bukti: %ld berkas di %s/bukti: %ld dienkripsi sekarang, %ld sudah terenkripsi, %ld rusak "
         "(tidak diubah).\n",
         c->files, c->data_dir, c->converted, c->files - c->converted - c->rusak, c->rusak);
  return c->rusak ? 1 : 0;
}

static const struct {
  const char *name;
  int (*fn)(bukti_ctx_t *c);
} subs[] = {
    {"verify", bukti_verify},
    {"enkripsi", bukti_enkripsi},
};

int cmd_bukti(int argc, char **argv) {
  for (size_t i = 0; argc == 2 && i < sizeof subs / sizeof subs[0]; i++) {
    if (strcmp(argv[1], subs[i].name) != 0) continue;
    const char *kf = cli_config()->key_file;
    if (!fs_exists(kf))
      return cli_fail(err_set(ERR_NOT_FOUND, "NETRAL_KEY_FILE",
                              "Berkas kunci %s tidak ada. Berkas bukti terenkripsi dengan kunci server: salin "
                              "kunci asli ke sana dahulu (lihat docs/keamanan.md).",
                              kf));
    bukti_ctx_t c = {.tty = isatty(STDERR_FILENO)};
    return subs[i].fn(&c);
  }
  fprintf(stderr, "Pemakaian: netral bukti verify     (buka dan periksa ulang SHA-256 setiap berkas bukti, dokumen "
                  "pakta dan lampiran)\n"
                  "           netral bukti enkripsi   (enkripsikan berkas yang tersimpan sebelum enkripsi)\n");
  return 2;
}
