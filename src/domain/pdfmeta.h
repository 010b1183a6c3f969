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
 * the copy opens like the original (no xref rewrite). The file is read
 * once, as PDF tokens, from the header to the end: the top-level objects
 * (`N G obj`), the trailers (`trailer << >>`) and the stream data (skipped
 * by its direct /Length when `endstream` follows it, else up to the first
 * `endstream`). Strings, comments and stream data are never mistaken for
 * structure. When there is Info to clean, every compressed object stream
 * (/Type /ObjStm) is then decoded and its objects are found by number, as
 * readers find them; the only data ever compressed again is that of an
 * object stream holding Info (see below).
 *
 * Blanked, in place:
 *   - Info: every `/Info N G R` of every trailer and of every
 *     cross-reference stream dictionary (/Type /XRef), one per incremental
 *     update. Every version of that object is blanked wherever it is: each
 *     top-level `N G obj` (old versions left behind by incremental updates
 *     included), and each object numbered N that the header of an object
 *     stream lists (objects there have generation 0 and are found by
 *     number, whatever G says; every object stream of the file is searched,
 *     /Extends chains included — they only group streams, objects are
 *     still listed in their own stream's header). Its strings have the
 *     contents of every literal string turned into spaces and the digits
 *     of every hex string into `0`, at any depth of its dictionary; keys,
 *     names, numbers and delimiters stay. A value `M G R` in it is
 *     followed once: the strings of every version of M are blanked the
 *     same way, top-level or in an object stream. A direct /Info
 *     dictionary is blanked where it stands.
 *   - Object streams: one without /Filter is blanked in place like the
 *     rest of the file. One whose only filter is /FlateDecode (`/X` or
 *     `[/X]`, no /DecodeParms predictor) is inflated — at most
 *     PDFMETA_INFLATE_RATIO times its compressed length plus
 *     PDFMETA_INFLATE_SLACK, at most PDFMETA_OBJSTM_BYTES, and at most
 *     PDFMETA_INFLATED over the whole file, never allocating more — its
 *     Info objects blanked as above (the decoded length and the offsets of
 *     its objects stay), and only when that changed a byte it is
 *     compressed again (zlib level 9; other block sizes and matchers when
 *     that does not fit) into exactly the bytes its data took, as one
 *     zlib stream that ends at the last of them (no trailing bytes): the
 *     header, then either zlib's own finished stream when that is exactly
 *     the length (F bytes in all), or the data blocks ended (Z_BLOCK)
 *     without a final block and empty blocks that add no data — up to
 *     seven empty fixed-Huffman blocks (10 bits each), any number of
 *     empty stored blocks (5 bytes each once on a byte boundary), a final
 *     empty block, fixed or stored — then the Adler-32 of the new data.
 *     F and every length from F + 4 up are met; of F + 1 to F + 3, one
 *     cannot be reached by empty blocks (which one depends on how the
 *     data's last bits fall in their byte) and is tried with the other
 *     settings, which end their data elsewhere. The new stream is inflated
 *     once more and compared before it is written. An object stream with
 *     nothing to blank keeps its bytes, so a copy cleaned again comes back
 *     unchanged.
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
 *   - an Info object, or an object an Info value refers to, found nowhere;
 *   - when there is Info to clean: an object stream whose objects cannot
 *     be listed — another filter (LZW, ASCII85 before Flate, a predictor
 *     ...), data that does not inflate, inflates beyond the bounds above
 *     before its header is out, a header that cannot be read (/N or /First
 *     not direct integers, an offset past the data) — since any object,
 *     the newest Info among them, may be in it; an object to clean listed
 *     in a stream that did not inflate whole (corrupt, or beyond the
 *     bounds: a zip bomb is refused, not allocated); an object to clean
 *     whose value runs past the next offset listed in its object stream
 *     (objects that overlap: each decoded byte is read once, and objects
 *     listed at one offset are blanked once); more than PDFMETA_OBJSTMS
 *     object streams;
 *   - an object stream holding Info whose blanked data zlib cannot
 *     compress into the bytes the original took (it was written by a
 *     stronger compressor, e.g. one that reaches matches zlib does not),
 *     or, when its extent was found by `endstream` rather than a direct
 *     /Length, whose new bytes would hold `endstream` or end in an
 *     end-of-line (the copy would be read differently);
 *   - anything that cannot be tokenised: an unterminated string, hex string
 *     or dictionary, a stray `)`, `>`, `]`, `{` or `}`, a keyword (obj,
 *     stream, endobj, ...) inside a value, `obj` not after two integers, a
 *     stream without `endstream`, a dictionary key that is not a name,
 *     values nested deeper than PDFMETA_DEPTH, more than PDFMETA_OBJECTS
 *     objects, a DCTDecode stream whose JPEG segments cannot be
 *     walked up to SOS.
 *
 * Left in place — by design (not metadata, or needed to show the document)
 * or because removing it would change lengths or need decompression:
 *   - everything inside compressed streams but the Info objects of object
 *     streams: content streams (a producer's comment, inline JPEG images,
 *     BI ... ID ... EI, with their Exif), the other objects of object
 *     streams (e.g. annotations there), XMP, copyright and names inside
 *     embedded font programs, ICC profiles (a device name);
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
 * (real files need well under 10); deeper is refused. Objects indexed
 * (top-level and listed in object streams), at most: PDF's own limit on
 * object numbers (ISO 32000-1 Annex C), which keeps the index (56 bytes an
 * object) bounded whatever the file. Object streams, at most (qpdf puts
 * 100 objects in one, Acrobat about as many). An object stream inflates to
 * at most RATIO times its compressed length plus SLACK (object streams
 * of PDF syntax come out 2 to 10 times larger; a zip bomb about 1000) and
 * at most OBJSTM_BYTES; all of them together to at most INFLATED. Object
 * streams cannot nest (a stream is never inside one), so one level is read. */
enum {
  PDFMETA_DEPTH = 64,
  PDFMETA_OBJECTS = 8388607,
  PDFMETA_OBJSTMS = 1 << 20,
  PDFMETA_INFLATE_RATIO = 64,
  PDFMETA_INFLATE_SLACK = 4096,
  PDFMETA_OBJSTM_BYTES = 64 << 20,
  PDFMETA_INFLATED = 256 << 20,
};

/* Append to out the copy of the PDF file in[0..n) with its metadata blanked
 * in place: the same length as in. ERR_INVALID (field "bukti") when the file
 * is encrypted, may keep Info where it cannot be cleaned (see above) or
 * cannot be read safely; ERR_NOMEM. On error out is left as it was. Linear
 * in n and in the inflated bytes of its object streams (each object stream
 * holding Info compressed again at most a few times), plus a sort of the
 * object index. */
err_t pdfmeta_strip(const unsigned char *in, size_t n, buf_t *out);
#endif
