/* sniff.c — evidence file type by magic bytes, one table row per type (see sniff.h). */
#include "domain/sniff.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

typedef int (*sniff_match_fn)(const unsigned char *p, size_t n);

static int has(const unsigned char *p, size_t n, size_t off, const char *magic, size_t len) {
  return n >= off + len && memcmp(p + off, magic, len) == 0;
}

static int match_jpeg(const unsigned char *p, size_t n) { return has(p, n, 0, "\xFF\xD8\xFF", 3); }
static int match_png(const unsigned char *p, size_t n) {
  return has(p, n, 0, "\x89PNG\r\n\x1A\n", 8);
}
static int match_webp(const unsigned char *p, size_t n) {
  return has(p, n, 0, "RIFF", 4) && has(p, n, 8, "WEBP", 4) && has(p, n, 12, "VP8", 3);
}
static int match_pdf(const unsigned char *p, size_t n) { return has(p, n, 0, "%PDF-", 5); }
static int match_ogg(const unsigned char *p, size_t n) {
  return has(p, n, 0, "OggS", 4) && n > 4 && p[4] == 0; /* stream structure version 0 */
}

/* ISO base media file: a leading "ftyp" box whose major brand decides. */
static const char *const mp4_brands[] = {"isom", "iso2", "iso3", "iso4", "iso5", "iso6", "mp41",
                                         "mp42", "avc1", "dash", "M4V ", "M4VH", "mmp4", "msnv",
                                         "3gp4", "3gp5", "3gp6", "3g2a", NULL};
static const char *const m4a_brands[] = {"M4A ", "M4B ", "M4P ", NULL};

static int ftyp_brand_in(const unsigned char *p, size_t n, const char *const *brands) {
  if (n < 16 || !has(p, n, 4, "ftyp", 4)) return 0;
  unsigned long box = ((unsigned long)p[0] << 24) | ((unsigned long)p[1] << 16) |
                      ((unsigned long)p[2] << 8) | p[3];
  if (box < 16 || box > 4096 || box % 4 != 0) return 0;
  for (size_t i = 0; brands[i]; i++)
    if (memcmp(p + 8, brands[i], 4) == 0) return 1;
  return 0;
}
static int match_mp4(const unsigned char *p, size_t n) { return ftyp_brand_in(p, n, mp4_brands); }
static int match_m4a(const unsigned char *p, size_t n) { return ftyp_brand_in(p, n, m4a_brands); }

/* MP3: an ID3v2 tag, or an MPEG audio Layer III frame header (ISO 11172-3):
 * 11 sync bits, version != reserved, layer == III, bitrate index not 0/15,
 * sampling index != 3, emphasis != reserved. */
static int match_mp3(const unsigned char *p, size_t n) {
  if (has(p, n, 0, "ID3", 3)) return n >= 10 && p[3] >= 2 && p[3] <= 4 && p[4] != 0xFF;
  if (n < 4 || p[0] != 0xFF || (p[1] & 0xE0) != 0xE0) return 0;
  unsigned version = (p[1] >> 3) & 3, layer = (p[1] >> 1) & 3;
  unsigned bitrate = p[2] >> 4, rate = (p[2] >> 2) & 3, emphasis = p[3] & 3;
  return version != 1 && layer == 1 && bitrate != 0 && bitrate != 15 && rate != 3 && emphasis != 2;
}

/* The table: sniff_rows[i] is recognised by sniff_match[i]; first match wins. */
static const sniff_type_t sniff_rows[] = {
    {"JPEG", "image/jpeg", "jpg"},     {"PNG", "image/png", "png"},  {"WebP", "image/webp", "webp"},
    {"PDF", "application/pdf", "pdf"}, {"MP4", "video/mp4", "mp4"},  {"MP3", "audio/mpeg", "mp3"},
    {"M4A", "audio/mp4", "m4a"},       {"OGG", "audio/ogg", "ogg"},
};
static const sniff_match_fn sniff_match[] = {
    match_jpeg, match_png, match_webp, match_pdf, match_mp4, match_mp3, match_m4a, match_ogg,
};
enum { SNIFF_ROWS = sizeof sniff_rows / sizeof sniff_rows[0] };
_Static_assert(sizeof sniff_match / sizeof sniff_match[0] == SNIFF_ROWS, "one matcher per row");

const sniff_type_t *sniff_types(size_t *n) {
  if (n) *n = SNIFF_ROWS;
  return sniff_rows;
}

err_t sniff_type(const unsigned char *p, size_t n, const sniff_type_t **out) {
  char allowed[160];
  size_t o = 0;
  *out = NULL;
  for (size_t i = 0; p && i < SNIFF_ROWS; i++) {
    if (sniff_match[i](p, n)) {
      *out = &sniff_rows[i];
      return ERR_OK;
    }
  }
  allowed[0] = '\0';
  for (size_t i = 0; i < SNIFF_ROWS && o < sizeof allowed; i++) {
    int w = snprintf(allowed + o, sizeof allowed - o, "%s%s", i ? ", " : "", sniff_rows[i].name);
    if (w < 0) break;
    o += (size_t)w;
  }
  return err_set(ERR_UNSUPPORTED_TYPE, "bukti",
                 "Jenis berkas tidak didukung. Jenis yang diizinkan: %s.", allowed);
}
