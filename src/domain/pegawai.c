/*
 * pegawai.c — registry import (see pegawai.h).
 *
 * Two threads. The caller's thread reads and checks the CSV (every check in
 * memory: wilayah codes in a hash map, the cheap checks first) and packs the
 * good rows of a batch into one growing byte buffer (no allocation per row
 * or field). A writer thread writes the previous batch meanwhile, in one
 * transaction with one audit entry; it alone touches the database and the
 * instansi and OPD id caches. Two batch buffers are swapped at each hand-off,
 * so memory stays bounded by two batches.
 *
 * Modes (store_pegawai.h): into an empty registry rows are appended in file
 * order with the indexes dropped, and at the end NIPs repeated in the file
 * are merged (the later row wins; counted as updated) and the indexes built
 * once by sorting. Into a registry that has rows, each row is an upsert by
 * NIP, and a batch is written in NIP order (stable: a NIP repeated in the
 * batch keeps file order, so the later row still wins): the NIP index is
 * then swept once per batch instead of touched at random.
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
#include "core/enc.h"
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
  void *data;
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

static void hm_clear_vals(hmap_t *h) {
  for (size_t i = 0; i < h->cap; i++)
    if (h->t[i]) h->t[i]->val = 0;
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

/* A good row waiting for its batch: its fields live in batch_t.data at off,
 * NUL-terminated, in F_ order; len[i] is a field's length, NO_FIELD when the
 * optional column is absent from the file. */
#define NO_FIELD UINT32_MAX
enum { PEMDA_MAX = 8 };
/* An office: one (pemda, instansi, unit kerja) of the file, interned by the
 * reader thread; the writer thread resolves its database ids on first use.
 * Nodes live in an arena and never move; the reader writes the names before
 * the first batch that uses the office is handed over, the writer alone
 * writes the ids. */
typedef struct {
  const char *pemda, *instansi, *unit, *wilayah; /* wilayah: of its first row (an OPD's office) */
  int64_t instansi_id, opd_id;                   /* 0: not resolved yet */
} office_t;

typedef struct {
  long line;
  size_t off;
  uint32_t len[F__N];
  office_t *office;
} row_t;

typedef struct {
  row_t *rows;
  long nrows, cap_rows;
  char *data; /* the batch's field bytes */
  size_t ndata, cap_data;
  uint32_t *order; /* row indices in write order */
  long b_new, b_upd; /* results of the (last attempt of the) transaction */
} batch_t;

/* The writer thread and its hand-off slot (guarded by mu). */
typedef struct {
  pthread_t th;
  pthread_mutex_t mu;
  pthread_cond_t cv;
  batch_t *job; /* set by the reader, cleared by the writer when written */
  batch_t *done; /* the last batch written, for its counts */
  int quit, started;
  err_t result; /* first failure; the writer takes no job after it */
  err_detail_t detail;
} writer_t;

typedef struct {
  db_t *db;
  const pegawai_import_opts_t *o;
  pegawai_import_stats_t *st;
  int col[F__N];
  hmap_t wilayah, office; /* reader thread */
  hmap_t instansi;        /* writer thread: pemda \x1f nama → id */
  arena_t offices;
  office_t **pending; /* offices resolved by the transaction in progress */
  size_t npending, cap_pending;
  batch_t buf[2];
  batch_t *cur; /* the batch being filled */
  store_bulk_t bulk;
  int64_t impor_id; /* this import's row in the import log */
  writer_t w;
  int have_header, failed;
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
    if (f[i] && len[i] > PEGAWAI_TEXT_MAX && enc_utf8_chars(f[i]) > PEGAWAI_TEXT_MAX) {
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

static err_t pending_add(imp_t *im, office_t *o) {
  if (im->npending == im->cap_pending) {
    size_t cap = im->cap_pending ? im->cap_pending * 2 : 64;
    office_t **p = xrealloc(im->pending, cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    im->pending = p;
    im->cap_pending = cap;
  }
  im->pending[im->npending++] = o;
  return ERR_OK;
}

/* key = the parts joined by \x1f (the caller's buffer holds any valid row). */
static const char *join_key(char *key, size_t cap, const char *const *part, int n) {
  size_t k = 0;
  for (int i = 0; i < n; i++) {
    size_t len = strlen(part[i]);
    if (k + len + 2 > cap) return NULL;
    memcpy(key + k, part[i], len);
    k += len;
    key[k++] = i + 1 < n ? '\x1f' : '\0';
  }
  return key;
}
enum { KEY_MAX = PEMDA_MAX + 2 * 4 * PEGAWAI_TEXT_MAX + 8 }; /* UTF-8: ≤ 4 bytes a character */

/* Reader thread: the office of a checked row, interned. */
static err_t office_of(imp_t *im, char **f, const char *pemda, office_t **out) {
  char kbuf[KEY_MAX];
  const char *parts[] = {pemda, f[F_INSTANSI], f[F_UNIT]};
  const char *key = join_key(kbuf, sizeof kbuf, parts, 3);
  if (!key) return err_set(ERR_INTERNAL, NULL, "Kunci kantor terlalu panjang.");
  hnode_t *nd = hm_get(&im->office, key);
  if (nd) {
    *out = nd->data;
    return ERR_OK;
  }
  office_t *o = arena_alloc(&im->offices, sizeof *o);
  if (!o || !(o->pemda = arena_strdup(&im->offices, pemda)) ||
      !(o->instansi = arena_strdup(&im->offices, f[F_INSTANSI])) ||
      !(o->unit = arena_strdup(&im->offices, f[F_UNIT])) || !(o->wilayah = arena_strdup(&im->offices, f[F_WILAYAH])))
    return ERR_NOMEM;
  err_t e = hm_put(&im->office, key, 0, &nd);
  if (e) return e;
  nd->data = o;
  *out = o;
  return ERR_OK;
}

/* Writer thread: the instansi and OPD ids of an office, created on first sight. */
static err_t office_resolve(imp_t *im, office_t *o) {
  char kbuf[KEY_MAX];
  const char *parts[] = {o->pemda, o->instansi};
  const char *key = join_key(kbuf, sizeof kbuf, parts, 2);
  hnode_t *nd = key ? hm_get(&im->instansi, key) : NULL;
  err_t e = ERR_OK;
  if (nd && nd->val > 0) {
    o->instansi_id = nd->val;
  } else {
    if ((e = store_instansi_ensure(im->db, o->pemda, o->instansi, &o->instansi_id))) return e;
    if (nd) nd->val = o->instansi_id;
    else if (key && (e = hm_put(&im->instansi, key, o->instansi_id, NULL))) return e;
  }
  if (o->unit[0] && (e = store_opd_ensure(im->db, o->instansi_id, o->unit, o->wilayah, &o->opd_id))) return e;
  return pending_add(im, o);
}

static err_t row_failed(err_t e, long first, long last) {
  if (first == last)
    return err_set(e, NULL, "Baris %ld: gagal disimpan (%s). Batch ini dibatalkan; batch sebelumnya tetap tersimpan.",
                   first, err_message(e));
  return err_set(e, NULL, "Baris %ld–%ld: gagal disimpan (%s). Batch ini dibatalkan; batch sebelumnya tetap tersimpan.",
                 first, last, err_message(e));
}

enum { CHUNK_ROWS = 64 }; /* fresh mode: rows handed to the store at once */

static err_t flush_tx(db_t *db, void *ud) {
  imp_t *im = ud;
  batch_t *b = im->w.job;
  err_t e = ERR_OK;
  /* A retried attempt: ids created by the rolled-back one are gone. */
  if (im->npending) {
    for (size_t i = 0; i < im->npending; i++) im->pending[i]->instansi_id = im->pending[i]->opd_id = 0;
    im->npending = 0;
    hm_clear_vals(&im->instansi);
  }
  b->b_new = b->b_upd = 0;
  int64_t floor_id = 0; /* update mode: ids above it are rows this batch created */
  if (!im->bulk.fresh && (e = store_pegawai_max_id(db, &floor_id))) return e;
  store_pegawai_in_t chunk[CHUNK_ROWS];
  const store_pegawai_in_t *ptrs[CHUNK_ROWS];
  size_t nc = 0;
  long first_line = 0;
  const char *prev_nip = NULL;
  for (long k = 0; k < b->nrows && !e; k++) {
    const row_t *r = &b->rows[b->order[k]];
    const char *f[F__N];
    const char *p = b->data + r->off;
    for (int i = 0; i < F__N; i++) {
      if (r->len[i] == NO_FIELD) { f[i] = NULL; continue; }
      f[i] = p;
      p += r->len[i] + 1;
    }
    if (!r->office->instansi_id && (e = office_resolve(im, r->office))) return row_failed(e, r->line, r->line);
    store_pegawai_in_t in = {f[F_NIP], f[F_NAMA], f[F_JABATAN], f[F_KATEGORI], f[F_WILAYAH],
                             f[F_RELASI], f[F_CALON], r->office->instansi_id, r->office->opd_id, im->impor_id};
    if (!im->bulk.fresh) {
      int created = 0;
      if ((e = store_pegawai_upsert(db, &in, floor_id, &created))) return row_failed(e, r->line, r->line);
      /* A NIP repeated in the batch comes right after its first row (NIP order):
       * the row that first occurrence created is now updated. */
      if (created && !(prev_nip && strcmp(prev_nip, in.nip) == 0)) b->b_new++;
      else b->b_upd++;
      prev_nip = in.nip;
      continue;
    }
    if (!nc) first_line = r->line;
    chunk[nc] = in;
    ptrs[nc] = &chunk[nc];
    if (++nc == CHUNK_ROWS || k + 1 == b->nrows) {
      if ((e = store_pegawai_insert_many(db, ptrs, nc))) return row_failed(e, first_line, r->line);
      b->b_new += (long)nc;
      nc = 0;
    }
  }
  json_t *d = json_pack("{s:I,s:s,s:I,s:I,s:I,s:I}", "impor", (json_int_t)im->impor_id, "sumber",
                        im->o->sumber ? im->o->sumber : "-", "baris_awal",
                        (json_int_t)b->rows[0].line, "baris_akhir", (json_int_t)b->rows[b->nrows - 1].line, "baru",
                        (json_int_t)b->b_new, "diperbarui", (json_int_t)b->b_upd);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, im->o->keys, im->o->actor, "pegawai.impor", "pegawai", d);
  json_decref(d);
  return e;
}

static void *writer_main(void *arg) {
  imp_t *im = arg;
  writer_t *w = &im->w;
  pthread_mutex_lock(&w->mu);
  for (;;) {
    while (!w->job && !w->quit) pthread_cond_wait(&w->cv, &w->mu);
    if (!w->job) break;
    pthread_mutex_unlock(&w->mu);
    err_clear();
    err_t e = store_write(im->db, flush_tx, im);
    if (!e) im->npending = 0;
    pthread_mutex_lock(&w->mu);
    if (e && !w->result) {
      w->result = e;
      w->detail = *err_detail(e);
    }
    w->done = e ? NULL : w->job;
    w->job = NULL;
    pthread_cond_broadcast(&w->cv);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

/* Wait until the writer is idle; count the batch it finished; its error, re-raised on this thread. */
static err_t writer_wait(imp_t *im) {
  writer_t *w = &im->w;
  pthread_mutex_lock(&w->mu);
  while (w->job) pthread_cond_wait(&w->cv, &w->mu);
  batch_t *b = w->done;
  w->done = NULL;
  err_t e = w->result;
  err_detail_t d = w->detail;
  pthread_mutex_unlock(&w->mu);
  if (b) {
    im->st->baru += b->b_new;
    im->st->diperbarui += b->b_upd;
    b->nrows = 0;
    b->ndata = 0;
    if (im->o->progress) im->o->progress(im->o->ud, im->st);
  }
  if (!e) return ERR_OK;
  im->failed = 1;
  return err_set(e, d.field[0] ? d.field : NULL, "%s", d.message[0] ? d.message : err_default_msg(e));
}

/* NIP order, then file order (a NIP repeated in the batch: the later row is written last and wins). */
static const batch_t *sort_b; /* qsort has no context argument in C11 */
static int by_nip(const void *a, const void *b) {
  const row_t *x = &sort_b->rows[*(const uint32_t *)a], *y = &sort_b->rows[*(const uint32_t *)b];
  size_t nx = x->len[F_NIP], ny = y->len[F_NIP];
  int c = memcmp(sort_b->data + x->off, sort_b->data + y->off, nx < ny ? nx : ny);
  if (c) return c;
  if (nx != ny) return nx < ny ? -1 : 1;
  return x->line < y->line ? -1 : x->line > y->line;
}

/* Hand the filled batch to the writer and go on filling the other buffer. */
static err_t flush(imp_t *im) {
  batch_t *b = im->cur;
  if (!b->nrows) return ERR_OK;
  err_t e = writer_wait(im);
  if (e) return e;
  for (long i = 0; i < b->nrows; i++) b->order[i] = (uint32_t)i;
  if (!im->bulk.fresh) {
    static pthread_mutex_t sort_mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&sort_mu);
    sort_b = b;
    qsort(b->order, (size_t)b->nrows, sizeof *b->order, by_nip);
    sort_b = NULL;
    pthread_mutex_unlock(&sort_mu);
  }
  pthread_mutex_lock(&im->w.mu);
  im->w.job = b;
  pthread_cond_broadcast(&im->w.cv);
  pthread_mutex_unlock(&im->w.mu);
  im->cur = b == &im->buf[0] ? &im->buf[1] : &im->buf[0];
  return ERR_OK;
}

static err_t reject(imp_t *im, long line, const char *why, int nf, char **f) {
  im->st->ditolak++;
  return im->o->reject ? im->o->reject(im->o->ud, line, why, nf, f) : ERR_OK;
}

/* Append a good row to the batch (buffers sized for batch_rows once, then reused). */
static err_t keep_row(imp_t *im, long line, char **v, const size_t *len, office_t *office) {
  batch_t *b = im->cur;
  if (b->nrows == b->cap_rows) {
    long cap = b->cap_rows ? b->cap_rows * 2 : 1024;
    if (cap > im->o->batch_rows) cap = im->o->batch_rows;
    row_t *p = xrealloc(b->rows, (size_t)cap * sizeof *p);
    if (!p) return ERR_NOMEM;
    b->rows = p;
    uint32_t *o = xrealloc(b->order, (size_t)cap * sizeof *o);
    if (!o) return ERR_NOMEM;
    b->order = o;
    b->cap_rows = cap;
  }
  size_t need = 0;
  for (int i = 0; i < F__N; i++)
    if (v[i]) need += len[i] + 1;
  if (b->ndata + need > b->cap_data) {
    size_t cap = b->cap_data ? b->cap_data : 64 * 1024;
    while (cap < b->ndata + need) cap *= 2;
    char *d = xrealloc(b->data, cap);
    if (!d) return ERR_NOMEM;
    b->data = d;
    b->cap_data = cap;
  }
  row_t *r = &b->rows[b->nrows++];
  r->line = line;
  r->off = b->ndata;
  r->office = office;
  char *p = b->data + b->ndata;
  for (int i = 0; i < F__N; i++) {
    if (!v[i]) { r->len[i] = NO_FIELD; continue; }
    r->len[i] = (uint32_t)len[i];
    memcpy(p, v[i], len[i] + 1);
    p += len[i] + 1;
  }
  b->ndata += need;
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
  office_t *office = NULL;
  err_t e = office_of(im, v, pemda, &office);
  if (e) return e;
  v[F_INSTANSI] = v[F_UNIT] = NULL; /* the office holds them */
  e = keep_row(im, line, v, len, office);
  if (e) return e;
  if (im->cur->nrows >= im->o->batch_rows) return flush(im);
  if (im->o->progress && (im->st->baris & 8191) == 0) im->o->progress(im->o->ud, im->st);
  return ERR_OK;
}

static err_t add_wilayah(void *ud, const char *kode, const char *tingkat) {
  (void)tingkat;
  return hm_put(ud, kode, 1, NULL);
}

/* The import log row, opened before the first batch and closed at the end. */
static err_t log_open_tx(db_t *db, void *ud) {
  imp_t *im = ud;
  char now[CLOCK_ISO_LEN];
  clock_iso(clock_now(), now);
  const char *sumber = im->o->sumber ? im->o->sumber : "-";
  int64_t abandoned = 0;
  err_t e = store_pegawai_impor_abandoned(db, &abandoned);
  if (!e) e = store_pegawai_impor_open(db, now, sumber, im->o->actor, &im->impor_id);
  if (e) return e;
  json_t *d = json_pack("{s:I,s:s,s:s,s:I,s:I}", "impor", (json_int_t)im->impor_id, "sumber", sumber, "mode",
                        im->bulk.fresh ? "register_kosong" : "perbarui", "impor_terputus_ditandai_gagal",
                        (json_int_t)abandoned, "nip_ganda_digabung_perbaikan", (json_int_t)im->bulk.repaired);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, im->o->keys, im->o->actor, "pegawai.impor.mulai", "pegawai_impor", d);
  json_decref(d);
  return e;
}

typedef struct {
  imp_t *im;
  const char *status;
} log_close_t;

static err_t log_close_tx(db_t *db, void *ud) {
  log_close_t *c = ud;
  const pegawai_import_stats_t *st = c->im->st;
  char now[CLOCK_ISO_LEN];
  clock_iso(clock_now(), now);
  store_impor_end_t end = {now, c->status, st->baris, st->baru, st->diperbarui, st->ditolak};
  err_t e = store_pegawai_impor_close(db, c->im->impor_id, &end);
  if (e) return e;
  json_t *d = json_pack("{s:I,s:s,s:I,s:I,s:I,s:I}", "impor", (json_int_t)c->im->impor_id, "status", c->status,
                        "baris", (json_int_t)st->baris, "baru", (json_int_t)st->baru, "diperbarui",
                        (json_int_t)st->diperbarui, "ditolak", (json_int_t)st->ditolak);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, c->im->o->keys, c->im->o->actor, "pegawai.impor.selesai", "pegawai_impor", d);
  json_decref(d);
  return e;
}

typedef struct {
  imp_t *im;
  int64_t merged;
} merge_t;

/* Fresh mode: merge NIPs repeated in the file and record it, in one transaction. */
static err_t merge_tx(db_t *db, void *ud) {
  merge_t *m = ud;
  err_t e = store_pegawai_merge(db, &m->merged);
  if (e || !m->merged) return e;
  json_t *d = json_pack("{s:s,s:I}", "sumber", m->im->o->sumber ? m->im->o->sumber : "-", "nip_ganda_digabung",
                        (json_int_t)m->merged);
  if (!d) return ERR_NOMEM;
  e = audit_append(db, m->im->o->keys, m->im->o->actor, "pegawai.impor.gabung", "pegawai", d);
  json_decref(d);
  return e;
}

/* Read everything (the writer works in parallel), then write the last batch. */
static err_t import_rows(imp_t *im, FILE *in) {
  err_t e = csv_parse_file(in, on_row, im);
  if (e && e != ERR_NOMEM && !im->failed && im->cur->nrows) {
    /* A malformed line stops the scan; the good rows read before it are kept. */
    err_t scan = e;
    char msg[sizeof ((err_detail_t *)0)->message];
    snprintf(msg, sizeof msg, "%s", err_message(scan));
    if (flush(im) == ERR_OK && writer_wait(im) == ERR_OK) e = err_set(scan, NULL, "%s", msg);
  } else if (!e) {
    if (!im->have_header) e = err_set(ERR_INVALID, "berkas", "Berkas kosong: tidak ada kepala kolom.");
    else e = flush(im);
  }
  if (!e) return writer_wait(im);
  /* Keep this failure's message: waiting for the writer must not replace it. */
  err_detail_t d = *err_detail(e);
  (void)writer_wait(im);
  return err_set(e, d.field[0] ? d.field : NULL, "%s", d.message[0] ? d.message : err_default_msg(e));
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
  im.cur = &im.buf[0];
  hm_init(&im.wilayah);
  hm_init(&im.instansi);
  hm_init(&im.office);
  arena_init(&im.offices);
  pthread_mutex_init(&im.w.mu, NULL);
  pthread_cond_init(&im.w.cv, NULL);
  err_t e = store_pegawai_bulk_begin(db, &im.bulk);
  stats->register_kosong = im.bulk.fresh;
  stats->muat_massal = im.bulk.bulk_mode;
  if (!e) e = store_wilayah_each_kode(db, add_wilayah, &im.wilayah);
  if (!e) e = store_write(db, log_open_tx, &im);
  if (!e) {
    if (pthread_create(&im.w.th, NULL, writer_main, &im) == 0) im.w.started = 1;
    else e = err_set(ERR_INTERNAL, NULL, "Gagal memulai utas penulis.");
  }
  if (!e) e = import_rows(&im, in);
  if (im.w.started) {
    pthread_mutex_lock(&im.w.mu);
    im.w.quit = 1;
    pthread_cond_broadcast(&im.w.cv);
    pthread_mutex_unlock(&im.w.mu);
    pthread_join(im.w.th, NULL);
  }
  /* Even after a failure the committed batches of a fresh import get their
   * merge and indexes; the first error (and its message) is the one reported. */
  err_detail_t first = *err_detail(e);
  if (im.bulk.fresh) {
    merge_t m = {&im, 0};
    err_t e2 = store_write(db, merge_tx, &m);
    if (!e2) {
      stats->baru -= m.merged;
      stats->diperbarui += m.merged;
    } else if (!e) {
      e = e2, first = *err_detail(e2);
    }
  }
  err_t e3 = store_pegawai_bulk_end(db, &im.bulk);
  if (!e && e3) e = e3, first = *err_detail(e3);
  if (im.impor_id) {
    log_close_t c = {&im, e ? "gagal" : "selesai"};
    err_t e4 = store_write(db, log_close_tx, &c);
    if (!e && e4) e = e4, first = *err_detail(e4);
  }
  if (e) err_set(e, first.field[0] ? first.field : NULL, "%s", first.message[0] ? first.message : err_default_msg(e));
  if (o.progress) o.progress(o.ud, stats);
  for (int i = 0; i < 2; i++) {
    xfree(im.buf[i].rows);
    xfree(im.buf[i].order);
    xfree(im.buf[i].data);
  }
  xfree(im.pending);
  hm_free(&im.wilayah);
  hm_free(&im.instansi);
  hm_free(&im.office);
  arena_free(&im.offices);
  pthread_mutex_destroy(&im.w.mu);
  pthread_cond_destroy(&im.w.cv);
  return e;
}
