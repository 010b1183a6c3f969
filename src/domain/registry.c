/* registry.c — browsing the registry of officials (see registry.h). */
#include "domain/registry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/wilayah.h"
#include "store/store_registry.h"
#include "core/enc.h"
#include "core/limits.h"
#include "core/banned.h"

enum { NIP_MAX = LIMIT_NIP, Q_MAX = LIMIT_QUERY_TEXT, HALAMAN_MAX = LIMIT_HALAMAN };

static const char *base_scope(const account_t *who) { return who->role == ROLE_ADMIN ? "" : who->wilayah; }

/* who's scope narrowed by an optional filter code into out. Returns 0 when
 * the filter lies outside the scope (nothing to list). */
static int narrow(const account_t *who, const char *filter, char out[24]) {
  const char *base = base_scope(who);
  if (!filter || !*filter) {
    snprintf(out, 24, "%s", base);
    return 1;
  }
  if (!*base || wilayah_code_within(base, filter)) snprintf(out, 24, "%s", filter);
  else if (wilayah_code_within(filter, base)) snprintf(out, 24, "%s", base);
  else return 0;
  return 1;
}

static err_t check_code(const char *v, const char *field) {
  if (v && *v && !wilayah_code_valid(v)) return err_set(ERR_INVALID, field, "Kode %s tidak valid (contoh kode: 35.16 atau 35.16.16).", field);
  return ERR_OK;
}

/* A positive id from text; 0 when absent. ERR_INVALID naming field otherwise. */
static err_t parse_id(const char *v, const char *field, int64_t *out) {
  char *end;
  *out = 0;
  if (!v || !*v) return ERR_OK;
  long long id = strtoll(v, &end, 10);
  if (*end || id <= 0) return err_set(ERR_INVALID, field, "Kolom %s harus nomor (bilangan bulat positif).", field);
  *out = id;
  return ERR_OK;
}

/* ---- instansi ---- */

static err_t instansi_row(void *ud, const store_instansi_row_t *r) {
  json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I}", "id", (json_int_t)r->id, "nama", r->nama, "pemda", r->pemda,
                        "pemda_nama", r->pemda_nama, "opd", (json_int_t)r->opd, "pegawai", (json_int_t)r->pegawai);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t registry_instansi(db_t *db, const account_t *who, const char *pemda, json_t **out) {
  char scope[24];
  err_t e;
  if (pemda && *pemda) {
    size_t n = strlen(pemda);
    if (!wilayah_code_valid(pemda) || (n != 2 && n != 5))
      return err_set(ERR_INVALID, "pemda", "Kode pemda harus kode provinsi atau kabupaten/kota, mis. 35.16.");
  }
  if (!narrow(who, pemda, scope)) return err_set(ERR_NOT_FOUND, "pemda", "Pemda %s tidak ada di wilayah tugas Anda.", pemda);
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  if ((e = store_instansi_list(db, scope, pemda, instansi_row, arr))) {
    json_decref(arr);
    return e;
  }
  *out = json_pack("{s:s*,s:o}", "pemda", pemda && *pemda ? pemda : NULL, "instansi", arr);
  return *out ? ERR_OK : ERR_NOMEM;
}

/* ---- OPD ---- */

static err_t opd_row(void *ud, const store_opd_list_row_t *r) {
  json_t *o = json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)r->id, "nama", r->nama, "instansi_id",
                        (json_int_t)r->instansi_id, "instansi", r->instansi, "wilayah", r->wilayah, "wilayah_nama",
                        r->wilayah_nama, "pegawai", (json_int_t)r->pegawai);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t registry_opd(db_t *db, const account_t *who, const char *instansi, const char *wilayah, json_t **out) {
  char scope[24];
  int64_t id;
  json_t *inst = NULL, *arr;
  err_t e = check_code(wilayah, "wilayah");
  if (!e) e = parse_id(instansi, "instansi", &id);
  if (e) return e;
  if (id) {
    store_instansi_one_t i;
    const char *base = base_scope(who);
    e = store_instansi_get(db, id, &i);
    /* Visible when the pemda lies in the user's wilayah or covers it. */
    if (e == ERR_NOT_FOUND ||
        (!e && *base && !wilayah_code_within(base, i.pemda) && !wilayah_code_within(i.pemda, base)))
      return err_set(ERR_NOT_FOUND, "instansi", "Instansi tidak ditemukan.");
    if (e) return e;
    if (!(inst = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)i.id, "nama", i.nama, "pemda", i.pemda))) return ERR_NOMEM;
  }
  if (!(arr = json_array())) {
    json_decref(inst);
    return ERR_NOMEM;
  }
  if (narrow(who, wilayah, scope) && (e = store_opd_list(db, scope, id, opd_row, arr))) {
    json_decref(inst);
    json_decref(arr);
    return e;
  }
  *out = json_pack("{s:o?,s:o}", "instansi", inst, "opd", arr);
  return *out ? ERR_OK : ERR_NOMEM;
}

/* ---- pegawai ---- */

static err_t pegawai_row(void *ud, const store_pegawai_list_row_t *r) {
  json_t *o = json_pack("{s:I,s:s,s:s,s:s*,s:s,s:s,s:s,s:I,s:s*,s:I,s:s*}", "id", (json_int_t)r->id, "nip", r->nip,
                        "nama", r->nama, "jabatan", *r->jabatan ? r->jabatan : NULL, "kategori", r->kategori, "wilayah",
                        r->wilayah, "wilayah_nama", r->wilayah_nama, "instansi_id", (json_int_t)r->instansi_id,
                        "instansi", *r->instansi ? r->instansi : NULL, "opd_id", (json_int_t)r->opd_id, "opd",
                        *r->opd ? r->opd : NULL);
  if (o && !r->instansi_id) json_object_set_new(o, "instansi_id", json_null());
  if (o && !r->opd_id) json_object_set_new(o, "opd_id", json_null());
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t registry_pegawai(db_t *db, const account_t *who, const registry_cari_t *c, json_t **out) {
  char scope[24], q[4 * Q_MAX + 1];
  store_pegawai_filter_t f;
  int64_t total = 0;
  err_t e;
  memset(&f, 0, sizeof f);
  long limit = c->limit < 1 ? REGISTRY_LIMIT_DEFAULT : c->limit > REGISTRY_LIMIT_MAX ? REGISTRY_LIMIT_MAX : c->limit;
  long halaman = c->halaman < 1 ? 1 : c->halaman > HALAMAN_MAX ? HALAMAN_MAX : c->halaman;
  if (c->nip && strlen(c->nip) > NIP_MAX) return err_set(ERR_INVALID, "nip", "NIP terlalu panjang (maks. %d karakter).", NIP_MAX);
  q[0] = '\0';
  if (c->q) { /* trimmed; inner spaces kept */
    const char *s = c->q + strspn(c->q, " \t");
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t')) n--;
    if (n >= sizeof q || enc_utf8_chars(s) > Q_MAX) return err_set(ERR_INVALID, "q", "Kata kunci terlalu panjang (maks. %d karakter).", Q_MAX);
    snprintf(q, sizeof q, "%.*s", (int)n, s);
  }
  if ((e = check_code(c->wilayah, "wilayah"))) return e;
  if ((e = parse_id(c->instansi, "instansi", &f.instansi_id))) return e;
  if ((e = parse_id(c->opd, "opd", &f.opd_id))) return e;
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  if (narrow(who, c->wilayah, scope)) {
    f.scope = scope;
    f.nip = c->nip && *c->nip ? c->nip : NULL;
    f.q = q[0] ? q : NULL;
    f.limit = limit;
    f.offset = (int64_t)(halaman - 1) * limit;
    if ((e = store_pegawai_search(db, &f, pegawai_row, arr, &total))) {
      json_decref(arr);
      return e;
    }
  }
  *out = json_pack("{s:o,s:I,s:I,s:I}", "pegawai", arr, "total", (json_int_t)total, "halaman", (json_int_t)halaman,
                   "limit", (json_int_t)limit);
  return *out ? ERR_OK : ERR_NOMEM;
}
