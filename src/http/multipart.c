/* multipart.c — multipart/form-data body parser over an in-memory body (see multipart.h). */
#include "http/multipart.h"

#include <stdio.h>
#include <string.h>

#include "core/banned.h"

/* Largest parameter value we ever unescape: it lies inside one header block. */
enum { MP_VALUE_MAX = MULTIPART_HEADERS_MAX + 4 };

static const char mp_bad_ct[] = "Content-Type harus multipart/form-data dengan boundary.";

static int mp_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }
static int mp_ows(int c) { return c == ' ' || c == '\t'; }

/* [s, s+n) equals the lowercase literal lit, ignoring ASCII case. */
static int mp_ieq(const char *s, size_t n, const char *lit) {
  size_t i = 0;
  for (; i < n && lit[i]; i++)
    if (mp_lower((unsigned char)s[i]) != lit[i]) return 0;
  return i == n && lit[i] == '\0';
}

static const char *mp_skip_ows(const char *p, const char *end) {
  while (p < end && mp_ows((unsigned char)*p)) p++;
  return p;
}

/* A token runs until OWS, ';' or '=' (or the end). */
static const char *mp_token_end(const char *p, const char *end) {
  while (p < end && !mp_ows((unsigned char)*p) && *p != ';' && *p != '=') p++;
  return p;
}

typedef struct {
  const char *key, *val; /* raw spans inside the header value */
  size_t klen, vlen;
  int quoted; /* val is the inside of a quoted-string, escapes not yet undone */
} mp_param_t;

/* Read the next `; key=value` at *pp (before end). 1 = got one, 0 = no more,
 * -1 = malformed. A trailing ';' is tolerated. */
static int mp_next_param(const char **pp, const char *end, mp_param_t *out) {
  const char *p = mp_skip_ows(*pp, end);
  if (p == end) return 0;
  if (*p != ';') return -1;
  p = mp_skip_ows(p + 1, end);
  if (p == end) {
    *pp = p;
    return 0;
  }
  out->key = p;
  p = mp_token_end(p, end);
  out->klen = (size_t)(p - out->key);
  if (out->klen == 0) return -1;
  p = mp_skip_ows(p, end);
  if (p == end || *p != '=') return -1;
  p = mp_skip_ows(p + 1, end);
  if (p < end && *p == '"') {
    const char *q = ++p;
    while (q < end && *q != '"') q += (*q == '\\' && q + 1 < end) ? 2 : 1;
    if (q >= end) return -1; /* unterminated quoted-string */
    out->val = p;
    out->vlen = (size_t)(q - p);
    out->quoted = 1;
    p = q + 1;
  } else {
    out->val = p;
    p = mp_token_end(p, end);
    out->vlen = (size_t)(p - out->val);
    out->quoted = 0;
    if (out->vlen == 0) return -1;
  }
  *pp = p;
  return 1;
}

/* Undo \" and \\ of a quoted-string into out (at least v->vlen bytes); other
 * backslashes stay, so an old-style Windows path keeps its separators.
 * Returns the length, or -1 if a control byte (NUL, CR, LF, ...) is present. */
static long mp_unescape(const mp_param_t *v, char *out) {
  size_t o = 0;
  for (size_t i = 0; i < v->vlen; i++) {
    unsigned char c = (unsigned char)v->val[i];
    if (v->quoted && c == '\\' && i + 1 < v->vlen && (v->val[i + 1] == '"' || v->val[i + 1] == '\\'))
      c = (unsigned char)v->val[++i];
    if ((c < 0x20 && c != '\t') || c == 0x7F) return -1;
    out[o++] = (char)c;
  }
  return (long)o;
}

/* RFC 2046 §5.1.1 bchars (space allowed, but not last). */
static int mp_bchar(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

/* Boundary of a Content-Type header value into out (MULTIPART_BOUNDARY_MAX+1). */
static err_t mp_boundary(const char *ct, char *out, size_t *olen) {
  const char *p, *end, *t;
  mp_param_t prm;
  int r;
  if (!ct) return err_set(ERR_BAD_REQUEST, NULL, "%s", mp_bad_ct);
  end = ct + strlen(ct);
  p = mp_skip_ows(ct, end);
  t = p;
  p = mp_token_end(p, end);
  if (!mp_ieq(t, (size_t)(p - t), "multipart/form-data")) return err_set(ERR_BAD_REQUEST, NULL, "%s", mp_bad_ct);
  while ((r = mp_next_param(&p, end, &prm)) == 1) {
    if (!mp_ieq(prm.key, prm.klen, "boundary")) continue;
    /* escapes at most double the length; anything longer cannot fit */
    if (prm.vlen > 2 * MULTIPART_BOUNDARY_MAX) break;
    char tmp[2 * MULTIPART_BOUNDARY_MAX];
    long n = mp_unescape(&prm, tmp);
    if (n < 1 || n > MULTIPART_BOUNDARY_MAX || tmp[n - 1] == ' ') break;
    for (long i = 0; i < n; i++)
      if (!mp_bchar((unsigned char)tmp[i])) goto bad;
    memcpy(out, tmp, (size_t)n);
    out[n] = '\0';
    *olen = (size_t)n;
    return ERR_OK;
  }
bad:
  return err_set(ERR_BAD_REQUEST, NULL, "%s", mp_bad_ct);
}

/* Does a delimiter end properly at q? "--" closes the body; otherwise
 * transport padding (blanks) and CRLF must follow. */
static int mp_delim_tail(const char *q, const char *end, const char **next, int *closing) {
  if (end - q >= 2 && q[0] == '-' && q[1] == '-') {
    *closing = 1;
    *next = end;
    return 1;
  }
  q = mp_skip_ows(q, end);
  if (end - q >= 2 && q[0] == '\r' && q[1] == '\n') {
    *closing = 0;
    *next = q + 2;
    return 1;
  }
  return 0;
}

/* Next real delimiter "CRLF--boundary" at or after from. *at = where the
 * content before it ends. 0 found, -1 none. */
static int mp_find(const char *from, const char *end, const char *delim, size_t dlen,
                   const char **at, const char **next, int *closing) {
  const char *s = from;
  while ((size_t)(end - s) >= dlen) {
    const char *hit = memmem(s, (size_t)(end - s), delim, dlen);
    if (!hit) return -1;
    if (mp_delim_tail(hit + dlen, end, next, closing)) {
      *at = hit;
      return 0;
    }
    s = hit + 1; /* "--boundaryX...": content, keep looking */
  }
  return -1;
}

/* Content-Disposition: form-data; name="..."; filename="..." */
static err_t mp_disposition(const char *v, const char *end, multipart_part_t *part, int *has_name) {
  char tmp[MP_VALUE_MAX];
  const char *t = v;
  mp_param_t prm;
  int r;
  v = mp_token_end(v, end);
  if (!mp_ieq(t, (size_t)(v - t), "form-data"))
    return err_set(ERR_BAD_REQUEST, NULL, "Bagian multipart harus bertipe form-data.");
  while ((r = mp_next_param(&v, end, &prm)) == 1) {
    int is_name = mp_ieq(prm.key, prm.klen, "name");
    int is_file = mp_ieq(prm.key, prm.klen, "filename");
    if (!is_name && !is_file) continue; /* filename* is forbidden by RFC 7578 §4.2: ignored */
    if (prm.vlen >= sizeof tmp) return err_set(ERR_BAD_REQUEST, NULL, "Kepala bagian multipart terlalu panjang.");
    long n = mp_unescape(&prm, tmp);
    if (n < 0) return err_set(ERR_BAD_REQUEST, NULL, "Nama field atau nama berkas memuat karakter yang tidak sah.");
    if (is_name) {
      if (*has_name) return err_set(ERR_BAD_REQUEST, NULL, "Bagian multipart memiliki nama field ganda.");
      if (n == 0 || (size_t)n >= sizeof part->name)
        return err_set(ERR_BAD_REQUEST, NULL, "Nama field kosong atau terlalu panjang (paling banyak %d karakter).",
                       MULTIPART_NAME_MAX - 1);
      memcpy(part->name, tmp, (size_t)n);
      part->name[n] = '\0';
      *has_name = 1;
    } else {
      if (part->has_filename) return err_set(ERR_BAD_REQUEST, NULL, "Bagian multipart memiliki nama berkas ganda.");
      size_t base = 0, len = (size_t)n;
      for (size_t i = 0; i < len; i++)
        if (tmp[i] == '/' || tmp[i] == '\\') base = i + 1;
      len -= base;
      if (len >= sizeof part->filename) {
        len = sizeof part->filename - 1;
        /* tmp[base+len] is the first byte dropped; if it continues a UTF-8
         * sequence, drop the whole character */
        while (len > 0 && ((unsigned char)tmp[base + len] & 0xC0) == 0x80) len--;
      }
      memcpy(part->filename, tmp + base, len);
      part->filename[len] = '\0';
      part->has_filename = 1;
    }
  }
  if (r < 0) return err_set(ERR_BAD_REQUEST, NULL, "Content-Disposition bagian multipart tidak sah.");
  return ERR_OK;
}

/* Parse the header block [h, h+hlen) (every line ends with CRLF) into part. */
static err_t mp_headers(const char *h, size_t hlen, multipart_part_t *part) {
  const char *end = h + hlen, *line = h;
  int has_name = 0, seen_cd = 0, seen_ct = 0;
  err_t e;
  while (line < end) {
    const char *eol = memmem(line, (size_t)(end - line), "\r\n", 2);
    if (!eol) eol = end;
    if (mp_ows((unsigned char)*line)) goto next; /* obsolete line folding: ignored */
    const char *colon = memchr(line, ':', (size_t)(eol - line));
    if (!colon || colon == line) return err_set(ERR_BAD_REQUEST, NULL, "Kepala bagian multipart tidak sah.");
    const char *kend = colon;
    while (kend > line && mp_ows((unsigned char)kend[-1])) kend--;
    const char *v = mp_skip_ows(colon + 1, eol), *vend = eol;
    while (vend > v && mp_ows((unsigned char)vend[-1])) vend--;
    if (mp_ieq(line, (size_t)(kend - line), "content-disposition")) {
      if (seen_cd++) return err_set(ERR_BAD_REQUEST, NULL, "Content-Disposition ganda dalam satu bagian.");
      e = mp_disposition(v, vend, part, &has_name);
      if (e) return e;
    } else if (mp_ieq(line, (size_t)(kend - line), "content-type")) {
      if (seen_ct++) return err_set(ERR_BAD_REQUEST, NULL, "Content-Type ganda dalam satu bagian.");
      const char *tend = mp_token_end(v, vend);
      size_t tl = (size_t)(tend - v);
      if (tl == 0 || tl >= sizeof part->content_type)
        return err_set(ERR_BAD_REQUEST, NULL, "Content-Type bagian multipart tidak sah.");
      for (size_t i = 0; i < tl; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c < 0x21 || c == 0x7F) return err_set(ERR_BAD_REQUEST, NULL, "Content-Type bagian multipart tidak sah.");
        part->content_type[i] = (char)mp_lower(c);
      }
      part->content_type[tl] = '\0';
    }
  next:
    line = eol == end ? end : eol + 2;
  }
  if (!has_name) return err_set(ERR_BAD_REQUEST, NULL, "Bagian multipart tanpa Content-Disposition form-data dengan name.");
  if (!seen_ct) snprintf(part->content_type, sizeof part->content_type, "%s", "text/plain");
  return ERR_OK;
}

err_t multipart_parse(const char *content_type, const char *body, size_t len,
                      multipart_part_t *parts, size_t cap, size_t *n) {
  char delim[4 + MULTIPART_BOUNDARY_MAX + 1] = "\r\n--";
  size_t blen = 0, dlen, count = 0;
  const char *end, *p = NULL, *at, *next;
  int closing = 0;
  err_t e;

  *n = 0;
  e = mp_boundary(content_type, delim + 4, &blen);
  if (e) goto done;
  dlen = 4 + blen;
  if (!body) len = 0;
  end = body + len;

  /* the first delimiter may open the body without the CRLF before it */
  if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0 &&
      mp_delim_tail(body + dlen - 2, end, &next, &closing)) {
    p = next;
  } else if (body && mp_find(body, end, delim, dlen, &at, &next, &closing) == 0) {
    p = next;
  } else {
    e = err_set(ERR_BAD_REQUEST, NULL, "Isi multipart tidak memuat batas (boundary) yang disebutkan.");
    goto done;
  }

  while (!closing) {
    const char *content;
    if (count == cap) {
      e = err_set(ERR_TOO_LARGE, NULL, "Terlalu banyak bagian dalam formulir (paling banyak %zu).", cap);
      goto done;
    }
    multipart_part_t *part = &parts[count];
    memset(part, 0, sizeof *part);
    if (end - p >= 2 && p[0] == '\r' && p[1] == '\n') {
      content = p + 2; /* no headers at all: refused below for lack of a name */
      e = mp_headers(p, 0, part);
    } else {
      size_t span = (size_t)(end - p) < MULTIPART_HEADERS_MAX + 4 ? (size_t)(end - p) : MULTIPART_HEADERS_MAX + 4;
      const char *hend = memmem(p, span, "\r\n\r\n", 4);
      if (!hend) {
        e = err_set(ERR_BAD_REQUEST, NULL, "Kepala bagian multipart tidak lengkap atau terlalu panjang.");
        goto done;
      }
      content = hend + 4;
      e = mp_headers(p, (size_t)(hend - p) + 2, part);
    }
    if (e) goto done;
    /* content - 2: the CRLF ending the header block may also open the
     * delimiter of a part without content ("H: v CRLF CRLF --b") */
    if (mp_find(content - 2, end, delim, dlen, &at, &next, &closing) != 0) {
      e = err_set(ERR_BAD_REQUEST, NULL, "Batas penutup multipart tidak ditemukan; unggahan mungkin terputus.");
      goto done;
    }
    part->data = at < content ? at : content;
    part->len = at < content ? 0 : (size_t)(at - content);
    count++;
    p = next;
  }
  *n = count;
done:
  return e;
}

const char *multipart_filename(const multipart_part_t *p) {
  return p && p->has_filename ? p->filename : NULL;
}

const multipart_part_t *multipart_find(const multipart_part_t *parts, size_t n, const char *name) {
  for (size_t i = 0; i < n && name; i++)
    if (strcmp(parts[i].name, name) == 0) return &parts[i];
  return NULL;
}
