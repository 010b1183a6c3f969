/* caseseal.c — seals on kasus, bukti and rekomendasi rows (see caseseal.h). */
#include "domain/caseseal.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "domain/audit.h"
#include "core/banned.h"

void caseseal_kasus(const keys_t *k, const case_row_t *c, char out[SEAL_LEN]) {
  const char *const text[] = {
      c->kode,          c->jenis,       c->rezim,          c->status,            c->wilayah,
      c->terlapor_nama, c->terlapor_nip, c->kategori,      c->instansi,          c->jabatan,
      c->terlapor_wilayah, c->tanggal_kejadian, c->tanggal_diketahui, c->lokasi, c->uraian,
      c->saksi,         c->putusan,     c->tanda_terima,   c->content_sha256,    c->client_id,
      c->diterima,      c->dibuat_oleh, c->tenggat_tahap,  c->tenggat_jatuh_tempo, c->tenggat_dasar};
  seal_t s;
  seal_begin(&s, k, SEAL_KASUS);
  for (size_t i = 0; i < sizeof text / sizeof *text; i++) seal_text(&s, text[i]);
  seal_bytes(&s, c->pelapor_sealed, c->pelapor_sealed ? c->pelapor_sealed_len : 0);
  seal_int(&s, c->kedaluwarsa);
  seal_end(&s, out);
}

void caseseal_bukti(const keys_t *k, const char *kode, const bukti_row_t *b, char out[SEAL_LEN]) {
  seal_t s;
  seal_begin(&s, k, SEAL_BUKTI);
  const char *const text[] = {kode, b->sha256, b->mime, b->jenis, b->nama, b->diterima};
  for (size_t i = 0; i < sizeof text / sizeof *text; i++) seal_text(&s, text[i]);
  seal_int(&s, b->ukuran);
  seal_end(&s, out);
}

void caseseal_rekom(const keys_t *k, const rekom_row_t *r, char out[SEAL_LEN]) {
  seal_t s;
  seal_begin(&s, k, SEAL_REKOM);
  const char *const text[] = {r->kode_kasus,   r->penerima, r->nomor,      r->tanggal, r->status,
                              r->jenis_sanksi, r->nomor_sk, r->tanggal_sk, r->pejabat, r->alasan};
  for (size_t i = 0; i < sizeof text / sizeof *text; i++) seal_text(&s, text[i]);
  seal_end(&s, out);
}

int caseseal_kasus_ok(const keys_t *k, const case_row_t *c) {
  char want[SEAL_LEN];
  caseseal_kasus(k, c, want);
  return seal_matches(want, c->segel);
}

int caseseal_bukti_ok(const keys_t *k, const char *kode, const bukti_row_t *b) {
  char want[SEAL_LEN];
  caseseal_bukti(k, kode, b, want);
  return seal_matches(want, b->segel);
}

int caseseal_rekom_ok(const keys_t *k, const rekom_row_t *r) {
  char want[SEAL_LEN];
  caseseal_rekom(k, r, want);
  return seal_matches(want, r->segel);
}

/* ---------- walking every row ---------- */

/* One walk serves the three jobs: seal legacy rows, check every row, and
 * reseal the rows of one case. */
typedef enum { WALK_LEGACY, WALK_CHECK, WALK_RESEAL } walk_mode_t;

typedef struct {
  db_t *db;
  const keys_t *k;
  walk_mode_t mode;
  const char *kode; /* WALK_RESEAL: only this case */
  long rows[3], touched[3]; /* kasus, bukti, rekomendasi */
  caseseal_report_t *rep;
} walk_t;

static void name_case(walk_t *w, const char *kode) {
  caseseal_report_t *r = w->rep;
  for (int i = 0; i < r->nkodes; i++)
    if (strcmp(r->kodes[i], kode) == 0) return;
  if (r->nkodes == CASESEAL_REPORT_KODES) { r->more = 1; return; }
  snprintf(r->kodes[r->nkodes++], sizeof r->kodes[0], "%s", kode);
}

/* What the walk does with one row whose seal is `have` and should be
 * `want`: 1 when the row must be written with want. */
static int visit(walk_t *w, int table, const char *kode, const char *want, const char *have) {
  if (w->mode == WALK_RESEAL && strcmp(kode, w->kode) != 0) return 0;
  w->rows[table]++;
  int legacy = strcmp(have, SEAL_UNSEALED) == 0;
  if (seal_matches(want, have) || (w->mode == WALK_LEGACY && !legacy)) return 0;
  w->touched[table]++;
  if (w->mode == WALK_CHECK) name_case(w, kode);
  return w->mode != WALK_CHECK;
}

static err_t walk_kasus(void *ud, const case_row_t *c) {
  walk_t *w = ud;
  char want[SEAL_LEN];
  caseseal_kasus(w->k, c, want);
  return visit(w, 0, c->kode, want, c->segel) ? store_case_set_segel(w->db, c->id, want) : ERR_OK;
}

static err_t walk_bukti(void *ud, const char *kode, const bukti_row_t *b) {
  walk_t *w = ud;
  char want[SEAL_LEN];
  caseseal_bukti(w->k, kode, b, want);
  return visit(w, 1, kode, want, b->segel) ? store_bukti_set_segel(w->db, b->id, want) : ERR_OK;
}

static err_t walk_rekom(void *ud, const rekom_row_t *r) {
  walk_t *w = ud;
  char want[SEAL_LEN];
  caseseal_rekom(w->k, r, want);
  return visit(w, 2, r->kode_kasus, want, r->segel) ? store_rekom_set_segel(w->db, r->id, want) : ERR_OK;
}

/* The evidence rows of the one case being resealed (w->kode). */
static err_t walk_case_bukti(void *ud, const bukti_row_t *b) {
  walk_t *w = ud;
  return walk_bukti(w, w->kode, b);
}

static err_t walk(walk_t *w, int64_t case_id) {
  err_t e = store_case_each(w->db, walk_kasus, w);
  if (!e) e = store_bukti_each(w->db, walk_bukti, w);
  if (!e) e = store_rekom_list(w->db, "", case_id, 0, walk_rekom, w);
  return e;
}

static long total(const long v[3]) { return v[0] + v[1] + v[2]; }

err_t caseseal_seal_legacy(db_t *db, const keys_t *k, long *sealed) {
  walk_t w = {.db = db, .k = k, .mode = WALK_LEGACY};
  int64_t unsealed = 0;
  *sealed = 0;
  err_t e = store_case_count_unsealed(db, &unsealed); /* the usual start: nothing to walk */
  if (e || !unsealed) return e;
  e = walk(&w, 0);
  *sealed = e ? 0 : total(w.touched);
  if (e || !*sealed) return e;
  json_t *d = json_pack("{s:I,s:I,s:I}", "kasus", (json_int_t)w.touched[0], "bukti", (json_int_t)w.touched[1],
                        "rekomendasi", (json_int_t)w.touched[2]);
  e = d ? audit_append(db, k, "sistem", "kasus.segel_awal", "kasus", d) : ERR_NOMEM;
  json_decref(d);
  return e;
}

err_t caseseal_check(db_t *db, const keys_t *k, caseseal_report_t *r) {
  memset(r, 0, sizeof *r);
  walk_t w = {.db = db, .k = k, .mode = WALK_CHECK, .rep = r};
  err_t e = walk(&w, 0);
  r->kasus = w.rows[0], r->bukti = w.rows[1], r->rekom = w.rows[2];
  r->bad_kasus = w.touched[0], r->bad_bukti = w.touched[1], r->bad_rekom = w.touched[2];
  return e;
}

err_t caseseal_reseal(db_t *db, const keys_t *k, const char *actor, const char *kode, int *changed) {
  case_row_t c;
  *changed = 0;
  err_t e = store_case_by_kode(db, kode, &c);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "kode", "Kasus %s tidak ditemukan.", kode);
  if (e) return e;
  walk_t w = {.db = db, .k = k, .mode = WALK_RESEAL, .kode = c.kode};
  if ((e = walk_kasus(&w, &c))) goto done;
  if ((e = store_bukti_list(db, c.id, walk_case_bukti, &w))) goto done;
  if ((e = store_rekom_list(db, "", c.id, 0, walk_rekom, &w))) goto done;
  *changed = (int)total(w.touched);
  if (!*changed) goto done;
  json_t *d = json_pack("{s:s,s:s,s:I,s:I,s:I}", "status", c.status, "wilayah", c.wilayah, "kasus",
                        (json_int_t)w.touched[0], "bukti", (json_int_t)w.touched[1], "rekomendasi",
                        (json_int_t)w.touched[2]);
  e = d ? audit_append(db, k, actor, "kasus.segel_ulang", c.kode, d) : ERR_NOMEM;
  json_decref(d);
done:
  case_row_free(&c);
  return e;
}
