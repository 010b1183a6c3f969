/* err.c — table lookups and the thread-local error detail (see err.h). */
#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
  int status;
  const char *code;
  const char *msg;
} err_rows[] = {
#define X(name, status, code, msg) {status, code, msg},
    ERR_TABLE(X)
#undef X
};

static _Thread_local err_detail_t tl_detail;

static int err_valid(err_t e) { return (unsigned)e < (unsigned)ERR__COUNT; }

int err_http_status(err_t e) { return err_valid(e) ? err_rows[e].status : 500; }
const char *err_code_str(err_t e) { return err_valid(e) ? err_rows[e].code : "internal"; }
const char *err_default_msg(err_t e) {
  return err_valid(e) ? err_rows[e].msg : err_rows[ERR_INTERNAL].msg;
}

err_t err_set(err_t e, const char *field, const char *fmt, ...) {
  /* Format into locals first: field or an argument may point into tl_detail
   * itself (err_set(e, err_field(e), "%s", err_message(e)) re-raises). */
  err_detail_t d;
  d.code = e;
  d.field[0] = '\0';
  d.message[0] = '\0';
  if (field) snprintf(d.field, sizeof d.field, "%s", field);
  if (fmt) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d.message, sizeof d.message, fmt, ap);
    va_end(ap);
  }
  tl_detail = d;
  return e;
}

void err_clear(void) { memset(&tl_detail, 0, sizeof tl_detail); }

const err_detail_t *err_detail(err_t e) {
  static const err_detail_t empty;
  return tl_detail.code == e ? &tl_detail : &empty;
}

const char *err_message(err_t e) {
  const err_detail_t *d = err_detail(e);
  return d->message[0] ? d->message : err_default_msg(e);
}

const char *err_field(err_t e) { return err_detail(e)->field; }
