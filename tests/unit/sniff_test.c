/* sniff_test.c — evidence type by magic bytes, tiny fixtures per type. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/err.h"
#include "domain/sniff.h"
#include "core/banned.h"

#define B(s) (const unsigned char *)(s), sizeof(s) - 1

static const struct {
  const char *what;
  const unsigned char *p;
  size_t n;
  const char *want; /* type name, NULL = refused */
} cases[] = {
    {"jpeg jfif", B("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), "JPEG"},
    {"jpeg exif", B("\xFF\xD8\xFF\xE1\x12\x34" "Exif\x00\x00"), "JPEG"},
    {"png", B("\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR"), "PNG"},
    {"webp", B("RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"), "WebP"},
    {"webp lossless", B("RIFF\x24\x00\x00\x00WEBPVP8L"), "WebP"},
    {"pdf", B("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), "PDF"},
    {"mp4 isom", B("\x00\x00\x00\x20" "ftypisom\x00\x00\x02\x00isomiso2avc1mp41"), "MP4"},
    {"mp4 mp42", B("\x00\x00\x00\x18" "ftypmp42\x00\x00\x00\x00mp42isom"), "MP4"},
    {"mp4 avc1", B("\x00\x00\x00\x18" "ftypavc1\x00\x00\x00\x00" "avc1isom"), "MP4"},
    {"m4a", B("\x00\x00\x00\x20" "ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x00"), "M4A"},
    {"m4b", B("\x00\x00\x00\x18" "ftypM4B \x00\x00\x00\x00M4B mp42"), "M4A"},
    {"mp3 id3", B("ID3\x04\x00\x00\x00\x00\x00\x23TSSE"), "MP3"},
    {"mp3 mpeg1 layer3 128k", B("\xFF\xFB\x90\x64\x00\x00"), "MP3"},
    {"mp3 mpeg2 layer3", B("\xFF\xF3\x48\xC4\x00"), "MP3"},
    {"mp3 mpeg2.5 layer3", B("\xFF\xE3\x18\xC4\x00"), "MP3"},
    {"ogg", B("OggS\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00"), "OGG"},
    /* refused */
    {"html renamed .jpg", B("<!DOCTYPE html><html><body>foto</body></html>"), NULL},
    {"html with bom", B("\xEF\xBB\xBF<html>"), NULL},
    {"truncated png", B("\x89PNG"), NULL},
    {"truncated jpeg", B("\xFF\xD8"), NULL},
    {"truncated ftyp", B("\x00\x00\x00\x20" "ftypis"), NULL},
    {"riff wave not webp", B("RIFF\x24\x00\x00\x00WAVEfmt "), NULL},
    {"riff avi", B("RIFF\x24\x00\x00\x00" "AVI LIST"), NULL},
    {"quicktime mov", B("\x00\x00\x00\x14" "ftypqt  \x00\x00\x00\x00qt  "), NULL},
    {"heic", B("\x00\x00\x00\x18" "ftypheic\x00\x00\x00\x00mif1heic"), NULL},
    {"ftyp absurd box size", B("\x7F\x00\x00\x00" "ftypisom\x00\x00\x02\x00isom"), NULL},
    {"mp2 layer II frame", B("\xFF\xFD\x90\x64"), NULL},
    {"mpeg reserved version", B("\xFF\xEB\x90\x64"), NULL},
    {"mp3 bad bitrate", B("\xFF\xFB\xF0\x64"), NULL},
    {"mp3 bad sample rate", B("\xFF\xFB\x9C\x64"), NULL},
    {"zip (docx)", B("PK\x03\x04\x14\x00\x06\x00"), NULL},
    {"elf", B("\x7F" "ELF\x02\x01\x01"), NULL},
    {"gif", B("GIF89a\x01\x00\x01\x00"), NULL},
    {"svg", B("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), NULL},
    {"ogg wrong version", B("OggS\x01\x02"), NULL},
    {"empty", B(""), NULL},
};

static void test_fixtures(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const sniff_type_t *t = (const sniff_type_t *)1;
    err_clear();
    err_t e = sniff_type(cases[i].p, cases[i].n, &t);
    if (cases[i].want) {
      if (e != ERR_OK || !t) fail_msg("%s: refused", cases[i].what);
      if (strcmp(t->name, cases[i].want) != 0) fail_msg("%s: got %s want %s", cases[i].what, t->name, cases[i].want);
    } else {
      if (e != ERR_UNSUPPORTED_TYPE) fail_msg("%s: accepted as %s", cases[i].what, t ? t->name : "?");
      assert_null(t);
      assert_string_equal(err_field(e), "bukti");
      assert_non_null(strstr(err_message(e), "JPEG, PNG, WebP, PDF, MP4, MP3, M4A, OGG"));
    }
  }
}

static void test_rows_have_mime_and_ext(void **state) {
  (void)state;
  size_t n = 0;
  const sniff_type_t *rows = sniff_types(&n);
  assert_int_equal(n, 8);
  const sniff_type_t *t = NULL;
  assert_int_equal(sniff_type((const unsigned char *)"%PDF-1.4", 8, &t), ERR_OK);
  assert_string_equal(t->mime, "application/pdf");
  assert_string_equal(t->ext, "pdf");
  for (size_t i = 0; i < n; i++) {
    assert_true(strchr(rows[i].mime, '/') != NULL);
    assert_true(strlen(rows[i].ext) >= 3);
  }
}

static void test_null_input(void **state) {
  (void)state;
  const sniff_type_t *t = NULL;
  assert_int_equal(sniff_type(NULL, 0, &t), ERR_UNSUPPORTED_TYPE);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fixtures),
      cmocka_unit_test(test_rows_have_mime_and_ext),
      cmocka_unit_test(test_null_input),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
