/*
 * mediameta.h — a copy of an evidence file without the metadata that can
 * identify the reporter: GPS position, time, device, software, comments.
 *
 * The stored evidence is never altered (its SHA-256 is in the receipt and
 * the chain of custody); this makes the copy served where the original is
 * not needed — to the employer (pemda, BKN), and to supervisors who ask for
 * a copy to share (?bersih=1). One table row per type. Removed, per format:
 *   JPEG  APP1 (Exif, XMP), APP3–APP13, APP15 and COM segments; kept:
 *         APP0 (JFIF), APP2 (ICC colour profile), APP14 (Adobe colour
 *         transform, needed to decode CMYK) and every coding segment;
 *         the entropy-coded data after SOS is copied as is. Only the
 *         orientation of the first Exif that has one (2..8) is kept: an
 *         APP1 with a one-entry IFD takes the place of that Exif, so a
 *         portrait phone photo still shows upright. It is never longer
 *         than the segment it replaces.
 *   PNG   tEXt, zTXt, iTXt, eXIf and tIME chunks, and whatever follows IEND.
 *   WebP  EXIF and XMP chunks; the VP8X flags and the RIFF size follow.
 *   MP4, M4A, MP3: see avmeta.h.
 *   PDF   Info dictionary, XMP, /ID and the Exif of embedded JPEG photos,
 *         blanked in place: see pdfmeta.h.
 * Not cleaned: OGG (served as stored). Cleaning a clean copy again changes
 * nothing.
 */
#ifndef NETRAL_MEDIAMETA_H
#define NETRAL_MEDIAMETA_H
#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"

/* 1 when mime is a type mediameta_strip cleans (a row of its table). */
int mediameta_supported(const char *mime);

/* Append to out the copy of in[0..n) (of type mime) without metadata;
 * *removed: bytes left out. ERR_INVALID (field "bukti") when the file is
 * not well-formed enough to walk its segments or chunks: nothing is served
 * rather than a copy that might still hold them. */
err_t mediameta_strip(const char *mime, const unsigned char *in, size_t n, buf_t *out, size_t *removed);
#endif
