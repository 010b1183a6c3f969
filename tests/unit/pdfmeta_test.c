/* pdfmeta_test.c — PDF evidence without identifying metadata.
 * A table of PDFs built object by object (with correct xref offsets), each
 * object with what the copy must hold in its place; a PDF with a
 * cross-reference stream; two files spelt out byte for byte (generated once
 * with their xref offsets, then frozen here); files that must be refused,
 * whole and damaged; every prefix of the spelt-out files. Every copy has the
 * length of its input and is cleaned a second time: it must not change. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

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
    {"info inside an object stream",
     {{{PAGES, STMS(10, "<< /Type /ObjStm /N 1 /First 5 /Length #L >>", "5 0 << /Author (Ani) >>")}, ROOT " /Info 5 0 R", NULL}}},
    {"info top-level, an object stream in a later update (a newer Info may be in it)",
     {{{PAGES, OBJ(5, "<< /Author (Ani) >>")}, ROOT " /Info 5 0 R", NULL},
      {{STMS(10, "<< /Type /ObjStm /N 1 /First 5 /Length #L >>", "5 0 << /Author (Ani Lestari) >>")}, ROOT " /Info 5 0 R",
       NULL}}},
    {"a string object of Info only in an object stream",
     {{{PAGES, OBJ(5, "<< /Author 7 0 R >>"), STMS(10, "<< /Type /ObjStm /N 1 /First 4 /Length #L >>", "7 0 (Ani)")},
       ROOT " /Info 5 0 R", NULL}}},
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
         STMS(10, "<< /Type /ObjStm /N 1 /First 5 /Length #L >>", "5 0 << /Author (Ani) >>")},
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

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_table),    cmocka_unit_test(test_refused_whole), cmocka_unit_test(test_refused_reason), cmocka_unit_test(test_xref_stream),
      cmocka_unit_test(test_bytes),    cmocka_unit_test(test_prefixes),      cmocka_unit_test(test_damaged),
      cmocka_unit_test(test_length_into_later_stream), cmocka_unit_test(test_depth),
  };
  return cmocka_run_group_tests_name("pdfmeta", tests, NULL, NULL);
}
