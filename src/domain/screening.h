/*
 * screening.h — social-media screening put before a person: screen a batch
 * of posts, queue those with skor >= SCREENING_THRESHOLD for review by
 * bawaslu/panwascam of the submitting officer's wilayah, record the
 * reviewer's decision and measure precision in real use.
 *
 * Screening never decides a violation. A reviewer marks an item
 * tidak_relevan, or relevan, which creates a temuan (default) or an
 * informasi awal with the captured post attached as evidence.
 *
 * Captured post: the post object reduced to its known fields (id, platform,
 * akun, nama, nip, waktu, url, teks), serialised compactly with sorted keys;
 * its SHA-256 is computed over exactly those bytes, which are kept in the
 * queue row. Evidence must be a sniffed file type, so on relevan the capture
 * becomes a small PDF (text, url, time, SHA-256, hits) with the exact JSON
 * bytes embedded as the attachment tangkapan.json — the PDF alone is enough
 * to re-check the hash.
 *
 * Visibility: like cases — staff see queue items whose wilayah lies within
 * theirs (admin all); an item out of sight answers ERR_NOT_FOUND.
 * Every state change runs inside store_write() with its audit entry.
 */
#ifndef NETRAL_SCREENING_H
#define NETRAL_SCREENING_H
#include <jansson.h>

#include "core/mem.h"
#include "domain/account.h"
#include "domain/case.h"
#include "screen/engine.h"
#include "store/store.h"

enum {
  SCREENING_THRESHOLD = SCREEN_THRESHOLD, /* 50: the score --eval counts as "kampanye" (data/screen/README.md) */
  SCREENING_MAX_POSTS = 1000,             /* posts per request */
  SCREENING_TEKS_MAX = 20000,             /* bytes of teks per post */
  SCREENING_FIELD_MAX = 500,              /* bytes of platform, akun, nama, nip, waktu, id */
  SCREENING_URL_MAX = 1000,
  SCREENING_CATATAN_MAX = 1000
};

typedef struct screening_batch screening_batch_t;

/* Validate body {"posts":[…]} and screen every post (no database; runs on
 * the calling thread's scratch). ERR_TOO_LARGE (field "posts") above
 * SCREENING_MAX_POSTS; ERR_INVALID naming "posts" or "posts.N.teks".
 * *out caller frees with screening_batch_free; body must outlive it. */
err_t screening_screen(const screen_engine_t *e, json_t *body, screening_batch_t **out);
/* Queue the batch's posts with skor >= threshold under who->wilayah and
 * append the audit entry. Inside store_write. */
err_t screening_enqueue(db_t *db, const case_ctx_t *cx, const account_t *who, screening_batch_t *b);
/* {"ambang","jumlah","diantrekan","hasil":[{"id","skor","hits":[…],"antrian_id"?}]}. Caller decrefs. */
json_t *screening_answer(const screening_batch_t *b);
void screening_batch_free(screening_batch_t *b);

/* Queue items in scope; status NULL/"" = any, else menunggu|relevan|tidak_relevan. */
err_t screening_list(db_t *db, const account_t *who, const char *status, long page, long per_page, json_t **out);
/* Decide item id: body {"keputusan","catatan","jenis","rezim","terlapor","peristiwa"}. */
err_t screening_decide(db_t *db, const case_ctx_t *cx, const account_t *who, int64_t id, json_t *body, json_t **out);
/* {"keseluruhan":{…},"per_kategori":[…]}: presisi = relevan / (relevan + tidak_relevan). */
err_t screening_presisi(db_t *db, const account_t *who, json_t **out);

/* The capture PDF of a queue item (fields as in the list JSON) into out. */
err_t screening_capture_pdf(json_t *item, buf_t *out);
#endif
