/*
 * cmd_bukti.c — `netral bukti verify`: re-hash every stored file the
 * database names (case evidence, pakta documents, activity attachments) and
 * report the ones missing or changed on disk, with every place that names
 * them. Serving a file does not re-hash it, so this is how silent corruption
 * or a replaced file is found; run it after a restore and on a schedule.
 * Progress on stderr when it is a terminal. Exit: 0 all intact, 1 a file is
 * missing or changed (or the check failed), 2 usage.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/clock.h"
#include "cli/commands.h"
#include "domain/evidence.h"
#include "store/store_case.h"
#include "core/banned.h"

typedef struct {
  const char *data_dir;
  char sha[EVIDENCE_HEX_LEN + 1]; /* the file checked last */
  err_t state;                     /* its result */
  long files, refs, rusak, hilang;
  int tty;
  double last;
} verify_ctx_t;

static err_t check_ref(void *ud, const char *sha, const char *place) {
  verify_ctx_t *c = ud;
  c->refs++;
  if (strcmp(sha, c->sha) != 0) { /* a new file: hash it once for all its places */
    snprintf(c->sha, sizeof c->sha, "%s", sha);
    c->files++;
    c->state = evidence_verify(c->data_dir, sha);
    if (c->state == ERR_NOT_FOUND) c->hilang++;
    else if (c->state) c->rusak++;
    double now = c->tty ? clock_mono() : 0;
    if (c->tty && now - c->last > 0.2) {
      c->last = now;
      fprintf(stderr, "\r\033[KMemeriksa: %ld berkas, %ld rusak, %ld hilang", c->files, c->rusak, c->hilang);
    }
  }
  if (c->state == ERR_NOT_FOUND) printf("HILANG %s  (%s)\n", sha, place);
  else if (c->state) printf("RUSAK  %s  (%s): %s\n", sha, place, err_message(c->state));
  return ERR_OK;
}

int cmd_bukti(int argc, char **argv) {
  if (argc < 2 || strcmp(argv[1], "verify") != 0) {
    fprintf(stderr, "Pemakaian: netral bukti verify   (periksa ulang SHA-256 setiap berkas bukti, dokumen pakta dan lampiran)\n");
    return 2;
  }
  app_t app;
  if (cli_app_open(&app)) return 1;
  verify_ctx_t c = {.data_dir = app.cfg.data_dir, .tty = isatty(STDERR_FILENO)};
  db_t *db;
  err_t e = store_acquire(app.store, &db);
  if (!e) {
    e = store_evidence_files_each(db, check_ref, &c);
    store_release(app.store, db);
  }
  app_close(&app);
  if (c.tty) fputs("\r\033[K", stderr);
  if (e) return cli_fail(e);
  printf("Bukti: %ld berkas diperiksa (%ld rujukan): %ld utuh, %ld rusak, %ld hilang.\n", c.files, c.refs,
         c.files - c.rusak - c.hilang, c.rusak, c.hilang);
  return c.rusak || c.hilang ? 1 : 0;
}
