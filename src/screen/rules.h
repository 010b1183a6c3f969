/*
 * rules.h — screening rules as data.
 *
 * Two files an officer edits (formats in data/screen/README.md):
 *   aturan.csv   generic rules: id,kategori,jenis,istilah,dekat,jarak,bobot,syarat,catatan
 *   paslon.csv   candidates per election and region: pemilihan,wilayah,kode_wilayah,
 *                nomor_urut,calon,wakil,panggilan,julukan,slogan,tagar,partai
 *
 * Every term is run through the same normaliser as the posts, so a rule
 * written "nyoblos" or "#CoblosNomor2" matches what the normaliser makes of
 * a post. Terms are alternatives separated by '|'. Placeholders expand from
 * the candidate file: {paslon} (names, nicknames, pair names), {nomor}
 * ("nomor 1" … "nomor K") and {angka} ("1" … "K"), K = highest nomor urut
 * (at least 3).
 *
 * The result is a deduplicated pattern table (each pattern a literal over
 * normalised text; whole-word patterns carry their surrounding spaces) and,
 * per pattern, the (rule, side, alternative) references the engine uses to
 * turn Hyperscan matches into rule hits.
 *
 * Invariant: pattern ids are dense 0..npat-1; refs of pattern p are
 * refs[ref_start[p] .. ref_start[p+1]).
 */
#ifndef NETRAL_SCREEN_RULES_H
#define NETRAL_SCREEN_RULES_H
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "screen/normalise.h"

/* Categories. The first five are what a reviewer sees; KONTEKS marks an
 * election context (enables weak rules), PEREDAM a reporting/warning
 * context that lowers nearby hits. */
#define SCREEN_KATEGORI_TABLE(X)                            \
  X(AJAKAN, "ajakan_memilih", "Ajakan memilih")            \
  X(DUKUNGAN, "dukungan_paslon", "Dukungan kepada paslon") \
  X(ATRIBUT, "atribut_paslon", "Atribut paslon")           \
  X(UANG, "politik_uang", "Politik uang")                  \
  X(INTIMIDASI, "intimidasi", "Intimidasi")                \
  X(KONTEKS, "konteks_pemilu", "Konteks pemilihan")        \
  X(PEREDAM, "peredam", "Konteks pemberitaan/imbauan")

typedef enum {
#define X(e, name, label) SCREEN_KAT_##e,
  SCREEN_KATEGORI_TABLE(X)
#undef X
  SCREEN_KAT__COUNT
} screen_kategori_t;

typedef enum { SCREEN_JENIS_LITERAL, SCREEN_JENIS_KATA, SCREEN_JENIS_DEKAT } screen_jenis_t;

const char *screen_kategori_name(int k);  /* "ajakan_memilih"; borrowed, static */
size_t screen_kategori_name_len(int k);   /* strlen of screen_kategori_name(k) */
const char *screen_kategori_label(int k); /* "Ajakan memilih"; borrowed, static */
int screen_kategori_parse(const char *s); /* -1 if unknown */

typedef struct {
  char *id;          /* owned */
  char *catatan;     /* owned, may be "" */
  int kategori;      /* screen_kategori_t */
  int jenis;         /* screen_jenis_t */
  int bobot;         /* 0..100 */
  int jarak;         /* words, for DEKAT and PEREDAM (0 = whole post) */
  int syarat_pemilu; /* weak: counts only when the post has an election context */
  size_t nx, ny;
  uint32_t *x, *y;   /* display text of each alternative: offsets into screen_rules_t.text, owned */
} screen_rule_t;

/* The fields of a rule the engine reads for every occurrence, packed so
 * the table of thousands of candidate rules stays in cache. */
typedef struct {
  uint8_t kategori, jenis, bobot, jarak, syarat_pemilu;
} screen_rule_hot_t;

typedef struct {
  uint32_t rule;
  uint32_t term;     /* display text of the alternative: offset into screen_rules_t.text */
  uint16_t term_len; /* its length (capped at 0xFFFF) */
  uint8_t side;      /* 0 = istilah (X), 1 = dekat (Y) */
  uint8_t term_plain; /* the term has no byte JSON must escape */
  uint8_t kategori;   /* the rule's, so a match reads no rule table */
  uint8_t paired;     /* a proximity rule of a reviewed category: hits only with both sides */
} screen_ref_t;

/* What kinds of reference a pattern has (screen_pat_hot_t.flags), so a
 * match can skip its reference list when none of it can matter. */
enum { SCREEN_PAT_PAIRED_X = 1, SCREEN_PAT_PAIRED_Y = 2, SCREEN_PAT_SINGLE = 4,
       /* the pattern starts/ends with one space; ODD: more than one, or only spaces */
       SCREEN_PAT_LEAD = 8, SCREEN_PAT_TRAIL = 16, SCREEN_PAT_ODD = 32,
       /* every reference is of a context category (konteks_pemilu,
        * peredam): the match matters only for a post with a candidate hit */
       SCREEN_PAT_KONTEKS = 64 };

/* What a Hyperscan match of a pattern reads, packed in 16 bytes so a
 * match costs one cache line instead of one per array. A pattern's
 * references refs[r0 .. r1) are grouped: [r0, r0+ry) not paired,
 * [r0+ry, r0+rx) paired Y sides, [r0+rx, r1) paired X sides (each group
 * in rule-file order), so a match reads only the groups that can matter.
 * Loading refuses a pattern longer than 65,535 bytes or with more
 * references than that. */
typedef struct {
  uint32_t r0, r1;
  uint16_t ry, rx;
  uint16_t len;  /* bytes of the pattern */
  uint8_t flags; /* SCREEN_PAT_* */
  uint8_t mend;  /* 1: the pattern ends with a space and has other bytes (norm_mark_ends drops it) */
} screen_pat_hot_t;

typedef struct {
  screen_rule_t *rules;
  size_t nrules, rcap;
  screen_rule_hot_t *hot; /* nrules */
  /* display texts of every alternative, each NUL-terminated and stored
   * once (a candidate name shared by a dozen rules is one string) */
  char *text;
  size_t text_len, text_cap;
  /* patterns */
  char **pat;       /* normalised literal, owned */
  uint32_t *patlen;
  size_t npat, pcap;
  uint32_t *ref_start; /* npat + 1 */
  screen_ref_t *refs;
  size_t nrefs;
  screen_pat_hot_t *phot; /* npat */
  /* build state */
  uint32_t *hash;      /* open-addressing table of pattern ids + 1 */
  size_t hcap;
  uint32_t *thash;     /* open-addressing table of text offsets + 1 */
  size_t thcap, ntext;
  screen_ref_t *tmp_refs; /* (pattern, ref) pairs before CSR */
  uint32_t *tmp_pat;
  size_t ntmp, tmpcap;
  uint64_t digest;     /* FNV-1a of every pattern and whether it is SCREEN_PAT_KONTEKS */
  int max_nomor;
  size_t npaslon;
} screen_rules_t;

typedef struct {
  const char *aturan_path;  /* NULL → data/screen/aturan.csv */
  const char *paslon_path;  /* NULL → data/screen/paslon_contoh.csv; "" → none */
  const char *pemilihan;    /* only paslon rows of this election; NULL = all */
  const char *kode_wilayah; /* only paslon rows of this region (prefix); NULL = all */
} screen_rules_opts_t;

/* Load and compile the rule files into *out (caller frees with
 * screen_rules_free). lx normalises the terms. Errors name the file and line. */
err_t screen_rules_load(const screen_rules_opts_t *o, const norm_lexicon_t *lx, screen_rules_t **out);
void screen_rules_free(screen_rules_t *rs);
/* Add the words of the rule files' terms and of data/screen/kata_tagar.txt
 * to lx's hashtag vocabulary (see normalise.h). Call before
 * screen_rules_load, so terms and posts are split alike. */
err_t screen_rules_vocabulary(const screen_rules_opts_t *o, norm_lexicon_t *lx);

#endif
