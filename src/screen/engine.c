/*
 * engine.c — Hyperscan-backed screening of one post (see engine.h for the
 * threading model, the cache and the score).
 *
 * All patterns are literals over normalised text, compiled with
 * hs_compile_lit_multi in block mode into two databases: the patterns of
 * the reviewed categories (db) and those only context rules use (db_ctx:
 * election context and peredam terms). A scan reports every (pattern, end
 * offset); the pattern's references turn it into rule occurrences, which
 * are grouped by rule (sort) and evaluated: literal and whole-word rules
 * hit on each occurrence, proximity rules on the nearest X/Y pair within
 * jarak words. Context changes only the weight of a hit, so db_ctx is
 * scanned only for a post whose db matches left a candidate occurrence:
 * most posts have none, and a match costs Hyperscan more than a few
 * bytes of text do (about a third of the matches of ordinary posts are
 * context terms such as "Bawaslu" or "mengimbau").
 *
 * Per post nothing is allocated once the scratch has grown; explanations
 * are built only for hits, with a bounded builder that reproduces the
 * former snprintf output (same truncation caps); small arrays are sorted
 * with a stable insertion sort (glibc's qsort is a stable merge sort, so
 * ties keep the same order).
 */
#include "screen/engine.h"

#include <hs.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/assets.h"
#include "screen/cache.h"
#include "core/mem.h"
#include "core/banned.h"

enum { MAX_OCC = 4096, HITS_PER_RULE = 3 };

/* Constant parts of a rule's explanation, prepared at open:
 *   head "Aturan <id> (<label>): «"
 *   mid  "» dalam <jarak> kata dari «"
 *   tail "». <catatan>. Bobot <bobot>.[ Istilah lemah …]"
 * stored contiguously at etext + off (id is a copy of the rule id). */
typedef struct {
  const char *id;
  uint32_t id_len;
  uint32_t off;
  uint16_t head, mid, tail;
  uint8_t plain; /* no byte of the pieces or the id needs JSON escaping */
} expl_t;

struct screen_engine {
  screen_rules_t *rules;
  expl_t *expl;  /* per rule */
  char *etext;
  norm_lexicon_t *lx;
  hs_database_t *db;     /* patterns with a reference of a reviewed category; NULL if none */
  hs_database_t *db_ctx; /* SCREEN_PAT_KONTEKS patterns; NULL if none */
  hs_scratch_t *proto;   /* for both databases; cloned into every scratch */
  screen_info_t info;
  uint64_t serial;     /* unique per opened engine: thread scratch checks it */
};

static _Atomic uint64_t engine_serial;

typedef struct {
  uint32_t rule, n0, n1, t0, t1;
  uint32_t term; /* display text: offset into rules->text */
  uint16_t term_len;
  uint8_t side, kategori, term_plain;
} occ_t;

/* One Hyperscan match: normalised span, token span, and the pattern's
 * reference groups (screen_pat_hot_t, absolute): r0 unpaired, ry paired
 * Y, rx paired X, up to r1 — fewer than all only when the post reached
 * MAX_OCC; flags SCREEN_PAT_*. Until resolve_matches, r0 holds the
 * pattern id and n1 the end of the match. */
typedef struct {
  uint32_t n0, n1, t0, t1;
  uint32_t r0, ry, rx, r1;
  uint32_t flags;
} match_t;

typedef struct {
  uint32_t rule, n0, n1, t0, t1;
  uint32_t xt, yt; /* display texts (offsets into rules->text) */
  uint16_t xl, yl;
  uint8_t xp, yp; /* term_plain */
  int has_y;
  int eff, peredam_rule;
} cand_t;

struct screen_scratch {
  const screen_engine_t *e;
  hs_scratch_t *hs;
  norm_t norm;
  match_t *mt;
  size_t nmt, mcap, nref; /* nref: references of the matches so far */
  size_t ncamp;           /* occurrences of a reviewed category (collect_occ) */
  occ_t *occ;
  size_t nocc, ocap;
  /* per rule: gen << 2 | which sides (bit 0 = X, bit 1 = Y) the post
   * has, valid where stamp >> 2 == gen (a generation count instead of
   * clearing; one array, so a rule costs one cache line) */
  uint32_t *stamp;
  uint32_t gen;
  cand_t *cand;
  size_t ncand, ccap;
  uint32_t *pidx; /* indices of peredam occurrences, ascending; ocap entries */
  size_t npidx, pcap;
  int oom;         /* on_match could not grow mt */
  char *marked; /* the normalised text with marked word ends (db_ctx) */
  size_t markcap;
  char *tmp; /* screen_scratch_tmp */
  size_t tmpcap;
  screen_hit_t hits[SCREEN_MAX_HITS];
  size_t soff[SCREEN_MAX_HITS][2]; /* offsets of istilah, penjelasan in str */
  buf_t str;
};

/* ------------------------------------------------------------ engine */

static err_t hs_fail(const char *what, hs_error_t rc) {
  return err_set(ERR_INTERNAL, NULL, "Hyperscan gagal (%s, kode %d).", what, (int)rc);
}

static void cache_path(const screen_opts_t *o, const screen_rules_t *rs, char *dst, size_t cap) {
  const char *dir = o ? o->cache_dir : NULL;
  if (!dir) dir = getenv("NETRAL_DATA_DIR");
  if (!dir || !*dir) dir = (o && o->cache_dir) ? "" : "/tmp";
  dst[0] = '\0';
  if (!*dir) return;
  uint64_t h = rs->digest;
  for (const char *v = hs_version(); *v; v++) h = (h ^ (unsigned char)*v) * 0x100000001b3ULL;
  snprintf(dst, cap, "%s/netral-screen-%016llx.hsdb", dir, (unsigned long long)h);
}

/* The explanation pieces of every rule (see expl_t). */
static err_t build_expl(screen_engine_t *en) {
  const screen_rules_t *rs = en->rules;
  buf_t b;
  buf_init(&b);
  en->expl = xcalloc(rs->nrules + 1, sizeof *en->expl);
  if (!en->expl) return ERR_NOMEM;
  for (size_t i = 0; i < rs->nrules; i++) {
    const screen_rule_t *r = &rs->rules[i];
    expl_t *x = &en->expl[i];
    size_t start = b.len;
    x->off = (uint32_t)start;
    buf_printf(&b, "Aturan %s (%s): «", r->id, screen_kategori_label(r->kategori));
    size_t m = b.len;
    buf_printf(&b, "» dalam %d kata dari «", r->jarak);
    size_t t = b.len;
    buf_printf(&b, "». %s%s Bobot %d.%s", r->catatan, r->catatan[0] ? "." : "", r->bobot,
               r->syarat_pemilu ? " Istilah lemah, dihitung karena ada konteks pemilihan." : "");
    size_t end = b.len;
    buf_append(&b, r->id, strlen(r->id) + 1);
    if (end - start > 0xFFFF || b.len > UINT32_MAX) { /* never for real rules; explained by the slow path */
      x->head = x->mid = x->tail = 0xFFFF;
      continue;
    }
    x->plain = 1;
    for (size_t k = start; k + 1 < b.len && !b.oom; k++) { /* not the id's NUL */
      unsigned char c = (unsigned char)b.data[k];
      if (c < 0x20 || c == '"' || c == '\\') x->plain = 0;
    }
    x->head = (uint16_t)(m - start);
    x->mid = (uint16_t)(t - m);
    x->tail = (uint16_t)(end - t);
  }
  if (b.oom) {
    buf_free(&b);
    return ERR_NOMEM;
  }
  en->etext = b.data ? b.data : xstrdup("");
  if (!en->etext) return ERR_NOMEM;
  for (size_t i = 0; i < rs->nrules; i++) {
    expl_t *x = &en->expl[i];
    x->id = x->head == 0xFFFF ? rs->rules[i].id : en->etext + x->off + x->head + x->mid + x->tail;
    x->id_len = (uint32_t)strlen(x->id);
  }
  return ERR_OK;
}

/* One of the two databases: the patterns whose SCREEN_PAT_KONTEKS flag
 * is ctx (ids stay the pattern numbers); *db stays NULL when none is.
 * The context database is scanned over text with marked word ends
 * (norm_mark_ends; a small literal set ending in "letter + space" makes
 * Hyperscan confirm at every word end): a pattern ending with a space
 * loses it (phot.mend), one ending inside a word is listed twice, for
 * the word going on and for the word ending there. */
static err_t compile_part(const screen_rules_t *rs, int ctx, hs_database_t **db) {
  err_t e = ERR_OK;
  size_t cap = 2 * rs->npat, bytes = 0;
  for (size_t i = 0; ctx && i < rs->npat; i++) bytes += 2 * (size_t)rs->patlen[i];
  unsigned *flags = xcalloc(cap, sizeof *flags);
  unsigned *ids = xmalloc(cap * sizeof *ids);
  size_t *lens = xmalloc(cap * sizeof *lens);
  const char **pats = xmalloc(cap * sizeof *pats);
  char *marked = xmalloc(bytes + 1), *m = marked;
  if (!flags || !ids || !lens || !pats || !marked) {
    e = ERR_NOMEM;
    goto done;
  }
  unsigned n = 0;
  for (size_t i = 0; i < rs->npat; i++) {
    if (!(rs->phot[i].flags & SCREEN_PAT_KONTEKS) != !ctx) continue;
    const char *p = rs->pat[i];
    size_t len = rs->patlen[i];
    if (ctx) {
      norm_mark_ends(m, p, len);
      if (len && p[len - 1] != ' ') { /* ends inside a word: also the word going on */
        memcpy(m + len, m, len);
        m[2 * len - 1] = p[len - 1];
        ids[n] = (unsigned)i, lens[n] = len, pats[n++] = m + len;
      }
      p = m;
      m += 2 * len;
      len -= rs->phot[i].mend;
    }
    ids[n] = (unsigned)i, lens[n] = len, pats[n++] = p;
  }
  *db = NULL;
  if (n == 0) goto done;
  hs_compile_error_t *cerr = NULL;
  hs_error_t rc = hs_compile_lit_multi(pats, flags, ids, lens, n, HS_MODE_BLOCK, NULL, db, &cerr);
  if (rc != HS_SUCCESS) {
    *db = NULL;
    e = err_set(ERR_INTERNAL, NULL, "Hyperscan gagal menyusun pola: %s", cerr ? cerr->message : "?");
    hs_free_compile_error(cerr);
  }
done:
  xfree(flags);
  xfree(ids);
  xfree(lens);
  xfree(pats);
  xfree(marked);
  return e;
}

static err_t compile_db(screen_engine_t *en) {
  err_t e = compile_part(en->rules, 0, &en->db);
  return e ? e : compile_part(en->rules, 1, &en->db_ctx);
}

static void free_dbs(screen_engine_t *en) {
  if (en->db) hs_free_database(en->db);
  if (en->db_ctx) hs_free_database(en->db_ctx);
  en->db = en->db_ctx = NULL;
}

err_t screen_engine_open_opts(const screen_opts_t *o, screen_engine_t **out) {
  err_t e = ERR_OK;
  screen_engine_t *en = xcalloc(1, sizeof *en);
  if (!en) return ERR_NOMEM;
  if (hs_valid_platform() != HS_SUCCESS) {
    e = err_set(ERR_INTERNAL, NULL, "Prosesor ini tidak didukung Hyperscan (perlu SSSE3).");
    goto fail;
  }
  if ((e = norm_lexicon_load(o ? o->lexicon_path : NULL, &en->lx))) goto fail;
  screen_rules_opts_t ro = {0};
  if (o) {
    ro.aturan_path = o->aturan_path;
    ro.paslon_path = o->paslon_path;
    ro.pemilihan = o->pemilihan;
    ro.kode_wilayah = o->kode_wilayah;
  }
  if ((e = screen_rules_vocabulary(&ro, en->lx)) || (e = screen_rules_load(&ro, en->lx, &en->rules)) ||
      (e = build_expl(en)))
    goto fail;
  if (en->rules->npat == 0) {
    e = err_set(ERR_INVALID, "aturan", "Berkas aturan tidak berisi satu pun istilah.");
    goto fail;
  }
  en->serial = atomic_fetch_add(&engine_serial, 1) + 1;
  en->info.nrules = en->rules->nrules;
  en->info.npatterns = en->rules->npat;
  en->info.npaslon = en->rules->npaslon;
  cache_path(o, en->rules, en->info.cache_path, sizeof en->info.cache_path);
  hs_database_t *loaded[2] = {NULL, NULL};
  en->info.cache_hit = en->info.cache_path[0] && screen_cache_load(en->info.cache_path, loaded);
  if (en->info.cache_hit) {
    en->db = loaded[0];
    en->db_ctx = loaded[1];
  } else if ((e = compile_db(en))) {
    goto fail;
  }
  const hs_database_t *const dbs[2] = {en->db, en->db_ctx};
  if (!en->info.cache_hit && en->info.cache_path[0]) screen_cache_store(en->info.cache_path, dbs);
  for (int k = 0; k < 2; k++) {
    hs_error_t rc = dbs[k] ? hs_alloc_scratch(dbs[k], &en->proto) : HS_SUCCESS;
    if (rc != HS_SUCCESS) {
      e = hs_fail("hs_alloc_scratch", rc);
      goto fail;
    }
  }
  *out = en;
  en = NULL;
  goto done;
fail:
  screen_engine_free(en);
done:
  return e;
}

err_t screen_engine_open(const char *rules_path, screen_engine_t **out) {
  screen_opts_t o = {0};
  o.aturan_path = rules_path;
  return screen_engine_open_opts(&o, out);
}

void screen_engine_free(screen_engine_t *en) {
  if (!en) return;
  if (en->proto) hs_free_scratch(en->proto);
  free_dbs(en);
  screen_rules_free(en->rules);
  xfree(en->expl);
  xfree(en->etext);
  norm_lexicon_free(en->lx);
  xfree(en);
}

const screen_info_t *screen_engine_info(const screen_engine_t *en) { return &en->info; }
const screen_rules_t *screen_engine_rules(const screen_engine_t *en) { return en->rules; }

err_t screen_scratch_new(const screen_engine_t *en, screen_scratch_t **out) {
  screen_scratch_t *s = xcalloc(1, sizeof *s);
  if (!s) return ERR_NOMEM;
  s->e = en;
  norm_init(&s->norm);
  buf_init(&s->str);
  s->stamp = xcalloc(en->rules->nrules + 1, sizeof *s->stamp);
  if (!s->stamp) {
    screen_scratch_free(s);
    return ERR_NOMEM;
  }
  hs_error_t rc = hs_clone_scratch(en->proto, &s->hs);
  if (rc != HS_SUCCESS) {
    screen_scratch_free(s);
    return hs_fail("hs_clone_scratch", rc);
  }
  *out = s;
  return ERR_OK;
}

void screen_scratch_free(screen_scratch_t *s) {
  if (!s) return;
  if (s->hs) hs_free_scratch(s->hs);
  norm_free(&s->norm);
  xfree(s->mt);
  xfree(s->occ);
  xfree(s->stamp);
  xfree(s->cand);
  xfree(s->pidx);
  buf_free(&s->str);
  xfree(s->tmp);
  xfree(s->marked);
  xfree(s);
}

char *screen_scratch_tmp(screen_scratch_t *s, size_t n) {
  if (n > s->tmpcap) {
    size_t cap = s->tmpcap ? s->tmpcap : 4096;
    while (cap < n) cap *= 2;
    char *t = xrealloc(s->tmp, cap);
    if (!t) return NULL;
    s->tmp = t;
    s->tmpcap = cap;
  }
  return s->tmp;
}

/* Thread scratch: one slot per thread (pthread key, so it is freed at
 * thread exit), rebuilt when the thread meets a different engine. Keyed by
 * the engine's serial, not its address: a freed engine's address may be
 * reused by the next one, whose database needs a scratch of its own. */
typedef struct {
  uint64_t serial;
  screen_scratch_t *s;
} tls_slot_t;

static pthread_key_t tls_key;
static pthread_once_t tls_once = PTHREAD_ONCE_INIT;
static int tls_ok;

static void tls_free(void *p) {
  tls_slot_t *t = p;
  screen_scratch_free(t->s);
  xfree(t);
}
static void tls_init(void) { tls_ok = pthread_key_create(&tls_key, tls_free) == 0; }

err_t screen_scratch_thread(const screen_engine_t *en, screen_scratch_t **out) {
  pthread_once(&tls_once, tls_init);
  if (!tls_ok) return err_set(ERR_INTERNAL, NULL, "Kunci thread penyaringan tidak dapat dibuat.");
  tls_slot_t *t = pthread_getspecific(tls_key);
  if (!t) {
    if (!(t = xcalloc(1, sizeof *t))) return ERR_NOMEM;
    if (pthread_setspecific(tls_key, t) != 0) {
      xfree(t);
      return ERR_NOMEM;
    }
  }
  if (!t->s || t->serial != en->serial) {
    screen_scratch_free(t->s);
    t->s = NULL;
    err_t e = screen_scratch_new(en, &t->s);
    if (e) return e;
    t->serial = en->serial;
  }
  *out = t->s;
  return ERR_OK;
}

const char *screen_scratch_normalised(const screen_scratch_t *s) { return s->norm.text ? s->norm.text : ""; }

/* ------------------------------------------------------------ scanning */

/* norm_tok_at(n, off) found by walking from token hint: token ends
 * increase, so the first token ending beyond off is reached from either
 * side. Hyperscan reports matches in order of end offset, so the walk
 * from the previous match is a few steps instead of a binary search. */
static inline __attribute__((always_inline)) size_t tok_after(const norm_t *n, size_t off, size_t t) {
  const norm_tok_t *tk = n->toks;
  if (t > n->ntoks) t = n->ntoks;
  if (t > 0 && (size_t)tk[t - 1].start + tk[t - 1].len > off) {
    while (t > 0 && (size_t)tk[t - 1].start + tk[t - 1].len > off) t--;
  } else {
    while (t < n->ntoks && (size_t)tk[t].start + tk[t].len <= off) t++;
  }
  return t;
}

/* Hyperscan callback: note the pattern and where its match ends (in the
 * match record's r0 and n1 until resolve_matches fills it in). Nothing
 * of the pattern is read here: its entry is fetched after the scan
 * together with those of the other matches, instead of one cache miss at
 * a time in between Hyperscan's own work. Work per post is bounded: every
 * match stands for at least one reference, so MAX_OCC notes cover the
 * MAX_OCC references a post may use, and the scan stops there. */
static int on_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int flags, void *ctx) {
  screen_scratch_t *s = ctx;
  if (s->nmt == s->mcap) {
    size_t nc = s->mcap ? s->mcap * 2 : 64;
    match_t *q = xrealloc(s->mt, nc * sizeof *q);
    if (!q) {
      s->oom = 1;
      return 1;
    }
    s->mt = q;
    s->mcap = nc;
  }
  match_t *m = &s->mt[s->nmt++];
  m->r0 = id;
  m->n1 = (uint32_t)to;
  return s->nmt >= MAX_OCC;
}

/* The matches noted since from → spans, token spans and reference
 * groups, in match order, dropping empty spans; the references are cut
 * once the post's matches stand for MAX_OCC of them (the last match
 * partly). */
static void resolve_matches(screen_scratch_t *s, size_t from, int marked) {
  const screen_rules_t *rs = s->e->rules;
  const norm_t *n = &s->norm;
  size_t nin = s->nmt, out = from, tk = 0, nref = s->nref;
  for (size_t k = from; k < nin; k++) __builtin_prefetch(&rs->phot[s->mt[k].r0]);
  for (size_t k = from; k < nin && nref < MAX_OCC; k++) {
    const screen_pat_hot_t *ph = &rs->phot[s->mt[k].r0];
    size_t to = s->mt[k].n1 + (marked ? ph->mend : 0u); /* the end of the pattern as written */
    /* the pattern's own leading/trailing space (a whole word) is not part of the span */
    unsigned pf = ph->flags;
    size_t a = to - ph->len + !!(pf & SCREEN_PAT_LEAD), b = to - !!(pf & SCREEN_PAT_TRAIL);
    if (pf & SCREEN_PAT_ODD) {
      while (a < b && n->text[a] == ' ') a++;
      while (b > a && n->text[b - 1] == ' ') b--;
    }
    if (a >= b) continue;
    tk = tok_after(n, b - 1, tk);
    uint32_t r0 = ph->r0, r1 = ph->r1;
    /* collect_occ reads the references next: fetch them now */
    __builtin_prefetch(&rs->refs[r0]);
    if (r1 - r0 > MAX_OCC - nref) r1 = r0 + (uint32_t)(MAX_OCC - nref);
    match_t *m = &s->mt[out++]; /* out <= k: rewritten in place */
    m->r0 = r0;
    m->ry = r0 + ph->ry;
    m->rx = r0 + ph->rx;
    m->flags = pf;
    m->n0 = (uint32_t)a;
    m->n1 = (uint32_t)b;
    m->t1 = (uint32_t)tk;
    m->t0 = (uint32_t)tok_after(n, a, tk);
    m->r1 = r1;
    nref += r1 - r0;
  }
  s->nmt = out;
  s->nref = nref;
}

/* The matches from `from` on → occurrences appended to those collected
 * before, in match and reference order. A proximity rule
 * of a reviewed category whose post lacks one of its sides cannot hit, so
 * its occurrences are left out (most references of a ballot number are
 * such rules: "nomor 2" near each candidate numbered 2). The sides are
 * stamped per rule (stamp, with a generation count instead of clearing):
 * first the Y sides, then the X sides of rules that have a Y side, so a
 * reference whose rule has no Y side is dropped after a look at a small
 * bit set, without touching the per-rule array. Both sides are looked for
 * among the matches of this call only: a later scan's patterns (db_ctx)
 * have no paired references. -1: no memory. */
enum { YBITS = 1024, GEN_MAX = UINT32_MAX >> 2 };
static inline int ybit(const uint64_t *ybits, uint32_t rule) { return (int)(ybits[rule % YBITS / 64] >> (rule % 64) & 1); }
static int collect_occ(screen_scratch_t *s, size_t from) {
  const screen_rules_t *rs = s->e->rules;
  if (++s->gen > GEN_MAX) { /* wrapped: forget every stamp */
    memset(s->stamp, 0, rs->nrules * sizeof *s->stamp);
    s->gen = 1;
  }
  uint32_t gen = s->gen << 2, *stamp = s->stamp;
  uint64_t ybits[YBITS / 64] = {0};
  int any_y = 0, any_pair = 0;
  for (size_t k = from; k < s->nmt; k++) {
    const match_t *m = &s->mt[k];
    if (!(m->flags & SCREEN_PAT_PAIRED_Y)) continue;
    uint32_t end = m->r1 < m->rx ? m->r1 : m->rx;
    for (uint32_t r = m->ry; r < end; r++) {
      uint32_t rule = rs->refs[r].rule, st = stamp[rule];
      stamp[rule] = ((st & ~3u) == gen ? st : gen) | 2;
      ybits[rule % YBITS / 64] |= 1ULL << (rule % 64);
      any_y = 1;
    }
  }
  if (any_y)
    for (size_t k = from; k < s->nmt; k++) {
      const match_t *m = &s->mt[k];
      if (!(m->flags & SCREEN_PAT_PAIRED_X)) continue;
      for (uint32_t r = m->rx; r < m->r1; r++) {
        uint32_t rule = rs->refs[r].rule;
        if (ybit(ybits, rule) && (stamp[rule] & ~3u) == gen) stamp[rule] |= 1, any_pair = 1;
      }
    }
  if (s->nref > s->ocap) {
    size_t nc = s->ocap ? s->ocap : 64;
    while (nc < s->nref) nc *= 2;
    occ_t *q = xrealloc(s->occ, nc * sizeof *q);
    if (!q) return -1;
    s->occ = q;
    s->ocap = nc;
  }
  occ_t *o = s->occ + s->nocc; /* nref bounds every occurrence so far, so they fit */
  size_t camp = 0;
  for (size_t k = from; k < s->nmt; k++) {
    const match_t *m = &s->mt[k];
    /* without a rule that has both sides in the post, only the group of
     * unpaired references */
    uint32_t end = any_pair || m->r1 < m->ry ? m->r1 : m->ry;
    for (uint32_t r = m->r0; r < end; r++) {
      const screen_ref_t *ref = &rs->refs[r];
      if (ref->paired && (!ybit(ybits, ref->rule) || stamp[ref->rule] != (gen | 3))) continue;
      if (ref->kategori < SCREEN_KAT_KONTEKS) __builtin_prefetch(&s->e->expl[ref->rule]), camp++; /* for push_cand */
      o->rule = ref->rule;
      o->side = ref->side;
      o->kategori = ref->kategori;
      o->term = ref->term;
      o->term_len = ref->term_len;
      o->term_plain = ref->term_plain;
      o->n0 = m->n0;
      o->n1 = m->n1;
      o->t0 = m->t0;
      o->t1 = m->t1;
      o++;
    }
  }
  s->nocc = (size_t)(o - s->occ);
  s->ncamp += camp;
  return 0;
}

static int cmp_occ(const void *pa, const void *pb) {
  const occ_t *a = pa, *b = pb;
  if (a->rule != b->rule) return a->rule < b->rule ? -1 : 1;
  if (a->side != b->side) return a->side - b->side;
  if (a->n0 != b->n0) return a->n0 < b->n0 ? -1 : 1;
  return (a->n1 > b->n1) - (a->n1 < b->n1);
}

/* Words between two token ranges; 0 when they overlap. */
static uint32_t word_gap(uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1) {
  if (b0 > a1) return b0 - a1;
  if (a0 > b1) return a0 - b1;
  return 0;
}

static int push_cand(screen_scratch_t *s, const occ_t *x, const occ_t *y) {
  if (s->ncand == s->ccap) {
    size_t nc = s->ccap ? s->ccap * 2 : 64;
    cand_t *q = xrealloc(s->cand, nc * sizeof *q);
    if (!q) return -1;
    s->cand = q;
    s->ccap = nc;
  }
  cand_t *c = &s->cand[s->ncand++];
  /* what explain will read: the rule's pieces and the term */
  const char *et = s->e->etext + s->e->expl[x->rule].off;
  __builtin_prefetch(et);
  __builtin_prefetch(et + 64);
  __builtin_prefetch(s->e->rules->text + x->term);
  c->rule = x->rule;
  c->n0 = y && y->n0 < x->n0 ? y->n0 : x->n0;
  c->n1 = y && y->n1 > x->n1 ? y->n1 : x->n1;
  c->t0 = y && y->t0 < x->t0 ? y->t0 : x->t0;
  c->t1 = y && y->t1 > x->t1 ? y->t1 : x->t1;
  c->xt = x->term;
  c->xl = x->term_len;
  c->xp = x->term_plain;
  c->yp = y ? y->term_plain : 1;
  c->has_y = y != NULL;
  c->yt = y ? y->term : 0;
  c->yl = y ? y->term_len : 0;
  c->eff = 0;
  c->peredam_rule = -1;
  return 0;
}

/* A bounded string builder with snprintf's truncation: at most cap - 1
 * bytes are kept (the explanations used fixed snprintf buffers; the same
 * caps keep the output byte-identical without the printf machinery). */
typedef struct {
  char *d;
  size_t n, cap;
} sb_t;

static inline void sb_put(sb_t *b, const char *p, size_t l) {
  size_t room = b->cap - 1 - b->n;
  if (l > room) l = room;
  mem_copy(b->d + b->n, p, l);
  b->n += l;
}
static void sb_str(sb_t *b, const char *p) { sb_put(b, p, strlen(p)); }
static void sb_int(sb_t *b, int v) {
  char t[24]; /* 11 are enough; the rest keeps mem_copy's long branch in bounds */
  size_t k = sizeof t;
  unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
  do t[--k] = (char)('0' + u % 10); while ((u /= 10) != 0);
  if (v < 0) t[--k] = '-';
  sb_put(b, t + k, sizeof t - k);
}

/* A builder over the free end of the scratch string store, with room for
 * cap - 1 bytes and the NUL: texts are built in place, not copied in.
 * Returns -1 (and marks the store oom) when it cannot grow. */
static inline int str_open(screen_scratch_t *s, sb_t *b, size_t cap) {
  buf_t *st = &s->str;
  if (st->oom) return -1;
  if (st->len + cap > st->cap) {
    size_t nc = st->cap ? st->cap : 4096;
    while (nc < st->len + cap) nc *= 2;
    char *d = xrealloc(st->data, nc);
    if (!d) {
      st->oom = 1;
      return -1;
    }
    st->data = d;
    st->cap = nc;
  }
  b->d = st->data + st->len;
  b->n = 0;
  b->cap = cap;
  return 0;
}

/* Close a builder from str_open: NUL-terminate; returns the text's offset. */
static inline size_t str_close(screen_scratch_t *s, const sb_t *b) {
  size_t off = s->str.len;
  b->d[b->n] = '\0';
  s->str.len += b->n + 1;
  return off;
}

/* Stable insertion sort (what glibc's merge-sort qsort gives for equal
 * keys), for the small arrays of one post; larger ones go to qsort. */
#define STABLE_SORT(T, a, n, cmp)                                   \
  do {                                                              \
    if ((n) > 48) {                                                 \
      qsort((a), (n), sizeof(T), cmp);                              \
      break;                                                        \
    }                                                               \
    for (size_t i_ = 1; i_ < (n); i_++) {                           \
      T v_ = (a)[i_];                                               \
      size_t j_ = i_;                                               \
      while (j_ > 0 && cmp(&(a)[j_ - 1], &v_) > 0) {                \
        (a)[j_] = (a)[j_ - 1];                                      \
        j_--;                                                       \
      }                                                             \
      (a)[j_] = v_;                                                 \
    }                                                               \
  } while (0)

static int cmp_cand_span(const void *pa, const void *pb) {
  const cand_t *a = pa, *b = pb;
  if (a->t0 != b->t0) return a->t0 < b->t0 ? -1 : 1;
  return (a->t1 > b->t1) - (a->t1 < b->t1);
}

static int cmp_hit(const void *pa, const void *pb) {
  const screen_hit_t *a = pa, *b = pb;
  if (a->mulai != b->mulai) return a->mulai < b->mulai ? -1 : 1;
  return (b->bobot_efektif > a->bobot_efektif) - (b->bobot_efektif < a->bobot_efektif);
}

/* Explanation text of one hit, as the former snprintf code wrote it:
 *   istilah    "%s … %s" or "%s"                          (at most 1023 bytes)
 *   why        "«%s» dalam %d kata dari «%s»" or "«%s»"   (at most 399)
 *   damp       " Bobot diturunkan dari %d ke %d karena «%.*s» (%s)." (at most 299)
 *   penjelasan "Aturan %s (%s): <why>. %s%s Bobot %d.<weak><damp>" (at most 1023)
 * The rule's constant parts come from expl_t; when every piece fits its
 * cap (always, for real rules) they are copied whole, otherwise the text
 * is built piece by piece with the caps applied. Appended to s->str; the
 * offsets go to s->soff[nh]. */
static int explain(const screen_engine_t *en, screen_scratch_t *s, size_t nh, const cand_t *cd, int pr, size_t pn0,
                   size_t pn1) {
  const screen_rules_t *rs = en->rules;
  const screen_rule_t *r = NULL;
  const expl_t *ex = &en->expl[cd->rule];
  const char *xs = rs->text + cd->xt, *ys = cd->has_y ? rs->text + cd->yt : NULL;
  size_t xl = cd->xl == 0xFFFF ? strlen(xs) : cd->xl, yl = !ys ? 0 : cd->yl == 0xFFFF ? strlen(ys) : cd->yl;
  char damp[300];
  sb_t b;
  if (str_open(s, &b, 1024)) return -1;
  sb_put(&b, xs, xl); /* istilah */
  if (ys) {
    sb_str(&b, " … ");
    sb_put(&b, ys, yl);
  }
  s->soff[nh][0] = str_close(s, &b);
  sb_t d = {damp, 0, sizeof damp};
  if (pr >= 0) {
    r = &rs->rules[cd->rule];
    const char *pt = s->norm.text + pn0;
    const screen_rule_t *prr = &rs->rules[pr];
    sb_str(&d, " Bobot diturunkan dari ");
    sb_int(&d, r->bobot);
    sb_str(&d, " ke ");
    sb_int(&d, cd->eff);
    sb_str(&d, " karena «");
    sb_put(&d, pt, strnlen(pt, pn1 - pn0));
    sb_str(&d, "» (");
    sb_str(&d, prr->catatan[0] ? prr->catatan : "peredam");
    sb_str(&d, ").");
  }
  const char *et = en->etext + ex->off;
  size_t why = 4 + xl + (ys ? ex->mid + yl : 0); /* «x» or «x» dalam … «y» */
  if (ex->head != 0xFFFF && why <= 399 && (size_t)ex->head + xl + (ys ? ex->mid + yl : 0) + ex->tail + d.n <= 1023) {
    if (str_open(s, &b, 1024)) return -1;
    sb_put(&b, et, ex->head);
    sb_put(&b, xs, xl);
    if (ys) {
      sb_put(&b, et + ex->head, ex->mid);
      sb_put(&b, ys, yl);
    }
    sb_put(&b, et + ex->head + ex->mid, ex->tail);
    sb_put(&b, damp, d.n);
    s->soff[nh][1] = str_close(s, &b);
    /* the damp text is normalised text ([a-z0-9_ ]) and the peredam
     * rule's catatan, checked with that rule's pieces */
    s->hits[nh].plain = ex->plain && cd->xp && cd->yp && (pr < 0 || en->expl[pr].plain);
    return 0;
  }
  /* a piece longer than its cap: build with the caps */
  s->hits[nh].plain = 0;
  if (!r) r = &rs->rules[cd->rule];
  char whyb[400];
  sb_t w = {whyb, 0, sizeof whyb};
  sb_str(&w, "«");
  sb_put(&w, xs, xl);
  sb_str(&w, "»");
  if (ys) {
    sb_str(&w, " dalam ");
    sb_int(&w, r->jarak);
    sb_str(&w, " kata dari «");
    sb_put(&w, ys, yl);
    sb_str(&w, "»");
  }
  if (str_open(s, &b, 1024)) return -1;
  sb_str(&b, "Aturan ");
  sb_str(&b, r->id);
  sb_str(&b, " (");
  sb_str(&b, screen_kategori_label(r->kategori));
  sb_str(&b, "): ");
  sb_put(&b, whyb, w.n);
  sb_str(&b, ". ");
  sb_str(&b, r->catatan);
  sb_str(&b, r->catatan[0] ? "." : "");
  sb_str(&b, " Bobot ");
  sb_int(&b, r->bobot);
  sb_str(&b, ".");
  sb_str(&b, r->syarat_pemilu ? " Istilah lemah, dihitung karena ada konteks pemilihan." : "");
  sb_put(&b, damp, d.n);
  s->soff[nh][1] = str_close(s, &b);
  return 0;
}

/* Scan the normalised text with db (if any; marked: over the text with
 * marked word ends, see compile_part) and resolve the new matches after
 * those of an earlier scan. */
static err_t scan_db(screen_scratch_t *s, const hs_database_t *db, int marked) {
  if (!db || s->nref >= MAX_OCC) return ERR_OK;
  const char *text = s->norm.text;
  size_t from = s->nmt, len = s->norm.len;
  if (marked) {
    if (len > s->markcap) {
      char *q = xrealloc(s->marked, len);
      if (!q) return ERR_NOMEM;
      s->marked = q;
      s->markcap = len;
    }
    norm_mark_ends(s->marked, text, len);
    text = s->marked;
  }
  hs_error_t rc = hs_scan(db, text, (unsigned)len, 0, s->hs, on_match, s);
  if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED) return hs_fail("hs_scan", rc);
  if (s->oom) return ERR_NOMEM;
  resolve_matches(s, from, marked);
  return ERR_OK;
}

err_t screen_post(const screen_engine_t *en, screen_scratch_t *s, const char *teks, size_t len, screen_result_t *out) {
  const screen_rules_t *rs = en->rules;
  memset(out, 0, sizeof *out);
  out->hits = s->hits;
  err_t e = norm_run(&s->norm, en->lx, teks, len);
  if (e) return e;
  s->nmt = s->nref = s->nocc = s->ncamp = s->ncand = 0;
  s->oom = 0;
  buf_reset(&s->str);
  /* the reviewed categories; the context terms only where they can matter */
  if ((e = scan_db(s, en->db, 0))) return e;
  if (s->nmt == 0) return ERR_OK;
  if (collect_occ(s, 0)) return ERR_NOMEM;
  if (s->ncamp == 0) return ERR_OK;
  size_t nmt = s->nmt;
  if ((e = scan_db(s, en->db_ctx, 1))) return e;
  if (collect_occ(s, nmt)) return ERR_NOMEM;
  STABLE_SORT(occ_t, s->occ, s->nocc, cmp_occ);

  if (s->pcap < s->nocc) {
    uint32_t *q = xrealloc(s->pidx, s->ocap * sizeof *q);
    if (!q) return ERR_NOMEM;
    s->pidx = q;
    s->pcap = s->ocap;
  }
  s->npidx = 0;
  /* Group by rule: candidates, context and peredam occurrences. */
  const screen_rule_hot_t *hot = rs->hot;
  int konteks = 0;
  size_t i = 0;
  while (i < s->nocc) {
    size_t j = i, ys = i;
    uint32_t rule = s->occ[i].rule;
    int kat = s->occ[i].kategori;
    while (j < s->nocc && s->occ[j].rule == rule) j++;
    while (ys < j && s->occ[ys].side == 0) ys++;
    if (kat == SCREEN_KAT_KONTEKS) konteks = 1;
    if (kat == SCREEN_KAT_PEREDAM)
      for (size_t k = i; k < j; k++) s->pidx[s->npidx++] = (uint32_t)k;
    if (kat < SCREEN_KAT_KONTEKS) {
      const screen_rule_hot_t *r = &hot[rule];
      size_t before = s->ncand, per_rule = 0;
      for (size_t x = i; x < ys && per_rule < HITS_PER_RULE; x++) {
        if (x > i && s->occ[x].n0 == s->occ[x - 1].n0 && s->occ[x].n1 == s->occ[x - 1].n1) continue;
        const occ_t *best = NULL;
        uint32_t bestgap = 0;
        if (r->jenis == SCREEN_JENIS_DEKAT) {
          for (size_t y = ys; y < j; y++) {
            uint32_t g = word_gap(s->occ[x].t0, s->occ[x].t1, s->occ[y].t0, s->occ[y].t1);
            if (g == 0 || g > (uint32_t)r->jarak) continue;
            if (!best || g < bestgap) best = &s->occ[y], bestgap = g;
          }
          if (!best) continue;
        }
        if (push_cand(s, &s->occ[x], best)) return ERR_NOMEM;
        per_rule++;
      }
      if (s->ncand > before && !r->syarat_pemilu) konteks = 1;
    }
    i = j;
  }
  out->konteks_pemilu = konteks;

  /* Effective weights: drop weak hits without context, apply peredam. */
  double keep = 1.0;
  size_t nh = 0;
  for (size_t c = 0; c < s->ncand; c++) {
    cand_t *cd = &s->cand[c];
    const screen_rule_hot_t *r = &hot[cd->rule];
    if (r->syarat_pemilu && !konteks) continue;
    int factor = 100, pr = -1;
    size_t pn0 = 0, pn1 = 0;
    for (size_t q = 0; q < s->npidx; q++) {
      const occ_t *p = &s->occ[s->pidx[q]];
      const screen_rule_hot_t *prr = &hot[p->rule];
      uint32_t g = word_gap(cd->t0, cd->t1, p->t0, p->t1);
      if (prr->jarak != 0 && g > (uint32_t)prr->jarak) continue;
      if (100 - prr->bobot < factor) factor = 100 - prr->bobot, pr = (int)p->rule, pn0 = p->n0, pn1 = p->n1;
    }
    cd->eff = r->bobot * factor / 100;
    cd->peredam_rule = pr;
    if (pr >= 0) out->diredam = 1;
    if (cd->eff >= SCREEN_KAT_MIN) out->kategori_mask |= 1u << r->kategori;
    if (nh >= SCREEN_MAX_HITS) continue;
    screen_hit_t *h = &s->hits[nh];
    const expl_t *ex = &en->expl[cd->rule];
    h->aturan = ex->id;
    h->aturan_len = ex->id_len;
    h->kategori = screen_kategori_name(r->kategori);
    h->kategori_len = screen_kategori_name_len(r->kategori);
    h->kategori_id = r->kategori;
    h->bobot = r->bobot;
    h->bobot_efektif = cd->eff;
    norm_map(&s->norm, cd->n0, cd->n1, &h->mulai, &h->akhir);
    if (explain(en, s, nh, cd, pr, pn0, pn1)) return ERR_NOMEM;
    nh++;
  }
  /* score: noisy-OR over clusters of overlapping hits, each at its best */
  if (s->ncand) STABLE_SORT(cand_t, s->cand, s->ncand, cmp_cand_span);
  size_t c = 0;
  while (c < s->ncand) {
    uint32_t end = s->cand[c].t1;
    int best = 0;
    for (; c < s->ncand && s->cand[c].t0 <= end; c++) {
      const screen_rule_hot_t *r = &hot[s->cand[c].rule];
      if (s->cand[c].t1 > end) end = s->cand[c].t1;
      if (!(r->syarat_pemilu && !konteks) && s->cand[c].eff > best) best = s->cand[c].eff;
    }
    keep *= 1.0 - best / 100.0;
  }
  out->skor = (int)(100.0 * (1.0 - keep) + 0.5);
  if (s->str.oom) return ERR_NOMEM;
  for (size_t k = 0; k < nh; k++) {
    s->hits[k].istilah = s->str.data + s->soff[k][0];
    s->hits[k].penjelasan = s->str.data + s->soff[k][1];
    s->hits[k].istilah_len = s->soff[k][1] - s->soff[k][0] - 1;
    s->hits[k].penjelasan_len = (k + 1 < nh ? s->soff[k + 1][0] : s->str.len) - s->soff[k][1] - 1;
  }
  if (nh) STABLE_SORT(screen_hit_t, s->hits, nh, cmp_hit);
  out->nhits = nh;
  return ERR_OK;
}
