/*
 * pegawai.c — registry import (see pegawai.h).
 *
 * Speed: every check is done in memory (wilayah codes, instansi and OPD ids
 * are cached in hash maps loaded or filled once, the cheap checks first);
 * the good rows of a batch are packed into one growing byte buffer (no
 * allocation per row or field) and written batch_rows at a time with one
 * cached prepared statement per row and one commit per batch. Within a batch
 * the rows are written in NIP order (stable: a NIP repeated in the batch
 * keeps file order, so the later row still wins): the NIP index of a large
 * registry is then swept once per batch instead of touched at random, which
 * keeps the database's page cache small and its hit rate high.
 * New vs updated: the insert is skipped on a known NIP (changes() = 0) and
 * the row is then updated.
 */
#include "domain/pegawai.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "core/csv.h"
#include "core/mem.h"
#include "domain/audit.h"
#include "domain/catalog.h"
#include "domain/identitas.h"
#include "store/store_prevention.h"
#include "core/banned.h"

/* ---- a small string → int64 map; nodes never move (pending lists point at them) ---- */
typedef struct hnode {
  char *key;
  int64_t val;
} hnode_t;

typedef struct {
  hnode_t **t;
  size_t cap, n;
  arena_t a;
} hmap_t;

static uint64_t fnv(const char *s) {
  uint64_t h = 1469598103934665603ull;
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ull;
  return h;
}

static void hm_init(hmap_t *h) {
  memset(h, 0, sizeof *h);
  arena_init(&h->a);
}
static void hm_free(hmap_t *h) {
  xfree(h->t);
  arena_free(&h->a);
}

static hnode_t *hm_get(const hmap_t *h, const char *key) {
  if (!h->cap) return NULL;
  for (size_t i = fnv(key) & (h->cap - 1);; i = (i + 1) & (h->cap - 1)) {
    if (!h->t[i]) return NULL;
    if (strcmp(h->t[i]->key, key) == 0) return h->t[i];
  }
}

static err_t hm_put(hmap_t *h, const char *key, int64_t val, hnode_t **out) {
  if ((h->n + 1) * 2 > h->cap) {
    size_t cap = h->cap ? h->cap * 2 : 1024;
    hnode_t **t = xcalloc(cap, sizeof *t);
    if (!t) return ERR_NOMEM;
    for (size_t i = 0; i < h->cap; i++) {
      if (!h->t[i]) continue;
      size_t j = fnv(h->t[i]->key) & (cap - 1);
      while (t[j]) j = (j + 1) & (cap - 1);
      t[j] = h->t[i];
    }
    xfree(h->t);
    h->t = t;
    h->cap = cap;
  }
  hnode_t *nd = arena_alloc(&h->a, sizeof *nd);
  if (!nd || !(nd->key = arena_strdup(&h->a, key))) return ERR_NOMEM;
  nd->val = val;
  size_t i = fnv(key) & (h->cap - 1);
  while (h->t[i]) i = (i + 1) & (h->cap - 1);
  h->t[i] = nd;
  h->n++;
  if (out) *out = nd;
  return ERR_OK;
}

/* ---- import state ---- */
enum { F_NIP, F_NAMA, F_JABATAN, F_INSTANSI, F_UNIT, F_WILAYAH, F_KATEGORI, F_RELASI, F_CALON, F__N };
static const char *const col_names[F__N] = {"nip",       "nama",    "jabatan",  "instansi",    "unit_kerja",
                                            "wilayah",   "kategori", "relasi",  "relasi_calon"};
enum { F__REQUIRED = F_KATEGORI + 1 };

/* A good row waiting for its batch: its fields live in imp_t.data at off,
 * NUL-terminated, in F_ order; len[i] is a field's length, NO_FIELD when the
 * optional column is absent from the file. */
#define NO_FIELD UINT32_MAX
enum { PEMDA_MAX = 8 };
typedef struct {
  long line;
  size_t off;
  uint32_t len[F__N];
  char pemda[PEMDA_MAX];
} row_t;

typedef struct {
  db_t *db;
  const pegawai_import_opts_t *o;
  pegawai_import_stats_t *st;
  int col[F__N];
  hmap_t wilayah, instansi, opd;
  hnode_t **pending;
  size_t npending, cap_pending;
  row_t *rows;
  long nrows, cap_rows;
  char *data; /* the batch's field bytes */
  size_t ndata, cap_data;
  uint32_t *order; /* row indices in NIP order */
  int have_header, failed;
  /* per-attempt results of the batch transaction */
  long b_new, b_upd;
  char now[CLOCK_ISO_LEN];
} imp_t;

int pegawai_relasi_valid(const char *s) {
  static const char *const ok[] = {"keluarga", "latar_belakang", "lainnya"};
  if (!*s) return 1;
  while (*s) {
    const char *bar = strchr(s, '|');
    size_t n = bar ? (size_t)(bar - s) : strlen(s), i;
    for (i = 0; i < 3; i++)
      if (strlen(ok[i]) == n && strncmp(ok[i], s, n) == 0) break;
    if (i == 3) return 0;
    s += n;
    if (*s == '|' && !*++s) return 0;
  }
  return 1;
}

static size_t utf8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}

static int blank(const char *s) { return s[strspn(s, " \t")] == '\0'; }

static int other_id_valid(const char *s) {
  size_t n = strlen(s);
  if (n < 4 || n > 24) return 0;
  for (; *s; s++)
    if (!isalnum((unsigned char)*s) && *s != '.' && *s != '-' && *s != '/') return 0;
  return 1;
}

/* The reason a row is refused, or NULL. reason points at buf or a static string. */
static const char *check_row(imp_t *im, char **f, const size_t *len, char *pemda, char *buf, size_t cap) {
  const char *kat = f[F_KATEGORI];
  int nip_kat = strcmp(kat, "asn") == 0 || strcmp(kat, "pppk") == 0;
  if (!nip_kat && !catalog_kategori_valid(kat)) {
    snprintf(buf, cap, "kategori \"%.40s\" tidak dikenal (asn, pppk, tni, polri, kepala_desa, perangkat_desa, bpd, "
                       "lainnya)", kat);
    return buf;
  }
  if (nip_kat) {
    err_t e = identitas_nip_check(f[F_NIP], "nip", NULL);
    if (e) {
      snprintf(buf, cap, "nip: %s", err_message(e));
      return buf;
    }
  } else if (!other_id_valid(f[F_NIP])) {
    return "nip: nomor induk harus 4–24 karakter (angka, huruf, titik, tanda hubung atau garis miring)";
  }
  if (blank(f[F_NAMA])) return "nama wajib diisi";
  if (blank(f[F_INSTANSI])) return "instansi wajib diisi";
  for (int i = F_NAMA; i < F__N; i++) /* bytes ≥ characters: count only when it may matter */
    if (f[i] && len[i] > PEGAWAI_TEXT_MAX && utf8_chars(f[i]) > PEGAWAI_TEXT_MAX) {
      snprintf(buf, cap, "%s terlalu panjang (maks. %d karakter)", col_names[i], PEGAWAI_TEXT_MAX);
      return buf;
    }
  if (!hm_get(&im->wilayah, f[F_WILAYAH])) {
    snprintf(buf, cap, "wilayah \"%.30s\" tidak dikenal (gunakan kode Kemendagri, mis. 35.16.16)", f[F_WILAYAH]);
    return buf;
  }
  if (f[F_RELASI] && !pegawai_relasi_valid(f[F_RELASI]))
    return "relasi harus kosong atau keluarga, latar_belakang, lainnya (dipisah |)";
  if (f[F_CALON] && *f[F_CALON] && (!f[F_RELASI] || !*f[F_RELASI])) return "relasi_calon diisi tetapi relasi kosong";
  /* The pemda an instansi belongs to: kab/kota (35.16) or, for a province-level row, the province. */
  size_t n = len[F_WILAYAH] >= 5 ? 5 : len[F_WILAYAH];
  memcpy(pemda, f[F_WILAYAH], n);
  pemda[n] = '\0';
  return NULL;
}

static err_t pending_add(imp_t *im, hnode_t *nd) {
  if (im->npending == im->cap_pending) {
    size_t cap = im->cap_pending ? im->cap_pending * 2 : 64;
    hnode_t **p = xrealloc(im->pending, cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    im->pending = p;
    im->cap_pending = cap;
  }
  im->pending[im->npending++] = nd;
  return ERR_OK;
}

/* key = a \x1f b, or NULL when it would not fit (the caller then bypasses the cache). */
static const char *join_key(char *key, size_t cap, const char *a, const char *b) {
  size_t na = strlen(a), nb = strlen(b);
  if (na + nb + 2 > cap) return NULL;
  memcpy(key, a, na);
  key[na] = '\x1f';
  memcpy(key + na + 1, b, nb + 1);
  return key;
}

static err_t resolve_instansi(imp_t *im, const char *pemda, const char *nama, int64_t *id) {
  char kbuf[1024];
  const char *key = join_key(kbuf, sizeof kbuf, pemda, nama);
  hnode_t *nd = key ? hm_get(&im->instansi, key) : NULL;
  if (nd && nd->val > 0) { *id = nd->val; return ERR_OK; }
  err_t e = store_instansi_ensure(im->db, pemda, nama, id);
  if (e || !key) return e;
  if (nd) nd->val = *id;
  else if ((e = hm_put(&im->instansi, key, *id, &nd))) return e;
  return pending_add(im, nd);
}

static err_t resolve_opd(imp_t *im, int64_t instansi_id, const char *nama, const char *wilayah, int64_t *id) {
  char kbuf[1024], ibuf[24];
  snprintf(ibuf, sizeof ibuf, "%lld", (long long)instansi_id);
  const char *key = join_key(kbuf, sizeof kbuf, ibuf, nama);
  hnode_t *nd = key ? hm_get(&im->opd, key) : NULL;
  if (nd && nd->val > 0) { *id = nd->val; return ERR_OK; }
  err_t e = store_opd_ensure(im->db, instansi_id, nama, wilayah, id);
  if (e || !key) return e;
  if (nd) nd->val = *id;
  else if ((e = hm_put(&im->opd, key, *id, &nd))) return e;
  return pending_add(im, nd);
}

static err_t flush_tx(db_t *db, void *ud) {
  imp_t *im = ud;
  err_t e = ERR_OK;
  /* A retried attempt: ids created by the rolled-back one are gone. */
  for (size_t i = 0; i < im->npending; i++) im->pending[i]->val = 0;
  im->npending = 0;
  im->b_new = im->b_upd = 0;
  /* Cache of the previous row's instansi and OPD: runs of one office are common. */
  const char *last_pemda = NULL, *last_inst = NULL, *last_unit = NULL;
  int64_t last_inst_id = 0, last_opd_id = 0;
  for (long k = 0; k < im->nrows; k++) {
    const row_t *r = &im->rows[im->order[k]];
    const char *f[F__N];
    const char *p = im->data + r->off;
    for (int i = 0; i < F__N; i++) {
      if (r->len[i] == NO_FIELD) { f[i] = NULL; continue; }
      f[i] = p;
      p += r->len[i] + 1;
    }
    store_pegawai_in_t in = {f[F_NIP], f[F_NAMA], f[F_JABATAN], f[F_KATEGORI], f[F_WILAYAH],
                             f[F_RELASI], f[F_CALON], im->now, 0, 0};
    int created = 0;
    if (last_inst && strcmp(last_pemda, r->pemda) == 0 && strcmp(last_inst, f[F_INSTANSI]) == 0) {
      in.instansi_id = last_inst_id;
    } else {
      e = resolve_instansi(im, r->pemda, f[F_INSTANSI], &in.instansi_id);
      last_pemda = r->pemda, last_inst = f[F_INSTANSI], last_inst_id = in.instansi_id, last_unit = NULL;
    }
    if (!e && f[F_UNIT][0]) {
      if (last_unit && in.instansi_id == last_inst_id && strcmp(last_unit, f[F_UNIT]) == 0) {
        in.opd_id = last_opd_id;
      } else {
        e = resolve_opd(im, in.instansi_id, f[F_UNIT], f[F_WILAYAH], &in.opd_id);
        last_unit = f[F_UNIT], last_opd_id = in.opd_id;
      }
    }
    if (!e) e = store_pegawai_upsert(db, &in, &created);
    if (e) {
      err_t inner = e;
      return err_set(inner, NULL, "Baris %ld: gagal disimpan (%s). Batch ini dibatalkan; batch sebelumnya tetap tersimpan.",
                     r->line, err_message(inner));
    }
    if (created) im->b_new++;
    else im->b_upd++;
  }
  json_t *d = json_pack("{s:s,s:I,s:I,s:I,s:I}", "sumber", im->o->sumber ? im->o->sumber : "-", "baris_awal",
                        (json_int_t)im->rows[0].line, "baris_akhir", (json_int_t)im->rows[im->nrows - 1].line, "baru",
                        (json_int_t)im->b_new, "diperbarui", (json_int_t)im->b_upd);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, im->o->keys, im->o->actor, "pegawai.impor", "pegawai", d);
  json_decref(d);
  return e;
}

/* NIP order, then file order (a NIP repeated in the batch: the later row is written last and wins). */
static const imp_t *sort_im; /* qsort has no context argument in C11; the import runs on one thread */
static int by_nip(const void *a, const void *b) {
  const row_t *x = &sort_im->rows[*(const uint32_t *)a], *y = &sort_im->rows[*(const uint32_t *)b];
  size_t nx = x->len[F_NIP], ny = y->len[F_NIP];
  int c = memcmp(sort_im->data + x->off, sort_im->data + y->off, nx < ny ? nx : ny);
  if (c) return c;
  if (nx != ny) return nx < ny ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

static err_t flush(imp_t *im) {
  if (!im->nrows) return ERR_OK;
  for (long i = 0; i < im->nrows; i++) im->order[i] = (uint32_t)i;
  static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;
  pthread_mutex_lock(&sort_mu);
  sort_im = im;
  qsort(im->order, (size_t)im->nrows, sizeof *im->order, by_nip);
  sort_im = NULL;
  pthread_mutex_unlock(&sort_mu);
  clock_iso(clock_now(), im->now);
  err_t e = store_write(im->db, flush_tx, im);
  if (e) { im->failed = 1; return e; }
  im->npending = 0;
  im->st->baru += im->b_new;
  im->st->diperbarui += im->b_upd;
  im->nrows = 0;
  im->ndata = 0;
  if (im->o->progress) im->o->progress(im->o->ud, im->st);
  return ERR_OK;
}

static err_t reject(imp_t *im, long line, const char *why, int nf, char **f) {
  im->st->ditolak++;
  return im->o->reject ? im->o->reject(im->o->ud, line, why, nf, f) : ERR_OK;
}

/* Append a good row to the batch (buffers sized for batch_rows once, then reused). */
static err_t keep_row(imp_t *im, long line, char **v, const size_t *len, const char *pemda) {
  if (im->nrows == im->cap_rows) {
    long cap = im->cap_rows ? im->cap_rows * 2 : 1024;
    if (cap > im->o->batch_rows) cap = im->o->batch_rows;
    row_t *p = xrealloc(im->rows, (size_t)cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    im->rows = p;
    uint32_t *o = xrealloc(im->order, (size_t)cap * sizeof *o);
    if (!o) return ERR_NOMEM;
    im->order = o;
    im->cap_rows = cap;
  }
  size_t need = 0;
  for (int i = 0; i < F__N; i++)
    if (v[i]) need += len[i] + 1;
  if (im->ndata + need > im->cap_data) {
    size_t cap = im->cap_data ? im->cap_data : 64 * 1024;
    while (cap < im->ndata + need) cap *= 2;
    char *d = xrealloc(im->data, cap);
    if (!d) return ERR_NOMEM;
    im->data = d;
    im->cap_data = cap;
  }
  row_t *r = &im->rows[im->nrows++];
  r->line = line;
  r->off = im->ndata;
  memcpy(r->pemda, pemda, sizeof r->pemda);
  char *p = im->data + im->ndata;
  for (int i = 0; i < F__N; i++) {
    if (!v[i]) { r->len[i] = NO_FIELD; continue; }
    r->len[i] = (uint32_t)len[i];
    memcpy(p, v[i], len[i] + 1);
    p += len[i] + 1;
  }
  im->ndata += need;
  return ERR_OK;
}

static err_t on_row(void *ud, long line, int nf, char **f) {
  imp_t *im = ud;
  if (!im->have_header) {
    im->have_header = 1;
    if (im->o->header) {
      err_t he = im->o->header(im->o->ud, nf, f);
      if (he) return he;
    }
    for (int i = 0; i < F__N; i++) {
      im->col[i] = csv_col(nf, f, col_names[i]);
      if (i < F__REQUIRED && im->col[i] < 0)
        return err_set(ERR_INVALID, col_names[i],
                       "Kepala kolom tidak lengkap: kolom \"%s\" tidak ada. Wajib: nip,nama,jabatan,instansi,"
                       "unit_kerja,wilayah,kategori; pilihan: relasi,relasi_calon.", col_names[i]);
    }
    return ERR_OK;
  }
  im->st->baris++;
  char *v[F__N];
  size_t len[F__N];
  for (int i = 0; i < F__N; i++) {
    int k = im->col[i];
    if (k >= nf) {
      char why[96];
      snprintf(why, sizeof why, "jumlah kolom %d kurang dari kepala kolom", nf);
      return reject(im, line, why, nf, f);
    }
    v[i] = k < 0 ? NULL : f[k];
    len[i] = v[i] ? strlen(v[i]) : 0;
  }
  char buf[320], pemda[PEMDA_MAX];
  const char *why = check_row(im, v, len, pemda, buf, sizeof buf);
  if (why) return reject(im, line, why, nf, f);
  err_t e = keep_row(im, line, v, len, pemda);
  if (e) return e;
  if (im->nrows >= im->o->batch_rows) return flush(im);
  if (im->o->progress && (im->st->baris & 8191) == 0) im->o->progress(im->o->ud, im->st);
  return ERR_OK;
}

static err_t add_wilayah(void *ud, const char *kode, const char *tingkat) {
  (void)tingkat;
  return hm_put(ud, kode, 1, NULL);
}

err_t pegawai_import(db_t *db, FILE *in, const pegawai_import_opts_t *opts, pegawai_import_stats_t *stats) {
  pegawai_import_opts_t o = *opts;
  if (o.batch_rows <= 0) o.batch_rows = PEGAWAI_BATCH_DEFAULT;
  imp_t im;
  memset(&im, 0, sizeof im);
  memset(stats, 0, sizeof *stats);
  im.db = db;
  im.o = &o;
  im.st = stats;
  hm_init(&im.wilayah);
  hm_init(&im.instansi);
  hm_init(&im.opd);
  int dropped = 0;
  err_t e = store_pegawai_bulk_begin(db, &dropped);
  if (!e) e = store_wilayah_each_kode(db, add_wilayah, &im.wilayah);
  if (!e) e = csv_parse_file(in, on_row, &im);
  if (e && e != ERR_NOMEM && !im.failed && im.nrows) {
    /* A malformed line stops the scan; the good rows read before it are kept. */
    err_t scan = e;
    char msg[sizeof ((err_detail_t *)0)->message];
    snprintf(msg, sizeof msg, "%s", err_message(scan));
    if (flush(&im) == ERR_OK) e = err_set(scan, NULL, "%s", msg);
  } else if (!e) {
    if (!im.have_header) e = err_set(ERR_INVALID, "berkas", "Berkas kosong: tidak ada kepala kolom.");
    else e = flush(&im);
  }
  err_t e2 = store_pegawai_bulk_end(db, dropped);
  if (!e) e = e2;
  if (o.progress) o.progress(o.ud, stats);
  xfree(im.rows);
  xfree(im.pending);
  xfree(im.order);
  xfree(im.data);
  hm_free(&im.wilayah);
  hm_free(&im.instansi);
  hm_free(&im.opd);
  return e;
}
