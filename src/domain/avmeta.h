/*
 * avmeta.h — a copy of an evidence video or audio recording without the
 * metadata that can identify the reporter: GPS position, recording time,
 * device, software, titles and comments. The audio/video counterpart of the
 * photo formats in mediameta.c, which calls these for video/mp4, audio/mp4
 * and audio/mpeg; the stored original is never altered.
 *
 * ISO BMFF (MP4, M4A, MOV-like files whose first box is ftyp)
 *   The copy has exactly the length and box layout of the original, so the
 *   absolute sample offsets in stco/co64 (and sidx/tfhd offsets) stay valid
 *   without being rewritten. Walked: the top level and, inside it, the
 *   containers moov, trak, mdia, minf, moof and traf (nowhere else does the
 *   standard or a phone put metadata or the times below). At those levels:
 *   - udta, meta, meco, uuid (XMP, Sony/Canon/Google blobs), XMP_ and prft
 *     (wall-clock time of production) become `free` boxes of the same size
 *     whose payload (children and uuid usertype included) is zeroed; the
 *     size field keeps its form (32-bit, 64-bit largesize, or 0 = to end);
 *   - mvhd, tkhd, mdhd keep their place with creation_time and
 *     modification_time set to 0 (32-bit fields in version 0, 64-bit in
 *     version 1; another version, or a box too short for its version, is
 *     refused);
 *   - everything else (ftyp, mdat, stbl, edts, free, ...) is copied as is,
 *     and never entered.
 *   Refused (ERR_INVALID): a first box other than ftyp; a size below its
 *   header (8, or 16 with a largesize) or beyond its parent or the file;
 *   trailing bytes too short for a box header; more than AVMETA_DEPTH
 *   walked containers nested in one another (real files need 4:
 *   moov/trak/mdia/minf) — refused rather than copied, since a container
 *   we stopped walking could hold a udta we would leave behind.
 *
 * MP3 (MPEG audio with tags around it)
 *   Dropped from the start: every ID3v2 tag ("ID3", major version 2..4,
 *   synchsafe size, +10 when the (v2.4) footer flag 0x10 is set), one after
 *   another.
 *   Dropped from the end, peeled off one at a time in whatever order they
 *   were written (APE before ID3v1 is the common one, but ID3v1 before APE
 *   or an appended ID3v2.4 before ID3v1 occur as well): an ID3v1 tag (the
 *   last 128 bytes begin "TAG") together with an enhanced "TAG+" tag (227
 *   bytes) right before it; an APEv1/APEv2 tag (32-byte "APETAGEX" footer,
 *   its size covering items and footer, +32 when the header-present flag
 *   bit 31 is set, the header then being checked); an appended ID3v2 tag
 *   (10-byte "3DI" footer, checked against its "ID3" header). What remains
 *   is copied as is. It must be empty or begin with an MPEG audio frame
 *   sync (0xFF, then the top 3 bits of the next byte set): anything else
 *   (junk, a tag we do not understand, a WAV/RIFF wrapper) is refused, as
 *   is a tag whose size is not synchsafe or runs past the file.
 *
 * Left in place, by design or because it cannot be removed without
 * re-encoding or re-muxing:
 *   - metadata inside the codec bitstream: H.264/HEVC SEI messages (the
 *     x264 settings string; some cameras write time or GPS there), AAC fill
 *     elements, the LAME/Xing header of the first MP3 frame (encoder name
 *     and settings);
 *   - the sample descriptions in stsd (compressor name, e.g. "Lavc59
 *     libx264" or a camera's codec name) and hdlr names ("VideoHandle");
 *   - timed metadata tracks whose samples live in mdat: GoPro GPMF ('gpmd'
 *     GPS stream), Apple 'mebx', DJI subtitle tracks with the flight path —
 *     the track and its samples are copied as they are;
 *   - ID3v2 tags in the middle of an MP3 (a stream cut from a broadcast);
 *   - the contents of existing free/skip boxes and of boxes we do not know;
 *   - Ogg (Vorbis comments), FLAC, WAV: not handled here; mediameta_strip
 *     refuses types it has no cleaner for.
 * The copy is never longer than the input, and cleaning a copy again
 * returns it unchanged.
 */
#ifndef NETRAL_AVMETA_H
#define NETRAL_AVMETA_H
#include <stddef.h>

#include "core/err.h"
#include "core/mem.h"

/* At most this many walked containers nested in one another (moov = 1). */
enum { AVMETA_DEPTH = 8 };

/* Append to out the copy of the ISO BMFF file in[0..n) (MP4, M4A) with its
 * metadata boxes turned into zeroed free boxes and its times zeroed: the
 * same length as in. ERR_INVALID (field "bukti") when the boxes cannot be
 * walked safely, ERR_NOMEM; on error out may hold a partial copy (the caller
 * rolls it back). */
err_t avmeta_strip_bmff(const unsigned char *in, size_t n, buf_t *out);

/* Append to out the MPEG audio of the MP3 file in[0..n) without the ID3v2,
 * ID3v1 and APE tags around it. Errors as for avmeta_strip_bmff. */
err_t avmeta_strip_mp3(const unsigned char *in, size_t n, buf_t *out);
#endif
