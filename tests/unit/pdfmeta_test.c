/* pdfmeta_test.c — PDF evidence without identifying metadata.
 * A table of PDFs built object by object (with correct xref offsets), each
 * object with what the copy must hold in its place; a PDF with a
 * cross-reference stream; two files spelt out byte for byte (generated once
 * with their xref offsets, then frozen here); files that must be refused,
 * whole and damaged; every prefix of the spelt-out files; PDFs whose Info
 * lives in compressed object streams (built with zlib here, and a deflate
 * stream written by hand that zlib cannot match). Every copy has the length
 * of its input and is cleaned a second time: it must not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include <zlib.h>

#include "core/err.h"
#include "core/mem.h"
#include "domain/pdfmeta.h"
#include "core/banned.h"

#define S(s) s, sizeof(s) - 1
#define SP4 "    "
#define SP8 SP4 SP4
#define SP16 SP8 SP8
#define SP32 SP16 SP16
#define Z2 "\0\0"
#define Z4 Z2 Z2
#define Z8 Z4 Z4
#define Z16 Z8 Z8
#define Z32 Z16 Z16

static int same(const char *a, const char *b, size_t n) { return n == 0 || memcmp(a, b, n) == 0; }

/* First offset where a and b differ, for failure messages. */
static size_t first_diff(const char *a, const char *b, size_t n) {
  size_t i = 0;
  while (i < n && a[i] == b[i]) i++;
  return i;
}

/* Clean in (appended after a prefix already in out), compare with want,
 * then clean the copy again: it must come back unchanged. */
static void check_copy(const char *what, const char *in, size_t n, const char *want, size_t wn) {
  buf_t out, again;
  buf_init(&out);
  buf_init(&again);
  assert_int_equal(n, wn); /* the fixture itself */
  buf_append(&out, "pre", 3);
  err_t e = pdfmeta_strip((const unsigned char *)in, n, &out);
  if (e != ERR_OK) fail_msg("%s: err %d (%s)", what, e, err_message(e));
  if (out.len != 3 + n || memcmp(out.data, "pre", 3) != 0) fail_msg("%s: %zu bytes, wanted %zu", what, out.len - 3, n);
  if (!same(out.data + 3, want, n)) {
    size_t at = first_diff(out.data + 3, want, n);
    fail_msg("%s: differs at %zu: got \"%.40s\", wanted \"%.40s\"", what, at, out.data + 3 + at, want + at);
  }
  e = pdfmeta_strip((const unsigned char *)out.data + 3, out.len - 3, &again);
  if (e != ERR_OK || again.len != n || !same(again.data, want, n))
    fail_msg("%s: cleaned twice: err %d, %zu bytes", what, e, again.len);
  buf_free(&out);
  buf_free(&again);
}

/* Refused, with the field set, and out left as it was. */
static void check_refused(const char *what, const char *p, size_t n) {
  buf_t out;
  buf_init(&out);
  buf_append(&out, "pre", 3);
  err_t e = pdfmeta_strip((const unsigned char *)p, n, &out);
  if (e != ERR_INVALID) fail_msg("%s: err %d, wanted ERR_INVALID", what, e);
  assert_string_equal(err_field(e), "bukti");
  assert_true(strlen(err_message(e)) > 0);
  if (out.len != 3 || memcmp(out.data, "pre", 3) != 0) fail_msg("%s: out changed on error (%zu bytes)", what, out.len);
  buf_free(&out);
}

/* ---------- PDFs built object by object ---------- */

static const char SPACES[] = ""; /* want: the data becomes spaces */

/* One object of a revision: its value (for a stream, its dictionary, where
 * #L stands for the data length) and what the copy holds instead (NULL:
 * the same); a stream's data and its copy. */
typedef struct {
  int num, gen;
  const char *in;
  size_t n;
  const char *want;
  size_t wn;
  const char *data;
  size_t dn;
  const char *dwant;
  size_t dwn;
} pobj_t;

#define OBJ(num, v) {num, 0, S(v), NULL, 0, NULL, 0, NULL, 0}
#define OBJW(num, v, w) {num, 0, S(v), S(w), NULL, 0, NULL, 0}
#define OBJG(num, gen, v) {num, gen, S(v), NULL, 0, NULL, 0, NULL, 0}
#define STM(num, dict, dwant, data, datawant) {num, 0, S(dict), S(dwant), S(data), datawant, sizeof(datawant) - 1}
#define STMS(num, dict, data) {num, 0, S(dict), NULL, 0, S(data), NULL, 0}

/* The objects of one revision (incremental update), its trailer entries
 * besides /Size and /Prev, and the trailer the copy holds. */
typedef struct {
  pobj_t objs[10];
  const char *trailer, *trailer_want;
} rev_t;

typedef struct {
  const char *what;
  rev_t revs[3];
} pcase_t;

/* text with #L replaced by len. */
static void put_text(buf_t *b, const char *text, size_t n, size_t len) {
  const char *hole = NULL;
  for (size_t i = 0; i + 1 < n; i++)
    if (text[i] == '#' && text[i + 1] == 'L') hole = text + i;
  if (!hole) {
    buf_append(b, text, n);
    return;
  }
  buf_append(b, text, (size_t)(hole - text));
  buf_printf(b, "%zu", len);
  buf_append(b, hole + 2, n - (size_t)(hole - text) - 2);
}

static void put_obj(buf_t *b, const pobj_t *o, int clean) {
  buf_printf(b, "%d %d obj\n", o->num, o->gen);
  if (clean && o->want) {
    if (o->wn != o->n) fail_msg("object %d: copy %zu bytes, input %zu", o->num, o->wn, o->n);
    put_text(b, o->want, o->wn, o->dn);
  } else {
    put_text(b, o->in, o->n, o->dn);
  }
  if (o->data) {
    buf_puts(b, "\nstream\n");
    if (!clean || !o->dwant) {
      buf_append(b, o->data, o->dn);
    } else if (o->dwant == SPACES) {
      for (size_t i = 0; i < o->dn; i++) buf_append(b, " ", 1);
    } else {
      if (o->dwn != o->dn) fail_msg("object %d: copy of data %zu bytes, input %zu", o->num, o->dwn, o->dn);
      buf_append(b, o->dwant, o->dwn);
    }
    buf_puts(b, "\nendstream");
  }
  buf_puts(b, "\nendobj\n");
}

/* The PDF of c (clean: as its copy must be), with a classic xref table per revision. */
static void build_pdf(const pcase_t *c, int clean, buf_t *b) {
  buf_append(b, S("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"));
  size_t prev = 0;
  int size = 1;
  for (const rev_t *r = c->revs; r < c->revs + 3 && r->trailer; r++) {
    size_t offs[10];
    size_t k = 0;
    for (; k < 10 && r->objs[k].in; k++) {
      offs[k] = b->len;
      put_obj(b, &r->objs[k], clean);
      if (r->objs[k].num + 1 > size) size = r->objs[k].num + 1;
    }
    size_t xref = b->len;
    buf_puts(b, "xref\n");
    if (r == c->revs) buf_puts(b, "0 1\n0000000000 65535 f \n");
    for (size_t i = 0; i < k; i++) buf_printf(b, "%d 1\n%010zu %05d n \n", r->objs[i].num, offs[i], r->objs[i].gen);
    const char *t = clean && r->trailer_want ? r->trailer_want : r->trailer;
    if (r->trailer_want) assert_int_equal(strlen(r->trailer_want), strlen(r->trailer));
    buf_printf(b, "trailer\n<< /Size %d %s", size, t);
    if (prev) buf_printf(b, " /Prev %zu", prev);
    buf_printf(b, " >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    prev = xref;
  }
}

#define PAGES                                                                              \
  OBJ(1, "<< /Type /Catalog /Pages 2 0 R >>"),                                            \
      OBJ(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),                                 \
      OBJ(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>"), \
      STMS(4, "<< /Length #L >>", "BT /F1 12 Tf 72 720 Td (Ani \\(pelapor\\)) Tj ET")
#define ROOT "/Root 1 0 R"
#define ID_IN "/ID [<0123456789ABCDEF0123456789abcdef> <0123456789ABCDEF0123456789abcdef>]"
#define ID_OUT "/ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]"
#define XMP                                                                                               \
  "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">" \
  "<dc:creator>Ani Lestari</dc:creator><xmp:CreateDate>2026-11-27T07:12:00+07:00</xmp:CreateDate>"      \
  "<pdf:Producer>Microsoft Word</pdf:Producer></x:xmpmeta>\n<?xpacket end=\"w\"?>"

/* A JPEG photo: APP0 JFIF, APP1 Exif (GPS), APP2 ICC, APP13 Photoshop after
 * a fill byte, APP14 Adobe, COM, DQT, SOS and scan data that holds FF E1. */
#define JPEG_HEAD "\xFF\xD8" "\xFF\xE0\x00\x10" "JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
#define JPEG_TAIL "\xFF\xE2\x00\x14" "ICC_PROFILE\x00\x01\x01" "prof"
#define JPEG_CODE                                                                                  \
  "\xFF\xDB\x00\x05" "\x00\x01\x02" "\xFF\xDA\x00\x08" "\x01\x01\x00\x00\x3F\x00" "\x12\xFF\x00\xFF\xE1\x00\x04" \
  "ab" "\xFF\xD9"
#define JPEG_IN                                                                                        \
  JPEG_HEAD "\xFF\xE1\x00\x24" "Exif\x00\x00" "MM\x00*\x00\x00\x00\x08" "GPS -7.4706 112.4401" JPEG_TAIL \
  "\xFF\xFF\xED\x00\x10" "Photoshop 3.0\x00" "\xFF\xEE\x00\x0E" "Adobe\x00\x64\x00\x00\x00\x00\x01"     \
  "\xFF\xFE\x00\x09" "Ani A51" JPEG_CODE
#define JPEG_OUT                                                                                             \
  JPEG_HEAD "\xFF\xE1\x00\x24" Z32 Z2 JPEG_TAIL "\xFF\xFF\xED\x00\x10" Z8 Z4 Z2 "\xFF\xEE\x00\x0E"             \
  "Adobe\x00\x64\x00\x00\x00\x00\x01" "\xFF\xFE\x00\x09" Z4 Z2 "\0" JPEG_CODE
#define IMG(filter)                                                                                       \
  "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter " \
  filter " /Length #L >>"

static const pcase_t cases[] = {
    {"info: literal strings with escapes and nested parentheses, hex strings, a nested dictionary; /ID zeroed",
     {{{PAGES,
        OBJW(5,
             "<< /Author (Ani \\(pelapor\\) (RT 03) \\\\) /Title <FEFF 0041\n0042> /Subject (\\101\\\n b) "
             "/CreationDate (D:20261127071200+07'00') /Trapped /False /Pages 3 "
             "/Custom << /Nama (Ani) /Daftar [(x) <41> [()]] >> >>",
             "<< /Author (                          ) /Title <0000 0000\n0000> /Subject (        ) "
             "/CreationDate (                       ) /Trapped /False /Pages 3 "
             "/Custom << /Nama (   ) /Daftar [( ) <00> [()]] >> >>")},
       ROOT " /Info 5 0 R " ID_IN, ROOT " /Info 5 0 R " ID_OUT}}},
    {"info: indirect string values are blanked where they stand, other strings are not",
     {{{PAGES, OBJW(5, "<< /Author 7 0 R /Producer (LibreOffice 7.4) /Keywords [(a) 8 0 R] >>",
                    "<< /Author 7 0 R /Producer (               ) /Keywords [( ) 8 0 R] >>"),
        OBJW(7, "(Ani Lestari)", "(           )"), OBJW(8, "<4E49 >", "<0000 >"), OBJ(9, "(Bukan metadata)")},
       ROOT " /Info 5 0 R", NULL}}},
    {"two incremental updates: every version of every Info blanked, another generation left",
     {{{PAGES, OBJW(5, "<< /Author (Ani) /Producer (Microsoft Word) >>", "<< /Author (   ) /Producer (              ) >>")},
       ROOT " /Info 5 0 R " ID_IN, ROOT " /Info 5 0 R " ID_OUT},
      {{OBJW(5, "<< /Author (Ani Lestari) /ModDate (D:20261128) >>", "<< /Author (           ) /ModDate (          ) >>")},
       ROOT " /Info 5 0 R " ID_IN, ROOT " /Info 5 0 R " ID_OUT},
      {{OBJW(6, "<< /Author <416E69> /Producer (Acrobat) >>", "<< /Author <000000> /Producer (       ) >>"),
        OBJG(5, 1, "<< /Author (generasi lain) >>")},
       ROOT " /Info 6 0 R " ID_IN, ROOT " /Info 6 0 R " ID_OUT}}},
    {"an object stream in the same revision as a top-level Info: cleaned, the object stream left",
     {{{PAGES, OBJW(5, "<< /Title (Bukti) >>", "<< /Title (     ) >>"),
        STMS(10, "<< /Type /ObjStm /N 1 /First 5 /Length #L >>", "11 0 << /Annot (Ani) >>")},
       ROOT " /Info 5 0 R", NULL}}},
    {"xmp: uncompressed, compressed (filter and parameters blanked), without /Type, with an escaped name",
     {{{PAGES, STM(6, "<< /Type /Metadata /Subtype /XML /Length #L >>", "<< /Type /Metadata /Subtype /XML /Length #L >>", XMP,
                   SPACES),
        STM(7,
            "<< /Type /Metadata /Subtype /XML /Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 >> /Length #L >>",
            "<< /Type /Metadata /Subtype /XML " SP32 SP32 " /Length #L >>", "x\x9C\x01\x02\x00(binary) endobj", SPACES),
        STM(8, "<< /Subtype /XML /Length #L >>", "<< /Subtype /XML /Length #L >>", "<x:xmpmeta/>", SPACES),
        STM(9, "<< /Type /Meta#64ata /Filter [/ASCIIHexDecode] /Length #L >>",
            "<< /Type /Meta#64ata " SP16 SP8 "  /Length #L >>", "3C782F3E>", SPACES)},
       ROOT, NULL}}},
    {"jpeg: Exif APP1, APP13 and COM zeroed; APP0, APP2, APP14 and the scan kept; not walked under Flate",
     {{{PAGES, STM(8, IMG("/DCTDecode"), IMG("/DCTDecode"), JPEG_IN, JPEG_OUT),
        STM(9, IMG("[/DCTDecode]"), IMG("[/DCTDecode]"), JPEG_IN, JPEG_OUT),
        STMS(10, IMG("[/FlateDecode /DCTDecode]"), "x\x9C not a jpeg until inflated")},
       ROOT, NULL}}},
    {"nothing to clean: annotations, content, syntax inside strings, streams and comments left as they are",
     {{{OBJ(1, "<< /Type /Catalog /Pages 2 0 R /Lang (id-ID) /OpenAction [3 0 R /Fit] >>"),
        OBJ(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
        OBJ(3, "<< /Type /Page /Parent 2 0 R /Annots [4 0 R] /Contents 5 0 R >>"),
        OBJ(4, "<< /Type /Annot /Subtype /Text /T (Ani Lestari) /M (D:20261127) "
               "/Contents (trailer << /Info 4 0 R >> 9 0 obj \\)) >>"),
        STMS(5, "<< /Length #L >>", "BT (endobj) Tj ET\n9 0 obj << /Author (x) >> endobj\ntrailer << /Encrypt 9 0 R >>\n%)("),
        OBJ(6, "% a comment with ( and ) and obj\n<< /Name /Font#20X /Nothing null /Neg -3 /Real .5 /Key/Name>>"),
        OBJ(7, "[1 0 R R 2 (a) <41> true]"), OBJG(8, 0, "endobj")},
       ROOT " % a comment hiding /Info 4 0 R /Encrypt 6 0 R\n", NULL}}},
    {"stream lengths: indirect, wrong, past the end of file; endstream and syntax inside data",
     {{{PAGES, STM(6, "<< /Type /Metadata /Length 20 0 R >>", "<< /Type /Metadata /Length 20 0 R >>",
                   "<x:xmpmeta>Ani</x:xmpmeta>", SPACES),
        OBJ(20, "26"), STMS(7, "<< /Length 5 >>", "q (wrong length) Q"),
        STMS(8, "<< /Length #L >>", "endstream inside the data, 1 0 obj (x) trailer << /Encrypt 1 0 R"),
        STM(9, "<< /Type /Metadata /Length 99999 >>", "<< /Type /Metadata /Length 99999 >>", "<x/>", SPACES)},
       ROOT, NULL}}},
    {"an uncompressed object stream: Info in it blanked in place, its other objects left",
     {{{PAGES, STM(10, "<< /Type /ObjStm /N 2 /First 9 /Length #L >>", "<< /Type /ObjStm /N 2 /First 9 /Length #L >>",
                   "5 0 11 21 << /Author (Ani) >>\n(Ani Lestari)", "5 0 11 21 << /Author (   ) >>\n(Ani Lestari)")},
       ROOT " /Info 5 0 R", NULL}}},
    {"info top-level, a newer version in an object stream of a later update: both blanked",
     {{{PAGES, OBJW(5, "<< /Author (Ani) >>", "<< /Author (   ) >>")}, ROOT " /Info 5 0 R", NULL},
      {{STM(10, "<< /Type /ObjStm /N 1 /First 4 /Length #L >>", "<< /Type /ObjStm /N 1 /First 4 /Length #L >>",
            "5 0 << /Author (Ani Lestari) >>", "5 0 << /Author (           ) >>")},
       ROOT " /Info 5 0 R", NULL}}},
    {"a string object of Info only in an object stream, found by number whatever its generation",
     {{{PAGES, OBJW(5, "<< /Author 7 0 R /Title 8 3 R >>", "<< /Author 7 0 R /Title 8 3 R >>"),
        STM(10, "<< /Type /ObjStm /N 2 /First 8 /Length #L >>", "<< /Type /ObjStm /N 2 /First 8 /Length #L >>",
            "7 0 8 6 (Ani) <414E49>", "7 0 8 6 (   ) <000000>")},
       ROOT " /Info 5 0 R", NULL}}},
    {"two numbers listed at one offset of an object stream: that object blanked once",
     {{{PAGES, STM(10, "<< /Type /ObjStm /N 2 /First 8 /Length #L >>", "<< /Type /ObjStm /N 2 /First 8 /Length #L >>",
                   "5 0 7 0 << /Author (Ani) /Producer 7 0 R >>", "5 0 7 0 << /Author (   ) /Producer 7 0 R >>")},
       ROOT " /Info 5 0 R", NULL}}},
    {"a direct Info dictionary and its string object; /ID with spaces in its hex strings",
     {{{PAGES, OBJW(7, "(Word)", "(    )")},
       ROOT " /Info << /Author (Ani) /Creator 7 0 R >> /ID [<01 02 03 04> <0A0B0C0D>]",
       ROOT " /Info << /Author (   ) /Creator 7 0 R >> /ID [<00 00 00 00> <00000000>]"}}},
};

static void test_table(void **state) {
  for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
    buf_t in, want;
    buf_init(&in);
    buf_init(&want);
    build_pdf(&cases[c], 0, &in);
    build_pdf(&cases[c], 1, &want);
    assert_false(in.oom || want.oom);
    check_copy(cases[c].what, in.data, in.len, want.data, want.len);
    buf_free(&in);
    buf_free(&want);
  }
}

static const pcase_t refused[] = {
    {"info in an object stream running into the next object listed there (objects overlap)",
     {{{PAGES, STMS(10, "<< /Type /ObjStm /N 2 /First 8 /Length #L >>", "5 0 6 3 << /Author (Ani) >>")}, ROOT " /Info 5 0 R",
       NULL}}},
    {"info object missing", {{{PAGES}, ROOT " /Info 9 0 R", NULL}}},
    {"/Encrypt in the trailer",
     {{{PAGES, OBJ(5, "<< /Author (\x8A\x91\x07) >>"), OBJ(9, "<< /Filter /Standard /V 2 /R 3 >>")},
       ROOT " /Info 5 0 R /Encrypt 9 0 R", NULL}}},
    {"/Encrypt in the trailer of an update only",
     {{{PAGES, OBJ(5, "<< /Author (Ani) >>")}, ROOT " /Info 5 0 R", NULL},
      {{OBJ(9, "<< /Filter /Standard /V 2 /R 3 >>")}, ROOT " /Info 5 0 R /Encrypt 9 0 R", NULL}}},
};

static void test_refused_whole(void **state) {
  for (size_t c = 0; c < sizeof refused / sizeof *refused; c++) {
    buf_t in;
    buf_init(&in);
    build_pdf(&refused[c], 0, &in);
    check_refused(refused[c].what, in.data, in.len);
    buf_free(&in);
  }
}

/* The officer is told why: an encrypted file is refused as encrypted even
 * when an (encrypted, so unreadable) JPEG comes before its /Encrypt. */
static void test_refused_reason(void **state) {
  static const pcase_t encrypted = {
      "encrypted, with an image",
      {{{PAGES, STMS(8, IMG("/DCTDecode"), "\x8A\x91\x07 ciphertext, not a jpeg"),
         OBJ(9, "<< /Filter /Standard /V 2 /R 3 >>")},
        ROOT " /Encrypt 9 0 R", NULL}}};
  static const pcase_t objstm = {
      "info in an object stream, with a damaged image",
      {{{PAGES, STMS(8, IMG("/DCTDecode"), "not a jpeg"),
         STMS(10, "<< /Type /ObjStm /N 1 /First 4 /Length #L >>", "5 0 << /Author (Ani) >>")},
        ROOT " /Info 5 0 R", NULL}}};
  buf_t in;
  buf_init(&in);
  build_pdf(&encrypted, 0, &in);
  check_refused(encrypted.what, in.data, in.len);
  assert_non_null(strstr(err_message(ERR_INVALID), "terenkripsi"));
  buf_reset(&in);
  build_pdf(&objstm, 0, &in);
  check_refused(objstm.what, in.data, in.len);
  assert_non_null(strstr(err_message(ERR_INVALID), "JPEG"));
  buf_free(&in);
}

/* ---------- cross-reference stream ---------- */

/* A PDF 1.5 with a cross-reference stream (/Type /XRef, /W [1 4 2],
 * uncompressed) carrying /Info and /ID; object 6 is compressed in object
 * stream 4; extra goes into the stream's dictionary. hybrid: laid out as
 * Word's "Save as PDF" does — the object stream and the cross-reference
 * stream in the body, a classic table for old readers (without object 6),
 * then an empty `xref 0 0` section whose trailer points at both with /Prev
 * and /XRefStm. clean: as the copy must be. */
static void build_xrefstm(buf_t *b, int clean, const char *extra, int hybrid) {
  static const char *const objs[][2] = {
      {"<< /Type /Catalog /Pages 2 0 R >>", NULL},
      {"<< /Type /Pages /Kids [] /Count 0 >>", NULL},
      {"<< /Title (Laporan) /Author (Ani Lestari) /CreationDate (D:20261127) /Producer <416E69> >>",
       "<< /Title (       ) /Author (           ) /CreationDate (          ) /Producer <000000> >>"},
      {"<< /Type /ObjStm /N 1 /First 4 /Length 16 >>\nstream\n6 0 << /A (x) >>\nendstream", NULL},
  };
  const char *id = clean ? "00000000000000000000000000000000" : "5A3F0C9E1B2D4C6E8F0A1B2C3D4E5F60";
  size_t off[6] = {0};
  buf_append(b, S("%PDF-1.5\n%\xE2\xE3\xCF\xD3\n"));
  for (int i = 0; i < 4; i++) {
    off[i + 1] = b->len;
    buf_printf(b, "%d 0 obj\n%s\nendobj\n", i + 1, clean && objs[i][1] ? objs[i][1] : objs[i][0]);
  }
  off[5] = b->len;
  unsigned char data[7 * 7] = {0, 0, 0, 0, 0, 0xFF, 0xFF};
  for (int i = 1; i < 7; i++) {
    unsigned char *e = data + 7 * i;
    e[0] = i < 6 ? 1 : 2; /* object 6: in object stream 4, index 0 */
    for (int k = 0; k < 4; k++) e[1 + k] = (unsigned char)((i < 6 ? off[i] : 4) >> (24 - 8 * k));
  }
  buf_printf(b, "5 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Info 3 0 R%s /ID [<%s> <%s>] /Length %zu >>\nstream\n",
             extra, id, id, sizeof data);
  buf_append(b, data, sizeof data);
  buf_puts(b, "\nendstream\nendobj\n");
  if (!hybrid) {
    buf_printf(b, "startxref\n%zu\n%%%%EOF\n", off[5]);
    return;
  }
  size_t table = b->len;
  buf_puts(b, "xref\n0 7\n0000000000 65535 f \n");
  for (int i = 1; i < 6; i++) buf_printf(b, "%010zu 00000 n \n", off[i]);
  buf_puts(b, "0000000000 65535 f \n");
  buf_printf(b, "trailer\n<< /Size 7 /Root 1 0 R /Info 3 0 R /ID [<%s> <%s>] >>\nstartxref\n%zu\n%%%%EOF\n", id, id, table);
  size_t update = b->len;
  buf_printf(b, "xref\n0 0\ntrailer\n<< /Size 7 /Root 1 0 R /Info 3 0 R /ID [<%s> <%s>] /Prev %zu /XRefStm %zu >>\n", id, id,
             table, off[5]);
  buf_printf(b, "startxref\n%zu\n%%%%EOF\n", update);
}

static void test_xref_stream(void **state) {
  for (int hybrid = 0; hybrid < 2; hybrid++) {
    const char *what = hybrid ? "hybrid file as Word writes it" : "cross-reference stream with /Info and /ID";
    buf_t in, want;
    buf_init(&in);
    buf_init(&want);
    build_xrefstm(&in, 0, "", hybrid);
    build_xrefstm(&want, 1, "", hybrid);
    check_copy(what, in.data, in.len, want.data, want.len);
    assert_null(memmem(want.data, want.len, "5A3F", 4)); /* every /ID, in both trailers and the stream */
    buf_reset(&in);
    build_xrefstm(&in, 0, " /Encrypt 4 0 R", hybrid);
    check_refused(what, in.data, in.len);
    buf_free(&in);
    buf_free(&want);
  }
}

/* ---------- spelt out ---------- */

/* Exported from a word processor: CRLF lines, no spaces around delimiters,
 * UTF-16 and Latin-1 bytes in Info strings, a content stream with a string. */
static const char WORD_IN[] = "%PDF-1.4\r\n"
  "%\xE2\xE3\xCF\xD3\r\n"
  "1 0 obj\r\n"
  "<</Type/Catalog/Pages 2 0 R/Lang(id-ID)>>\r\n"
  "endobj\r\n"
  "2 0 obj\r\n"
  "<</Type/Pages/Kids[3 0 R]/Count 1>>\r\n"
  "endobj\r\n"
  "3 0 obj\r\n"
  "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>\r\n"
  "endobj\r\n"
  "4 0 obj\r\n"
  "<</Length 42>>stream\r\n"
  "BT /F1 12 Tf 72 720 Td (Bukti \\(1\\)) Tj ET\r\n"
  "endstream\r\n"
  "endobj\r\n"
  "5 0 obj\r\n"
  "<</Author(Ani Lestari \\(pelapor\\))/Creator(\xFE\xFF\x00M\x00S)/CreationDate(D:20261127071200+07'00')/Title<FEFF004C0061>/Producer(Microsoft\xAE Word 2016)>>\r\n"
  "endobj\r\n"
  "xref\r\n"
  "0 6\r\n"
  "0000000000 65535 f\r\n"
  "0000000017 00000 n\r\n"
  "0000000077 00000 n\r\n"
  "0000000131 00000 n\r\n"
  "0000000214 00000 n\r\n"
  "0000000308 00000 n\r\n"
  "trailer\r\n"
  "<</Size 6/Root 1 0 R/Info 5 0 R/ID[<9A2BE0C41F6D4B2E8E1B3C7D5A6F0E21><9A2BE0C41F6D4B2E8E1B3C7D5A6F0E21>]>>\r\n"
  "startxref\r\n"
  "468\r\n"
  "%%EOF\r\n";
static const char WORD_OUT[] = "%PDF-1.4\r\n"
  "%\xE2\xE3\xCF\xD3\r\n"
  "1 0 obj\r\n"
  "<</Type/Catalog/Pages 2 0 R/Lang(id-ID)>>\r\n"
  "endobj\r\n"
  "2 0 obj\r\n"
  "<</Type/Pages/Kids[3 0 R]/Count 1>>\r\n"
  "endobj\r\n"
  "3 0 obj\r\n"
  "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>\r\n"
  "endobj\r\n"
  "4 0 obj\r\n"
  "<</Length 42>>stream\r\n"
  "BT /F1 12 Tf 72 720 Td (Bukti \\(1\\)) Tj ET\r\n"
  "endstream\r\n"
  "endobj\r\n"
  "5 0 obj\r\n"
  "<</Author(                       )/Creator(      )/CreationDate(                       )/Title<000000000000>/Producer(                    )>>\r\n"
  "endobj\r\n"
  "xref\r\n"
  "0 6\r\n"
  "0000000000 65535 f\r\n"
  "0000000017 00000 n\r\n"
  "0000000077 00000 n\r\n"
  "0000000131 00000 n\r\n"
  "0000000214 00000 n\r\n"
  "0000000308 00000 n\r\n"
  "trailer\r\n"
  "<</Size 6/Root 1 0 R/Info 5 0 R/ID[<00000000000000000000000000000000><00000000000000000000000000000000>]>>\r\n"
  "startxref\r\n"
  "468\r\n"
  "%%EOF\r\n";

/* From a TeX-like writer: Info in generation 1, Flate-compressed XMP with
 * /DecodeParms, a literal /ID with an escaped parenthesis. */
static const char TEX_IN[] = "%PDF-1.6\n"
  "1 0 obj\n"
  "<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>\n"
  "endobj\n"
  "2 0 obj\n"
  "<< /Type /Pages /Kids [] /Count 0 >>\n"
  "endobj\n"
  "3 0 obj\n"
  "<< /Type /Metadata /Subtype /XML /Length 42 /Filter [/FlateDecode] /DecodeParms [null] >>\n"
  "stream\n"
  "x\x9C\xB3\xA9\xB0\xAA\xC8-\xC8M-I\xB4\xB3II\xB6J.JM,\xC9/\xB2s\xCC\xCB\xB4\xD1G\xE2\xDB\xE8#\xD4\x01\x00\xE4k\x12\x9D\n"
  "endstream\n"
  "endobj\n"
  "4 1 obj\n"
  "<< /Producer (pdfTeX-1.40.25) /Author <416E69> /Trapped /False >>\n"
  "endobj\n"
  "xref\n"
  "0 5\n"
  "0000000000 65535 f \n"
  "0000000009 00000 n \n"
  "0000000074 00000 n \n"
  "0000000126 00000 n \n"
  "0000000291 00001 n \n"
  "trailer\n"
  "<< /Size 5 /Root 1 0 R /Info 4 1 R /ID [(\x01\x02\x61\x62\\)c)(\x01\x02\x61\x62\\)c)] >>\n"
  "startxref\n"
  "372\n"
  "%%EOF\n";
static const char TEX_OUT[] = "%PDF-1.6\n"
  "1 0 obj\n"
  "<< /Type /Catalog /Pages 2 0 R /Metadata 3 0 R >>\n"
  "endobj\n"
  "2 0 obj\n"
  "<< /Type /Pages /Kids [] /Count 0 >>\n"
  "endobj\n"
  "3 0 obj\n"
  "<< /Type /Metadata /Subtype /XML /Length 42                                            >>\n"
  "stream\n"
  "                                          \n"
  "endstream\n"
  "endobj\n"
  "4 1 obj\n"
  "<< /Producer (              ) /Author <000000> /Trapped /False >>\n"
  "endobj\n"
  "xref\n"
  "0 5\n"
  "0000000000 65535 f \n"
  "0000000009 00000 n \n"
  "0000000074 00000 n \n"
  "0000000126 00000 n \n"
  "0000000291 00001 n \n"
  "trailer\n"
  "<< /Size 5 /Root 1 0 R /Info 4 1 R /ID [(       )(       )] >>\n"
  "startxref\n"
  "372\n"
  "%%EOF\n";

/* The fixtures are real PDFs: every "n" entry of the xref table points at
 * its `N G obj`. */
static void check_xref(const char *pdf, size_t n) {
  const char *x = memmem(pdf, n, "\nxref", 5); /* Info strings hold NULs */
  assert_non_null(x);
  x += 5;
  while (*x == '\r' || *x == '\n') x++;
  unsigned first, count;
  assert_int_equal(sscanf(x, "%u %u", &first, &count), 2);
  x = strchr(x, '\n') + 1;
  for (unsigned i = 0; i < count; i++, x += 20) {
    unsigned long off;
    unsigned gen;
    char kind;
    assert_int_equal(sscanf(x, "%10lu %5u %c", &off, &gen, &kind), 3);
    if (kind != 'n') continue;
    char head[32];
    int len = snprintf(head, sizeof head, "%u %u obj", first + i, gen);
    assert_true(off + (size_t)len <= n);
    assert_memory_equal(pdf + off, head, (size_t)len);
  }
}

static void test_bytes(void **state) {
  check_xref(WORD_IN, sizeof WORD_IN - 1);
  check_xref(TEX_IN, sizeof TEX_IN - 1);
  check_copy("word-like, spelt out", S(WORD_IN), S(WORD_OUT));
  check_copy("tex-like, spelt out", S(TEX_IN), S(TEX_OUT));
}

/* Every prefix of the spelt-out files is cleaned (to the same length, and
 * a second time unchanged) or refused; none crashes. The prefix that ends
 * inside Info's string is refused: an unterminated string. */
static void test_prefixes(void **state) {
  const char *files[] = {WORD_IN, TEX_IN};
  size_t lens[] = {sizeof WORD_IN - 1, sizeof TEX_IN - 1};
  for (int f = 0; f < 2; f++) {
    for (size_t n = 0; n <= lens[f]; n++) {
      buf_t out, again;
      buf_init(&out);
      buf_init(&again);
      err_t e = pdfmeta_strip((const unsigned char *)files[f], n, &out);
      if (e == ERR_OK) {
        assert_int_equal(out.len, n);
        assert_int_equal(pdfmeta_strip((const unsigned char *)out.data, out.len, &again), ERR_OK);
        assert_true(again.len == n && same(again.data, out.data, n));
      } else {
        assert_int_equal(e, ERR_INVALID);
        assert_int_equal(out.len, 0);
      }
      buf_free(&out);
      buf_free(&again);
    }
  }
  const char *author = strstr(WORD_IN, "(Ani");
  check_refused("cut inside Info's string", WORD_IN, (size_t)(author - WORD_IN) + 5);
}

/* ---------- damaged ---------- */

#define H "%PDF-1.7\n"
#define DCT(data) H "1 0 obj << /Filter /DCTDecode /Length 99 >>\nstream\n" data "\nendstream endobj"

static void test_damaged(void **state) {
  static const struct {
    const char *what, *p;
    size_t n;
  } bad[] = {
      {"empty file", S("")},
      {"header cut short", S("%PDF")},
      {"not a pdf", S("%PDX-1.7\n1 0 obj << >> endobj")},
      {"bytes before the header", S(" %PDF-1.7\n1 0 obj << >> endobj")},
      {"unterminated literal string", S(H "1 0 obj << /Author (Ani >> endobj\ntrailer << /Info 1 0 R >>")},
      {"unbalanced nested parentheses", S(H "1 0 obj (a (b) endobj")},
      {"backslash at the end of the file", S(H "1 0 obj (abc\\")},
      {"escaped closing parenthesis does not close", S(H "1 0 obj (abc\\) endobj")},
      {"unterminated hex string", S(H "1 0 obj <4142")},
      {"hex string with a foreign byte", S(H "1 0 obj <41G2> endobj")},
      {"dictionary without >> before endobj", S(H "1 0 obj << /A 1 endobj\n2 0 obj << >> endobj")},
      {"dictionary cut short", S(H "1 0 obj << /A [1 2")},
      {"array with a keyword in it", S(H "1 0 obj [1 2 endobj")},
      {"keyword as a dictionary value", S(H "1 0 obj << /A endobj /B 1 >> endobj")},
      {"keyword inside an array that closes", S(H "1 0 obj [1 0 obj 2] endobj")},
      {"key without a value", S(H "1 0 obj << /A >> endobj")},
      {"key that is not a name", S(H "1 0 obj << (A) 1 >> endobj")},
      {"stray )", S(H "1 0 obj << >> endobj )")},
      {"stray >", S(H "1 0 obj << /A 1 > endobj")},
      {"stray ]", S(H "]")},
      {"braces", S(H "1 0 obj { } endobj")},
      {"obj without numbers", S(H "obj << >> endobj")},
      {"obj after one number", S(H "1 obj << >> endobj")},
      {"object value missing at the end", S(H "1 0 obj")},
      {"stream without endstream", S(H "1 0 obj << /Length 3 >>\nstream\nabc\nendobj")},
      {"stream keyword not ending its line", S(H "1 0 obj << /Length 3 >> stream abc\nendstream endobj")},
      {"stream after a value that is not a dictionary", S(H "1 0 obj [1] stream\nabc\nendstream endobj")},
      {"stream at the top level", S(H "stream\nabc\nendstream")},
      {"stray endstream", S(H "1 0 obj << >> endobj endstream")},
      {"trailer without a dictionary", S(H "trailer [1 2]")},
      {"trailer at the end of the file", S(H "trailer")},
      {"trailer dictionary cut short", S(H "trailer << /Size 3 /Info 1 0 R")},
      {"/Encrypt in a trailer", S(H "trailer << /Encrypt 2 0 R >>")},
      {"/Encrypt in a cross-reference stream",
       S(H "1 0 obj << /Type /XRef /Encrypt 2 0 R /Length 0 >>\nstream\n\nendstream endobj")},
      {"Info object missing", S(H "trailer << /Info 4 0 R >>")},
      {"Info string object missing", S(H "4 0 obj << /Author 5 0 R >> endobj trailer << /Info 4 0 R >>")},
      {"Info only in another generation", S(H "4 1 obj << /Author (x) >> endobj trailer << /Info 4 0 R >>")},
      {"jpeg without SOI", S(DCT("abcd"))},
      {"jpeg segment beyond its data", S(DCT("\xFF\xD8\xFF\xE1\x01\x00" "ab"))},
      {"jpeg ends before SOS", S(DCT("\xFF\xD8\xFF\xE1\x00\x04" "ab"))},
      {"jpeg second SOI", S(DCT("\xFF\xD8\xFF\xD8"))},
      {"jpeg segment length below 2", S(DCT("\xFF\xD8\xFF\xE1\x00\x01" "ab\xFF\xDA"))},
      {"jpeg fill bytes to the end", S(DCT("\xFF\xD8\xFF\xFF\xFF"))},
      {"jpeg bytes between segments", S(DCT("\xFF\xD8" "x\xFF\xDA\x00\x02"))},
      {"jpeg in [/DCTDecode] not a jpeg", S(H "1 0 obj << /Filter [/DCTDecode] /Length 2 >>\nstream\nab\nendstream endobj")},
  };
  _Static_assert(sizeof bad / sizeof *bad >= 20, "at least 20 damaged files");
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) check_refused(bad[i].what, bad[i].p, bad[i].n);
}

/* A wrong direct /Length that points into the data of a later XMP stream:
 * that data becomes spaces, and the /Length must not then look right in
 * the copy (found by the fuzzer: the copy was cleaned differently). */
static void test_length_into_later_stream(void **state) {
  static const char head1[] = H "1 0 obj << /Type /Metadata /Length ";
  static const char head2[] = " >>\nstream\nxmp\nendstream\nendobj\n2 0 obj << /Type /Metadata /Length 3 >>\nstream\n";
  static const char xmp[] = "<x:xmpmeta>Ani Lestari</x:xmpmeta>", tail[] = "\nendstream\nendobj\n";
  size_t data1 = sizeof head1 - 1 + 2 + (size_t)(strstr(head2, "xmp") - head2);
  size_t data2 = sizeof head1 - 1 + 2 + sizeof head2 - 1;
  size_t len = data2 + 10 - data1; /* into the second data: 2 digits */
  assert_true(len >= 10 && len < 100);
  buf_t in, want;
  buf_init(&in);
  buf_init(&want);
  for (int clean = 0; clean < 2; clean++) {
    buf_t *b = clean ? &want : &in;
    buf_puts(b, head1);
    buf_printf(b, "%zu", len);
    buf_puts(b, head2);
    if (clean) memcpy(b->data + data1, "   ", 3); /* the first data, up to its first endstream */
    if (clean) for (size_t i = 0; i < sizeof xmp - 1; i++) buf_append(b, " ", 1);
    else buf_puts(b, xmp);
    buf_puts(b, tail);
  }
  check_copy("wrong /Length into a later XMP stream", in.data, in.len, want.data, want.len);
  buf_free(&in);
  buf_free(&want);
}

/* Values nested PDFMETA_DEPTH deep are read; one level more is refused. */
static void test_depth(void **state) {
  for (int levels = PDFMETA_DEPTH; levels <= PDFMETA_DEPTH + 1; levels++) {
    buf_t in, out;
    buf_init(&in);
    buf_init(&out);
    buf_puts(&in, H "1 0 obj\n");
    for (int i = 0; i < levels; i++) buf_puts(&in, i % 2 ? "[" : "<< /A ");
    buf_puts(&in, "(Ani)");
    for (int i = levels - 1; i >= 0; i--) buf_puts(&in, i % 2 ? "]" : ">>");
    buf_puts(&in, "\nendobj\ntrailer << /Info 1 0 R >>\n");
    err_t e = pdfmeta_strip((const unsigned char *)in.data, in.len, &out);
    if (levels == PDFMETA_DEPTH) {
      assert_int_equal(e, ERR_OK);
      assert_int_equal(out.len, in.len);
      assert_non_null(strstr(out.data, "(   )"));
    } else {
      assert_int_equal(e, ERR_INVALID);
    }
    buf_free(&out);
    buf_free(&in);
  }
}

/* ---------- compressed object streams ---------- */

/* An object and what the copy must hold in its place (NULL: the same). */
typedef struct {
  int num;
  const char *in, *want;
} osobj_t;

/* One revision: top-level objects besides 1-4 (the catalog, page tree,
 * page and content of the first revision), an object stream (number stm,
 * 0: none; dict: its entries besides /Type /N /First /Length; encode: its
 * data from its decoded bytes, NULL: zlib at level 6) and the entries of
 * the cross-reference stream besides /Type /Size /W /Index /Prev /Length. */
typedef struct {
  osobj_t top[3];
  int stm;
  const char *dict;
  osobj_t objs[6];
  const char *trailer, *trailer_want;
} osrev_t;

typedef struct {
  const char *what;
  void (*encode)(buf_t *data, const buf_t *decoded);
  osrev_t revs[2];
} osfile_t;

/* Where the builder put an object stream's data, and its decoded bytes as
 * the copy must hold them. */
typedef struct {
  size_t at, len;
  buf_t want;
} osdata_t;

static void zlib_encode(buf_t *out, const buf_t *in, int level) {
  uLongf n = compressBound(in->len);
  unsigned char *z = xmalloc(n);
  assert_non_null(z);
  assert_int_equal(compress2(z, &n, (const Bytef *)in->data, in->len, level), Z_OK);
  buf_append(out, z, n);
  xfree(z);
}
static void encode_default(buf_t *out, const buf_t *in) { zlib_encode(out, in, 6); }

/* Inflate z[0..n) into out; 1 when the zlib stream ends exactly at its
 * last byte, with a valid Adler-32. */
static int inflate_all(const unsigned char *z, size_t n, buf_t *out) {
  z_stream s;
  memset(&s, 0, sizeof s);
  assert_int_equal(inflateInit(&s), Z_OK);
  s.next_in = (Bytef *)z;
  s.avail_in = (uInt)n;
  int r;
  do {
    unsigned char chunk[4096];
    s.next_out = chunk;
    s.avail_out = sizeof chunk;
    r = inflate(&s, Z_NO_FLUSH);
    buf_append(out, chunk, sizeof chunk - s.avail_out);
  } while (r == Z_OK);
  int ok = r == Z_STREAM_END && s.avail_in == 0;
  inflateEnd(&s);
  return ok;
}

/* The decoded bytes of an object stream holding o (clean: their copies):
 * `number offset` pairs, then the objects one a line; *first: /First. */
static size_t os_decoded(buf_t *b, const osobj_t *o, int clean) {
  buf_t body;
  buf_init(&body);
  for (; o->in; o++) {
    if (o->want && strlen(o->want) != strlen(o->in)) fail_msg("object %d: copy of another length", o->num);
    buf_printf(b, "%d %zu ", o->num, body.len);
    buf_puts(&body, clean && o->want ? o->want : o->in);
    buf_puts(&body, "\n");
  }
  buf_puts(b, "\n");
  size_t first = b->len;
  buf_append(b, body.data, body.len);
  buf_free(&body);
  return first;
}

/* The entries of one cross-reference stream section (/W [1 4 2]). */
typedef struct {
  int num, type, f3;
  size_t f2;
} xent_t;
typedef struct {
  xent_t e[32];
  size_t n;
} xref_t;

static void xref_entry(xref_t *x, int num, int type, size_t f2, int f3) {
  assert_true(x->n < sizeof x->e / sizeof *x->e);
  x->e[x->n].num = num;
  x->e[x->n].type = type;
  x->e[x->n].f2 = f2;
  x->e[x->n++].f3 = f3;
}

/* Its /Index array (one subsection an object, in ascending order) and data. */
static void xref_bytes(xref_t *x, buf_t *index, buf_t *data) {
  for (size_t i = 1; i < x->n; i++) /* insertion sort: a handful of entries */
    for (size_t j = i; j > 0 && x->e[j - 1].num > x->e[j].num; j--) {
      xent_t tmp = x->e[j];
      x->e[j] = x->e[j - 1];
      x->e[j - 1] = tmp;
    }
  for (size_t i = 0; i < x->n; i++) {
    size_t f2 = x->e[i].f2;
    int f3 = x->e[i].f3;
    unsigned char e[7] = {(unsigned char)x->e[i].type, (unsigned char)(f2 >> 24), (unsigned char)(f2 >> 16),
                          (unsigned char)(f2 >> 8),     (unsigned char)f2,         (unsigned char)(f3 >> 8),
                          (unsigned char)f3};
    buf_append(data, e, sizeof e);
    buf_printf(index, "%d 1 ", x->e[i].num);
  }
}

/* The PDF of f (clean: as its copy must be, but for the object stream
 * data, left as the input's); where each object stream's data went. */
static void os_build(const osfile_t *f, int clean, buf_t *b, osdata_t data[2]) {
  buf_puts(b, "%PDF-1.5\n%\xE2\xE3\xCF\xD3\n");
  size_t prev = 0;
  int size = 1;
  for (int r = 0; r < 2 && f->revs[r].trailer; r++) {
    const osrev_t *rv = &f->revs[r];
    xref_t x = {.n = 0};
    buf_t index, xdata;
    buf_init(&index);
    buf_init(&xdata);
    if (r == 0) {
      static const char *const base[] = {
          "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
          "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
          "<< /Length 37 >>\nstream\nBT /F1 12 Tf 20 100 Td (Bukti) Tj ET\nendstream"};
      xref_entry(&x, 0, 0, 0, 65535);
      for (int i = 0; i < 4; i++) {
        xref_entry(&x, i + 1, 1, b->len, 0);
        buf_printf(b, "%d 0 obj\n%s\nendobj\n", i + 1, base[i]);
      }
      size = 5;
    }
    for (const osobj_t *o = rv->top; o->in; o++) {
      xref_entry(&x, o->num, 1, b->len, 0);
      buf_printf(b, "%d 0 obj\n%s\nendobj\n", o->num, clean && o->want ? o->want : o->in);
      if (o->num >= size) size = o->num + 1;
    }
    if (rv->stm) {
      buf_t dec, enc;
      buf_init(&dec);
      buf_init(&enc);
      size_t first = os_decoded(&dec, rv->objs, 0), n = 0;
      (f->encode ? f->encode : encode_default)(&enc, &dec);
      xref_entry(&x, rv->stm, 1, b->len, 0);
      for (const osobj_t *o = rv->objs; o->in; o++, n++) {
        xref_entry(&x, o->num, 2, (size_t)rv->stm, (int)n);
        if (o->num >= size) size = o->num + 1;
      }
      int indirect = strstr(rv->dict, "/Length 30 0 R") != NULL; /* its length in object 30, after it */
      buf_printf(b, "%d 0 obj\n<< /Type /ObjStm /N %zu /First %zu %s", rv->stm, n, first, rv->dict);
      if (!indirect) buf_printf(b, " /Length %zu", enc.len);
      buf_puts(b, " >>\nstream\n");
      data[r].at = b->len;
      data[r].len = enc.len;
      buf_init(&data[r].want);
      os_decoded(&data[r].want, rv->objs, 1);
      buf_append(b, enc.data, enc.len);
      buf_puts(b, "\nendstream\nendobj\n");
      if (indirect) {
        xref_entry(&x, 30, 1, b->len, 0);
        buf_printf(b, "30 0 obj\n%zu\nendobj\n", enc.len);
        if (30 >= size) size = 31;
      }
      if (rv->stm >= size) size = rv->stm + 1;
      buf_free(&dec);
      buf_free(&enc);
    }
    int xnum = size++;
    size_t xat = b->len;
    xref_entry(&x, xnum, 1, xat, 0);
    const char *t = clean && rv->trailer_want ? rv->trailer_want : rv->trailer;
    if (rv->trailer_want) assert_int_equal(strlen(rv->trailer_want), strlen(rv->trailer));
    xref_bytes(&x, &index, &xdata);
    buf_printf(b, "%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Index [%s] %s", xnum, size, index.data, t);
    if (prev) buf_printf(b, " /Prev %zu", prev);
    buf_printf(b, " /Length %zu >>\nstream\n", xdata.len);
    buf_append(b, xdata.data, xdata.len);
    buf_printf(b, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xat);
    prev = xat;
    buf_free(&xdata);
    buf_free(&index);
  }
}

static void os_data_free(osdata_t data[2]) {
  for (int i = 0; i < 2; i++) buf_free(&data[i].want);
}

/* The copy of f: as long as the input; equal to the want file outside the
 * object stream data; each object stream's data a zlib stream that ends at
 * its last byte and inflates to its objects as the copy must hold them
 * (the other objects byte for byte as they were); cleaned again, unchanged.
 * copy (optional) receives the copy. */
static void check_os(const osfile_t *f, buf_t *copy) {
  buf_t in, want, out, again;
  osdata_t data[2], unused[2];
  memset(data, 0, sizeof data);
  memset(unused, 0, sizeof unused);
  buf_init(&in);
  buf_init(&want);
  buf_init(&out);
  buf_init(&again);
  os_build(f, 0, &in, data);
  os_build(f, 1, &want, unused);
  assert_int_equal(in.len, want.len);
  err_t e = pdfmeta_strip((const unsigned char *)in.data, in.len, &out);
  if (e != ERR_OK) fail_msg("%s: err %d (%s)", f->what, e, err_message(e));
  assert_int_equal(out.len, in.len);
  for (int r = 0; r < 2; r++) {
    if (!f->revs[r].stm) continue;
    buf_t dec;
    buf_init(&dec);
    const unsigned char *z = (const unsigned char *)out.data + data[r].at;
    if (!inflate_all(z, data[r].len, &dec)) fail_msg("%s: object stream %d does not inflate to its /Length", f->what, r);
    if (dec.len != data[r].want.len || !same(dec.data, data[r].want.data, dec.len)) {
      size_t at = first_diff(dec.data, data[r].want.data, dec.len < data[r].want.len ? dec.len : data[r].want.len);
      fail_msg("%s: object stream %d differs at %zu: got \"%.30s\", wanted \"%.30s\"", f->what, r, at, dec.data + at,
               data[r].want.data + at);
    }
    assert_null(memmem(dec.data, dec.len, "Lestari", 7));
    buf_t orig;
    buf_init(&orig);
    os_decoded(&orig, f->revs[r].objs, 0);
    if (orig.len == dec.len && same(orig.data, dec.data, dec.len) && !same(out.data + data[r].at, in.data + data[r].at, data[r].len))
      fail_msg("%s: object stream %d had nothing to blank, but its bytes changed", f->what, r);
    buf_free(&orig);
    /* the object stream's data is compared above; the rest byte for byte */
    memcpy(want.data + data[r].at, out.data + data[r].at, data[r].len);
    buf_free(&dec);
  }
  if (!same(out.data, want.data, in.len)) {
    size_t at = first_diff(out.data, want.data, in.len);
    fail_msg("%s: differs at %zu: got \"%.30s\", wanted \"%.30s\"", f->what, at, out.data + at, want.data + at);
  }
  e = pdfmeta_strip((const unsigned char *)out.data, out.len, &again);
  if (e != ERR_OK || again.len != out.len || !same(again.data, out.data, out.len))
    fail_msg("%s: cleaned twice: err %d, %zu bytes", f->what, e, again.len);
  if (copy) buf_append(copy, out.data, out.len);
  buf_free(&in);
  buf_free(&want);
  buf_free(&out);
  buf_free(&again);
  os_data_free(data);
  os_data_free(unused);
}

/* f is refused with a message that holds why. */
static void check_os_refused(const osfile_t *f, const char *why) {
  buf_t in;
  osdata_t data[2];
  memset(data, 0, sizeof data);
  buf_init(&in);
  os_build(f, 0, &in, data);
  check_refused(f->what, in.data, in.len);
  if (!strstr(err_message(ERR_INVALID), why)) fail_msg("%s: \"%s\" does not say \"%s\"", f->what, err_message(ERR_INVALID), why);
  buf_free(&in);
  os_data_free(data);
}

#define FLATE "/Filter /FlateDecode"
#define OS_ID_IN "/ID [<5A3F0C9E1B2D4C6E8F0A1B2C3D4E5F60> <5A3F0C9E1B2D4C6E8F0A1B2C3D4E5F60>]"
#define OS_ID_OUT "/ID [<00000000000000000000000000000000> <00000000000000000000000000000000>]"
#define INFO5 {5, "<< /Author (Ani Lestari) /Title <FEFF0041006E0069> /Producer 7 0 R /Trapped /False >>", \
               "<< /Author (           ) /Title <0000000000000000> /Producer 7 0 R /Trapped /False >>"}
#define ANNOT6 {6, "<< /Type /Annot /Subtype /Text /T (Ani L.) /Contents <416E69> /Rect [0 0 10 10] >>", NULL}
#define STR7 {7, "(Ani Lestari \\(Word\\))", "(                    )"}
#define FONT8 {8, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Name (F1) >>", NULL}

static const osfile_t os_cleaned[] = {
    {"Info and its string object in a FlateDecode object stream, beside objects left as they are",
     NULL,
     {{{{0}}, 10, FLATE, {ANNOT6, INFO5, STR7, FONT8}, "/Root 1 0 R /Info 5 0 R " OS_ID_IN, "/Root 1 0 R /Info 5 0 R " OS_ID_OUT}}},
    {"[/FlateDecode], a plain /DecodeParms, compressed at level 1",
     NULL,
     {{{{0}}, 10, "/Filter [/FlateDecode] /DecodeParms << /Predictor 1 >>", {INFO5, STR7},
       "/Root 1 0 R /Info 5 0 R", NULL}}},
    {"Info top-level, its string object in an object stream",
     NULL,
     {{{INFO5}, 10, FLATE, {STR7, FONT8}, "/Root 1 0 R /Info 5 0 R", NULL}}},
    {"an incremental update adds a newer Info in a second object stream: both versions blanked",
     NULL,
     {{{{0}}, 10, FLATE, {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL},
      {{{0}}, 20, FLATE " /Extends 10 0 R",
       {{5, "<< /Author (Ani Lestari) /ModDate (D:20261128) /Producer 7 0 R >>",
         "<< /Author (           ) /ModDate (          ) /Producer 7 0 R >>"}},
       "/Root 1 0 R /Info 5 0 R", NULL}}},
    {"an object stream whose /Length is a reference (its data found by endstream)",
     NULL,
     {{{{0}}, 10, FLATE " /Length 30 0 R", {INFO5, STR7, FONT8}, "/Root 1 0 R /Info 5 0 R", NULL}}},
    {"Info in an object stream with nothing left to blank: the stream keeps its bytes",
     NULL,
     {{{{0}}, 10, FLATE, {{5, "<< /Author (   ) /Title <0000> /Trapped /False >>", NULL}, FONT8}, "/Root 1 0 R /Info 5 0 R", NULL}}},
    {"an update adds an object stream without Info after a top-level Info: left as it is",
     NULL,
     {{{INFO5, STR7}, 0, NULL, {{0}}, "/Root 1 0 R /Info 5 0 R", NULL},
      {{{0}}, 20, FLATE, {ANNOT6, FONT8}, "/Root 1 0 R /Info 5 0 R", NULL}}},
};

static void encode_level1(buf_t *out, const buf_t *in) { zlib_encode(out, in, 1); }

static void test_objstm_cleaned(void **state) {
  for (size_t i = 0; i < sizeof os_cleaned / sizeof *os_cleaned; i++) {
    osfile_t f = os_cleaned[i];
    if (i == 1) f.encode = encode_level1;
    check_os(&f, NULL);
  }
}

/* The copy's object stream, inflated by the test, holds the blanked Info
 * and nothing else changed: spelt out for the first case, and the bytes
 * of the objects around Info compared one by one. */
static void test_objstm_inflated(void **state) {
  buf_t copy;
  buf_init(&copy);
  check_os(&os_cleaned[0], &copy);
  const char *stm = memmem(copy.data, copy.len, "/Type /ObjStm", 13);
  assert_non_null(stm);
  size_t len = 0;
  assert_int_equal(sscanf(strstr(stm, "/Length"), "/Length %zu", &len), 1);
  const char *z = strstr(stm, "stream\n") + 7;
  buf_t dec;
  buf_init(&dec);
  assert_true(inflate_all((const unsigned char *)z, len, &dec));
  static const char want[] =
      "6 0 5 83 7 169 8 192 \n"
      "<< /Type /Annot /Subtype /Text /T (Ani L.) /Contents <416E69> /Rect [0 0 10 10] >>\n"
      "<< /Author (           ) /Title <0000000000000000> /Producer 7 0 R /Trapped /False >>\n"
      "(                    )\n"
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Name (F1) >>\n";
  assert_int_equal(dec.len, sizeof want - 1);
  assert_memory_equal(dec.data, want, sizeof want - 1);
  assert_memory_equal(z + len, "\nendstream", 10); /* the data ends where it did */
  buf_free(&dec);
  buf_free(&copy);
}

/* The original object stream is written by zlib with the settings
 * pdfmeta tries first, then s bytes of junk after its end (readers ignore
 * them): the data to fill is s bytes longer. With one-character Info
 * strings, blanking hardly changes the compressed length, so the targets
 * start at or next to the length of zlib's own stream of the blanked data
 * (F). F itself and every length from F + 4 up is met exactly (the copy's
 * stream then ends at its last byte); one of F + 1 to F + 3 cannot be
 * reached with empty blocks, and is refused as such if no other zlib
 * setting reaches it. */
static size_t junk;
static size_t zlib_best(buf_t *out, const buf_t *in) { /* returns the length of the zlib stream */
  z_stream s;
  memset(&s, 0, sizeof s);
  assert_int_equal(deflateInit2(&s, 9, Z_DEFLATED, 15, 9, Z_DEFAULT_STRATEGY), Z_OK);
  unsigned char z[8192];
  s.next_in = (Bytef *)in->data;
  s.avail_in = (uInt)in->len;
  s.next_out = z;
  s.avail_out = sizeof z;
  assert_int_equal(deflate(&s, Z_FINISH), Z_STREAM_END);
  size_t n = sizeof z - s.avail_out;
  deflateEnd(&s);
  if (out) buf_append(out, z, n);
  return n;
}
static void encode_junk(buf_t *out, const buf_t *in) {
  zlib_best(out, in);
  for (size_t i = 0; i < junk; i++) buf_append(out, "\x5A", 1);
}

static void test_objstm_exact_lengths(void **state) {
  static const char *const authors[] = {"(A)", "(B)", "<41>", "(Z)"};
  size_t met = 0, tried = 0, near = 0, exact = 0;
  for (size_t a = 0; a < sizeof authors / sizeof *authors; a++) {
    for (int v = 0; v < 12; v++) {
      char info[200], blank[200];
      snprintf(info, sizeof info, "<< /Author %s /Subject (S) /Pages %d >>", authors[a], v * 37);
      snprintf(blank, sizeof blank, "%s", info);
      blank[strlen("<< /Author ") + 1] = *authors[a] == '(' ? ' ' : '0';
      blank[strlen("<< /Author ") + 2] = *authors[a] == '(' ? ')' : '0';
      *(strstr(blank, "(S)") + 1) = ' ';
      osfile_t f = {"exact lengths", encode_junk,
                    {{{{0}}, 10, FLATE, {{5, info, blank}, FONT8, ANNOT6}, "/Root 1 0 R /Info 5 0 R", NULL}}};
      buf_t dec, orig;
      buf_init(&dec);
      buf_init(&orig);
      os_decoded(&dec, f.revs[0].objs, 1);
      os_decoded(&orig, f.revs[0].objs, 0);
      size_t least = zlib_best(NULL, &dec), start = zlib_best(NULL, &orig);
      for (junk = 0; junk < 24; junk++) {
        size_t target = start + junk;
        buf_t in, out;
        buf_init(&in);
        buf_init(&out);
        osdata_t data[2];
        memset(data, 0, sizeof data);
        os_build(&f, 0, &in, data);
        assert_int_equal(data[0].len, target);
        err_t e = pdfmeta_strip((const unsigned char *)in.data, in.len, &out);
        tried++;
        near += target < least + 4;
        exact += target == least;
        if (e == ERR_OK) {
          met++;
          check_os(&f, NULL);
        } else if (target == least || target >= least + 4) {
          fail_msg("author %s, %zu bytes for at least %zu: refused (%s)", info, target, least, err_message(e));
        } else {
          assert_non_null(strstr(err_message(e), "dikompresi ulang"));
        }
        buf_free(&in);
        buf_free(&out);
        os_data_free(data);
      }
      buf_free(&dec);
      buf_free(&orig);
    }
  }
  print_message("exact lengths: %zu of %zu met; %zu within 3 bytes of zlib's own stream, %zu at it\n", met, tried, near, exact);
  assert_true(near >= 48 && exact >= 8); /* the ones that matter were tried */
  assert_true(met >= tried - near);
}

/* ---------- object streams that are refused ---------- */

/* A zip bomb: the objects, then 8 MB of spaces, about 8 KB compressed. */
static void encode_bomb(buf_t *out, const buf_t *in) {
  buf_t big;
  buf_init(&big);
  buf_append(&big, in->data, in->len);
  for (int i = 0; i < 8 << 10; i++) buf_puts(&big, SP32 SP32 SP32 SP32 SP32 SP32 SP32 SP32);
  zlib_encode(out, &big, 9);
  assert_true(big.len > 4096 + (size_t)PDFMETA_INFLATE_RATIO * out->len);
  buf_free(&big);
}
static void encode_bad_adler(buf_t *out, const buf_t *in) {
  zlib_encode(out, in, 6);
  out->data[out->len - 1] ^= 0x55;
}
static void encode_cut(buf_t *out, const buf_t *in) {
  zlib_encode(out, in, 6);
  out->len -= 6;
}
static void encode_hex_flate(buf_t *out, const buf_t *in) { /* [/ASCIIHexDecode /FlateDecode] */
  buf_t z;
  buf_init(&z);
  zlib_encode(&z, in, 6);
  for (size_t i = 0; i < z.len; i++) buf_printf(out, "%02X", (unsigned char)z.data[i]);
  buf_puts(out, ">");
  buf_free(&z);
}

/* A deflate stream written bit by bit with the fixed Huffman codes, the
 * way a compressor that reaches the whole 32 KB window writes it: zlib
 * never looks further back than 32768 - 262 bytes (MAX_DIST), so a
 * repeat at 32700 bytes it must spell out again. */
typedef struct {
  buf_t *b;
  uint32_t acc;
  int n;
} fixed_t;
static void fixed_bits(fixed_t *w, uint32_t v, int n) {
  w->acc |= v << w->n;
  for (w->n += n; w->n >= 8; w->n -= 8, w->acc >>= 8) {
    unsigned char c = (unsigned char)w->acc;
    buf_append(w->b, &c, 1);
  }
}
static void fixed_code(fixed_t *w, uint32_t code, int len) { /* Huffman codes go most significant bit first */
  for (int i = len - 1; i >= 0; i--) fixed_bits(w, code >> i & 1, 1);
}
static void fixed_literal(fixed_t *w, unsigned c) {
  if (c < 144) fixed_code(w, 0x30 + c, 8);
  else fixed_code(w, 0x190 + c - 144, 9);
}
static void fixed_symbol(fixed_t *w, unsigned s) {
  if (s < 280) fixed_code(w, s - 256, 7);
  else fixed_code(w, 0xC0 + s - 280, 8);
}
static void fixed_match(fixed_t *w, unsigned len, unsigned dist) {
  static const unsigned lbase[] = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                   31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
  static const int lextra[] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
  static const unsigned dbase[] = {1,   2,   3,   4,   5,   7,    9,    13,   17,   25,   33,   49,   65,    97,    129,
                                   193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
  int i = 28, j = 29;
  while (lbase[i] > len) i--;
  while (dbase[j] > dist) j--;
  fixed_symbol(w, 257 + (unsigned)i);
  fixed_bits(w, len - lbase[i], lextra[i]);
  fixed_code(w, (uint32_t)j, 5);
  fixed_bits(w, dist - dbase[j], j < 4 ? 0 : j / 2 - 1);
}
static size_t far_at, far_len, far_dist; /* in[far_at..+far_len) repeats in[far_at - far_dist..] */
static void encode_far(buf_t *out, const buf_t *in) {
  const unsigned char *p = (const unsigned char *)in->data;
  buf_puts(out, "\x78\x01");
  fixed_t w = {out, 0, 0};
  fixed_bits(&w, 3, 3); /* final block, fixed codes */
  for (size_t i = 0; i < in->len;) {
    size_t run = 0;
    if (i >= far_at && i < far_at + far_len) {
      run = far_at + far_len - i;
      if (run > 258) run = 258;
      if (run >= 3) {
        fixed_match(&w, (unsigned)run, (unsigned)far_dist);
        i += run;
        continue;
      }
    }
    while (i > 0 && i + run < in->len && run < 258 && p[i + run] == p[i - 1]) run++;
    if (run >= 3) {
      fixed_match(&w, (unsigned)run, 1);
      i += run;
    } else {
      fixed_literal(&w, p[i++]);
    }
  }
  fixed_symbol(&w, 256);
  if (w.n) fixed_bits(&w, 0, 8 - w.n);
  uint32_t adler = (uint32_t)adler32(1, (const Bytef *)in->data, (uInt)in->len);
  for (int i = 0; i < 4; i++) {
    unsigned char c = (unsigned char)(adler >> (24 - 8 * i));
    buf_append(out, &c, 1);
  }
  buf_t back;
  buf_init(&back);
  assert_true(inflate_all((const unsigned char *)out->data, out->len, &back));
  assert_true(back.len == in->len && same(back.data, in->data, in->len));
  buf_free(&back);
}

static void test_objstm_refused(void **state) {
  static const struct {
    osfile_t f;
    const char *why;
  } refusals[] = {
      {{"a zip bomb holding Info (8 MB of spaces after it): refused, not inflated whole", encode_bomb,
        {{{{0}}, 10, FLATE, {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "terlalu besar"},
      {{"Info in an object stream whose Adler-32 is wrong", encode_bad_adler,
        {{{{0}}, 10, FLATE, {ANNOT6, INFO5}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "rusak"},
      {{"Info in an object stream cut short", encode_cut, {{{{0}}, 10, FLATE, {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "rusak"},
      {{"Info in an object stream under [/ASCIIHexDecode /FlateDecode]", encode_hex_flate,
        {{{{0}}, 10, "/Filter [/ASCIIHexDecode /FlateDecode]", {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "filter"},
      {{"Info in an object stream with a PNG predictor", NULL, /* the data is not predicted: it is never read */
        {{{{0}}, 10, FLATE " /DecodeParms << /Predictor 12 /Columns 4 >>", {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "filter"},
      {{"Info top-level, an object stream under another filter may hold a newer one", encode_hex_flate,
        {{{INFO5, STR7}, 10, "/Filter [/ASCIIHexDecode /FlateDecode]", {ANNOT6}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "filter"},
      {{"Info top-level, an object stream whose /N is a reference (its objects cannot be listed)", NULL,
        {{{INFO5, STR7}, 10, FLATE " /N 9 0 R", {ANNOT6}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "rusak"},
      {{"an object stream whose /First lies past its data", NULL,
        {{{{0}}, 10, FLATE " /First 99999", {INFO5}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "rusak"},
      {{"Info in an object stream, damaged (a string without its end)", NULL,
        {{{{0}}, 10, FLATE, {{5, "<< /Author (Ani >>", NULL}}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "rusak"},
      {{"Info in an object stream under a second revision's zip bomb", encode_bomb,
        {{{INFO5}, 0, NULL, {{0}}, "/Root 1 0 R /Info 5 0 R", NULL},
         {{{0}}, 20, FLATE, {INFO5, STR7}, "/Root 1 0 R /Info 5 0 R", NULL}}},
       "terlalu besar"},
  };
  for (size_t i = 0; i < sizeof refusals / sizeof *refusals; i++) check_os_refused(&refusals[i].f, refusals[i].why);
}

/* A zip bomb or a damaged object stream whose header lists no object to
 * clean is left as it is: Info is elsewhere. */
static void test_objstm_left(void **state) {
  static const osfile_t files[] = {
      {"a zip bomb without Info, Info top-level", encode_bomb,
       {{{INFO5, STR7}, 10, FLATE, {ANNOT6, FONT8}, "/Root 1 0 R /Info 5 0 R " OS_ID_IN, "/Root 1 0 R /Info 5 0 R " OS_ID_OUT}}},
      {"a damaged object stream without Info, Info in an update", encode_bad_adler,
       {{{{0}}, 10, FLATE, {ANNOT6, FONT8}, "/Root 1 0 R", NULL}, {{INFO5, STR7}, 0, NULL, {{0}}, "/Root 1 0 R /Info 5 0 R", NULL}}},
      {"no Info: object streams are not read", encode_hex_flate,
       {{{{0}}, 10, "/Filter [/ASCIIHexDecode /FlateDecode]", {ANNOT6, FONT8}, "/Root 1 0 R", NULL}}},
  };
  for (size_t i = 0; i < sizeof files / sizeof *files; i++) {
    buf_t in, want;
    osdata_t data[2];
    memset(data, 0, sizeof data);
    buf_init(&in);
    buf_init(&want);
    os_build(&files[i], 0, &in, data);
    os_data_free(data);
    os_build(&files[i], 1, &want, data); /* the object stream data as in the input */
    os_data_free(data);
    check_copy(files[i].what, in.data, in.len, want.data, want.len);
    buf_free(&in);
    buf_free(&want);
  }
}

/* The original object stream was written by a compressor that reaches
 * 32700 bytes back (deflate allows 32768); zlib does not, so the blanked
 * data does not fit in the bytes the original took: refused, not
 * lengthened. A 6000-byte string repeated 32700 bytes later costs the
 * original a few dozen bytes and zlib 6000 more. */
static void test_objstm_refit(void **state) {
  enum { R = 6000, D = 32700 };
  static char r[R + 3], filler[D - R - 6 + 3];
  uint32_t x = 2463534242u;
  r[0] = '(';
  for (int i = 1; i <= R; i++) {
    do {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      r[i] = (char)(0x21 + x % 94);
    } while (r[i] == '(' || r[i] == ')' || r[i] == '\\');
  }
  r[R + 1] = ')';
  filler[0] = '(';
  memset(filler + 1, ' ', sizeof filler - 3);
  filler[sizeof filler - 2] = ')';
  osfile_t f = {"Info beside a repeat zlib cannot reach", encode_far,
                {{{{0}}, 10, FLATE, {INFO5, STR7, {11, r, NULL}, {12, filler, NULL}, {13, r, NULL}}, "/Root 1 0 R /Info 5 0 R", NULL}}};
  buf_t dec;
  buf_init(&dec);
  os_decoded(&dec, f.revs[0].objs, 0);
  const char *first = memmem(dec.data, dec.len, r, R + 2), *second = memmem(first + 1, dec.len - (size_t)(first + 1 - dec.data), r, R + 2);
  assert_non_null(second);
  far_at = (size_t)(second - dec.data);
  far_len = R + 2;
  far_dist = (size_t)(second - first);
  assert_int_equal(far_dist, D);
  check_os_refused(&f, "dikompresi ulang");
  /* the same file written by zlib is cleaned */
  f.encode = NULL;
  check_os(&f, NULL);
  buf_free(&dec);
}

/* Every allocation of a clean of object streams failing in turn (inflate,
 * deflate, their zlib states, the decoded copies): ERR_NOMEM with out left
 * as it was, never a half-clean copy; once enough succeed, the copy. */
static void test_objstm_nomem(void **state) {
  buf_t in, want, out;
  osdata_t data[2];
  memset(data, 0, sizeof data);
  buf_init(&in);
  buf_init(&want);
  os_build(&os_cleaned[3], 0, &in, data); /* two object streams, Info in both */
  os_data_free(data);
  assert_int_equal(pdfmeta_strip((const unsigned char *)in.data, in.len, &want), ERR_OK);
  int failed = 0;
  for (long k = 1;; k++) {
    buf_init(&out);
    buf_append(&out, "pre", 3);
    mem_fail_after(k);
    err_t e = pdfmeta_strip((const unsigned char *)in.data, in.len, &out);
    mem_fail_after(0);
    if (e == ERR_OK) {
      assert_int_equal(out.len, 3 + in.len);
      assert_memory_equal(out.data + 3, want.data, in.len);
      buf_free(&out);
      break;
    }
    assert_int_equal(e, ERR_NOMEM);
    assert_int_equal(out.len, 3);
    failed++;
    buf_free(&out);
  }
  print_message("allocation failures tried: %d\n", failed);
  assert_true(failed >= 10); /* the allocations of both streams' inflate and deflate were each made to fail */
  buf_free(&in);
  buf_free(&want);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),    cmocka_unit_test(test_refused_whole), cmocka_unit_test(test_refused_reason), cmocka_unit_test(test_xref_stream),
      cmocka_unit_test(test_bytes),    cmocka_unit_test(test_prefixes),      cmocka_unit_test(test_damaged),
      cmocka_unit_test(test_length_into_later_stream), cmocka_unit_test(test_depth),
      cmocka_unit_test(test_objstm_cleaned), cmocka_unit_test(test_objstm_inflated), cmocka_unit_test(test_objstm_exact_lengths),
      cmocka_unit_test(test_objstm_refused), cmocka_unit_test(test_objstm_left), cmocka_unit_test(test_objstm_refit),
      cmocka_unit_test(test_objstm_nomem),
  };
  return cmocka_run_group_tests_name("pdfmeta", tests, NULL, NULL);
}
