/* screening.c — review queue of social-media screening (see screening.h). */
#include "domain/screening.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/clock.h"
#include "domain/audit.h"
#include "domain/receipt.h"
#include "domain/wilayah.h"
#include "screen/normalise.h"
#include "store/store_screen.h"
#include "core/banned.h"

/* printf into a buf_t. Not buf_printf: when it has to grow the buffer it
 * copies n bytes from a one-byte stack variable (core/mem.c), which
 * AddressSanitizer reports as a stack-buffer-overflow. */
static void bp(buf_t *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void bp(buf_t *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n < 0) return;
  if ((size_t)n < sizeof tmp) {
    buf_append(b, tmp, (size_t)n);
    return;
  }
  char *big = xmalloc((size_t)n + 1);
  if (!big) {
    b->oom = 1;
    return;
  }
  va_start(ap, fmt);
  vsnprintf(big, (size_t)n + 1, fmt, ap);
  va_end(ap);
  buf_append(b, big, (size_t)n);
  xfree(big);
}

/* ---------- batch screening ---------- */

static const char *const POST_FIELDS[] = {"platform", "akun", "nama", "nip", "waktu", "url"};
enum { NPOST_FIELDS = sizeof POST_FIELDS / sizeof POST_FIELDS[0] };

typedef struct {
  json_t *post;     /* borrowed from the request body */
  json_t *hasil;    /* borrowed from b->hasil */
  char *tangkapan;  /* captured post JSON; owned (jansson allocator) */
  char sha256[RECEIPT_SHA256_HEX];
  char *hits;       /* JSON text; owned (jansson allocator) */
  char kategori[128];
  int skor;
} pending_t;

struct screening_batch {
  json_t *hasil; /* array, owned */
  pending_t *pend;
  size_t npend;
  size_t nposts, queued, created;
};

void screening_batch_free(screening_batch_t *b) {
  if (!b) return;
  for (size_t i = 0; i < b->npend; i++) {
    free(b->pend[i].tangkapan);
    free(b->pend[i].hits);
  }
  xfree(b->pend);
  json_decref(b->hasil);
  xfree(b);
}

static const char *sval(json_t *o, const char *k) {
  const char *s = json_string_value(json_object_get(o, k));
  return s ? s : "";
}

/* The post reduced to its known fields; caller decrefs. */
static json_t *capture_of(json_t *post) {
  json_t *c = json_object();
  if (!c) return NULL;
  json_t *id = json_object_get(post, "id");
  if (id && (json_is_string(id) || json_is_integer(id))) json_object_set(c, "id", id);
  for (int i = 0; i < NPOST_FIELDS; i++) {
    json_t *v = json_object_get(post, POST_FIELDS[i]);
    if (json_is_string(v)) json_object_set(c, POST_FIELDS[i], v);
  }
  json_object_set(c, "teks", json_object_get(post, "teks"));
  return c;
}

static err_t check_post(json_t *post, size_t i) {
  char field[48];
  snprintf(field, sizeof field, "posts.%zu", i);
  if (!json_is_object(post)) return err_set(ERR_INVALID, field, "Pos ke-%zu harus berupa objek JSON.", i + 1);
  json_t *teks = json_object_get(post, "teks");
  snprintf(field, sizeof field, "posts.%zu.teks", i);
  if (!json_is_string(teks) || json_string_length(teks) == 0)
    return err_set(ERR_INVALID, field, "Pos ke-%zu: kolom teks wajib diisi (teks).", i + 1);
  if (json_string_length(teks) > SCREENING_TEKS_MAX)
    return err_set(ERR_TOO_LARGE, field, "Pos ke-%zu: teks terlalu panjang (maks. %d bita).", i + 1, SCREENING_TEKS_MAX);
  if (strlen(json_string_value(teks)) != json_string_length(teks))
    return err_set(ERR_INVALID, field, "Pos ke-%zu: teks tidak boleh berisi karakter NUL.", i + 1);
  json_t *id = json_object_get(post, "id");
  snprintf(field, sizeof field, "posts.%zu.id", i);
  if (id && !json_is_null(id) && !json_is_integer(id) &&
      !(json_is_string(id) && json_string_length(id) <= SCREENING_FIELD_MAX &&
        strlen(json_string_value(id)) == json_string_length(id)))
    return err_set(ERR_INVALID, field, "Pos ke-%zu: id harus teks (maks. %d bita) atau bilangan bulat.", i + 1,
                   SCREENING_FIELD_MAX);
  for (int k = 0; k < NPOST_FIELDS; k++) {
    json_t *v = json_object_get(post, POST_FIELDS[k]);
    size_t max = strcmp(POST_FIELDS[k], "url") == 0 ? SCREENING_URL_MAX : SCREENING_FIELD_MAX;
    snprintf(field, sizeof field, "posts.%zu.%s", i, POST_FIELDS[k]);
    if (!v || json_is_null(v)) continue;
    if (!json_is_string(v) || json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v))
      return err_set(ERR_INVALID, field, "Pos ke-%zu: kolom %s harus teks (maks. %zu bita).", i + 1, POST_FIELDS[k], max);
  }
  return ERR_OK;
}

static json_t *hit_json(const screen_hit_t *h) {
  return json_pack("{s:s,s:s,s:s,s:I,s:I,s:i,s:s}", "aturan", h->aturan, "kategori", h->kategori, "istilah",
                   h->istilah, "mulai", (json_int_t)h->mulai, "akhir", (json_int_t)h->akhir, "bobot",
                   h->bobot_efektif, "penjelasan", h->penjelasan);
}

err_t screening_screen(const screen_engine_t *e, json_t *body, screening_batch_t **out) {
  err_t rc = ERR_OK;
  json_t *posts = json_is_object(body) ? json_object_get(body, "posts") : NULL;
  *out = NULL;
  if (!json_is_array(posts))
    return err_set(ERR_INVALID, "posts", "Kirim {\"posts\":[…]}: daftar pos yang akan disaring.");
  size_t n = json_array_size(posts);
  if (n == 0) return err_set(ERR_INVALID, "posts", "Daftar posts kosong.");
  if (n > SCREENING_MAX_POSTS)
    return err_set(ERR_TOO_LARGE, "posts", "Terlalu banyak pos: %zu (maks. %d per permintaan).", n,
                   SCREENING_MAX_POSTS);
  for (size_t i = 0; i < n; i++)
    if ((rc = check_post(json_array_get(posts, i), i))) return rc;

  screen_scratch_t *s;
  if ((rc = screen_scratch_thread(e, &s))) return rc;
  screening_batch_t *b = xcalloc(1, sizeof *b);
  if (!b) return ERR_NOMEM;
  b->nposts = n;
  b->hasil = json_array();
  if (!b->hasil) { rc = ERR_NOMEM; goto fail; }
  for (size_t i = 0; i < n; i++) {
    json_t *post = json_array_get(posts, i), *teks = json_object_get(post, "teks");
    screen_result_t r;
    if ((rc = screen_post(e, s, json_string_value(teks), json_string_length(teks), &r))) goto fail;
    json_t *hits = json_array(), *id = json_object_get(post, "id");
    for (size_t k = 0; hits && k < r.nhits; k++) json_array_append_new(hits, hit_json(&r.hits[k]));
    json_t *h = hits ? json_pack("{s:O,s:i,s:o}", "id", id ? id : json_null(), "skor", r.skor, "hits", hits) : NULL;
    if (!h || json_array_append_new(b->hasil, h)) { rc = ERR_NOMEM; goto fail; }
    if (r.skor < SCREENING_THRESHOLD) continue;
    if (!b->pend && !(b->pend = xcalloc(n, sizeof *b->pend))) { rc = ERR_NOMEM; goto fail; }
    pending_t *p = &b->pend[b->npend++];
    p->post = post;
    p->hasil = h;
    p->skor = r.skor;
    json_t *cap = capture_of(post);
    p->tangkapan = cap ? json_dumps(cap, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(cap);
    p->hits = json_dumps(json_object_get(h, "hits"), JSON_COMPACT);
    if (!p->tangkapan || !p->hits) { rc = ERR_NOMEM; goto fail; }
    receipt_sha256_hex((const unsigned char *)p->tangkapan, strlen(p->tangkapan), p->sha256);
    size_t o = 0;
    for (int k = 0; k < SCREEN_KAT_KONTEKS; k++)
      if (r.kategori_mask & (1u << k))
        o += (size_t)snprintf(p->kategori + o, sizeof p->kategori - o, "%s%s", o ? "," : "", screen_kategori_name(k));
  }
  *out = b;
  return ERR_OK;
fail:
  screening_batch_free(b);
  return rc;
}

err_t screening_enqueue(db_t *db, const case_ctx_t *cx, const account_t *who, screening_batch_t *b) {
  char now[CLOCK_ISO_LEN], idbuf[32];
  clock_iso(clock_now(), now);
  json_t *ids = json_array();
  err_t e = ids ? ERR_OK : ERR_NOMEM;
  b->queued = b->created = 0;
  for (size_t i = 0; i < b->npend && !e; i++) {
    pending_t *p = &b->pend[i];
    screen_item_t it;
    memset(&it, 0, sizeof it);
    json_t *id = json_object_get(p->post, "id");
    if (json_is_integer(id)) {
      snprintf(idbuf, sizeof idbuf, "%lld", (long long)json_integer_value(id));
      it.pos_id = idbuf;
    } else {
      it.pos_id = json_string_value(id);
    }
    it.platform = sval(p->post, "platform");
    it.akun = sval(p->post, "akun");
    it.nama = sval(p->post, "nama");
    it.nip = sval(p->post, "nip");
    it.waktu = sval(p->post, "waktu");
    it.url = sval(p->post, "url");
    it.teks = sval(p->post, "teks");
    it.tangkapan = p->tangkapan;
    it.sha256 = p->sha256;
    it.hits = p->hits;
    it.kategori = p->kategori;
    it.skor = p->skor;
    it.wilayah = who->wilayah;
    it.diajukan_oleh = who->username;
    it.diajukan = now;
    int64_t qid = 0;
    int created = 0;
    if ((e = store_screen_insert(db, &it, &qid, &created))) break;
    json_object_set_new(p->hasil, "antrian_id", json_integer(qid));
    json_array_append_new(ids, json_integer(qid));
    b->queued++;
    b->created += (size_t)created;
  }
  if (!e) {
    json_t *d = json_pack("{s:I,s:I,s:I,s:i,s:O}", "pos", (json_int_t)b->nposts, "diantrekan", (json_int_t)b->queued,
                          "baru", (json_int_t)b->created, "ambang", SCREENING_THRESHOLD, "antrian", ids);
    e = d ? audit_append(db, cx->keys, who->username, "saring.kirim", who->wilayah, d) : ERR_NOMEM;
    json_decref(d);
  }
  json_decref(ids);
  return e;
}

json_t *screening_answer(const screening_batch_t *b) {
  return json_pack("{s:i,s:I,s:I,s:I,s:O}", "ambang", SCREENING_THRESHOLD, "jumlah", (json_int_t)b->nposts,
                   "diantrekan", (json_int_t)b->queued, "baru", (json_int_t)b->created, "hasil", b->hasil);
}

/* ---------- queue ---------- */

static const char *const STATUSES[] = {"menunggu", "relevan", "tidak_relevan"};

static json_t *kategori_json(const char *list) {
  json_t *a = json_array();
  for (const char *p = list; a && p && *p;) {
    size_t k = strcspn(p, ",");
    json_array_append_new(a, json_stringn(p, k));
    p += k + (p[k] == ',');
  }
  return a;
}

static json_t *item_json(const screen_item_t *it) {
  json_t *hits = json_loads(it->hits, 0, NULL);
  return json_pack("{s:I,s:{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s},s:s,s:s,s:i,s:o,s:o,s:s,s:s,s:s,s:s,"
                   "s:s*,s:s*,s:s*,s:s*}",
                   "id", (json_int_t)it->id, "pos", "id", it->pos_id, "platform", it->platform, "akun", it->akun,
                   "nama", it->nama, "nip", it->nip, "waktu", it->waktu, "url", it->url, "teks", it->teks,
                   "tangkapan", it->tangkapan, "sha256", it->sha256, "skor", it->skor, "kategori",
                   kategori_json(it->kategori), "hits", hits ? hits : json_array(), "wilayah", it->wilayah, "status",
                   it->status, "diajukan_oleh", it->diajukan_oleh, "diajukan", it->diajukan, "diputus_oleh",
                   it->diputus_oleh, "diputus", it->diputus, "catatan", it->catatan, "kasus_kode", it->kasus_kode);
}

static err_t add_item(void *ud, const screen_item_t *it) {
  json_t *o = item_json(it);
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

static const char *scope_of(const account_t *who) { return who->role == ROLE_ADMIN ? "" : who->wilayah; }

err_t screening_list(db_t *db, const account_t *who, const char *status, long page, long per_page, json_t **out) {
  if (status && *status) {
    size_t i = 0;
    while (i < 3 && strcmp(STATUSES[i], status) != 0) i++;
    if (i == 3) return err_set(ERR_INVALID, "status", "Status harus menunggu, relevan atau tidak_relevan.");
  }
  if (page < 1) page = 1;
  if (per_page < 1 || per_page > 200) per_page = 50;
  json_t *items = json_array();
  int64_t total = 0;
  if (!items) return ERR_NOMEM;
  err_t e = store_screen_list(db, scope_of(who), status, per_page, (page - 1) * per_page, add_item, items, &total);
  if (e) { json_decref(items); return e; }
  *out = json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)total, "halaman", (json_int_t)page, "per_halaman",
                   (json_int_t)per_page, "items", items);
  return *out ? ERR_OK : ERR_NOMEM;
}

static err_t keep_item(void *ud, const screen_item_t *it) {
  json_t **o = ud;
  *o = item_json(it);
  return *o ? ERR_OK : ERR_NOMEM;
}

/* ---------- capture PDF ---------- */

/* WinAnsi byte for a code point, or 0 when it has none. */
static unsigned char winansi(uint32_t cp) {
  static const struct { uint32_t cp; unsigned char b; } extra[] = {
      {0x2026, 0x85}, {0x2013, 0x96}, {0x2014, 0x97}, {0x2018, 0x91}, {0x2019, 0x92},
      {0x201C, 0x93}, {0x201D, 0x94}, {0x2022, 0x95}, {0x20AC, 0x80},
  };
  if (cp >= 0x20 && cp < 0x7F) return (unsigned char)cp;
  if (cp >= 0xA0 && cp <= 0xFF) return (unsigned char)cp;
  for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
    if (extra[i].cp == cp) return extra[i].b;
  return 0;
}

enum { PDF_COLS = 92, PDF_ROWS = 58 };

/* Append s as wrapped WinAnsi lines (each ends with '\n') to lines. Code
 * points without a WinAnsi glyph are written [U+XXXX] so nothing is lost. */
static void pdf_wrap(buf_t *lines, const char *s) {
  buf_t para;
  buf_init(&para);
  const unsigned char *p = (const unsigned char *)s;
  size_t n = strlen(s);
  for (size_t i = 0; i <= n;) {
    uint32_t cp = 0;
    if (i == n || p[i] == '\n') {
      /* flush paragraph with greedy word wrap */
      size_t a = 0, len = para.len;
      const char *t = para.data ? para.data : "";
      if (len == 0) buf_puts(lines, "\n");
      while (a < len) {
        size_t end = a + PDF_COLS < len ? a + PDF_COLS : len;
        if (end < len) {
          size_t sp = end;
          while (sp > a && t[sp] != ' ') sp--;
          if (sp > a) end = sp;
        }
        buf_append(lines, t + a, end - a);
        buf_puts(lines, "\n");
        a = end;
        while (a < len && t[a] == ' ') a++;
      }
      buf_reset(&para);
      i++;
      continue;
    }
    i += norm_utf8_decode(p + i, n - i, &cp);
    if (cp == '\t' || cp == '\r') cp = ' ';
    unsigned char c = winansi(cp);
    if (c) {
      buf_append(&para, &c, 1);
    } else if (cp >= 0x20 && cp != 0xFFFD && !(cp >= 0xFE00 && cp <= 0xFE0F) && cp != 0x200D) {
      char tmp[16];
      int k = snprintf(tmp, sizeof tmp, "[U+%04X]", (unsigned)cp);
      buf_append(&para, tmp, (size_t)k);
    } else if (cp == 0xFFFD) {
      buf_puts(&para, "?");
    }
  }
  buf_free(&para);
}

static void pdf_line(buf_t *lines, const char *label, const char *value) {
  char *t = NULL;
  size_t n = strlen(label) + strlen(value) + 3;
  if ((t = xmalloc(n))) {
    snprintf(t, n, "%s: %s", label, value);
    pdf_wrap(lines, t);
    xfree(t);
  }
}

/* Escape one WinAnsi line as a PDF string literal body. */
static void pdf_str(buf_t *b, const char *s, size_t n) {
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '(' || c == ')' || c == '\\') bp(b, "\\%c", c);
    else if (c < 0x20 || c >= 0x7F) bp(b, "\\%03o", c);
    else buf_append(b, &s[i], 1);
  }
}

err_t screening_capture_pdf(json_t *item, buf_t *out) {
  buf_t lines, content;
  buf_init(&lines);
  buf_init(&content);
  json_t *pos = json_object_get(item, "pos");
  char title[96];
  snprintf(title, sizeof title, "Tangkapan pos media sosial - antrian penyaringan #%lld",
           (long long)json_integer_value(json_object_get(item, "id")));
  pdf_wrap(&lines, title);
  pdf_wrap(&lines, "Dibuat oleh Netral. Penyaringan hanya menandai pos untuk ditinjau; keputusan ada pada petugas.");
  pdf_wrap(&lines, "");
  static const struct { const char *key, *label; } rows[] = {
      {"platform", "Platform"}, {"akun", "Akun"}, {"nama", "Nama"}, {"nip", "NIP"},
      {"waktu", "Waktu pos"},   {"url", "URL"},   {"id", "ID pos"},
  };
  for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) pdf_line(&lines, rows[i].label, sval(pos, rows[i].key));
  pdf_line(&lines, "SHA-256 tangkapan (lampiran tangkapan.json)", sval(item, "sha256"));
  char skor[64];
  snprintf(skor, sizeof skor, "%lld (ambang %d)", (long long)json_integer_value(json_object_get(item, "skor")),
           SCREENING_THRESHOLD);
  pdf_line(&lines, "Skor penyaringan", skor);
  pdf_line(&lines, "Diajukan", sval(item, "diajukan"));
  pdf_line(&lines, "Diajukan oleh", sval(item, "diajukan_oleh"));
  pdf_line(&lines, "Wilayah", sval(item, "wilayah"));
  pdf_wrap(&lines, "");
  pdf_wrap(&lines, "Isi pos:");
  pdf_wrap(&lines, sval(pos, "teks"));
  pdf_wrap(&lines, "");
  pdf_wrap(&lines, "Temuan penyaringan:");
  size_t i;
  json_t *h;
  json_array_foreach(json_object_get(item, "hits"), i, h) {
    char *t = NULL;
    const char *pj = sval(h, "penjelasan");
    size_t n = strlen(pj) + 256;
    if (!(t = xmalloc(n))) continue;
    snprintf(t, n, "- [%s] %s (bita %lld-%lld): %s", sval(h, "kategori"), sval(h, "istilah"),
             (long long)json_integer_value(json_object_get(h, "mulai")),
             (long long)json_integer_value(json_object_get(h, "akhir")), pj);
    pdf_wrap(&lines, t);
    xfree(t);
  }
  const char *cap = sval(item, "tangkapan");
  size_t caplen = strlen(cap);
  if (lines.oom) goto nomem;

  /* Objects: 1 catalog, 2 pages, 3 font, 4 filespec, 5 embedded file, then
   * (page, content) pairs from 6. */
  size_t nlines = 0;
  for (size_t k = 0; k < lines.len; k++) nlines += lines.data[k] == '\n';
  size_t npages = nlines ? (nlines + PDF_ROWS - 1) / PDF_ROWS : 1;
  size_t nobj = 5 + 2 * npages;
  size_t *off = xcalloc(nobj + 1, sizeof *off);
  if (!off) goto nomem;
  buf_reset(out);
  buf_puts(out, "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
  off[1] = out->len;
  buf_puts(out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles << /Names [(tangkapan.json) 4 0 R] >> >>"
                " >>\nendobj\n");
  off[2] = out->len;
  buf_puts(out, "2 0 obj\n<< /Type /Pages /Kids [");
  for (size_t p = 0; p < npages; p++) bp(out, "%s%zu 0 R", p ? " " : "", 6 + 2 * p);
  bp(out, "] /Count %zu >>\nendobj\n", npages);
  off[3] = out->len;
  buf_puts(out, "3 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>\nendobj\n");
  off[4] = out->len;
  buf_puts(out, "4 0 obj\n<< /Type /Filespec /F (tangkapan.json) /UF (tangkapan.json) /Desc (Tangkapan pos: JSON yang"
                " di-hash SHA-256) /EF << /F 5 0 R >> >>\nendobj\n");
  off[5] = out->len;
  bp(out, "5 0 obj\n<< /Type /EmbeddedFile /Subtype /application#2Fjson /Length %zu >>\nstream\n", caplen);
  buf_append(out, cap, caplen);
  buf_puts(out, "\nendstream\nendobj\n");
  const char *ln = lines.data ? lines.data : "";
  for (size_t p = 0; p < npages; p++) {
    buf_reset(&content);
    buf_puts(&content, "BT\n/F1 10 Tf\n13 TL\n50 800 Td\n");
    for (size_t r = 0; r < PDF_ROWS && *ln; r++) {
      const char *nl = strchr(ln, '\n');
      size_t k = nl ? (size_t)(nl - ln) : strlen(ln);
      buf_puts(&content, "(");
      pdf_str(&content, ln, k);
      buf_puts(&content, ") Tj T*\n");
      ln += k + (nl != NULL);
    }
    bp(&content, "ET\nBT\n/F1 8 Tf\n50 30 Td\n(Halaman %zu dari %zu) Tj\nET\n", p + 1, npages);
    off[6 + 2 * p] = out->len;
    bp(out, "%zu 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R"
                    " >> >> /Contents %zu 0 R >>\nendobj\n",
               6 + 2 * p, 7 + 2 * p);
    off[7 + 2 * p] = out->len;
    bp(out, "%zu 0 obj\n<< /Length %zu >>\nstream\n", 7 + 2 * p, content.len);
    buf_append(out, content.data, content.len);
    buf_puts(out, "endstream\nendobj\n");
  }
  size_t xref = out->len;
  bp(out, "xref\n0 %zu\n0000000000 65535 f \n", nobj + 1);
  for (size_t k = 1; k <= nobj; k++) bp(out, "%010zu 00000 n \n", off[k]);
  bp(out, "trailer\n<< /Size %zu /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", nobj + 1, xref);
  xfree(off);
  buf_free(&lines);
  buf_free(&content);
  return out->oom ? ERR_NOMEM : ERR_OK;
nomem:
  buf_free(&lines);
  buf_free(&content);
  return ERR_NOMEM;
}

/* ---------- decisions ---------- */

/* Copy of s cut to at most max bytes on a UTF-8 boundary ("…" appended when cut). Caller frees. */
static char *utf8_cut(const char *s, size_t max) {
  size_t n = strlen(s);
  if (n <= max) return xstrdup(s);
  while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80) max--;
  char *t = xmalloc(max + 4);
  if (t) {
    memcpy(t, s, max);
    memcpy(t + max, "\xE2\x80\xA6", 4);
  }
  return t;
}

static int valid_nip(const char *s) { return strlen(s) == 18 && strspn(s, "0123456789") == 18; }

/* Body for case_temuan / case_intake from the queue item, overridden by the
 * reviewer's terlapor / peristiwa / rezim. Caller decrefs. */
static json_t *case_body(json_t *item, json_t *req, const char *catatan, int anonim) {
  json_t *pos = json_object_get(item, "pos");
  char today[CALDATE_STR], kej[CALDATE_STR];
  caldate_format(caldatetime_date(caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET)), today, sizeof today);
  caldate_t d;
  const char *w = sval(pos, "waktu");
  snprintf(kej, sizeof kej, "%.10s", w);
  if (caldate_parse(kej, &d) != ERR_OK) snprintf(kej, sizeof kej, "%s", today);
  json_t *t = json_pack("{s:s}", "kategori", "asn");
  if (!t) return NULL;
  if (*sval(pos, "nama")) json_object_set_new(t, "nama", json_string(sval(pos, "nama")));
  if (valid_nip(sval(pos, "nip"))) json_object_set_new(t, "nip", json_string(sval(pos, "nip")));
  json_t *rt = json_object_get(req, "terlapor");
  if (json_is_object(rt)) json_object_update(t, rt);

  char *teks = utf8_cut(sval(pos, "teks"), 4000);
  buf_t u;
  buf_init(&u);
  bp(&u, "Pos media sosial terjaring penyaringan Netral (antrian #%lld, skor %lld",
             (long long)json_integer_value(json_object_get(item, "id")),
             (long long)json_integer_value(json_object_get(item, "skor")));
  size_t i;
  json_t *k;
  json_array_foreach(json_object_get(item, "kategori"), i, k) bp(&u, "%s%s", i ? ", " : "; ", json_string_value(k));
  bp(&u, "). Platform: %s. Akun: %s (%s). Waktu: %s. Tautan: %s. SHA-256 tangkapan: %s. Isi pos: «%s»",
             sval(pos, "platform"), sval(pos, "akun"), sval(pos, "nama"), w, sval(pos, "url"), sval(item, "sha256"),
             teks ? teks : "");
  if (catatan && *catatan) bp(&u, "\nCatatan peninjau: %s", catatan);
  xfree(teks);
  char lokasi[600];
  snprintf(lokasi, sizeof lokasi, "Media sosial %s: %.480s", *sval(pos, "platform") ? sval(pos, "platform") : "-",
           *sval(pos, "url") ? sval(pos, "url") : sval(pos, "akun"));
  json_t *p = json_pack("{s:s,s:s,s:s,s:s}", "tanggal_kejadian", kej, "tanggal_diketahui", today, "lokasi", lokasi,
                        "uraian", u.data ? u.data : "");
  buf_free(&u);
  if (p && strchr(sval(item, "wilayah"), '.')) json_object_set_new(p, "wilayah", json_string(sval(item, "wilayah")));
  json_t *rp = json_object_get(req, "peristiwa");
  if (p && json_is_object(rp)) json_object_update(p, rp);
  json_t *b = p ? json_pack("{s:o,s:o,s:b}", "terlapor", t, "peristiwa", p, "anonim", anonim) : NULL;
  if (!b) {
    json_decref(t);
    return NULL;
  }
  json_t *rz = json_object_get(req, "rezim");
  if (rz) json_object_set(b, "rezim", rz);
  return b;
}

/* Create the case (temuan or informasi awal) and attach the capture PDF. */
static err_t make_case(db_t *db, const case_ctx_t *cx, const account_t *who, json_t *item, json_t *req,
                       const char *jenis, const char *catatan, json_t **kasus) {
  int anonim = strcmp(jenis, "informasi_awal") == 0;
  json_t *body = case_body(item, req, catatan, anonim), *created = NULL, *ev = NULL;
  buf_t pdf;
  buf_init(&pdf);
  err_t e = body ? ERR_OK : ERR_NOMEM;
  if (e) goto done;
  const char *wil = sval(json_object_get(body, "peristiwa"), "wilayah");
  if (*wil && !wilayah_in_scope(who, wil)) {
    e = err_set(ERR_INVALID, "peristiwa.wilayah", "Wilayah kejadian di luar wilayah tugas Anda (%s).", who->wilayah);
    goto done;
  }
  if (anonim) {
    /* No staff entry point for informasi awal exists in case.c: the public
     * intake path makes it (audit actor "publik"); our own audit entry
     * (saring.keputusan) names the reviewer. */
    char *raw = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
    int made = 0;
    if (!raw) { e = ERR_NOMEM; goto done; }
    e = case_intake(db, cx, body, raw, strlen(raw), &created, &made);
    free(raw);
  } else {
    e = case_temuan(db, cx, who, body, &created);
  }
  if (e) goto done;
  const char *kode = sval(created, "kode");
  char nama[64];
  snprintf(nama, sizeof nama, "tangkapan-pos-%lld.pdf", (long long)json_integer_value(json_object_get(item, "id")));
  if ((e = screening_capture_pdf(item, &pdf))) goto done;
  if ((e = case_add_evidence(db, cx, who->username, who, kode, (const unsigned char *)pdf.data, pdf.len, nama, &ev)))
    goto done;
  *kasus = json_pack("{s:s,s:s,s:o}", "kode", kode, "jenis", sval(created, "jenis"), "bukti", ev);
  ev = NULL;
  if (!*kasus) e = ERR_NOMEM;
done:
  json_decref(body);
  json_decref(created);
  json_decref(ev);
  buf_free(&pdf);
  return e;
}

err_t screening_decide(db_t *db, const case_ctx_t *cx, const account_t *who, int64_t id, json_t *body, json_t **out) {
  json_t *item = NULL, *kasus = NULL;
  const char *kep = json_string_value(json_object_get(body, "keputusan"));
  json_t *cv = json_object_get(body, "catatan"), *jv = json_object_get(body, "jenis");
  const char *catatan = json_string_value(cv), *jenis = jv ? json_string_value(jv) : "temuan";
  if (!kep || (strcmp(kep, "relevan") != 0 && strcmp(kep, "tidak_relevan") != 0))
    return err_set(ERR_INVALID, "keputusan", "Keputusan harus relevan atau tidak_relevan.");
  if (cv && !json_is_null(cv) && (!catatan || strlen(catatan) > SCREENING_CATATAN_MAX))
    return err_set(ERR_INVALID, "catatan", "Catatan harus teks (maks. %d bita).", SCREENING_CATATAN_MAX);
  if (!jenis || (strcmp(jenis, "temuan") != 0 && strcmp(jenis, "informasi_awal") != 0))
    return err_set(ERR_INVALID, "jenis", "Jenis harus temuan atau informasi_awal.");
  err_t e = store_screen_get(db, scope_of(who), id, keep_item, &item);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, NULL, "Butir antrian tidak ditemukan.");
  if (e) return e;
  if (strcmp(sval(item, "status"), "menunggu") != 0) {
    e = err_set(ERR_CONFLICT, "keputusan", "Butir antrian ini sudah diputus (%s).", sval(item, "status"));
    goto done;
  }
  if (strcmp(kep, "relevan") == 0 && (e = make_case(db, cx, who, item, body, jenis, catatan, &kasus))) goto done;
  char now[CLOCK_ISO_LEN], obj[40];
  clock_iso(clock_now(), now);
  const char *kode = kasus ? sval(kasus, "kode") : NULL;
  if ((e = store_screen_decide(db, id, kep, who->username, now, catatan, kode))) goto done;
  snprintf(obj, sizeof obj, "saring/%lld", (long long)id);
  json_t *d = json_pack("{s:s,s:s*,s:s*,s:s,s:i}", "keputusan", kep, "kasus", kode, "catatan", catatan, "sha256",
                        sval(item, "sha256"), "skor", (int)json_integer_value(json_object_get(item, "skor")));
  e = d ? audit_append(db, cx->keys, who->username, "saring.keputusan", obj, d) : ERR_NOMEM;
  json_decref(d);
  if (e) goto done;
  *out = json_pack("{s:I,s:s,s:s,s:s*,s:o*}", "id", (json_int_t)id, "status", kep, "diputus_oleh", who->username,
                   "catatan", catatan, "kasus", kasus);
  kasus = NULL;
  if (!*out) e = ERR_NOMEM;
done:
  json_decref(item);
  json_decref(kasus);
  return e;
}

/* ---------- precision in real use ---------- */

typedef struct {
  int64_t rel[SCREEN_KAT__COUNT + 1], tidak[SCREEN_KAT__COUNT + 1], tunggu[SCREEN_KAT__COUNT + 1];
} presisi_t;

static err_t add_count(void *ud, const char *kategori, const char *status, int64_t n) {
  presisi_t *p = ud;
  int64_t *col = strcmp(status, "relevan") == 0 ? p->rel : strcmp(status, "tidak_relevan") == 0 ? p->tidak : p->tunggu;
  col[SCREEN_KAT__COUNT] += n; /* overall */
  for (const char *s = kategori; *s;) {
    size_t k = strcspn(s, ",");
    char name[40];
    snprintf(name, sizeof name, "%.*s", (int)(k < 39 ? k : 39), s);
    int id = screen_kategori_parse(name);
    if (id >= 0) col[id] += n;
    s += k + (s[k] == ',');
  }
  return ERR_OK;
}

static json_t *presisi_json(int64_t rel, int64_t tidak, int64_t tunggu) {
  json_t *o = json_pack("{s:I,s:I,s:I}", "relevan", (json_int_t)rel, "tidak_relevan", (json_int_t)tidak, "menunggu",
                        (json_int_t)tunggu);
  if (o) json_object_set_new(o, "presisi", rel + tidak ? json_real((double)rel / (double)(rel + tidak)) : json_null());
  return o;
}

err_t screening_presisi(db_t *db, const account_t *who, json_t **out) {
  presisi_t p;
  memset(&p, 0, sizeof p);
  err_t e = store_screen_counts(db, scope_of(who), add_count, &p);
  if (e) return e;
  json_t *per = json_array();
  for (int k = 0; per && k < SCREEN_KAT_KONTEKS; k++) {
    json_t *o = presisi_json(p.rel[k], p.tidak[k], p.tunggu[k]);
    if (o) json_object_set_new(o, "kategori", json_string(screen_kategori_name(k)));
    if (o) json_object_set_new(o, "label", json_string(screen_kategori_label(k)));
    json_array_append_new(per, o);
  }
  *out = json_pack("{s:o,s:o,s:i}", "keseluruhan",
                   presisi_json(p.rel[SCREEN_KAT__COUNT], p.tidak[SCREEN_KAT__COUNT], p.tunggu[SCREEN_KAT__COUNT]),
                   "per_kategori", per, "ambang", SCREENING_THRESHOLD);
  return *out ? ERR_OK : ERR_NOMEM;
}
