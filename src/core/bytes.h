/* bytes.h — integers read from file formats, big- and little-endian, from
 * bytes the caller has already checked are there. */
#ifndef NETRAL_BYTES_H
#define NETRAL_BYTES_H
#include <stdint.h>

static inline uint32_t bytes_be16(const unsigned char *p) { return (uint32_t)p[0] << 8 | p[1]; }
static inline uint32_t bytes_le16(const unsigned char *p) { return (uint32_t)p[1] << 8 | p[0]; }
static inline uint32_t bytes_be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline uint32_t bytes_le32(const unsigned char *p) {
  return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static inline uint64_t bytes_be64(const unsigned char *p) { return (uint64_t)bytes_be32(p) << 32 | bytes_be32(p + 4); }
#endif
