/* mediameta_test.c — photos without identifying metadata: a table of files
 * built segment by segment (or chunk by chunk), each with what the copy
 * must be, byte for byte; then damaged files, which are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/mediameta.h"
#include "core/banned.h"

#define S(s) s, sizeof(s) - 1

typedef struct {
  const char *p;
  size_t n;
  int keep; /* part of the clean copy */
} part_t;

/* JPEG pieces */
#define SOI {S("\xFF\xD8"), 1}
#define APP0 {S("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"), 1}
#define EXIF_GPS {S("\xFF\xE1\x00\x20" "Exif\x00\x00MM\x00*GPS -7.4706,112.4401"), 0}
#define XMP {S("\xFF\xE1\x00\x39http://ns.adobe.com/xap/1.0/\x00<x:creator>Ani</x:creator>"), 0}
#define ICC {S("\xFF\xE2\x00\x12ICC_PROFILE\x00\x01\x01" "ab"), 1}
#define MPF {S("\xFF\xE2\x00\x0AMPF\x00MMxx"), 0}
#define IPTC {S("\xFF\xED\x00\x10Photoshop 3.0\x00"), 0}
#define ADOBE {S("\xFF\xEE\x00\x0E" "Adobe\x00\x64\x00\x00\x00\x00\x01"), 1}
#define COM {S("\xFF\xFE\x00\x11Samsung SM-A515"), 0}
#define DQT {S("\xFF\xDB\x00\x05\x00\x01\x02"), 1}
#define SOF0 {S("\xFF\xC0\x00\x0B\x08\x00\x01\x00\x01\x01\x01\x11\x00"), 1}
#define DHT {S("\xFF\xC4\x00\x05\x00\x01\x02"), 1}
/* a scan whose data holds a stuffed FF00 and a restart marker */
#define SOS {S("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x12\xFF\x00\x34\xFF\xD0\x56"), 1}
#define EOI {S("\xFF\xD9"), 1}
#define TRAILER {S("SEFT location 2026-11-20 07:12"), 0}

/* PNG pieces (CRCs are not checked: the copy keeps a chunk whole or drops it) */
#define PNG_SIG {S("\x89PNG\r\n\x1A\n"), 1}
#define IHDR {S("\x00\x00\x00\x0DIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" "CRC1"), 1}
#define TEXT {S("\x00\x00\x00\x0AtEXtAuthor\x00" "Ani" "CRC2"), 0}
#define ITXT {S("\x00\x00\x00\x08iTXtGPS\x00\x00\x00\x00\x00" "CRC3"), 0}
#define PEXIF {S("\x00\x00\x00\x04" "eXIfMM\x00*" "CRC4"), 0}
#define TIME {S("\x00\x00\x00\x07tIME\x07\xEA\x0B\x14\x07\x0C\x00" "CRC5"), 0}
#define IDAT {S("\x00\x00\x00\x03IDATxyz" "CRC6"), 1}
#define IEND {S("\x00\x00\x00\x00IEND" "CRC7"), 1}

typedef struct {
  const char *what, *mime;
  part_t parts[16];
} case_t;

static const case_t cases[] = {
    {"jpeg: exif, xmp, photoshop, comment, mpf and trailer out; jfif, icc, adobe, coding in",
     "image/jpeg", {SOI, APP0, EXIF_GPS, XMP, ICC, MPF, IPTC, ADOBE, COM, DQT, SOF0, DHT, SOS, EOI, TRAILER}},
    {"jpeg: already clean", "image/jpeg", {SOI, APP0, DQT, SOF0, DHT, SOS, EOI}},
    {"jpeg: exif right after soi", "image/jpeg", {SOI, EXIF_GPS, DQT, SOF0, SOS, EOI}},
    {"jpeg: cut short in the scan", "image/jpeg", {SOI, EXIF_GPS, DQT, SOS}},
    {"png: text, itxt, exif, time out", "image/png", {PNG_SIG, IHDR, TEXT, ITXT, PEXIF, TIME, IDAT, IEND}},
    {"png: data after iend out", "image/png", {PNG_SIG, IHDR, IDAT, IEND, TRAILER}},
    {"png: ends after a whole chunk, no iend", "image/png", {PNG_SIG, IHDR, TEXT, IDAT}},
};

static void assemble(const part_t *ps, buf_t *in, buf_t *want) {
  for (const part_t *p = ps; p->p; p++) {
    buf_append(in, p->p, p->n);
    if (p->keep) buf_append(want, p->p, p->n);
  }
}

static void test_table(void **state) {
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
    buf_t in, want, out;
    buf_init(&in);
    buf_init(&want);
    buf_init(&out);
    assemble(cases[i].parts, &in, &want);
    size_t removed = 0;
    err_t e = mediameta_strip(cases[i].mime, (const unsigned char *)in.data, in.len, &out, &removed);
    if (e != ERR_OK || out.len != want.len || memcmp(out.data, want.data, want.len) != 0)
      fail_msg("%s: err %d, %zu bytes, wanted %zu", cases[i].what, e, out.len, want.len);
    assert_int_equal(removed, in.len - want.len);
    buf_free(&in);
    buf_free(&want);
    buf_free(&out);
  }
}

/* WebP: the EXIF and XMP chunks go, the VP8X flags and the RIFF size follow. */
static void test_webp(void **state) {
  static const char in[] = "RIFF\x3E\x00\x00\x00WEBP"
                           "VP8X\x0A\x00\x00\x00\x0C\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                           "VP8 \x04\x00\x00\x00" "abcd"
                           "EXIF\x07\x00\x00\x00GPS-7.4\x00"
                           "XMP \x04\x00\x00\x00<x/>";
  static const char want[] = "RIFF\x22\x00\x00\x00WEBP"
                             "VP8X\x0A\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                             "VP8 \x04\x00\x00\x00" "abcd";
  assert_int_equal(sizeof in - 1, 8 + 0x3E);
  buf_t out;
  buf_init(&out);
  size_t removed;
  assert_int_equal(mediameta_strip("image/webp", (const unsigned char *)in, sizeof in - 1, &out, &removed), ERR_OK);
  assert_int_equal(out.len, sizeof want - 1);
  assert_memory_equal(out.data, want, sizeof want - 1);
  assert_int_equal(removed, 28);
  buf_free(&out);
}

/* Orientation: a phone's Exif (GPS, camera, time and the orientation) is
 * replaced by an APP1 holding the orientation alone, where the Exif was. */
#define JHEAD "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
#define JTAIL "\xFF\xDB\x00\x05\x00\x01\x02\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\x12\x34\xFF\xD9"
/* little endian; IFD0: Make "Samsung", Orientation 6, GPS IFD pointer; then the GPS IFD */
#define EXIF_II6 "\xFF\xE1\x00\x56" "Exif\x00\x00" "II*\x00\x08\x00\x00\x00" "\x03\x00" \
  "\x0F\x01\x02\x00\x08\x00\x00\x00\x38\x00\x00\x00" "\x12\x01\x03\x00\x01\x00\x00\x00\x06\x00\x00\x00" \
  "\x25\x88\x04\x00\x01\x00\x00\x00\x32\x00\x00\x00" "\x00\x00\x00\x00" \
  "\x00\x00" "\x00\x00\x00\x00" "Samsung\x00" "-7.4706,112.44"
/* big endian, orientation 8 alone */
#define EXIF_MM8 "\xFF\xE1\x00\x22" "Exif\x00\x00" "MM\x00*\x00\x00\x00\x08" "\x00\x01" \
  "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x08\x00\x00" "\x00\x00\x00\x00"
#define EXIF_MM1 "\xFF\xE1\x00\x22" "Exif\x00\x00" "MM\x00*\x00\x00\x00\x08" "\x00\x01" \
  "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x01\x00\x00" "\x00\x00\x00\x00"
/* orientation 3, but the IFD is cut before its next-IFD pointer */
#define EXIF_CUT "\xFF\xE1\x00\x1E" "Exif\x00\x00" "MM\x00*\x00\x00\x00\x08" "\x00\x01" \
  "\x01\x12\x00\x03\x00\x00\x00\x01\x00\x03\x00\x00"
#define KEEP(o) "\xFF\xE1\x00\x22" "Exif\x00\x00" "MM\x00*\x00\x00\x00\x08" "\x00\x01" \
  "\x01\x12\x00\x03\x00\x00\x00\x01\x00" o "\x00\x00" "\x00\x00\x00\x00"

static void test_orientation(void **state) {
  static const struct {
    const char *what, *in;
    size_t in_n;
    const char *want;
    size_t want_n;
  } rows[] = {
      {"ii: orientation 6 kept, make and gps gone", S(JHEAD EXIF_II6 JTAIL), S(JHEAD KEEP("\x06") JTAIL)},
      {"mm: orientation 8 kept", S(JHEAD EXIF_MM8 JTAIL), S(JHEAD KEEP("\x08") JTAIL)},
      {"upright (1): nothing to keep", S(JHEAD EXIF_MM1 JTAIL), S(JHEAD JTAIL)},
      {"ifd cut short: dropped", S(JHEAD EXIF_CUT JTAIL), S(JHEAD JTAIL)},
      {"first exif that has one wins", S(JHEAD EXIF_MM1 EXIF_II6 EXIF_MM8 JTAIL), S(JHEAD KEEP("\x06") JTAIL)},
  };
  for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
    buf_t out, again;
    buf_init(&out);
    buf_init(&again);
    size_t removed = 0;
    err_t e = mediameta_strip("image/jpeg", (const unsigned char *)rows[i].in, rows[i].in_n, &out, &removed);
    if (e != ERR_OK || out.len != rows[i].want_n || memcmp(out.data, rows[i].want, rows[i].want_n) != 0)
      fail_msg("%s: err %d, %zu bytes, wanted %zu", rows[i].what, e, out.len, rows[i].want_n);
    assert_int_equal(removed, rows[i].in_n - rows[i].want_n);
    assert_int_equal(mediameta_strip("image/jpeg", (const unsigned char *)out.data, out.len, &again, &removed), ERR_OK);
    assert_int_equal(removed, 0); /* the kept orientation survives a second cleaning unchanged */
    assert_memory_equal(again.data, out.data, out.len);
    buf_free(&out);
    buf_free(&again);
  }
}

/* A damaged file gives no copy at all (one that might still hold the data). */
static void test_damaged_refused(void **state) {
  static const struct {
    const char *mime, *p;
    size_t n;
  } bad[] = {
      {"image/jpeg", S("\xFF\xD8\xFF\xE1\x7F\xFF" "Exif")},             /* segment longer than the file */
      {"image/jpeg", S("\xFF\xD8\x00\x00")},                             /* no marker */
      {"image/jpeg", S("\xFF\xD8\xFF\xE1\x00\x01")},                     /* length below 2 */
      {"image/jpeg", S("GIF89a")},                                       /* not a JPEG */
      {"image/png", S("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00")},     /* chunk cut short */
      {"image/png", S("\x89PNG\r\n\x1A\n\x00\x00\x00\x00IDAT" "CR")},   /* CRC cut short */
      {"image/webp", S("RIFF\xFF\x00\x00\x00WEBPVP8 ")},                 /* RIFF size beyond the file */
      {"image/webp", S("RIFF\x14\x00\x00\x00WEBPVP8 \xFF\x00\x00\x00\x00\x00\x00\x00")}, /* chunk beyond */
      {"audio/ogg", S("OggS\x00\x02")},                                  /* not a type it cleans */
      {"application/pdf", S("%PDF-1.7\n1 0 obj\n<< /Author (x")},        /* string never closed */
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    buf_t out;
    buf_init(&out);
    buf_append(&out, "x", 1);
    size_t removed = 0;
    err_t e = mediameta_strip(bad[i].mime, (const unsigned char *)bad[i].p, bad[i].n, &out, &removed);
    if (e != ERR_INVALID) fail_msg("bad[%zu] (%s): err %d", i, bad[i].mime, e);
    assert_int_equal(out.len, 1); /* nothing half-written */
    buf_free(&out);
  }
  assert_true(mediameta_supported("image/png"));
  assert_true(mediameta_supported("application/pdf"));
  assert_false(mediameta_supported("audio/ogg"));
  assert_false(mediameta_supported(NULL));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),
      cmocka_unit_test(test_webp),
      cmocka_unit_test(test_orientation),
      cmocka_unit_test(test_damaged_refused),
  };
  return cmocka_run_group_tests_name("mediameta", tests, NULL, NULL);
}
