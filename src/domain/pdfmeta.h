/*
 * pdfmeta.h — a copy of an evidence PDF without the metadata that can
 * identify the reporter: the document information dictionary (a PDF
 * exported from Word carries the reporter's name in /Author), XMP packets,
 * the file identifier and the Exif/XMP blocks of embedded JPEG photos. The
 * employer of a reported civil servant (pemda, BKN) receives this copy; the
 * stored original is never altered.
 *
 * The copy has exactly the length of the original and is edited in place
 * only, so every cross-reference offset and every /Length stays valid and
 * the copy opens like the original (no xref rewrite, no re-compression).
 * The file is read once, as PDF tokens, from the header to the end: the
 * top-level objects (`N G obj`), the trailers (`trailer << >>`) and the
 * stream data (skipped by its direct /Length when `endstream` follows it,
 * else up to the first `endstream`). Strings, comments and stream data are
 * never mistaken for structure.
 *
 * Blanked, in place:
 *   - Info: every `/Info N G R` of every trailer and of every
 *     cross-reference stream dictionary (/Type /XRef), one per incremental
 *     update. Every top-level `N G obj` with that number (old versions left
 *     behind by incremental updates included) has the contents of every
 *     literal string turned into spaces and the digits of every hex string
 *     into `0`, at any depth of its dictionary; keys, names, numbers and
 *     delimiters stay. A value `M G R` in it is followed once: the strings
 *     of every top-level `M G obj` are blanked the same way. A direct
 *     /Info dictionary is blanked where it stands.
 *   - XMP: the data of every stream whose dictionary has /Type /Metadata or
 *     /Subtype /XML (document, page, image or font XMP) becomes spaces; its
 *     /Filter and /DecodeParms entries (key and value) become spaces too,
 *     so it is a valid uncompressed stream of spaces.
 *   - /ID: the strings of the /ID array of every trailer and cross-reference
 *     stream dictionary (an MD5 of time, path and size: a fingerprint that
 *     ties the copy to the reporter's file) — hex digits become `0`.
 *   - JPEG photos: in every stream whose only filter is /DCTDecode
 *     (`/DCTDecode` or `[/DCTDecode]`) the JPEG segments are walked up to
 *     SOS and the payload of APP1 (Exif with GPS and camera, XMP),
 *     APP3–APP13, APP15 and COM is zeroed, marker and length kept (decoders
 *     skip a zeroed APP1). APP0 (JFIF), APP2 (ICC profile, MPF) and APP14
 *     (Adobe colour transform, needed for CMYK) and the image data stay.
 *   A hex string of `0` digits reads as NUL bytes: viewers show an empty
 *   title or author (pdfinfo prints the NULs).
 *
 * Refused (ERR_INVALID, field "bukti"), never served half clean:
 *   - a file that does not begin with `%PDF-`;
 *   - an /Encrypt entry in a trailer or cross-reference stream dictionary:
 *     the strings are encrypted, so what they hold cannot be told;
 *   - an Info object, or an object an Info value refers to, that is not a
 *     top-level object: it is then inside a compressed object stream
 *     (/Type /ObjStm), which cannot be edited without changing its length.
 *     Also refused when an object stream comes in a later revision
 *     (incremental update, counted by `startxref`) than the last top-level
 *     version of that object: the newer version may be inside it. Files
 *     written with object streams for every object are therefore refused
 *     (qpdf --object-streams=generate does it; writers that compress all
 *     objects, such as optimisers and some scanner apps, may); Word's
 *     hybrid files keep Info top-level, in the same revision as their
 *     object streams, and are cleaned;
 *   - anything that cannot be tokenised: an unterminated string, hex string
 *     or dictionary, a stray `)`, `>`, `]`, `{` or `}`, a keyword (obj,
 *     stream, endobj, ...) inside a value, `obj` not after two integers, a
 *     stream without `endstream`, a dictionary key that is not a name,
 *     values nested deeper than PDFMETA_DEPTH, more than PDFMETA_OBJECTS
 *     top-level objects, a DCTDecode stream whose JPEG segments cannot be
 *     walked up to SOS.
 *
 * Left in place — by design (not metadata, or needed to show the document)
 * or because removing it would change lengths or need decompression:
 *   - everything inside compressed streams: content streams (a producer's
 *     comment, inline JPEG images, BI ... ID ... EI, with their Exif),
 *     compressed object streams of objects other than Info (e.g.
 *     annotations there), XMP, copyright and names inside embedded font
 *     programs, ICC profiles (a device name);
 *   - JPEG compressed again by another filter ([/FlateDecode /DCTDecode]),
 *     JPEG 2000 (/JPXDecode, may hold XMP boxes), and images in any other
 *     filter;
 *   - annotations: the author (/T) and dates (/M, /CreationDate) of comments
 *     and sticky notes, link targets (a /URI or a file path such as
 *     C:\Users\<name>\...); form field values; bookmarks and their titles;
 *     tagged-PDF alternate texts; /Lang;
 *   - /PieceInfo (application private data, e.g. Illustrator or Word
 *     private dictionaries with dates), /LastModified of pages;
 *   - document-level JavaScript and actions;
 *   - digital signatures (/Sig: signer name, time, reason, and the
 *     certificate in /Contents naming the signer): they may be the reported
 *     office's, not the reporter's. The blanked Info lies inside the signed
 *     byte range, so viewers report the copy's signature as broken (digest
 *     mismatch);
 *   - embedded files (attachments) and their own metadata;
 *   - old versions of objects other than Info left behind by incremental
 *     updates (earlier page text, deleted annotations);
 *   - comments in the file's own syntax (`%...`), font names (subset tags),
 *     the PDF version in the header.
 * An officer who needs to be sure should look at the copy before sending it
 * when the original was annotated, signed or filled in as a form.
 *
 * The copy is exactly as long as the input, and cleaning a copy again
 * returns it unchanged.
 */
#ifndef NETRAL_PDFMETA_H
#define NETRAL_PDFMETA_H
#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"

/* Dictionaries and arrays nested in one another in one value, at most
 * (real files need well under 10); deeper is refused. Top-level objects
 * indexed, at most: PDF's own limit on object numbers (ISO 32000-1 Annex
 * C), which keeps the index (40 bytes an object) bounded whatever the file. */
enum { PDFMETA_DEPTH = 64, PDFMETA_OBJECTS = 8388607 };

/* Append to out the copy of the PDF file in[0..n) with its metadata blanked
 * in place: the same length as in. ERR_INVALID (field "bukti") when the file
 * is encrypted, keeps Info in a compressed object stream or cannot be read
 * safely; ERR_NOMEM. On error out is left as it was. Linear in n (plus a sort
 * of the object index). */
err_t pdfmeta_strip(const unsigned char *in, size_t n, buf_t *out);
#endif
