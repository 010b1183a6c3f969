/* multipart_test.c — multipart/form-data parsing: forms browsers send, binary content, malformed bodies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"
#include "http/multipart.h"
#include "core/banned.h"

#define S(lit) lit, sizeof(lit) - 1
#define CT "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"
#define B "------WebKitFormBoundary7MA4YWxkTrZu0gW"

static multipart_part_t parts[8];

static void assert_data(const multipart_part_t *p, const char *want, size_t n) {
  assert_int_equal(p->len, n);
  assert_memory_equal(p->data, want, n);
}

static void test_form_with_file_and_field(void **state) {
  static const char body[] =
      B "\r\n"
      "Content-Disposition: form-data; name=\"judul\"\r\n"
      "\r\n"
      "Politik uang di TPS 03\r\n" B "\r\n"
      "Content-Disposition: form-data; name=\"bukti\"; filename=\"foto.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n"
      "\r\n"
      "\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\r\n" B "--\r\n";
  size_t n = 99;
  assert_int_equal(multipart_parse(CT, S(body), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 2);
  assert_string_equal(parts[0].name, "judul");
  assert_null(multipart_filename(&parts[0]));
  assert_string_equal(parts[0].content_type, "text/plain");
  assert_data(&parts[0], S("Politik uang di TPS 03"));
  assert_string_equal(parts[1].name, "bukti");
  assert_string_equal(multipart_filename(&parts[1]), "foto.jpg");
  assert_string_equal(parts[1].content_type, "image/jpeg");
  assert_data(&parts[1], S("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"));
  /* pointers into the body, no copy */
  assert_true(parts[1].data > body && parts[1].data < body + sizeof body);
  assert_ptr_equal(multipart_find(parts, n, "bukti"), &parts[1]);
  assert_null(multipart_find(parts, n, "tidak-ada"));
}

static void test_quoted_boundary_and_header_case(void **state) {
  static const char body[] =
      "--a b:c=d?\r\n"
      "CONTENT-DISPOSITION: Form-Data; NAME=\"nama\"\r\n"
      "content-TYPE: Text/Plain; charset=UTF-8\r\n"
      "X-Lain: diabaikan\r\n"
      "\r\n"
      "Siti\r\n"
      "--a b:c=d?--";
  size_t n;
  assert_int_equal(multipart_parse("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c=d?\"", S(body), parts, 8, &n),
                   ERR_OK);
  assert_int_equal(n, 1);
  assert_string_equal(parts[0].name, "nama");
  assert_string_equal(parts[0].content_type, "text/plain");
  assert_data(&parts[0], S("Siti"));
  /* unquoted, with spaces around '=' and '; ' */
  static const char body2[] = "--xyz\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--xyz--\r\n";
  assert_int_equal(multipart_parse("multipart/form-data ;boundary = xyz", S(body2), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 1);
  assert_string_equal(parts[0].name, "a");
  assert_data(&parts[0], S("1"));
}

static void test_binary_content_is_not_cut(void **state) {
  /* CR, LF, NUL, a blank line, the boundary without its CRLF, a prefix of the
   * boundary at line start, and the boundary followed by other bytes */
#define BIN "\x89PNG\r\n\x1A\n\x00\x00\r\n\r\n--bnd\r\n--bndr\r\n--bndryX\r\nabc--bndry\r\n\r\n--bndry-x\x00"
  static const char body[] =
      "--bndry\r\n"
      "Content-Disposition: form-data; name=\"bukti\"; filename=\"a.png\"\r\n"
      "Content-Type: image/png\r\n"
      "\r\n" BIN "\r\n--bndry  \r\n" /* transport padding after a delimiter is allowed */
      "Content-Disposition: form-data; name=\"kosong\"\r\n"
      "\r\n"
      "\r\n--bndry--";
  size_t n;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=bndry", S(body), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 2);
  assert_data(&parts[0], S(BIN));
  assert_string_equal(parts[1].name, "kosong");
  assert_int_equal(parts[1].len, 0);
#undef BIN
}

static void test_part_without_content_section(void **state) {
  /* RFC 2046 allows a body part of headers only: the CRLF ending the header
   * block doubles as the delimiter's CRLF */
  static const char body[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n--q--";
  size_t n;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(body), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 1);
  assert_int_equal(parts[0].len, 0);
}

static void test_preamble_and_epilogue_ignored(void **state) {
  static const char body[] =
      "Ini pembukaan yang diabaikan.\r\n--q\r\n"
      "Content-Disposition: form-data; name=\"x\"\r\n\r\nnilai\r\n--q--\r\nPenutup diabaikan --q\r\n";
  size_t n;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(body), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 1);
  assert_data(&parts[0], S("nilai"));
}

static void test_missing_closing_boundary(void **state) {
  static const char cut[] =
      "--q\r\nContent-Disposition: form-data; name=\"bukti\"; filename=\"v.mp4\"\r\n\r\n\x00\x00\x00\x20" "ftypisom";
  static const char no_dashes[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--q\r\n";
  static const char cut_headers[] = "--q\r\nContent-Disposition: form-data; name=\"x\"\r\n";
  size_t n = 7;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(cut), parts, 8, &n), ERR_BAD_REQUEST);
  assert_int_equal(n, 0);
  assert_non_null(strstr(err_message(ERR_BAD_REQUEST), "Batas penutup"));
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(no_dashes), parts, 8, &n), ERR_BAD_REQUEST);
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(cut_headers), parts, 8, &n), ERR_BAD_REQUEST);
  /* the boundary never appears at all */
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S("nama=Siti"), parts, 8, &n), ERR_BAD_REQUEST);
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", NULL, 0, parts, 8, &n), ERR_BAD_REQUEST);
}

static void test_bad_content_type(void **state) {
  static const char body[] = "--q--";
  static const char *const bad[] = {
      NULL,
      "",
      "multipart/form-data",
      "multipart/form-data;",
      "multipart/form-data; boundary=",
      "multipart/form-data; boundary=\"\"",
      "multipart/form-data; boundary=\"q",
      "multipart/mixed; boundary=q",
      "application/x-www-form-urlencoded",
      "application/json; boundary=q",
      "multipart/form-data; boundary=q\x01",
      "multipart/form-data; boundary=\"q \"", /* may not end in a space */
      "multipart/form-data; boundary=12345678901234567890123456789012345678901234567890123456789012345678901",
      "multipart/form-data; boundaryq",
  };
  size_t n;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    err_clear();
    assert_int_equal(multipart_parse(bad[i], S(body), parts, 8, &n), ERR_BAD_REQUEST);
    assert_string_equal(err_message(ERR_BAD_REQUEST), "Content-Type harus multipart/form-data dengan boundary.");
  }
  /* 70 characters is the RFC maximum and accepted */
  assert_int_equal(multipart_parse("multipart/form-data; boundary=1234567890123456789012345678901234567890123456789012345678901234567890",
                                   S("--1234567890123456789012345678901234567890123456789012345678901234567890--"), parts, 8, &n),
                   ERR_OK);
}

static void test_zero_parts(void **state) {
  size_t n = 5;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S("--q--\r\n"), parts, 8, &n), ERR_OK);
  assert_int_equal(n, 0);
  n = 5;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S("preamble\r\n--q--"), NULL, 0, &n), ERR_OK);
  assert_int_equal(n, 0);
}

static void test_too_many_parts(void **state) {
  static const char body[] =
      "--q\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n"
      "--q\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n2\r\n"
      "--q\r\nContent-Disposition: form-data; name=\"c\"\r\n\r\n3\r\n--q--\r\n";
  size_t n = 9;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(body), parts, 2, &n), ERR_TOO_LARGE);
  assert_int_equal(n, 0);
  assert_non_null(strstr(err_message(ERR_TOO_LARGE), "Terlalu banyak bagian"));
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", S(body), parts, 3, &n), ERR_OK);
  assert_int_equal(n, 3);
  assert_string_equal(parts[2].name, "c");
  assert_data(&parts[2], S("3"));
}

static void test_filenames(void **state) {
  static const struct {
    const char *disp, *want;
  } cases[] = {
      {"form-data; name=\"f\"; filename=\"C:\\Users\\ani\\foto TPS.jpg\"", "foto TPS.jpg"},
      {"form-data; name=\"f\"; filename=\"../../etc/passwd\"", "passwd"},
      {"form-data; name=\"f\"; filename=\"a\\\"b.jpg\"", "a\"b.jpg"},
      {"form-data; name=\"f\"; filename=\"%22kutip%22.pdf\"", "%22kutip%22.pdf"},
      {"form-data; name=\"f\"; filename=\"\"", ""},
      {"form-data; filename=\"x; name=y.jpg\"; name=\"f\"", "x; name=y.jpg"},
      {"form-data; name=\"f\"; filename=\"rekaman.m4a\"; filename*=UTF-8''r%C3%A9.m4a", "rekaman.m4a"},
  };
  char body[512];
  size_t n;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int w = snprintf(body, sizeof body, "--q\r\nContent-Disposition: %s\r\n\r\nisi\r\n--q--", cases[i].disp);
    assert_int_equal(multipart_parse("multipart/form-data; boundary=q", body, (size_t)w, parts, 8, &n), ERR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(parts[0].name, "f");
    assert_non_null(multipart_filename(&parts[0]));
    assert_string_equal(multipart_filename(&parts[0]), cases[i].want);
  }
}

static void test_long_filename_truncated_on_utf8_boundary(void **state) {
  char body[1024], fname[400];
  size_t n, o = 0;
  fname[o++] = 'a'; /* "ab" + 2-byte characters: byte 255 is a continuation byte */
  fname[o++] = 'b';
  while (o + 2 < sizeof fname - 1) {
    fname[o++] = '\xC3';
    fname[o++] = '\xA9';
  }
  fname[o] = '\0';
  int w = snprintf(body, sizeof body, "--q\r\nContent-Disposition: form-data; name=\"f\"; filename=\"%s\"\r\n\r\nx\r\n--q--", fname);
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", body, (size_t)w, parts, 8, &n), ERR_OK);
  size_t len = strlen(parts[0].filename);
  assert_int_equal(len, MULTIPART_FILENAME_MAX - 2); /* 255 bytes would split an "é" */
  assert_memory_equal(parts[0].filename, fname, len);
}

static void test_malformed_parts(void **state) {
  static const char *const bad[] = {
      /* no name */
      "--q\r\nContent-Disposition: form-data; filename=\"a.jpg\"\r\n\r\nx\r\n--q--",
      /* empty name */
      "--q\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n--q--",
      /* no Content-Disposition */
      "--q\r\nContent-Type: text/plain\r\n\r\nx\r\n--q--",
      /* no headers at all */
      "--q\r\n\r\nx\r\n--q--",
      /* not form-data */
      "--q\r\nContent-Disposition: attachment; name=\"x\"\r\n\r\nx\r\n--q--",
      /* header line without colon */
      "--q\r\nContent-Disposition: form-data; name=\"x\"\r\nrusak\r\n\r\nx\r\n--q--",
      /* unterminated quoted-string */
      "--q\r\nContent-Disposition: form-data; name=\"x\r\n\r\nx\r\n--q--",
      /* parameter without value */
      "--q\r\nContent-Disposition: form-data; name\r\n\r\nx\r\n--q--",
      /* control byte in a name */
      "--q\r\nContent-Disposition: form-data; name=\"a\nb\"\r\n\r\nx\r\n--q--",
      /* two Content-Disposition headers: ambiguous */
      "--q\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n--q--",
      /* two names in one header */
      "--q\r\nContent-Disposition: form-data; name=\"a\"; name=\"b\"\r\n\r\nx\r\n--q--",
      /* headers missing the blank line before the next delimiter */
      "--q\r\nContent-Disposition: form-data; name=\"a\"\r\n--q--",
  };
  size_t n;
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    n = 3;
    assert_int_equal(multipart_parse("multipart/form-data; boundary=q", bad[i], strlen(bad[i]), parts, 8, &n),
                     ERR_BAD_REQUEST);
    assert_int_equal(n, 0);
  }
  /* a field name longer than the buffer is refused, not truncated */
  char body[512], name[MULTIPART_NAME_MAX + 1];
  memset(name, 'n', sizeof name - 1);
  name[sizeof name - 1] = '\0';
  int w = snprintf(body, sizeof body, "--q\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\nx\r\n--q--", name);
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", body, (size_t)w, parts, 8, &n), ERR_BAD_REQUEST);
}

static void test_oversized_header_block(void **state) {
  static char body[MULTIPART_HEADERS_MAX + 256];
  size_t o = 0, n;
  o += (size_t)snprintf(body, sizeof body, "--q\r\nContent-Disposition: form-data; name=\"x\"\r\nX-Pad: ");
  while (o < MULTIPART_HEADERS_MAX + 8) body[o++] = 'p';
  memcpy(body + o, "\r\n\r\nx\r\n--q--", 12);
  o += 12;
  assert_int_equal(multipart_parse("multipart/form-data; boundary=q", body, o, parts, 8, &n), ERR_BAD_REQUEST);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_form_with_file_and_field),
      cmocka_unit_test(test_quoted_boundary_and_header_case),
      cmocka_unit_test(test_binary_content_is_not_cut),
      cmocka_unit_test(test_part_without_content_section),
      cmocka_unit_test(test_preamble_and_epilogue_ignored),
      cmocka_unit_test(test_missing_closing_boundary),
      cmocka_unit_test(test_bad_content_type),
      cmocka_unit_test(test_zero_parts),
      cmocka_unit_test(test_too_many_parts),
      cmocka_unit_test(test_filenames),
      cmocka_unit_test(test_long_filename_truncated_on_utf8_boundary),
      cmocka_unit_test(test_malformed_parts),
      cmocka_unit_test(test_oversized_header_block),
  };
  return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
