/* enc.h — hex and base64url encoding, constant-time compare, UTF-8 length. */
#ifndef NETRAL_ENC_H
#define NETRAL_ENC_H
#include <stddef.h>
/* out must hold 2n+1 bytes. */
void enc_hex(const unsigned char *in, size_t n, char *out);
/* Decode exactly n bytes from 2n hex chars; 0 ok, -1 bad input. */
int enc_unhex(const char *in, unsigned char *out, size_t n);
/* Unpadded base64url; out must hold enc_b64_len(n) bytes. */
size_t enc_b64_len(size_t n);
void enc_b64url(const unsigned char *in, size_t n, char *out);
int enc_eq(const char *a, const char *b); /* constant time for equal lengths */
/* Characters (code points) of NUL-terminated UTF-8: bytes that are not continuation bytes. */
size_t enc_utf8_chars(const char *s);
#endif
