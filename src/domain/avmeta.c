/* avmeta.c — evidence video and audio without identifying metadata (see avmeta.h). */
#include "domain/avmeta.h"

#include <stdint.h>
#include <string.h>

#include "core/bytes.h"
#include "core/banned.h"

/* ---------- ISO BMFF ---------- */

static err_t bad_bmff(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas video/audio MP4 rusak: metadatanya tidak dapat dipisahkan.");
}

enum { BOX_COPY, BOX_ENTER, BOX_CLEAR, BOX_TIMES };

/* What the walk does with a box, by type; any other type is copied as is. */
static const struct {
  char type[5];
  int what;
} BOXES[] = {
    {"moov", BOX_ENTER}, {"trak", BOX_ENTER}, {"mdia", BOX_ENTER}, {"minf", BOX_ENTER},
    {"moof", BOX_ENTER}, {"traf", BOX_ENTER},
    {"udta", BOX_CLEAR}, {"meta", BOX_CLEAR}, {"meco", BOX_CLEAR}, {"uuid", BOX_CLEAR},
    {"XMP_", BOX_CLEAR}, {"prft", BOX_CLEAR},
    {"mvhd", BOX_TIMES}, {"tkhd", BOX_TIMES}, {"mdhd", BOX_TIMES},
};

static int box_what(const unsigned char *type) {
  for (size_t i = 0; i < sizeof BOXES / sizeof *BOXES; i++)
    if (memcmp(type, BOXES[i].type, 4) == 0) return BOXES[i].what;
  return BOX_COPY;
}

typedef struct {
  size_t head, size; /* header length (8 or 16), whole box */
} box_t;

/* The box at in[p..end): 0, or -1 when its header or size does not fit.
 * The 64-bit largesize is compared before it is narrowed to size_t. */
static int box_at(const unsigned char *in, size_t p, size_t end, box_t *b) {
  size_t room = end - p;
  if (room < 8) return -1;
  uint64_t size = bytes_be32(in + p);
  b->head = 8;
  if (size == 1) {
    if (room < 16) return -1;
    size = bytes_be64(in + p + 8);
    b->head = 16;
  } else if (size == 0) {
    size = room; /* to the end of the parent (or the file) */
  }
  if (size < b->head || size > room) return -1;
  b->size = (size_t)size;
  return 0;
}

/* mvhd/tkhd/mdhd payload body[0..len): zero creation and modification time
 * in the copy; -1 when the version is unknown or the box too short for it. */
static int zero_times(const unsigned char *body, size_t len, unsigned char *copy) {
  if (len < 1 || body[0] > 1) return -1;
  size_t width = body[0] == 1 ? 8 : 4;
  if (len < 4 + 2 * width) return -1; /* version + flags, then the two times */
  memset(copy + 4, 0, 2 * width);
  return 0;
}

/* Walk the boxes of in[p..end), patching copy (same offsets as in). */
static err_t bmff_walk(const unsigned char *in, unsigned char *copy, size_t p, size_t end, int depth) {
  while (p < end) {
    box_t b;
    if (box_at(in, p, end, &b)) return bad_bmff();
    size_t body = p + b.head, stop = p + b.size;
    switch (box_what(in + p + 4)) {
    case BOX_ENTER: {
      if (depth >= AVMETA_DEPTH) return bad_bmff();
      err_t e = bmff_walk(in, copy, body, stop, depth + 1);
      if (e) return e;
      break;
    }
    case BOX_CLEAR:
      memcpy(copy + p + 4, "free", 4);
      memset(copy + body, 0, stop - body);
      break;
    case BOX_TIMES:
      if (zero_times(in + body, stop - body, copy + body)) return bad_bmff();
      break;
    default:
      break;
    }
    p = stop;
  }
  return ERR_OK;
}

err_t avmeta_strip_bmff(const unsigned char *in, size_t n, buf_t *out) {
  box_t first;
  if (box_at(in, 0, n, &first) || memcmp(in + 4, "ftyp", 4) != 0) return bad_bmff();
  size_t at = out->len;
  if (buf_append(out, in, n)) return ERR_NOMEM;
  return bmff_walk(in, (unsigned char *)out->data + at, 0, n, 0);
}

/* ---------- MP3 ---------- */

static err_t bad_mp3(void) {
  return err_set(ERR_INVALID, "bukti", "Berkas audio MP3 rusak atau memuat data yang tidak dikenal: metadatanya tidak dapat dipisahkan.");
}

enum { ID3_HEAD = 10, ID3_FOOTER_FLAG = 0x10, ID3V1 = 128, ID3V1_PLUS = 227, APE_FOOTER = 32 };

/* Length of the tag body of the ID3v2 header (or footer) h[0..10): the
 * 28-bit synchsafe size; -1 for an unknown major version or a size byte
 * with its top bit set. */
static int64_t id3_body(const unsigned char *h) {
  if (h[3] < 2 || h[3] > 4) return -1;
  uint32_t size = 0;
  for (int i = 6; i < 10; i++) {
    if (h[i] & 0x80) return -1;
    size = size << 7 | h[i];
  }
  return size;
}

/* Skip the ID3v2 tags at in[p..n): *p moves past them. */
static int id3_front(const unsigned char *in, size_t n, size_t *p) {
  while (n - *p >= 3 && memcmp(in + *p, "ID3", 3) == 0) {
    if (n - *p < ID3_HEAD) return -1;
    int64_t body = id3_body(in + *p);
    if (body < 0) return -1;
    uint64_t whole = ID3_HEAD + (uint64_t)body + (in[*p + 5] & ID3_FOOTER_FLAG ? ID3_HEAD : 0);
    if (whole > n - *p) return -1;
    *p += (size_t)whole;
  }
  return 0;
}

/* Length of the tag that ends the audio in[start..end) (its last bytes):
 * ID3v1 (with TAG+ before it), APE, appended ID3v2; 0 when none, -1 when
 * one is there but its size does not fit. */
static int64_t tag_at_end(const unsigned char *in, size_t start, size_t end) {
  size_t room = end - start;
  if (room >= ID3V1 && memcmp(in + end - ID3V1, "TAG", 3) == 0) {
    if (room >= ID3V1 + ID3V1_PLUS && memcmp(in + end - ID3V1 - ID3V1_PLUS, "TAG+", 4) == 0)
      return ID3V1 + ID3V1_PLUS;
    return ID3V1;
  }
  if (room >= APE_FOOTER && memcmp(in + end - APE_FOOTER, "APETAGEX", 8) == 0) {
    const unsigned char *f = in + end - APE_FOOTER;
    uint32_t size = bytes_le32(f + 12), has_header = bytes_le32(f + 20) >> 31; /* size: items + footer */
    uint64_t whole = (uint64_t)size + (has_header ? APE_FOOTER : 0);
    if (size < APE_FOOTER || whole > room) return -1;
    if (has_header && memcmp(in + end - whole, "APETAGEX", 8) != 0) return -1;
    return (int64_t)whole;
  }
  if (room >= ID3_HEAD && memcmp(in + end - ID3_HEAD, "3DI", 3) == 0) {
    int64_t body = id3_body(in + end - ID3_HEAD);
    if (body < 0 || (uint64_t)body + 2 * ID3_HEAD > room) return -1;
    size_t whole = (size_t)body + 2 * ID3_HEAD;
    if (memcmp(in + end - whole, "ID3", 3) != 0) return -1;
    return (int64_t)whole;
  }
  return 0;
}

err_t avmeta_strip_mp3(const unsigned char *in, size_t n, buf_t *out) {
  size_t start = 0, end = n;
  if (id3_front(in, n, &start)) return bad_mp3();
  for (;;) { /* each tag taken off is at least 20 bytes long, so this ends */
    int64_t tag = tag_at_end(in, start, end);
    if (tag < 0) return bad_mp3();
    if (tag == 0) break;
    end -= (size_t)tag;
  }
  if (end == start) return ERR_OK; /* nothing but tags */
  if (end - start < 2 || in[start] != 0xFF || (in[start + 1] & 0xE0) != 0xE0) return bad_mp3();
  return buf_append(out, in + start, end - start) ? ERR_NOMEM : ERR_OK;
}
