/* enc.c — see enc.h. */
#include "core/enc.h"

#include <string.h>

#include "core/banned.h"

void enc_hex(const unsigned char *in, size_t n, char *out) {
  static const char h[] = "0123456789abcdef";
  for (size_t i = 0; i < n; i++) {
    out[2 * i] = h[in[i] >> 4];
    out[2 * i + 1] = h[in[i] & 15];
  }
  out[2 * n] = '\0';
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int enc_unhex(const char *in, unsigned char *out, size_t n) {
  if (strlen(in) < 2 * n) return -1;
  for (size_t i = 0; i < n; i++) {
    int a = hexval(in[2 * i]), b = hexval(in[2 * i + 1]);
    if (a < 0 || b < 0) return -1;
    out[i] = (unsigned char)(a * 16 + b);
  }
  return 0;
}

size_t enc_b64_len(size_t n) { return (n * 4 + 2) / 3 + 1; }

void enc_b64url(const unsigned char *in, size_t n, char *out) {
  static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t o = 0, i = 0;
  for (; i + 2 < n; i += 3) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8 | in[i + 2];
    out[o++] = t[v >> 18 & 63]; out[o++] = t[v >> 12 & 63];
    out[o++] = t[v >> 6 & 63];  out[o++] = t[v & 63];
  }
  if (n - i == 1) {
    unsigned v = (unsigned)in[i] << 16;
    out[o++] = t[v >> 18 & 63]; out[o++] = t[v >> 12 & 63];
  } else if (n - i == 2) {
    unsigned v = (unsigned)in[i] << 16 | (unsigned)in[i + 1] << 8;
    out[o++] = t[v >> 18 & 63]; out[o++] = t[v >> 12 & 63]; out[o++] = t[v >> 6 & 63];
  }
  out[o] = '\0';
}

int enc_eq(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  if (la != lb) return 0;
  unsigned char d = 0;
  for (size_t i = 0; i < la; i++) d |= (unsigned char)(a[i] ^ b[i]);
  return d == 0;
}

size_t enc_utf8_chars(const char *s) {
  size_t n = 0;
  for (; *s; s++)
    if (((unsigned char)*s & 0xC0) != 0x80) n++;
  return n;
}
