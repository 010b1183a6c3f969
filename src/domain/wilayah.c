/* wilayah.c — see wilayah.h. */
#include "domain/wilayah.h"

#include <ctype.h>
#include <string.h>

#include "store/store_wilayah.h"
#include "core/banned.h"

int wilayah_code_valid(const char *kode) {
  static const int seg_len[] = {2, 2, 2, 4};
  int seg = 0, n = 0;
  if (!kode || !*kode) return 0;
  for (const char *p = kode;; p++) {
    if (*p == '.' || *p == '\0') {
      if (seg > 3 || n != seg_len[seg]) return 0;
      if (*p == '\0') return 1;
      seg++;
      n = 0;
    } else if (isdigit((unsigned char)*p)) {
      n++;
    } else {
      return 0;
    }
  }
}

int wilayah_code_within(const char *scope, const char *kode) {
  size_t n = strlen(scope);
  return strncmp(scope, kode, n) == 0 && (kode[n] == '\0' || kode[n] == '.');
}

int wilayah_in_scope(const account_t *who, const char *kode) {
  if (!who) return 0;
  if (who->role == ROLE_ADMIN) return 1;
  return kode && wilayah_code_within(who->wilayah, kode);
}

static err_t add_child(void *ud, const wilayah_row_t *w) {
  json_t *o = json_pack("{s:s,s:s,s:s}", "kode", w->kode, "nama", w->nama, "tingkat", w->tingkat);
  return (o && json_array_append_new(ud, o) == 0) ? ERR_OK : ERR_NOMEM;
}

err_t wilayah_json(db_t *db, const char *kode, json_t **out) {
  wilayah_row_t w;
  if (!wilayah_code_valid(kode)) return err_set(ERR_NOT_FOUND, "kode", "Kode wilayah tidak dikenal: %s.", kode);
  err_t e = store_wilayah_get(db, kode, &w);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "kode", "Kode wilayah tidak dikenal: %s.", kode);
  if (e) return e;
  json_t *anak = json_array();
  json_t *o = json_pack("{s:s,s:s,s:s,s:s*,s:o}", "kode", w.kode, "nama", w.nama, "tingkat", w.tingkat, "induk",
                        w.induk[0] ? w.induk : NULL, "anak", anak);
  if (!o) return ERR_NOMEM;
  e = store_wilayah_children(db, kode, add_child, anak);
  if (e) {
    json_decref(o);
    return e;
  }
  *out = o;
  return ERR_OK;
}
