/* avmeta_test.c — video and audio without identifying metadata.
 * MP4: a table of files given as box trees, each box with what the copy
 * must hold in its place (the same bytes, the same bytes with the times
 * zeroed, or a zeroed `free` box of the same size); one file spelt out byte
 * for byte; then damaged files, which are refused.
 * MP3: a table of files built tag by tag, each piece kept or dropped; then
 * damaged files. Every copy is cleaned a second time and must not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/avmeta.h"
#include "core/banned.h"

#define S(s) s, sizeof(s) - 1
#define Z2 "\0\0"
#define Z4 Z2 Z2
#define Z8 Z4 Z4
#define Z16 Z8 Z8

static int same(const char *a, const char *b, size_t n) { return n == 0 || memcmp(a, b, n) == 0; }

typedef err_t (*strip_fn)(const unsigned char *, size_t, buf_t *);

/* Clean in (after a prefix already in out: the copy is appended), compare
 * with want, then clean the copy again: it must come back unchanged. */
static void check_copy(const char *what, strip_fn strip, const buf_t *in, const buf_t *want) {
  buf_t out, again;
  buf_init(&out);
  buf_init(&again);
  buf_append(&out, "pre", 3);
  err_t e = strip((const unsigned char *)in->data, in->len, &out);
  if (e != ERR_OK || out.len != 3 + want->len || memcmp(out.data, "pre", 3) != 0 ||
      !same(out.data + 3, want->data, want->len))
    fail_msg("%s: err %d, %zu bytes, wanted %zu", what, e, out.len - 3, want->len);
  e = strip((const unsigned char *)out.data + 3, out.len - 3, &again);
  if (e != ERR_OK || again.len != want->len || !same(again.data, want->data, want->len))
    fail_msg("%s: cleaned twice: err %d, %zu bytes", what, e, again.len);
  buf_free(&out);
  buf_free(&again);
}

static void check_refused(const char *what, strip_fn strip, const char *p, size_t n) {
  buf_t out;
  buf_init(&out);
  err_t e = strip((const unsigned char *)p, n, &out);
  if (e != ERR_INVALID) fail_msg("%s: err %d, wanted ERR_INVALID", what, e);
  assert_string_equal(err_field(e), "bukti");
  buf_free(&out);
}

/* ---------- ISO BMFF ---------- */

enum { F_FREE = 1, F_LARGE = 2, F_TO_END = 4 }; /* becomes free; 64-bit largesize; size 0 */

/* One box of a tree written in preorder: its children follow it, one level
 * deeper. A container's payload is its children (p is then ""). */
typedef struct {
  int depth;
  const char *type;
  const char *p; /* payload before the children */
  size_t n;
  const char *w; /* that payload in the copy, when it differs (times) */
  size_t wn;
  int flags;
} node_t;

#define BOX(d, t, pl) {d, t, S(pl), NULL, 0, 0}
#define BOXF(d, t, pl, f) {d, t, S(pl), NULL, 0, f}
#define GONE(d, t, pl) {d, t, S(pl), NULL, 0, F_FREE}
#define TIMES(d, t, pl, wpl) {d, t, S(pl), S(wpl), 0}

#define FTYP_MP4 "isom" "\0\0\x02\0" "isomiso2avc1mp41"
#define FTYP_M4A "M4A " "\0\0\0\0" "M4A mp42isom"
#define FTYP_MOV "qt  " "\0\0\x02\0" "qt  "
/* mvhd/mdhd version 0: 32-bit creation and modification time, then timescale and duration */
#define HD0_IN "\0\0\0\0" "\xE3\x5A\x1B\x2C" "\xE3\x5A\x1B\x2D" "\0\0\x03\xE8" "\0\0\x27\x10" "\0\x01\0\0"
#define HD0_OUT "\0\0\0\0" Z8 "\0\0\x03\xE8" "\0\0\x27\x10" "\0\x01\0\0"
/* tkhd/mdhd/mvhd version 1: 64-bit times (high halves set too), track id, reserved, duration */
#define HD1_IN "\x01\0\0\x03" "\0\0\0\x01\xE3\x5A\x1B\x2C" "\0\0\0\x01\xE3\x5A\x1B\x2D" "\0\0\0\x01" Z4 "\0\0\0\0\0\0\x27\x10"
#define HD1_OUT "\x01\0\0\x03" Z16 "\0\0\0\x01" Z4 "\0\0\0\0\0\0\x27\x10"
#define HDLR_VIDE Z8 "vide" Z8 Z4 "VideoHandle"
#define HDLR_SOUN Z8 "soun" Z8 Z4 "SoundHandle"
#define STCO Z4 "\0\0\0\x01" "\0\0\x01\x00"
#define XYZ "\0\x12\x15\xC7" "-07.4706+112.4401/"
#define XMP_UUID "\xBE\x7A\xCF\xCB\x97\xA9\x42\xE8\x9C\x71\x99\x94\x91\xE3\xAF\xAC"
#define XMP_BODY XMP_UUID "<x:xmpmeta><xmp:CreateDate>2026-11-27T07:12</xmp:CreateDate></x:xmpmeta>"
#define MDAT "\0\0\0\x10" "frame data, GPS -7.47 is just bytes here"

/* The trak of a phone video: tkhd v1, edts (copied, not entered), mdia with mdhd, minf, stbl. */
#define VIDEO_TRAK(d)                                                                                 \
  BOX(d, "trak", ""), TIMES(d + 1, "tkhd", HD1_IN, HD1_OUT), BOX(d + 1, "edts", ""),                 \
      BOX(d + 2, "elst", Z4 "\0\0\0\x01" Z8 "\0\x01\0\0"), BOX(d + 1, "mdia", ""),                    \
      TIMES(d + 2, "mdhd", HD0_IN, HD0_OUT), BOX(d + 2, "hdlr", HDLR_VIDE), BOX(d + 2, "minf", ""),   \
      BOX(d + 3, "vmhd", "\0\0\0\x01" Z8), BOX(d + 3, "stbl", ""), BOX(d + 4, "stsd", Z8),             \
      BOX(d + 4, "stco", STCO)

typedef struct {
  const char *what;
  node_t nodes[40];
} bmff_case_t;

static const bmff_case_t bmff_cases[] = {
    {"mp4 from a phone: udta, meta, uuid in moov and trak freed, times zeroed, mdat kept",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), TIMES(1, "mvhd", HD0_IN, HD0_OUT), VIDEO_TRAK(1),
      GONE(2, "udta", ""), BOX(3, "\xA9xyz", XYZ),
      GONE(2, "meta", Z4), BOX(3, "hdlr", Z8 "mdta" Z8 Z4), BOX(3, "ilst", "\0\0\0\x0C" "data" Z4),
      GONE(2, "uuid", XMP_BODY),
      GONE(1, "udta", ""), BOX(2, "\xA9xyz", XYZ), BOX(2, "\xA9" "too", "\0\x0B\x15\xC7" "Lavf60.3.100"),
      GONE(1, "meta", Z4), BOX(2, "hdlr", Z8 "mdir" Z8 Z4), BOX(2, "ilst", ""),
      BOX(3, "\xA9" "day", "\0\0\0\x1C" "data\0\0\0\x01" Z4 "2026-11-27T07:12:00Z"),
      GONE(1, "uuid", XMP_BODY), BOX(0, "mdat", MDAT)}},
    {"top level: xmp uuid, meta and XMP_ before moov freed",
     {BOX(0, "ftyp", FTYP_MP4), GONE(0, "uuid", XMP_BODY), GONE(0, "meta", Z4), BOX(1, "hdlr", Z8 "ID32" Z8 Z4),
      GONE(0, "XMP_", "<x:xmpmeta/>"), BOX(0, "moov", ""), TIMES(1, "mvhd", HD1_IN, HD1_OUT),
      BOX(0, "mdat", MDAT)}},
    {"udta and meta deep in mdia and minf freed too",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), BOX(1, "trak", ""), BOX(2, "mdia", ""),
      GONE(3, "udta", "name Samsung SM-A515F"), BOX(3, "minf", ""), GONE(4, "meta", Z4 "GPS"),
      BOX(4, "stbl", ""), BOX(5, "stco", STCO), BOX(0, "mdat", MDAT)}},
    {"64-bit largesize: a freed udta keeps its 16-byte header, mdat is copied",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), TIMES(1, "mvhd", HD0_IN, HD0_OUT),
      BOXF(1, "udta", "", F_FREE | F_LARGE), BOX(2, "\xA9xyz", XYZ), BOXF(0, "mdat", MDAT, F_LARGE)}},
    {"size 0: udta to the end of moov, mdat to the end of the file",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), TIMES(1, "mvhd", HD0_IN, HD0_OUT),
      BOXF(1, "udta", "", F_FREE | F_TO_END), BOX(2, "\xA9xyz", XYZ), BOXF(0, "mdat", MDAT, F_TO_END)}},
    {"already clean: unchanged",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), BOX(1, "mvhd", HD0_OUT), BOX(1, "trak", ""),
      BOX(2, "tkhd", HD1_OUT), BOX(2, "mdia", ""), BOX(3, "mdhd", HD0_OUT), BOX(3, "minf", ""),
      BOX(4, "stbl", ""), BOX(5, "stco", STCO), BOX(1, "free", Z16), BOX(0, "mdat", MDAT)}},
    {"m4a: itunes tags under moov/udta/meta freed",
     {BOX(0, "ftyp", FTYP_M4A), BOX(0, "moov", ""), TIMES(1, "mvhd", HD1_IN, HD1_OUT), BOX(1, "trak", ""),
      TIMES(2, "tkhd", HD0_IN, HD0_OUT), BOX(2, "mdia", ""), TIMES(3, "mdhd", HD1_IN, HD1_OUT),
      BOX(3, "hdlr", HDLR_SOUN), BOX(3, "minf", ""), BOX(4, "smhd", Z8), BOX(4, "stbl", ""),
      BOX(5, "stco", STCO), GONE(1, "udta", ""), BOX(2, "meta", Z4), BOX(3, "hdlr", Z8 "mdir" "appl" Z8),
      BOX(3, "ilst", ""), BOX(4, "\xA9" "ART", "\0\0\0\x13" "data\0\0\0\x01" Z4 "Ani L."),
      BOX(0, "mdat", MDAT)}},
    {"mov: moov after mdat, quicktime keys/ilst location and XMP_ freed",
     {BOX(0, "ftyp", FTYP_MOV), BOX(0, "wide", ""), BOX(0, "mdat", MDAT), BOX(0, "moov", ""),
      TIMES(1, "mvhd", HD0_IN, HD0_OUT), VIDEO_TRAK(1), GONE(1, "meta", ""), BOX(2, "hdlr", Z8 "mdta" Z8 Z4),
      BOX(2, "keys", Z4 "\0\0\0\x01" "\0\0\0\x2Cmdta" "com.apple.quicktime.location.ISO6709"),
      GONE(1, "udta", ""), BOX(2, "XMP_", "<x:xmpmeta/>")}},
    {"fragmented: prft and meta in moof/traf freed",
     {BOX(0, "ftyp", FTYP_MP4), BOX(0, "moov", ""), TIMES(1, "mvhd", HD0_IN, HD0_OUT), BOX(1, "mvex", Z8),
      GONE(0, "prft", Z4 "\0\0\0\x01" "\xE9\x5A\x1B\x2C\0\0\0\0" Z4), BOX(0, "moof", ""),
      BOX(1, "mfhd", Z4 "\0\0\0\x01"), BOX(1, "traf", ""), BOX(2, "tfhd", Z8), BOX(2, "tfdt", Z8),
      GONE(2, "meta", Z4 "GPS"), BOX(0, "mdat", MDAT)}},
};

static void put_be32(unsigned char *p, uint64_t v) {
  for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (24 - 8 * i));
}

/* Write nodes[i] and its children to in and, as the copy must be, to want;
 * returns the index after them. */
static size_t build(const node_t *nodes, size_t i, buf_t *in, buf_t *want) {
  const node_t *b = &nodes[i];
  size_t at_in = in->len, at_want = want->len, head = b->flags & F_LARGE ? 16 : 8;
  unsigned char h[16] = {0};
  memcpy(h + 4, b->type, 4);
  buf_append(in, h, head);
  buf_append(want, h, head);
  buf_append(in, b->p, b->n);
  if (b->w) assert_int_equal(b->wn, b->n);
  buf_append(want, b->w ? b->w : b->p, b->n);
  for (i++; nodes[i].type && nodes[i].depth > b->depth;) i = build(nodes, i, in, want);
  uint64_t size = in->len - at_in;
  if (b->flags & F_LARGE) {
    put_be32(h, 1);
    put_be32(h + 8, size >> 32);
    put_be32(h + 12, size);
  } else {
    put_be32(h, b->flags & F_TO_END ? 0 : size);
  }
  memcpy(in->data + at_in, h, head);
  memcpy(want->data + at_want, h, head);
  if (b->flags & F_FREE) {
    memcpy(want->data + at_want + 4, "free", 4);
    memset(want->data + at_want + head, 0, size - head);
  }
  return i;
}

static void test_bmff_table(void **state) {
  for (size_t c = 0; c < sizeof bmff_cases / sizeof *bmff_cases; c++) {
    buf_t in, want;
    buf_init(&in);
    buf_init(&want);
    for (size_t i = 0; bmff_cases[c].nodes[i].type;) i = build(bmff_cases[c].nodes, i, &in, &want);
    assert_int_equal(in.len, want.len);
    check_copy(bmff_cases[c].what, avmeta_strip_bmff, &in, &want);
    buf_free(&in);
    buf_free(&want);
  }
}

/* The same kind of file spelt out, so the table's builder is not the only judge. */
static void test_bmff_bytes(void **state) {
  static const char in[] = "\0\0\0\x14" "ftyp" "isom" "\0\0\x02\0" "isom"
                           "\0\0\0\x4E" "moov"
                           "\0\0\0\x20" "mvhd" HD0_IN
                           "\0\0\0\x26" "udta" "\0\0\0\x1E" "\xA9xyz" XYZ
                           "\0\0\0\x10" "mdat" "\0\0\0\x01\xAB\xCD\xEF\x00";
  static const char want[] = "\0\0\0\x14" "ftyp" "isom" "\0\0\x02\0" "isom"
                             "\0\0\0\x4E" "moov"
                             "\0\0\0\x20" "mvhd" HD0_OUT
                             "\0\0\0\x26" "free" Z16 Z8 Z4 Z2
                             "\0\0\0\x10" "mdat" "\0\0\0\x01\xAB\xCD\xEF\x00";
  assert_int_equal(sizeof in - 1, 20 + 0x4E + 16);
  assert_int_equal(sizeof want, sizeof in);
  buf_t bin = {(char *)in, sizeof in - 1, sizeof in, 0}, bwant = {(char *)want, sizeof want - 1, sizeof want, 0};
  check_copy("mp4 spelt out", avmeta_strip_bmff, &bin, &bwant);
}

/* Nested containers: AVMETA_DEPTH of them are walked, one more is refused. */
static void test_bmff_depth(void **state) {
  for (int levels = AVMETA_DEPTH; levels <= AVMETA_DEPTH + 1; levels++) {
    buf_t in, out;
    buf_init(&in);
    buf_init(&out);
    buf_append(&in, "\0\0\0\x08" "ftyp", 8);
    for (int i = 0; i < levels; i++) { /* moov i holds the moovs after it and the udta */
      unsigned char h[8] = {0, 0, 0, 0, 'm', 'o', 'o', 'v'};
      put_be32(h, (uint64_t)(levels - i + 1) * 8);
      buf_append(&in, h, 8);
    }
    buf_append(&in, "\0\0\0\x08" "udta", 8);
    err_t e = avmeta_strip_bmff((const unsigned char *)in.data, in.len, &out);
    if (levels == AVMETA_DEPTH) {
      assert_int_equal(e, ERR_OK);
      assert_int_equal(out.len, in.len);
      assert_memory_equal(out.data + out.len - 4, "free", 4);
    } else {
      assert_int_equal(e, ERR_INVALID);
    }
    buf_free(&out);
    buf_free(&in);
  }
}

#define FTYP8 "\0\0\0\x08" "ftyp"

static void test_bmff_damaged(void **state) {
  static const struct {
    const char *what, *p;
    size_t n;
  } bad[] = {
      {"empty file", S("")},
      {"no ftyp first", S("\0\0\0\x08" "moov" FTYP8)},
      {"ftyp cut short", S("\0\0\0\x14" "ftyp" "isom")},
      {"box beyond its parent", S(FTYP8 "\0\0\0\x10" "moov" "\0\0\0\x18" "udta" "\0\0\0\x10" "mdat" Z8)},
      {"box beyond the file", S(FTYP8 "\0\0\1\0" "mdat" "abcd")},
      {"size below the header", S(FTYP8 "\0\0\0\x04" "free" Z8)},
      {"largesize below 16", S(FTYP8 "\0\0\0\x01" "mdat" "\0\0\0\0\0\0\0\x08" Z8)},
      {"largesize beyond the file", S(FTYP8 "\0\0\0\x01" "mdat" "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF" Z8)},
      {"largesize cut short", S(FTYP8 "\0\0\0\x01" "mdat" "\0\0")},
      {"trailing bytes shorter than a header", S(FTYP8 "\0\0\0")},
      {"trailing bytes in moov", S(FTYP8 "\0\0\0\x0C" "moov" Z4)},
      {"mvhd v0 too short", S(FTYP8 "\0\0\0\x18" "moov" "\0\0\0\x10" "mvhd" "\0\0\0\0" "\xE3\x5A\x1B\x2C")},
      {"mvhd v1 too short for v1", S(FTYP8 "\0\0\0\x20" "moov" "\0\0\0\x18" "mvhd" "\x01\0\0\0" Z8 Z4)},
      {"mvhd empty", S(FTYP8 "\0\0\0\x10" "moov" "\0\0\0\x08" "mvhd")},
      {"tkhd version 2", S(FTYP8 "\0\0\0\x30" "moov" "\0\0\0\x28" "trak" "\0\0\0\x20" "tkhd" "\x02\0\0\0" Z16 Z4)},
      {"mdhd too short in a size-0 box", S(FTYP8 "\0\0\0\x1C" "moov" "\0\0\0\x14" "mdia" "\0\0\0\0" "mdhd" Z4)},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) check_refused(bad[i].what, avmeta_strip_bmff, bad[i].p, bad[i].n);
}

/* ---------- MP3 ---------- */

typedef struct {
  const char *p;
  size_t n;
  int keep; /* part of the clean copy */
} part_t;

#define ID3V1_TAG "TAG" "Rekaman TPS 05                " "Ani Lestari                   " \
                  "Pilkada 2026                  " "2026" "Desa Sukamaju RT 03           " "\x0C"
#define TAGPLUS_TAG "TAG+" "Rekaman TPS 05 Kecamatan Sukamaju                           " \
                    "Ani Lestari                                                 "     \
                    "Pilkada 2026                                                "     \
                    "\0" "Rekaman                       " "000:00" "001:30"
_Static_assert(sizeof ID3V1_TAG - 1 == 128, "ID3v1 is 128 bytes");
_Static_assert(sizeof TAGPLUS_TAG - 1 == 227, "TAG+ is 227 bytes");

/* ID3v2.4 with a footer (+10): a TPE1 frame */
#define ID3V24 {S("ID3\x04\x00\x10\x00\x00\x00\x16" "TPE1" "\0\0\0\x0C" "\0\0" "\x03" "Ani Lestari" \
                  "3DI\x04\x00\x10\x00\x00\x00\x16"), 0}
/* ID3v2.3 whose synchsafe size 00 00 01 00 is 128 (a plain big-endian read gives 256) */
#define ID3V23 {S("ID3\x03\x00\x00\x00\x00\x01\x00" "TXXX" "\0\0\0\x15" "\0\0" "\0" "GPS\0" "-7.4706,112.4401" \
                  Z16 Z16 Z16 Z16 Z16 Z16 "\0"), 0}
#define ID3V22 {S("ID3\x02\x00\x00\x00\x00\x00\x0D" "TT2" "\0\0\x07" "\0" "Rekam1"), 0}
#define FRAMES {S("\xFF\xFB\x90\x64" "\x00\x0F\xF0\x00" "TAG audio" "\xFF\xFB\x90\x64" "\x12\x34\x56\x78"), 1}
#define ID3V1 {S(ID3V1_TAG), 0}
#define TAGPLUS {S(TAGPLUS_TAG), 0}
/* APEv2 with header and footer: one item (18 bytes), size 18 + 32 */
#define APE2 {S("APETAGEX" "\xD0\x07\0\0" "\x32\0\0\0" "\x01\0\0\0" "\0\0\0\xA0" Z8 \
                "\x03\0\0\0" "\0\0\0\0" "Artist\0" "Ani" \
                "APETAGEX" "\xD0\x07\0\0" "\x32\0\0\0" "\x01\0\0\0" "\0\0\0\x80" Z8), 0}
/* APEv1: footer only */
#define APE1 {S("\x03\0\0\0" "\0\0\0\0" "Artist\0" "Ani" \
                "APETAGEX" "\xE8\x03\0\0" "\x32\0\0\0" "\x01\0\0\0" "\0\0\0\0" Z8), 0}

typedef struct {
  const char *what;
  part_t parts[8];
} mp3_case_t;

static const mp3_case_t mp3_cases[] = {
    {"id3v2.4 with footer", {ID3V24, FRAMES}},
    {"two id3v2 tags, synchsafe size", {ID3V23, ID3V22, FRAMES}},
    {"id3v1 at the end", {FRAMES, ID3V1}},
    {"tag+ and id3v1", {FRAMES, TAGPLUS, ID3V1}},
    {"id3v2, then ape with header before id3v1", {ID3V23, FRAMES, APE2, ID3V1}},
    {"apev1 without header", {FRAMES, APE1}},
    {"id3v1 before ape", {FRAMES, ID3V1, APE2}},
    {"appended id3v2.4 before id3v1", {ID3V22, FRAMES, ID3V24, ID3V1}},
    {"already clean: unchanged", {FRAMES}},
    {"only a tag: empty copy", {ID3V24}},
};

static void test_mp3_table(void **state) {
  for (size_t c = 0; c < sizeof mp3_cases / sizeof *mp3_cases; c++) {
    buf_t in, want;
    buf_init(&in);
    buf_init(&want);
    for (const part_t *p = mp3_cases[c].parts; p->p; p++) {
      buf_append(&in, p->p, p->n);
      if (p->keep) buf_append(&want, p->p, p->n);
    }
    check_copy(mp3_cases[c].what, avmeta_strip_mp3, &in, &want);
    buf_free(&in);
    buf_free(&want);
  }
}

#define F4 "\xFF\xFB\x90\x64"

static void test_mp3_damaged(void **state) {
  static const struct {
    const char *what, *p;
    size_t n;
  } bad[] = {
      /* read as plain bits, 0x85 would be a 133-byte tag that fits */
      {"synchsafe byte 0x85", S("ID3\x03\0\0\0\0\0\x85" Z16 Z16 Z16 Z16 Z16 Z16 Z16 Z16 "\0\0\0\0\0" F4)},
      {"tag size beyond the file", S("ID3\x03\0\0\0\0\x01\x00" "TIT2" F4)},
      {"footer flag takes it past the file", S("ID3\x04\0\x10\0\0\0\x02" "ab" F4)},
      {"no frame sync after the tag", S("ID3\x03\0\0\0\0\0\x02" "ab" "junk" F4)},
      {"unknown id3 version", S("ID3\x05\0\0\0\0\0\x02" "ab" F4)},
      {"id3 header cut short", S("ID3\x03\0")},
      {"not mpeg audio", S("RIFF\x24\0\0\0WAVEfmt ")},
      {"one byte", S("\xFF")},
      {"ape size below its footer", S(F4 "APETAGEX" "\xD0\x07\0\0" "\x08\0\0\0" Z4 Z4 Z8)},
      {"ape size beyond the file", S(F4 "APETAGEX" "\xD0\x07\0\0" "\0\x10\0\0" Z4 Z4 Z8)},
      {"ape header flag without header", S(F4 Z16 Z16 "abcd" "APETAGEX" "\xD0\x07\0\0" "\x24\0\0\0" Z4 "\0\0\0\x80" Z8)},
      {"appended id3 footer without its header", S(F4 F4 F4 "3DI\x04\0\x10\0\0\0\x02")},
      {"appended id3 footer, synchsafe byte 0x80", S(F4 "ID3\x04\0\x10\0\0\0\x02" "ab" "3DI\x04\0\x10\0\0\0\x82")},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) check_refused(bad[i].what, avmeta_strip_mp3, bad[i].p, bad[i].n);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_bmff_table),  cmocka_unit_test(test_bmff_bytes), cmocka_unit_test(test_bmff_depth),
      cmocka_unit_test(test_bmff_damaged), cmocka_unit_test(test_mp3_table),  cmocka_unit_test(test_mp3_damaged),
  };
  return cmocka_run_group_tests_name("avmeta", tests, NULL, NULL);
}
