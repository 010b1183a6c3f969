/* mediameta.c — evidence files without identifying metadata, one table row per type (see mediameta.h). */
#include "domain/mediameta.h"

#include <stdint.h>
#include <string.h>

#include "core/bytes.h"
#include "domain/avmeta.h"
#include "domain/pdfmeta.h"
#include "core/banned.h"

static uint32_t rd16(int big, const unsigned char *p) { return big ? bytes_be16(p) : bytes_le16(p); }
static uint32_t rd32(int big, const unsigned char *p) { return big ? bytes_be32(p) : bytes_le32(p); }

static err_t bad(void) { return err_set(ERR_INVALID, "bukti", "Berkas gambar rusak: metadatanya tidak dapat dipisahkan."); }

/* ---------- JPEG ---------- */

/* APPn/COM segments that can carry who, where and when; APP2 only when it
 * is not an ICC profile (e.g. the MPF index of the images appended after EOI). */
static int jpeg_drop(unsigned m, const unsigned char *data, size_t len) {
  if (m == 0xE2) return !(len >= 12 && memcmp(data, "ICC_PROFILE", 12) == 0);
  return m == 0xE1 || (m >= 0xE3 && m <= 0xED) || m == 0xEF || m == 0xFE;
}

/* End of the entropy-coded data starting at p: the first marker that is
 * neither a stuffed 0xFF00 nor a restart marker (or n). */
static size_t jpeg_scan_end(const unsigned char *in, size_t n, size_t p) {
  for (; p + 1 < n; p++) {
    if (in[p] != 0xFF) continue;
    unsigned m = in[p + 1];
    if (m != 0x00 && m != 0xFF && !(m >= 0xD0 && m <= 0xD7)) return p;
  }
  return n;
}

/* ---------- Exif orientation ---------- */

/* The orientation (2..8) in the first IFD of an Exif APP1 payload
 * ("Exif\0\0" + TIFF), 0 when absent, 1 (upright) or unreadable. The IFD must
 * be whole, next-IFD pointer included, so that the minimal Exif written in
 * its place is never longer than the segment it replaces. */
static int exif_orientation(const unsigned char *d, size_t n) {
  if (n < 14 || memcmp(d, "Exif\0\0", 6) != 0) return 0;
  const unsigned char *t = d + 6;
  size_t tn = n - 6;
  int be = memcmp(t, "MM\0*", 4) == 0;
  if (!be && memcmp(t, "II*\0", 4) != 0) return 0;
  uint32_t ifd = rd32(be, t + 4);
  if (ifd < 8 || ifd > tn || tn - ifd < 2) return 0;
  size_t count = rd16(be, t + ifd);
  if ((tn - ifd - 2) / 12 < count || tn - ifd - 2 - 12 * count < 4) return 0;
  for (size_t i = 0; i < count; i++) {
    const unsigned char *e = t + ifd + 2 + 12 * i;
    if (rd16(be, e) != 0x0112) continue;
    uint32_t v = rd16(be, e + 8), cnt = rd32(be, e + 4);
    return rd16(be, e + 2) == 3 && cnt == 1 && v >= 2 && v <= 8 ? (int)v : 0;
  }
  return 0;
}

/* An APP1 segment holding only the orientation: a big-endian TIFF with one
 * IFD of one entry (tag 0x0112, SHORT, count 1) and no next IFD. */
static int jpeg_put_orientation(buf_t *out, int orientation) {
  static const unsigned char head[] = {0xFF, 0xE1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, '*', 0, 0, 0, 8,
                                       0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1};
  const unsigned char tail[] = {0, (unsigned char)orientation, 0, 0, 0, 0, 0, 0};
  return buf_append(out, head, sizeof head) || buf_append(out, tail, sizeof tail);
}

static err_t jpeg_strip(const unsigned char *in, size_t n, buf_t *out) {
  if (n < 2 || in[0] != 0xFF || in[1] != 0xD8) return bad();
  if (buf_append(out, in, 2)) return ERR_NOMEM;
  size_t p = 2;
  int turned = 0; /* the orientation of the first Exif that has one is kept */
  while (p < n) {
    if (in[p] != 0xFF) return bad();
    while (p < n && in[p] == 0xFF) p++; /* fill bytes */
    if (p >= n) return bad();
    unsigned m = in[p++];
    const unsigned char mk[2] = {0xFF, (unsigned char)m};
    if (m == 0xD8 || m == 0x00) return bad();
    if (m == 0xD9) return buf_append(out, mk, 2) ? ERR_NOMEM : ERR_OK; /* EOI: what follows is dropped */
    if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { /* no length */
      if (buf_append(out, mk, 2)) return ERR_NOMEM;
      continue;
    }
    if (p + 2 > n) return bad();
    size_t len = bytes_be16(in + p);
    if (len < 2 || p + len > n) return bad();
    size_t end = p + len;
    if (m == 0xDA) end = jpeg_scan_end(in, n, end); /* SOS: header and its entropy-coded data */
    if (m == 0xE1 && !turned && (turned = exif_orientation(in + p + 2, len - 2)) && jpeg_put_orientation(out, turned))
      return ERR_NOMEM;
    if (!jpeg_drop(m, in + p + 2, len - 2) && (buf_append(out, mk, 2) || buf_append(out, in + p, end - p)))
      return ERR_NOMEM;
    p = end;
  }
  return ERR_OK; /* a file cut short after its last scan: served as far as it goes */
}

/* ---------- PNG ---------- */

static const unsigned char PNG_SIG[8] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};

static int png_drop(const unsigned char *type) {
  static const char *const drop[] = {"tEXt", "zTXt", "iTXt", "eXIf", "tIME"};
  for (size_t i = 0; i < sizeof drop / sizeof *drop; i++)
    if (memcmp(type, drop[i], 4) == 0) return 1;
  return 0;
}

static err_t png_strip(const unsigned char *in, size_t n, buf_t *out) {
  if (n < 8 || memcmp(in, PNG_SIG, 8) != 0) return bad();
  if (buf_append(out, in, 8)) return ERR_NOMEM;
  for (size_t p = 8; p < n;) {
    if (n - p < 12) return bad();
    size_t len = bytes_be32(in + p);
    if (len > n - p - 12) return bad();
    size_t whole = 12 + len;
    if (!png_drop(in + p + 4) && buf_append(out, in + p, whole)) return ERR_NOMEM;
    if (memcmp(in + p + 4, "IEND", 4) == 0) return ERR_OK; /* what follows is dropped */
    p += whole;
  }
  return ERR_OK; /* ends at a chunk boundary without IEND: every chunk was walked */
}

/* ---------- WebP ---------- */

enum { VP8X_EXIF = 0x08, VP8X_XMP = 0x04 };

static err_t webp_strip(const unsigned char *in, size_t n, buf_t *out) {
  if (n < 12 || memcmp(in, "RIFF", 4) != 0 || memcmp(in + 8, "WEBP", 4) != 0) return bad();
  size_t riff = bytes_le32(in + 4);
  if (riff < 4 || riff > n - 8) return bad();
  size_t endp = 8 + riff, start = out->len;
  if (buf_append(out, in, 12)) return ERR_NOMEM;
  for (size_t p = 12; p < endp;) {
    if (endp - p < 8) return bad();
    size_t len = bytes_le32(in + p + 4), whole = 8 + len + (len & 1);
    if (len > endp - p - 8 || whole > endp - p) {
      if (len <= endp - p - 8 && whole == endp - p + 1) whole = endp - p; /* last chunk without its pad byte */
      else return bad();
    }
    const unsigned char *fourcc = in + p;
    if (memcmp(fourcc, "EXIF", 4) != 0 && memcmp(fourcc, "XMP ", 4) != 0) {
      size_t at = out->len;
      if (buf_append(out, in + p, whole)) return ERR_NOMEM;
      if (memcmp(fourcc, "VP8X", 4) == 0 && len >= 1) out->data[at + 8] &= (char)~(VP8X_EXIF | VP8X_XMP);
    }
    p += whole;
  }
  size_t size = out->len - start - 8;
  unsigned char le[4] = {(unsigned char)size, (unsigned char)(size >> 8), (unsigned char)(size >> 16),
                         (unsigned char)(size >> 24)};
  memcpy(out->data + start + 4, le, 4);
  return ERR_OK;
}

/* ---------- table ---------- */

static const struct {
  const char *mime;
  err_t (*strip)(const unsigned char *, size_t, buf_t *);
} FORMATS[] = {{"image/jpeg", jpeg_strip},        {"image/png", png_strip},         {"image/webp", webp_strip},
               {"video/mp4", avmeta_strip_bmff}, {"audio/mp4", avmeta_strip_bmff}, {"audio/mpeg", avmeta_strip_mp3},
               {"application/pdf", pdfmeta_strip}};

static int format_of(const char *mime) {
  for (size_t i = 0; mime && i < sizeof FORMATS / sizeof *FORMATS; i++)
    if (strcmp(mime, FORMATS[i].mime) == 0) return (int)i;
  return -1;
}

int mediameta_supported(const char *mime) { return format_of(mime) >= 0; }

err_t mediameta_strip(const char *mime, const unsigned char *in, size_t n, buf_t *out, size_t *removed) {
  int f = format_of(mime);
  if (f < 0) return err_set(ERR_INVALID, "bukti", "Jenis berkas ini tidak dapat dibersihkan dari metadata.");
  size_t before = out->len;
  err_t e = FORMATS[f].strip(in, n, out);
  if (!e && out->oom) e = ERR_NOMEM;
  if (e) {
    out->len = before;
    return e;
  }
  *removed = n - (out->len - before);
  return ERR_OK;
}
