/* api_util.c — small helpers shared by handlers (see api.h). */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "core/banned.h"

err_t api_str(json_t *obj, const char *key, const char *field, const char **out) {
  json_t *v = obj ? json_object_get(obj, key) : NULL;
  *out = NULL;
  if (!v || json_is_null(v)) return ERR_OK;
  if (!json_is_string(v)) return err_set(ERR_INVALID, field, "Kolom %s harus berupa teks.", field);
  *out = json_string_value(v);
  return ERR_OK;
}

err_t api_req_str(json_t *obj, const char *key, const char *field, const char **out) {
  err_t e = api_str(obj, key, field, out);
  if (e) return e;
  if (!*out || strspn(*out, " \t\r\n") == strlen(*out))
    return err_set(ERR_INVALID, field, "Kolom %s wajib diisi.", field);
  return ERR_OK;
}

err_t api_write(req_t *rq, store_tx_fn fn, void *ud) {
  db_t *db;
  err_t e = req_db(rq, &db);
  return e ? e : store_write(db, fn, ud);
}

err_t api_reply_xlsx(req_t *rq, resp_t *rs, const char *filename, api_file_writer_fn write, void *ud) {
  char path[1024];
  snprintf(path, sizeof path, "%s/ekspor-XXXXXX", rq->app->cfg.data_dir);
  int fd = mkstemp(path);
  if (fd < 0) return err_set(ERR_IO, NULL, "Gagal membuat berkas sementara ekspor.");
  close(fd);
  err_t e = write(path, ud);
  if (!e) {
    fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
      if (fd >= 0) close(fd);
      e = err_set(ERR_IO, NULL, "Gagal membaca berkas ekspor.");
    } else {
      rs->file_fd = fd;
      rs->file_size = (uint64_t)st.st_size;
    }
  }
  unlink(path);
  if (e) return e;
  rs->status = 200;
  rs->ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  snprintf(rs->disposition, sizeof rs->disposition, "attachment; filename=\"%s\"", filename);
  return ERR_OK;
}
