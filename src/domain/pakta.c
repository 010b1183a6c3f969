/* pakta.c — pakta integritas, kegiatan and coverage (see pakta.h). */
#include "domain/pakta.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/assets.h"
#include "core/caldate.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/enc.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/audit.h"
#include "domain/evidence.h"
#include "domain/identitas.h"
#include "domain/sniff.h"
#include "domain/wilayah.h"
#include "store/store_wilayah.h"
#include "core/limits.h"
#include "core/banned.h"

enum { TEXT_MAX = LIMIT_FIELD_TEXT, KET_MAX = LIMIT_PAKTA_KETERANGAN, PESERTA_MAX = LIMIT_PESERTA };

/* The activity kinds (DOMAIN.md, Prevention). */
static const struct {
  const char *jenis, *label;
  int perlu_nomor, perlu_opd;
} kegiatan_jenis[] = {
    {"sosialisasi", "Sosialisasi", 0, 0},
    {"imbauan", "Imbauan", 0, 0},
    {"surat_edaran", "Surat edaran", 1, 0},
    {"xbanner", "Pemasangan X-banner di OPD", 0, 1},
    {"mou", "Nota kesepahaman (MoU) Panwaslu Kecamatan–kecamatan", 0, 0},
    {"bimtek", "Bimbingan teknis (BIMTEK) PKD", 0, 0},
    {"rapat_pemetaan", "Rapat pemetaan kerawanan", 0, 0},
};
enum { JENIS_N = sizeof kegiatan_jenis / sizeof kegiatan_jenis[0] };

/* ---- helpers ---- */

static err_t get_text(json_t *obj, const char *key, const char *field, int required, size_t max, const char **out) {
  json_t *v = obj ? json_object_get(obj, key) : NULL;
  *out = NULL;
  if (v && !json_is_null(v) && !json_is_string(v)) return err_set(ERR_INVALID, field, "Kolom %s harus berupa teks.", field);
  const char *s = v ? json_string_value(v) : NULL;
  if (!s || strspn(s, " \t\r\n") == strlen(s)) {
    if (required) return err_set(ERR_INVALID, field, "Kolom %s wajib diisi.", field);
    return ERR_OK;
  }
  if (enc_utf8_chars(s) > max) return err_set(ERR_INVALID, field, "Kolom %s terlalu panjang (maks. %zu karakter).", field, max);
  *out = s;
  return ERR_OK;
}

static err_t get_date(json_t *obj, const char *key, char out[CALDATE_STR]) {
  const char *s;
  caldate_t d;
  err_t e = get_text(obj, key, key, 1, 10, &s);
  if (e) return e;
  if (caldate_parse(s, &d) != ERR_OK)
    return err_set(ERR_INVALID, key, "Tanggal %s tidak valid; gunakan format TTTT-BB-HH.", key);
  caldate_t today = caldatetime_date(caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET));
  if (d > today) return err_set(ERR_INVALID, key, "Tanggal %s tidak boleh di masa depan.", key);
  caldate_format(d, out, CALDATE_STR);
  return ERR_OK;
}

static err_t get_int(json_t *obj, const char *key, int64_t min, int64_t max, int64_t def, int64_t *out) {
  json_t *v = json_object_get(obj, key);
  *out = def;
  if (!v || json_is_null(v)) return ERR_OK;
  if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max)
    return err_set(ERR_INVALID, key, "Kolom %s harus bilangan bulat %lld–%lld.", key, (long long)min, (long long)max);
  *out = json_integer_value(v);
  return ERR_OK;
}

/* wilayah from the body: valid, known, within who's scope. */
static err_t get_wilayah(db_t *db, const account_t *who, json_t *body, const char **out) {
  wilayah_row_t w;
  err_t e = get_text(body, "wilayah", "wilayah", 1, 20, out);
  if (e) return e;
  if (!wilayah_code_valid(*out)) return err_set(ERR_INVALID, "wilayah", "Kode wilayah %s tidak valid.", *out);
  e = store_wilayah_get(db, *out, &w);
  if (e == ERR_NOT_FOUND) return err_set(ERR_INVALID, "wilayah", "Kode wilayah %s tidak dikenal.", *out);
  if (e) return e;
  if (!wilayah_in_scope(who, *out))
    return err_set(ERR_FORBIDDEN, "wilayah", "Wilayah %s di luar wilayah tugas Anda (%s).", *out, who->wilayah);
  return ERR_OK;
}

static err_t get_opd(db_t *db, const account_t *who, json_t *body, int required, int64_t *id) {
  err_t e = get_int(body, "opd_id", 1, INT64_MAX, 0, id);
  if (e) return e;
  if (!*id) return required ? err_set(ERR_INVALID, "opd_id", "Pilih OPD (opd_id) untuk kegiatan ini.") : ERR_OK;
  store_opd_row_t o;
  e = store_opd_get(db, *id, &o);
  if (e == ERR_NOT_FOUND || (!e && !wilayah_in_scope(who, o.wilayah)))
    return err_set(ERR_INVALID, "opd_id", "OPD %lld tidak ada di daftar (atau di luar wilayah Anda).", (long long)*id);
  return e;
}

/* Before uploads existed a client sent only the hash of a document it kept
 * itself; a hash without the bytes proves nothing, so the field is refused
 * with directions instead of being silently dropped. */
static err_t refuse_hash_only(json_t *body, const char *key, const char *what, const char *path) {
  json_t *v = json_object_get(body, key);
  if (!v || json_is_null(v)) return ERR_OK;
  return err_set(ERR_INVALID, key,
                 "Kolom %s tidak dipakai lagi: simpan dulu datanya, lalu unggah %s (PDF, JPEG atau PNG) ke %s.", key,
                 what, path);
}

err_t pakta_scope(db_t *db, const account_t *who, const char *wilayah, char out[24]) {
  if (!wilayah || !*wilayah) {
    snprintf(out, 24, "%s", who->role == ROLE_ADMIN ? "" : who->wilayah);
    return ERR_OK;
  }
  if (!wilayah_code_valid(wilayah)) return err_set(ERR_INVALID, "wilayah", "Kode wilayah tidak valid.");
  if (!wilayah_in_scope(who, wilayah))
    return err_set(ERR_FORBIDDEN, "wilayah", "Wilayah %s di luar wilayah tugas Anda (%s).", wilayah, who->wilayah);
  (void)db;
  snprintf(out, 24, "%s", wilayah);
  return ERR_OK;
}

/* ---- pledge points ---- */

typedef struct {
  db_t *db;
  const char *versi;
  int found;
  json_t *teks;
} butir_t;

static err_t butir_row(void *ud, long line, int nf, char **f) {
  butir_t *b = ud;
  if (line == 1 || nf < 3 || strcmp(f[0], b->versi) != 0) return ERR_OK;
  char *end;
  long n = strtol(f[1], &end, 10);
  if (*end || n < 1 || n > 99) return err_set(ERR_INVALID, "versi_butir", "data/pakta_butir.csv baris %ld rusak.", line);
  b->found++;
  json_array_append_new(b->teks, json_string(f[2]));
  return store_pakta_butir_ensure(b->db, f[0], (int)n, f[2]);
}

/* Latest version in the file when versi is NULL. */
static err_t latest_versi(void *ud, long line, int nf, char **f) {
  char *v = ud;
  if (line > 1 && nf >= 1 && strcmp(f[0], v) > 0) snprintf(v, 32, "%s", f[0]);
  return ERR_OK;
}

static err_t load_butir(db_t *db, const char *versi, char used[32], json_t *teks) {
  char *csv = NULL;
  size_t len = 0;
  err_t e = assets_read("pakta_butir.csv", &csv, &len);
  if (e) return e;
  used[0] = '\0';
  if (versi) snprintf(used, 32, "%s", versi);
  else e = csv_parse(csv, len, latest_versi, used);
  butir_t b = {db, used, 0, teks};
  if (!e) e = csv_parse(csv, len, butir_row, &b);
  xfree(csv);
  if (!e && !b.found) e = err_set(ERR_INVALID, "versi_butir", "Versi butir pakta \"%s\" tidak dikenal.", used);
  return e;
}

/* ---- pakta ---- */

err_t pakta_create(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out) {
  store_pakta_in_t p;
  char tanggal[CALDATE_STR], now[CLOCK_ISO_LEN], versi[32];
  const char *versi_in;
  json_t *ttd = json_object_get(body, "penandatangan"), *butir = json_array(), *d = NULL;
  err_t e;
  memset(&p, 0, sizeof p);
  if (!butir) return ERR_NOMEM;
  if ((e = get_date(body, "tanggal", tanggal))) goto done;
  if ((e = get_text(body, "tempat", "tempat", 1, TEXT_MAX, &p.tempat))) goto done;
  if ((e = get_wilayah(db, who, body, &p.wilayah))) goto done;
  if ((e = get_opd(db, who, body, 0, &p.opd_id))) goto done;
  if ((e = get_text(body, "keterangan", "keterangan", 0, KET_MAX, &p.keterangan))) goto done;
  if ((e = get_text(body, "versi_butir", "versi_butir", 0, 30, &versi_in))) goto done;
  if ((e = refuse_hash_only(body, "dokumen", "dokumen bertanda tangan", "/api/v1/pakta/{id}/dokumen"))) goto done;
  if (!json_is_array(ttd) || json_array_size(ttd) == 0 || json_array_size(ttd) > PAKTA_TTD_MAX) {
    e = err_set(ERR_INVALID, "penandatangan", "Daftar penandatangan wajib diisi (1–%d orang).", PAKTA_TTD_MAX);
    goto done;
  }
  if ((e = load_butir(db, versi_in, versi, butir))) goto done;
  p.tanggal = tanggal;
  p.versi_butir = versi;
  p.dibuat_oleh = who->username;
  clock_iso(clock_now(), now);
  p.dibuat = now;
  int64_t id, terdaftar = 0;
  if ((e = store_pakta_insert(db, &p, &id))) goto done;
  size_t i;
  json_t *it;
  json_array_foreach(ttd, i, it) {
    char fn[48], fj[48], fnip[48];
    const char *nip, *nama, *jab;
    snprintf(fn, sizeof fn, "penandatangan.%zu.nama", i);
    snprintf(fj, sizeof fj, "penandatangan.%zu.jabatan", i);
    snprintf(fnip, sizeof fnip, "penandatangan.%zu.nip", i);
    if (!json_is_object(it)) { e = err_set(ERR_INVALID, fn, "Penandatangan ke-%zu tidak valid.", i + 1); goto done; }
    if ((e = get_text(it, "nip", fnip, 0, 24, &nip))) goto done;
    if ((e = get_text(it, "jabatan", fj, 0, TEXT_MAX, &jab))) goto done;
    if (nip) {
      store_pegawai_row_t pg;
      e = store_pegawai_by_nip(db, nip, &pg);
      if (e == ERR_NOT_FOUND)
        e = err_set(ERR_INVALID, fnip, "NIP %s tidak ada di daftar pegawai; isi nama dan jabatan sebagai teks bebas.", nip);
      if (e) goto done;
      e = store_pakta_ttd_insert(db, id, pg.id, pg.nama, jab ? jab : pg.jabatan, pg.nip);
      terdaftar++;
    } else {
      if ((e = get_text(it, "nama", fn, 1, TEXT_MAX, &nama))) goto done;
      e = store_pakta_ttd_insert(db, id, 0, nama, jab, NULL);
    }
    if (e) goto done;
  }
  d = json_pack("{s:s,s:s,s:I,s:I}", "wilayah", p.wilayah, "versi_butir", versi, "penandatangan",
                (json_int_t)json_array_size(ttd), "terdaftar", (json_int_t)terdaftar);
  char obj[40];
  snprintf(obj, sizeof obj, "pakta:%lld", (long long)id);
  if (!d) { e = ERR_NOMEM; goto done; }
  if ((e = audit_append(db, k, who->username, "pakta.buat", obj, d))) goto done;
  *out = json_pack("{s:I,s:s,s:s,s:I,s:I,s:O}", "id", (json_int_t)id, "tanggal", tanggal, "versi_butir", versi,
                   "penandatangan", (json_int_t)json_array_size(ttd), "terdaftar", (json_int_t)terdaftar, "butir",
                   butir);
  if (!*out) e = ERR_NOMEM;
done:
  json_decref(d);
  json_decref(butir);
  return e;
}

static json_t *berkas_json(store_berkas_t kind, int64_t id, const char *sha256, const char *nama, const char *mime,
                           int64_t ukuran, const char *diunggah);

static err_t pakta_row(void *ud, const store_pakta_row_t *r) {
  json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s*,s:s,s:o,s:I,s:I,s:s,s:s}", "id", (json_int_t)r->id, "tanggal",
                        r->tanggal, "tempat", r->tempat, "wilayah", r->wilayah, "wilayah_nama", r->wilayah_nama, "opd",
                        *r->opd_nama ? r->opd_nama : NULL, "versi_butir", r->versi_butir, "dokumen",
                        berkas_json(STORE_BERKAS_PAKTA, r->id, r->dokumen_sha256, r->dokumen_nama, r->dokumen_mime,
                                    r->dokumen_ukuran, r->dokumen_diunggah),
                        "penandatangan", (json_int_t)r->jumlah_ttd, "terdaftar", (json_int_t)r->ttd_terdaftar,
                        "dibuat_oleh", r->dibuat_oleh, "dibuat", r->dibuat);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t pakta_list(db_t *db, const account_t *who, const char *wilayah, json_t **out) {
  char scope[24];
  err_t e = pakta_scope(db, who, wilayah, scope);
  if (e) return e;
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  if ((e = store_pakta_list(db, scope, 500, pakta_row, arr))) { json_decref(arr); return e; }
  *out = json_pack("{s:o}", "pakta", arr);
  return *out ? ERR_OK : ERR_NOMEM;
}

/* ---- kegiatan ---- */

err_t kegiatan_create(db_t *db, const keys_t *k, const account_t *who, json_t *body, json_t **out) {
  store_kegiatan_in_t g;
  char tanggal[CALDATE_STR], now[CLOCK_ISO_LEN];
  size_t j;
  err_t e;
  memset(&g, 0, sizeof g);
  if ((e = get_text(body, "jenis", "jenis", 1, 30, &g.jenis))) return e;
  for (j = 0; j < JENIS_N; j++)
    if (strcmp(kegiatan_jenis[j].jenis, g.jenis) == 0) break;
  if (j == JENIS_N)
    return err_set(ERR_INVALID, "jenis", "Jenis kegiatan tidak dikenal (sosialisasi, imbauan, surat_edaran, xbanner, "
                                         "mou, bimtek, rapat_pemetaan).");
  if ((e = get_date(body, "tanggal", tanggal))) return e;
  if ((e = get_wilayah(db, who, body, &g.wilayah))) return e;
  if ((e = get_opd(db, who, body, kegiatan_jenis[j].perlu_opd, &g.opd_id))) return e;
  if ((e = get_text(body, "judul", "judul", 1, TEXT_MAX, &g.judul))) return e;
  if ((e = get_text(body, "nomor", "nomor", kegiatan_jenis[j].perlu_nomor, 100, &g.nomor))) return e;
  if ((e = get_int(body, "peserta", 0, PESERTA_MAX, 0, &g.peserta))) return e;
  if ((e = refuse_hash_only(body, "lampiran_sha256", "lampirannya", "/api/v1/kegiatan/{id}/lampiran"))) return e;
  if ((e = get_text(body, "keterangan", "keterangan", 0, KET_MAX, &g.keterangan))) return e;
  g.tanggal = tanggal;
  g.dibuat_oleh = who->username;
  clock_iso(clock_now(), now);
  g.dibuat = now;
  int64_t id;
  if ((e = store_kegiatan_insert(db, &g, &id))) return e;
  char obj[40];
  snprintf(obj, sizeof obj, "kegiatan:%lld", (long long)id);
  json_t *d = json_pack("{s:s,s:s,s:s,s:I}", "jenis", g.jenis, "tanggal", tanggal, "wilayah", g.wilayah, "peserta",
                        (json_int_t)g.peserta);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, k, who->username, "kegiatan.buat", obj, d);
  json_decref(d);
  if (e) return e;
  *out = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)id, "jenis", g.jenis, "label", kegiatan_jenis[j].label,
                   "tanggal", tanggal);
  return *out ? ERR_OK : ERR_NOMEM;
}

static err_t kegiatan_row(void *ud, const store_kegiatan_row_t *r) {
  json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s*,s:I,s:s,s:s*,s:I,s:o,s:s*,s:s}", "id", (json_int_t)r->id, "jenis",
                        r->jenis, "tanggal", r->tanggal, "wilayah", r->wilayah, "wilayah_nama", r->wilayah_nama, "opd",
                        *r->opd_nama ? r->opd_nama : NULL, "opd_id", (json_int_t)r->opd_id, "judul", r->judul, "nomor",
                        *r->nomor ? r->nomor : NULL, "peserta", (json_int_t)r->peserta, "lampiran",
                        berkas_json(STORE_BERKAS_KEGIATAN, r->id, r->lampiran_sha256, r->lampiran_nama,
                                    r->lampiran_mime, r->lampiran_ukuran, r->lampiran_diunggah),
                        "keterangan", *r->keterangan ? r->keterangan : NULL, "dibuat_oleh", r->dibuat_oleh);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t kegiatan_list(db_t *db, const account_t *who, const char *wilayah, const char *jenis, json_t **out) {
  char scope[24];
  err_t e = pakta_scope(db, who, wilayah, scope);
  if (e) return e;
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  if ((e = store_kegiatan_list(db, scope, jenis, 500, kegiatan_row, arr))) { json_decref(arr); return e; }
  *out = json_pack("{s:o}", "kegiatan", arr);
  return *out ? ERR_OK : ERR_NOMEM;
}

/* ---- files: signed pakta document, kegiatan attachment ---- */

/* One row per kind of record that carries a file. The download address the
 * lists hand to the web UI is /api/v1/<objek>/<id>/<medan>. */
static const struct {
  const char *medan;  /* form field and error field */
  const char *label;  /* what the user uploads, capitalised */
  const char *objek;  /* audit object prefix and record noun */
  const char *aksi;   /* audit action */
  const char *hilang; /* the record is missing or out of scope */
} berkas_kind[] = {
    [STORE_BERKAS_PAKTA] = {"dokumen", "Dokumen pakta", "pakta", "pakta.dokumen", "Pakta tidak ditemukan."},
    [STORE_BERKAS_KEGIATAN] = {"lampiran", "Lampiran kegiatan", "kegiatan", "kegiatan.lampiran",
                               "Kegiatan tidak ditemukan."},
};

/* The signed document is a scan or a photo of paper, or a PDF. */
static const char *const berkas_mime_ok[] = {"application/pdf", "image/jpeg", "image/png"};
#define BERKAS_JENIS_OK "PDF, JPEG atau PNG"

const char *pakta_berkas_medan(store_berkas_t kind) { return berkas_kind[kind].medan; }

/* Row of the sniff table for a stored MIME type, or NULL. */
static const sniff_type_t *type_of(const char *mime) {
  size_t n;
  const sniff_type_t *t = sniff_types(&n);
  for (size_t i = 0; mime && i < n; i++)
    if (strcmp(t[i].mime, mime) == 0) return &t[i];
  return NULL;
}
static const char *jenis_of(const char *mime) { return type_of(mime) ? type_of(mime)->name : ""; }

static json_t *berkas_json(store_berkas_t kind, int64_t id, const char *sha256, const char *nama, const char *mime,
                           int64_t ukuran, const char *diunggah) {
  char url[96];
  if (!sha256 || !*sha256) return json_null();
  snprintf(url, sizeof url, "/api/v1/%s/%lld/%s", berkas_kind[kind].objek, (long long)id, berkas_kind[kind].medan);
  /* A hash recorded before uploads existed has no file behind it: no link. */
  int ada = mime && *mime;
  return json_pack("{s:s,s:s*,s:s*,s:s*,s:I,s:s*,s:s*}", "sha256", sha256, "nama", nama && *nama ? nama : NULL, "jenis",
                   ada ? jenis_of(mime) : NULL, "mime", ada ? mime : NULL, "ukuran", (json_int_t)ukuran, "diunggah",
                   diunggah && *diunggah ? diunggah : NULL, "url", ada ? url : NULL);
}

static err_t berkas_load(db_t *db, const account_t *who, store_berkas_t kind, const char *id_text,
                         store_berkas_row_t *row) {
  char *end;
  long long id = id_text ? strtoll(id_text, &end, 10) : 0;
  if (!id_text || !*id_text || *end || id <= 0) return err_set(ERR_NOT_FOUND, NULL, "%s", berkas_kind[kind].hilang);
  err_t e = store_berkas_get(db, kind, id, row);
  if (e == ERR_NOT_FOUND || (!e && !wilayah_in_scope(who, row->wilayah)))
    return err_set(ERR_NOT_FOUND, NULL, "%s", berkas_kind[kind].hilang);
  return e;
}

err_t pakta_berkas_check(db_t *db, const account_t *who, store_berkas_t kind, const char *id_text) {
  store_berkas_row_t row;
  return berkas_load(db, who, kind, id_text, &row);
}

/* The name as the user's device called it, made safe to show and to put in
 * a header: no control characters, quotes or path separators, at most 200
 * bytes cut on a UTF-8 character boundary. */
static void clean_name(const char *in, char *out, size_t cap) {
  size_t o = 0;
  if (cap > 201) cap = 201;
  const char *s = in ? in : "";
  for (; *s && o + 1 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    out[o++] = (c < 0x20 || c == 0x7f || c == '/' || c == '\\' || c == '"') ? '_' : (char)c;
  }
  if (*s) { /* cut: drop the last, possibly partial, character */
    while (o > 0 && ((unsigned char)out[o - 1] & 0xC0) == 0x80) o--;
    if (o > 0 && (unsigned char)out[o - 1] >= 0xC0) o--;
  }
  out[o] = '\0';
}

err_t pakta_berkas_simpan(db_t *db, const keys_t *k, const account_t *who, const pakta_berkas_cfg_t *cfg,
                          store_berkas_t kind, const char *id_text, const unsigned char *p, size_t n,
                          const char *filename, json_t **out) {
  const char *medan = berkas_kind[kind].medan, *label = berkas_kind[kind].label;
  store_berkas_row_t row;
  evidence_info_t info;
  const sniff_type_t *t = NULL;
  char lim[32], nama[256], now[CLOCK_ISO_LEN], obj[48];
  json_t *d = NULL;
  err_t e = berkas_load(db, who, kind, id_text, &row);
  if (e) return e;
  if (!p || n == 0)
    return err_set(ERR_INVALID, medan, "%s kosong. Pilih berkas %s.", label, BERKAS_JENIS_OK);
  if (n > cfg->max_bytes) {
    evidence_fmt_mb(cfg->max_bytes, lim, sizeof lim);
    return err_set(ERR_TOO_LARGE, medan, "%s terlalu besar. Ukuran paling besar %s.", label, lim);
  }
  int ok = 0;
  if (sniff_type(p, n, &t) == ERR_OK)
    for (size_t i = 0; i < sizeof berkas_mime_ok / sizeof berkas_mime_ok[0]; i++) ok |= strcmp(t->mime, berkas_mime_ok[i]) == 0;
  if (!ok) {
    if (t)
      return err_set(ERR_UNSUPPORTED_TYPE, medan, "%s harus berupa %s; berkas ini %s.", label, BERKAS_JENIS_OK, t->name);
    return err_set(ERR_UNSUPPORTED_TYPE, medan, "%s harus berupa %s; isi berkas ini tidak dikenali sebagai salah satunya.",
                   label, BERKAS_JENIS_OK);
  }
  if ((e = evidence_store(k, cfg->data_dir, p, n, cfg->max_bytes, &info))) return e;
  clean_name(filename, nama, sizeof nama);
  if (!nama[0]) snprintf(nama, sizeof nama, "%s-%s-%lld.%s", medan, berkas_kind[kind].objek, (long long)row.id, info.ext);
  clock_iso(clock_now(), now);
  if ((e = store_berkas_set(db, kind, row.id, info.sha256, nama, info.mime, (int64_t)info.size, now))) return e;
  snprintf(obj, sizeof obj, "%s:%lld", berkas_kind[kind].objek, (long long)row.id);
  d = json_pack("{s:s,s:s,s:s,s:I,s:s*}", "sha256", info.sha256, "nama", nama, "jenis", info.jenis, "ukuran",
                (json_int_t)info.size, "sebelumnya", row.sha256[0] ? row.sha256 : NULL);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, k, who->username, berkas_kind[kind].aksi, obj, d);
  json_decref(d);
  if (e) return e;
  json_t *b = berkas_json(kind, row.id, info.sha256, nama, info.mime, (int64_t)info.size, now);
  *out = b && json_is_object(b) ? json_pack("{s:I,s:o}", "id", (json_int_t)row.id, medan, b) : NULL;
  if (!*out) {
    json_decref(b);
    return ERR_NOMEM;
  }
  return ERR_OK;
}

err_t pakta_berkas_buka(db_t *db, const keys_t *k, const account_t *who, const char *data_dir, store_berkas_t kind,
                        const char *id_text, buf_t *body, char mime[48], char nama[256]) {
  store_berkas_row_t row;
  err_t e = berkas_load(db, who, kind, id_text, &row);
  if (e) return e;
  if (!row.sha256[0] || !row.mime[0])
    return err_set(ERR_NOT_FOUND, berkas_kind[kind].medan, "%s belum diunggah.", berkas_kind[kind].label);
  e = evidence_read(k, data_dir, row.sha256, body, NULL);
  if (e == ERR_NOT_FOUND)
    return err_set(ERR_NOT_FOUND, berkas_kind[kind].medan, "Berkas %s tidak ditemukan di penyimpanan.",
                   berkas_kind[kind].medan);
  if (e == ERR_INVALID) {
    log_warn("berkas %s %s:%lld: %s", row.sha256, berkas_kind[kind].objek, (long long)row.id, err_message(e));
    return err_set(ERR_INTERNAL, NULL,
                   "Berkas %s di penyimpanan rusak atau tidak terbuka dengan kunci server; tidak disajikan. "
                   "Beri tahu admin (netral bukti verify).",
                   berkas_kind[kind].medan);
  }
  if (e) return e;
  snprintf(mime, 48, "%s", row.mime);
  if (row.nama[0]) snprintf(nama, 256, "%s", row.nama);
  else snprintf(nama, 256, "%s-%s-%lld.%s", berkas_kind[kind].medan, berkas_kind[kind].objek, (long long)row.id,
                type_of(row.mime) ? type_of(row.mime)->ext : "bin");
  return ERR_OK;
}

/* ---- coverage ---- */

double pakta_cakupan_persen(int64_t ikrar, int64_t pegawai) {
  if (pegawai <= 0) return -1;
  return round(10000.0 * (double)ikrar / (double)pegawai) / 100.0;
}

int pakta_tingkat_parse(const char *s, store_unit_t *out) {
  static const struct {
    const char *name;
    store_unit_t level;
  } rows[] = {{"kabkota", STORE_UNIT_KABKOTA}, {"kecamatan", STORE_UNIT_KECAMATAN}, {"desa", STORE_UNIT_DESA},
              {"opd", STORE_UNIT_OPD}};
  for (size_t i = 0; s && i < sizeof rows / sizeof rows[0]; i++)
    if (strcmp(rows[i].name, s) == 0) { *out = rows[i].level; return 0; }
  return -1;
}

typedef struct {
  json_t *units; /* key -> object */
  json_t *order;
  int64_t pegawai, ikrar;
} cak_t;

static err_t cak_unit(void *ud, const char *key, const char *nama, const char *wilayah) {
  cak_t *c = ud;
  json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:I,s:n}", "kode", key, "nama", nama, "wilayah", wilayah, "pegawai",
                        (json_int_t)0, "sudah_ikrar", (json_int_t)0, "cakupan_persen");
  if (!o || json_object_set(c->units, key, o) || json_array_append_new(c->order, o)) return ERR_NOMEM;
  return ERR_OK;
}

static err_t cak_agg(void *ud, const char *key, int64_t pegawai, int64_t ikrar, int64_t relasi) {
  cak_t *c = ud;
  (void)relasi;
  json_t *o = json_object_get(c->units, key);
  if (!o) return ERR_OK; /* an official coded to a unit outside the list */
  c->pegawai += pegawai;
  c->ikrar += ikrar;
  json_object_set_new(o, "pegawai", json_integer(pegawai));
  json_object_set_new(o, "sudah_ikrar", json_integer(ikrar));
  json_object_set_new(o, "cakupan_persen", json_real(pakta_cakupan_persen(ikrar, pegawai)));
  return ERR_OK;
}

err_t pakta_cakupan(db_t *db, const account_t *who, const char *tingkat, const char *wilayah, json_t **out) {
  store_unit_t level;
  char scope[24];
  if (pakta_tingkat_parse(tingkat ? tingkat : "kecamatan", &level))
    return err_set(ERR_INVALID, "tingkat", "Tingkat harus opd, kecamatan, desa atau kabkota.");
  err_t e = pakta_scope(db, who, wilayah, scope);
  if (e) return e;
  cak_t c = {json_object(), json_array(), 0, 0};
  if (!c.units || !c.order) e = ERR_NOMEM;
  if (!e) e = store_units(db, level, scope, cak_unit, &c);
  if (!e) e = store_pegawai_agg(db, level, scope, cak_agg, &c);
  if (!e) {
    double tot = pakta_cakupan_persen(c.ikrar, c.pegawai);
    *out = json_pack("{s:s,s:s,s:I,s:I,s:o,s:O}", "tingkat", tingkat ? tingkat : "kecamatan", "wilayah", scope,
                     "pegawai", (json_int_t)c.pegawai, "sudah_ikrar", (json_int_t)c.ikrar, "cakupan_persen",
                     tot < 0 ? json_null() : json_real(tot), "unit", c.order);
    if (!*out) e = ERR_NOMEM;
  }
  json_decref(c.units);
  json_decref(c.order);
  return e;
}
