/* case.c — case handling (see case.h). */
#include "domain/case.h"

#include <ctype.h>
#include <strings.h>
#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/clock.h"
#include "core/enc.h"
#include "core/log.h"
#include "core/mem.h"
#include "domain/audit.h"
#include "domain/caseseal.h"
#include "domain/evidence.h"
#include "domain/identitas.h"
#include "domain/mediameta.h"
#include "domain/kode.h"
#include "domain/receipt.h"
#include "domain/wilayah.h"
#include "domain/workflow.h"
#include "store/store_case.h"
#include "store/store_wilayah.h"
#include "core/limits.h"
#include "core/banned.h"

enum { URAIAN_MIN = LIMIT_URAIAN_MIN, URAIAN_MAX = LIMIT_URAIAN_MAX, TEXT_MAX = LIMIT_FIELD_TEXT, SAKSI_MAX = LIMIT_SAKSI };

/* ---------- input helpers ---------- */

static int blank(const char *s) { return !s || strspn(s, " \t\r\n") == strlen(s); }

/* obj.key as string; required → "wajib diisi"; max chars. */
static err_t get_text(json_t *obj, const char *key, const char *field, int required, size_t max, const char **out) {
  json_t *v = obj ? json_object_get(obj, key) : NULL;
  *out = NULL;
  if (v && !json_is_null(v) && !json_is_string(v)) return err_set(ERR_INVALID, field, "Kolom %s harus berupa teks.", field);
  const char *s = v ? json_string_value(v) : NULL;
  if (blank(s)) {
    if (required) return err_set(ERR_INVALID, field, "Kolom %s wajib diisi.", field);
    return ERR_OK;
  }
  if (!json_is_string(v) || enc_utf8_chars(s) > max)
    return err_set(ERR_INVALID, field, "Kolom %s terlalu panjang (maks. %zu karakter).", field, max);
  *out = s;
  return ERR_OK;
}

static err_t get_obj(json_t *body, const char *key, int required, json_t **out) {
  json_t *v = json_object_get(body, key);
  *out = NULL;
  if (!v || json_is_null(v)) return required ? err_set(ERR_INVALID, key, "Bagian %s wajib diisi.", key) : ERR_OK;
  if (!json_is_object(v)) return err_set(ERR_INVALID, key, "Bagian %s harus berupa objek.", key);
  *out = v;
  return ERR_OK;
}

static void today_wib(char out[CALDATE_STR], caldatetime_t *now_out) {
  caldatetime_t now = caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET);
  caldate_format(caldatetime_date(now), out, CALDATE_STR);
  if (now_out) *now_out = now;
}

static err_t get_date(json_t *obj, const char *key, const char *field, caldate_t *out) {
  const char *s;
  err_t e = get_text(obj, key, field, 1, 10, &s);
  if (e) return e;
  if (caldate_parse(s, out) != ERR_OK)
    return err_set(ERR_INVALID, field, "Tanggal %s tidak valid; gunakan format TTTT-BB-HH.", field);
  caldatetime_t now;
  char t[CALDATE_STR];
  today_wib(t, &now);
  if (*out > caldatetime_date(now)) return err_set(ERR_INVALID, field, "Tanggal %s tidak boleh di masa depan.", field);
  return ERR_OK;
}

static err_t check_wilayah(db_t *db, const char *kode, const char *field) {
  wilayah_row_t w;
  if (!wilayah_code_valid(kode)) return err_set(ERR_INVALID, field, "Kode wilayah %s tidak valid.", kode);
  err_t e = store_wilayah_get(db, kode, &w);
  if (e == ERR_NOT_FOUND) return err_set(ERR_INVALID, field, "Kode wilayah %s tidak dikenal.", kode);
  return e;
}

/* ---------- intake ---------- */

typedef struct {
  case_row_t row;
  json_t *pelapor; /* borrowed from body; NULL when anonymous */
} intake_t;

static err_t parse_terlapor_peristiwa(db_t *db, const case_ctx_t *cx, json_t *body, case_row_t *c) {
  json_t *t, *p;
  const char *s;
  err_t e;
  if ((e = get_obj(body, "terlapor", 1, &t))) return e;
  if ((e = get_obj(body, "peristiwa", 1, &p))) return e;
  if ((e = get_text(body, "rezim", "rezim", 1, 10, &s))) return e;
  if (!deadline_rezim_valid(s)) return err_set(ERR_INVALID, "rezim", "Rezim harus pemilu atau pilkada.");
  snprintf(c->rezim, sizeof c->rezim, "%s", s);
  if ((e = get_text(t, "nama", "terlapor.nama", 1, TEXT_MAX, &s))) return e;
  snprintf(c->terlapor_nama, sizeof c->terlapor_nama, "%s", s);
  if (nama_normalise(s, c->terlapor_nama_norm, sizeof c->terlapor_nama_norm) != ERR_OK || !c->terlapor_nama_norm[0])
    snprintf(c->terlapor_nama_norm, sizeof c->terlapor_nama_norm, "%s", s);
  if ((e = get_text(t, "nip", "terlapor.nip", 0, 18, &s))) return e;
  if (s) {
    identitas_nip_t nip;
    if ((e = identitas_nip_check(s, "terlapor.nip", &nip))) return e;
    snprintf(c->terlapor_nip, sizeof c->terlapor_nip, "%s", s);
  }
  if ((e = get_text(t, "kategori", "terlapor.kategori", 1, 20, &s))) return e;
  if (!catalog_kategori_valid(s))
    return err_set(ERR_INVALID, "terlapor.kategori",
                   "Kategori terlapor tidak dikenal (asn, pppk, tni, polri, kepala_desa, perangkat_desa, bpd, lainnya).");
  snprintf(c->kategori, sizeof c->kategori, "%s", s);
  if ((e = get_text(t, "instansi", "terlapor.instansi", 0, TEXT_MAX, &s))) return e;
  snprintf(c->instansi, sizeof c->instansi, "%s", s ? s : "");
  if ((e = get_text(t, "jabatan", "terlapor.jabatan", 0, TEXT_MAX, &s))) return e;
  snprintf(c->jabatan, sizeof c->jabatan, "%s", s ? s : "");
  if ((e = get_text(t, "wilayah", "terlapor.wilayah", 0, 20, &s))) return e;
  if (s) {
    if ((e = check_wilayah(db, s, "terlapor.wilayah"))) return e;
    snprintf(c->terlapor_wilayah, sizeof c->terlapor_wilayah, "%s", s);
  }
  caldate_t kej, tahu;
  if ((e = get_date(p, "tanggal_kejadian", "peristiwa.tanggal_kejadian", &kej))) return e;
  if ((e = get_date(p, "tanggal_diketahui", "peristiwa.tanggal_diketahui", &tahu))) return e;
  if (tahu < kej)
    return err_set(ERR_INVALID, "peristiwa.tanggal_diketahui", "Tanggal diketahui tidak boleh sebelum tanggal kejadian.");
  caldate_format(kej, c->tanggal_kejadian, sizeof c->tanggal_kejadian);
  caldate_format(tahu, c->tanggal_diketahui, sizeof c->tanggal_diketahui);
  if ((e = get_text(p, "wilayah", "peristiwa.wilayah", 1, 20, &s))) return e;
  if ((e = check_wilayah(db, s, "peristiwa.wilayah"))) return e;
  if (strchr(s, '.') == NULL)
    return err_set(ERR_INVALID, "peristiwa.wilayah", "Pilih wilayah sampai kabupaten/kota, kecamatan atau desa.");
  snprintf(c->wilayah, sizeof c->wilayah, "%s", s);
  if ((e = get_text(p, "lokasi", "peristiwa.lokasi", 1, LIMIT_LOKASI, &s))) return e;
  snprintf(c->lokasi, sizeof c->lokasi, "%s", s);
  if ((e = get_text(p, "uraian", "peristiwa.uraian", 1, URAIAN_MAX, &s))) return e;
  if (enc_utf8_chars(s) < URAIAN_MIN)
    return err_set(ERR_INVALID, "peristiwa.uraian", "Uraian kejadian minimal %d karakter: ceritakan apa, siapa, kapan, di mana.", URAIAN_MIN);
  c->uraian = xstrdup(s);
  /* saksi: up to SAKSI_MAX {nama, keterangan} */
  json_t *saksi = json_object_get(body, "saksi"), *clean = json_array();
  if (!clean) return ERR_NOMEM;
  if (saksi && !json_is_null(saksi)) {
    if (!json_is_array(saksi) || json_array_size(saksi) > SAKSI_MAX) {
      json_decref(clean);
      return err_set(ERR_INVALID, "saksi", "Saksi harus berupa daftar (maks. %d orang).", SAKSI_MAX);
    }
    size_t i;
    json_t *it;
    json_array_foreach(saksi, i, it) {
      const char *nm, *ket;
      char f1[32], f2[40];
      snprintf(f1, sizeof f1, "saksi.%zu.nama", i);
      snprintf(f2, sizeof f2, "saksi.%zu.keterangan", i);
      if (!json_is_object(it)) e = err_set(ERR_INVALID, f1, "Data saksi ke-%zu tidak valid.", i + 1);
      if (!e) e = get_text(it, "nama", f1, 1, TEXT_MAX, &nm);
      if (!e) e = get_text(it, "keterangan", f2, 0, 2000, &ket);
      if (e) { json_decref(clean); return e; }
      json_array_append_new(clean, json_pack("{s:s,s:s}", "nama", nm, "keterangan", ket ? ket : ""));
    }
  }
  c->saksi = json_dumps(clean, JSON_COMPACT);
  json_decref(clean);
  if (!c->uraian || !c->saksi) return ERR_NOMEM;
  (void)cx;
  return ERR_OK;
}

static err_t parse_pelapor(json_t *body, json_t **pelapor_out) {
  json_t *p;
  const char *s;
  err_t e = get_obj(body, "pelapor", 1, &p);
  if (e) return err_set(ERR_INVALID, "pelapor.nama", "Identitas pelapor wajib diisi, atau pilih lapor anonim.");
  if ((e = get_text(p, "nama", "pelapor.nama", 1, TEXT_MAX, &s))) return e;
  if ((e = get_text(p, "nik", "pelapor.nik", 1, 16, &s))) return e;
  identitas_nik_t nik;
  if ((e = identitas_nik_check(s, "pelapor.nik", &nik))) return e;
  if ((e = get_text(p, "alamat", "pelapor.alamat", 1, 500, &s))) return e;
  const char *tel, *mail;
  if ((e = get_text(p, "telepon", "pelapor.telepon", 0, 20, &tel))) return e;
  if (tel && strspn(tel, "+0123456789 -") != strlen(tel))
    return err_set(ERR_INVALID, "pelapor.telepon", "Nomor telepon hanya boleh angka, spasi, + dan -.");
  if ((e = get_text(p, "email", "pelapor.email", 0, 120, &mail))) return e;
  if (mail && (!strchr(mail, '@') || strchr(mail, ' ')))
    return err_set(ERR_INVALID, "pelapor.email", "Alamat email tidak valid.");
  if (!tel && !mail)
    return err_set(ERR_INVALID, "pelapor.telepon", "Isi nomor telepon atau email agar pengawas dapat menghubungi Anda.");
  *pelapor_out = p;
  return ERR_OK;
}

/* The sealed reporter identity, bound to its case:
 *   "ntr2" || nonce (24) || XChaCha20-Poly1305(pelapor JSON, ad = kode)
 * under a key derived from the server's secretbox key. Because the kode is
 * authenticated, a blob copied into another case's row (by someone who can
 * write the database) does not open there. Reports sealed before this format
 * hold secretbox(nonce || MAC || ciphertext), unbound; they still open. */
static const unsigned char SEAL_V2[4] = {'n', 't', 'r', '2'};
enum { SEAL_HEAD = sizeof SEAL_V2 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES };

static void seal_key(const case_ctx_t *cx, unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES]) {
  _Static_assert(crypto_secretbox_KEYBYTES == crypto_kdf_KEYBYTES, "the secretbox key is a KDF master key");
  crypto_kdf_derive_from_key(key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, 2, "segelid_", cx->keys->box);
}

static err_t seal(const case_ctx_t *cx, const char *kode, json_t *pelapor, unsigned char **out, size_t *out_len) {
  char *plain = json_dumps(pelapor, JSON_COMPACT | JSON_SORT_KEYS);
  if (!plain) return ERR_NOMEM;
  size_t pl = strlen(plain), n = SEAL_HEAD + pl + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  unsigned char *buf = xmalloc(n), key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  if (!buf) { sodium_memzero(plain, pl); free(plain); return ERR_NOMEM; }
  memcpy(buf, SEAL_V2, sizeof SEAL_V2);
  randombytes_buf(buf + sizeof SEAL_V2, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  seal_key(cx, key);
  crypto_aead_xchacha20poly1305_ietf_encrypt(buf + SEAL_HEAD, NULL, (const unsigned char *)plain, pl,
                                             (const unsigned char *)kode, strlen(kode), NULL, buf + sizeof SEAL_V2, key);
  sodium_memzero(key, sizeof key);
  sodium_memzero(plain, pl);
  free(plain);
  *out = buf;
  *out_len = n;
  return ERR_OK;
}

/* plain (pl + 1 bytes) from the current format, or -1. */
static int open_v2(const case_ctx_t *cx, const char *kode, const unsigned char *p, size_t n, char *plain) {
  if (n < SEAL_HEAD + crypto_aead_xchacha20poly1305_ietf_ABYTES || memcmp(p, SEAL_V2, sizeof SEAL_V2) != 0) return -1;
  unsigned char key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  seal_key(cx, key);
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)plain, NULL, NULL, p + SEAL_HEAD, n - SEAL_HEAD,
                                                      (const unsigned char *)kode, strlen(kode), p + sizeof SEAL_V2, key);
  sodium_memzero(key, sizeof key);
  if (rc == 0) plain[n - SEAL_HEAD - crypto_aead_xchacha20poly1305_ietf_ABYTES] = '\0';
  return rc;
}

/* The earlier, unbound format (a legacy nonce may begin with "ntr2" too, so it is tried after). */
static int open_v1(const case_ctx_t *cx, const unsigned char *p, size_t n, char *plain) {
  if (n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return -1;
  if (crypto_secretbox_open_easy((unsigned char *)plain, p + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
                                 p, cx->keys->box) != 0)
    return -1;
  plain[n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
  return 0;
}

static err_t unseal_json(const case_ctx_t *cx, const char *kode, const unsigned char *p, size_t n, json_t **out) {
  char *plain = xmalloc(n + 1);
  if (!plain) return ERR_NOMEM;
  if (open_v2(cx, kode, p, n, plain) != 0 && open_v1(cx, p, n, plain) != 0) {
    xfree(plain);
    return err_set(ERR_CRYPTO, NULL,
                   "Identitas pelapor tidak dapat dibuka: data segel bukan milik kasus ini atau kunci server berbeda.");
  }
  size_t pl = strlen(plain);
  *out = json_loads(plain, 0, NULL);
  sodium_memzero(plain, pl);
  xfree(plain);
  return *out ? ERR_OK : ERR_CRYPTO;
}

/* Next deadline of the case for stage tahap starting now (WIB); clears when tahap is NULL. */
static void set_deadline(const case_ctx_t *cx, case_row_t *c, const char *tahap) {
  c->tenggat_tahap[0] = c->tenggat_jatuh_tempo[0] = c->tenggat_dasar[0] = '\0';
  if (!tahap) return;
  deadline_result_t r;
  caldatetime_t now = caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET);
  if (deadline_due(cx->rules, cx->cal, c->rezim, tahap, now, &r) != ERR_OK) return;
  caldatetime_format(r.jatuh_tempo, c->tenggat_jatuh_tempo, sizeof c->tenggat_jatuh_tempo);
  snprintf(c->tenggat_tahap, sizeof c->tenggat_tahap, "%s", tahap);
  snprintf(c->tenggat_dasar, sizeof c->tenggat_dasar, "%s", r.rule->dasar);
}

static json_t *intake_answer(const case_row_t *c) {
  json_t *tt = c->tanda_terima ? json_loads(c->tanda_terima, 0, NULL) : json_null();
  return json_pack("{s:s,s:s,s:o,s:b}", "kode", c->kode, "jenis", c->jenis, "tanda_terima", tt ? tt : json_null(),
                   "kedaluwarsa", c->kedaluwarsa);
}

/* pelapor (may be NULL) is sealed to the kode drawn here. */
static err_t insert_case(db_t *db, const case_ctx_t *cx, case_row_t *c, const char *actor, const char *tahap,
                         const unsigned char *content, size_t content_len, int sign, json_t *pelapor) {
  err_t e = ERR_OK;
  char now[CLOCK_ISO_LEN];
  clock_iso(clock_now(), now);
  snprintf(c->diterima, sizeof c->diterima, "%s", now);
  snprintf(c->updated_at, sizeof c->updated_at, "%s", now);
  receipt_sha256_hex(content, content_len, c->content_sha256);
  set_deadline(cx, c, tahap);
  /* A collision of 60 random bits is astronomically unlikely; retry anyway. */
  for (int attempt = 0; attempt < 3; attempt++) {
    if ((e = kode_generate(c->kode, sizeof c->kode))) return e;
    if (pelapor) {
      xfree(c->pelapor_sealed);
      c->pelapor_sealed = NULL;
      if ((e = seal(cx, c->kode, pelapor, &c->pelapor_sealed, &c->pelapor_sealed_len))) return e;
    }
    if (sign) {
      json_t *r;
      if ((e = receipt_make(cx->keys->sign_sk, c->kode, now, content, content_len, &r))) return e;
      xfree(c->tanda_terima);
      char *s = json_dumps(r, JSON_COMPACT);
      json_decref(r);
      c->tanda_terima = s ? xstrdup(s) : NULL;
      free(s);
      if (!c->tanda_terima) return ERR_NOMEM;
    }
    caseseal_kasus(cx->keys, c, c->segel);
    e = store_case_insert(db, c, &c->id);
    if (e != ERR_CONFLICT) break;
  }
  if (e) return e;
  if ((e = store_case_event_add(db, c->id, now, actor, NULL, c->status, NULL, NULL))) return e;
  json_t *d = json_pack("{s:s,s:s,s:s}", "jenis", c->jenis, "wilayah", c->wilayah, "status", c->status);
  e = audit_append(db, cx->keys, actor, "kasus.buat", c->kode, d);
  json_decref(d);
  return e;
}

err_t case_intake(db_t *db, const case_ctx_t *cx, json_t *body, const char *raw, size_t raw_len, json_t **out,
                  int *created) {
  case_row_t c;
  json_t *pelapor = NULL;
  const char *client_id = NULL;
  err_t e;
  memset(&c, 0, sizeof c);
  *created = 0;
  if ((e = get_text(body, "client_id", "client_id", 0, 64, &client_id))) return e;
  if (client_id) {
    case_row_t old;
    e = store_case_by_client_id(db, client_id, &old);
    if (e == ERR_OK) {
      *out = intake_answer(&old);
      case_row_free(&old);
      return *out ? ERR_OK : ERR_NOMEM;
    }
    if (e != ERR_NOT_FOUND) return e;
  }
  json_t *an = json_object_get(body, "anonim");
  if (an && !json_is_boolean(an)) return err_set(ERR_INVALID, "anonim", "Kolom anonim harus true atau false.");
  int anonim = an && json_is_true(an);
  if ((e = parse_terlapor_peristiwa(db, cx, body, &c))) goto done;
  if (!anonim && (e = parse_pelapor(body, &pelapor))) goto done;
  /* Anonymous or incomplete information is informasi awal (DOMAIN.md). */
  snprintf(c.jenis, sizeof c.jenis, "%s", anonim ? "informasi_awal" : "laporan");
  workflow_state_t st;
  const char *tahap;
  if ((e = workflow_initial(c.jenis, &st, &tahap))) goto done;
  snprintf(c.status, sizeof c.status, "%s", workflow_state_name(st));
  if (client_id) snprintf(c.client_id, sizeof c.client_id, "%s", client_id);
  /* UU 7/2017 Ps 454(6), UU 10/2016 Ps 134(4): a late report is still recorded, only flagged. */
  if (!anonim) {
    caldate_t tahu, today;
    char t[CALDATE_STR];
    today_wib(t, NULL);
    if (caldate_parse(c.tanggal_diketahui, &tahu) == ERR_OK && caldate_parse(t, &today) == ERR_OK)
      deadline_report_kedaluwarsa(cx->rules, cx->cal, c.rezim, tahu, today, &c.kedaluwarsa, NULL);
  }
  if ((e = insert_case(db, cx, &c, "publik", tahap, (const unsigned char *)raw, raw_len, 1, pelapor))) goto done;
  *out = intake_answer(&c);
  *created = 1;
  if (!*out) e = ERR_NOMEM;
done:
  case_row_free(&c);
  return e;
}

err_t case_temuan(db_t *db, const case_ctx_t *cx, const account_t *who, json_t *body, json_t **out) {
  case_row_t c;
  err_t e;
  memset(&c, 0, sizeof c);
  if ((e = parse_terlapor_peristiwa(db, cx, body, &c))) goto done;
  if (!wilayah_in_scope(who, c.wilayah)) {
    e = err_set(ERR_INVALID, "peristiwa.wilayah", "Wilayah kejadian di luar wilayah tugas Anda (%s).", who->wilayah);
    goto done;
  }
  workflow_state_t st;
  const char *tahap;
  snprintf(c.jenis, sizeof c.jenis, "temuan");
  if ((e = workflow_initial(c.jenis, &st, &tahap))) goto done;
  snprintf(c.status, sizeof c.status, "%s", workflow_state_name(st));
  snprintf(c.dibuat_oleh, sizeof c.dibuat_oleh, "%s", who->username);
  char *raw = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
  if (!raw) { e = ERR_NOMEM; goto done; }
  e = insert_case(db, cx, &c, who->username, tahap, (const unsigned char *)raw, strlen(raw), 0, NULL);
  free(raw);
  if (e) goto done;
  *out = json_pack("{s:s,s:s}", "kode", c.kode, "jenis", c.jenis);
  if (!*out) e = ERR_NOMEM;
done:
  case_row_free(&c);
  return e;
}

/* ---------- reading ---------- */

static const char *const FOLLOWUP_STATES[] = {"diteruskan", "ditindaklanjuti", "tidak_ditindaklanjuti", "selesai", NULL};

/* Pemda and BKN: the employer, who acts on a recommendation and must never
 * learn more about the reporter than the follow-up needs. */
static int is_employer(const account_t *who) { return who && (who->role & (ROLE_PEMDA | ROLE_BKN)); }

const char *const *case_states_visible_to(const account_t *who) {
  return is_employer(who) ? FOLLOWUP_STATES : NULL;
}

static int role_sees_status(const account_t *who, const char *status) {
  const char *const *only = case_states_visible_to(who);
  if (!only) return 1;
  for (const char *const *s = only; *s; s++)
    if (strcmp(*s, status) == 0) return 1;
  return 0;
}

/* Whether who is shown a case whose row fails its seal: not the employer,
 * since the stage or wilayah that would let them see it may be the forgery;
 * supervisors and admin see it marked, to investigate. */
static int sees_case(const account_t *who, const case_row_t *c, int sealed) {
  return role_sees_status(who, c->status) && (sealed || !is_employer(who));
}

/* Load a case visible to who (staff), or ERR_NOT_FOUND. *sealed (may be
 * NULL): whether the row matches its seal, checked once here. */
static err_t load_visible(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode_in, case_row_t *c,
                          int *sealed) {
  char kode[KODE_BUF];
  if (kode_normalise(kode_in, kode, sizeof kode) != ERR_OK) return err_set(ERR_NOT_FOUND, "kode", "Kasus tidak ditemukan.");
  err_t e = store_case_by_kode(db, kode, c);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "kode", "Kasus tidak ditemukan.");
  if (e) return e;
  int ok = caseseal_kasus_ok(cx->keys, c);
  if (!wilayah_in_scope(who, c->wilayah) || !sees_case(who, c, ok)) {
    case_row_free(c);
    return err_set(ERR_NOT_FOUND, "kode", "Kasus tidak ditemukan.");
  }
  if (sealed) *sealed = ok;
  return ERR_OK;
}

static const char *state_label(const char *name) {
  workflow_state_t s;
  return workflow_state_parse(name, &s) == ERR_OK ? workflow_state_label(s) : name;
}

static json_t *deadline_json(const case_row_t *c) {
  if (!c->tenggat_jatuh_tempo[0]) return json_null();
  caldatetime_t due, now = caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET);
  int has_time;
  if (caldate_parse_datetime(c->tenggat_jatuh_tempo, &due, &has_time) != ERR_OK) return json_null();
  deadline_state_t ds = deadline_status(due, now);
  char label[CALDATE_LONG_STR];
  caldate_format_long(caldatetime_date(due), label, sizeof label);
  static const char *const kelas[] = {"terlambat", "24jam", "3hari", "aman"};
  /* Stored as WIB wall time; the API states the offset so browsers convert correctly. */
  char due_iso[sizeof c->tenggat_jatuh_tempo + 8];
  snprintf(due_iso, sizeof due_iso, "%s+07:00", c->tenggat_jatuh_tempo);
  return json_pack("{s:s,s:s,s:s,s:s,s:s,s:I}", "tahap", c->tenggat_tahap, "jatuh_tempo", due_iso,
                   "dasar", c->tenggat_dasar, "label", label, "kelas", kelas[ds < 4 ? ds : 3], "sisa_jam",
                   (json_int_t)((due - now) / 60));
}

/* When the public did something (the report, an evidence upload), as the
 * viewer may see it: pemda and BKN get the WIB date only. Matched with the
 * log of a proxy or an office network, a time to the second can name the
 * reporter (threat model §4.2); a follow-up needs no more than the date.
 * aktor NULL: the time is the public's by nature (diterima). */
static const char *shown_time(const account_t *who, const char *aktor, const char *ts, char day[CALDATE_STR]) {
  if (!is_employer(who) || (aktor && strcmp(aktor, "publik") != 0)) return ts;
  int64_t t = clock_parse_iso(ts);
  if (t < 0) return "";
  caldate_format(caldatetime_date(caldatetime_from_unix(t, CALDATE_WIB_OFFSET)), day, CALDATE_STR);
  return day;
}

typedef struct {
  json_t *arr;
  int public_view;
  const account_t *who;
} events_ctx_t;

static err_t add_event(void *ud, const char *waktu, const char *aktor, const char *dari, const char *ke,
                       const char *catatan, const char *data) {
  events_ctx_t *x = ud;
  char day[CALDATE_STR];
  waktu = shown_time(x->who, aktor, waktu, day);
  json_t *o = x->public_view
                  ? json_pack("{s:s,s:s,s:s}", "tahap", ke, "tahap_label", state_label(ke), "waktu", waktu)
                  : json_pack("{s:s,s:s,s:s*,s:s,s:s,s:s,s:o}", "waktu", waktu, "aktor", aktor, "dari", *dari ? dari : NULL,
                              "ke", ke, "ke_label", state_label(ke), "catatan", catatan,
                              "data", data ? json_loads(data, 0, NULL) : json_null());
  return o && json_array_append_new(x->arr, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t case_lacak(db_t *db, const case_ctx_t *cx, const char *kode_in, json_t **out) {
  char kode[KODE_BUF];
  case_row_t c;
  err_t e = kode_normalise(kode_in, kode, sizeof kode);
  if (e) return e;
  e = store_case_by_kode(db, kode, &c);
  if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "kode", "Kode lacak tidak ditemukan. Periksa kembali penulisannya.");
  if (e) return e;
  events_ctx_t x = {json_array(), 1, NULL};
  e = store_case_events(db, c.id, add_event, &x);
  if (!e) {
    /* segel_rusak: the stage shown may be a forgery (caseseal.h); the
     * reporter is told it is being checked, nothing more */
    *out = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:b}", "kode", c.kode, "jenis", c.jenis, "tahap", c.status,
                     "tahap_label", state_label(c.status), "diterima", c.diterima, "riwayat", x.arr, "tenggat",
                     deadline_json(&c), "segel_rusak", !caseseal_kasus_ok(cx->keys, &c));
    x.arr = NULL;
    if (!*out) e = ERR_NOMEM;
  }
  json_decref(x.arr);
  case_row_free(&c);
  return e;
}

/* The rule for who gets a copy without metadata: pemda and BKN always (they
 * need the content, never the reporter's position), supervisors when they
 * ask (?bersih=1, a copy to share); only for types mediameta cleans. */
static int serves_clean(const account_t *who, const char *mime, int asked) {
  return (asked || is_employer(who)) && mediameta_supported(mime);
}

typedef struct {
  json_t *arr;
  const char *kode;
  const account_t *who;
  const case_ctx_t *cx;
  int broken; /* rows failing their seal */
} bukti_ctx_t;

/* One evidence item of the detail; "bersih": this viewer is served the copy
 * without metadata by default, "dapat_dibersihkan": such a copy can be asked for. */
static err_t add_bukti(void *ud, const bukti_row_t *b) {
  bukti_ctx_t *x = ud;
  char url[160], day[CALDATE_STR];
  snprintf(url, sizeof url, "/api/v1/kasus/%s/bukti/%lld", x->kode, (long long)b->id);
  int sealed = caseseal_bukti_ok(x->cx->keys, x->kode, b);
  x->broken += !sealed;
  json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:b,s:b,s:b}", "id", (json_int_t)b->id, "sha256", b->sha256,
                        "jenis", b->jenis, "mime", b->mime, "ukuran", (json_int_t)b->ukuran, "diterima",
                        shown_time(x->who, NULL, b->diterima, day), "url", url, "bersih",
                        serves_clean(x->who, b->mime, 0), "dapat_dibersihkan", mediameta_supported(b->mime),
                        "segel_rusak", !sealed);
  return o && json_array_append_new(x->arr, o) == 0 ? ERR_OK : ERR_NOMEM;
}

/* One custody entry onto its evidence item (bukti array of the detail). */
static err_t add_access(void *ud, int64_t bukti_id, const char *waktu, const char *aktor, const char *aksi) {
  bukti_ctx_t *x = ud;
  size_t i;
  json_t *b;
  char day[CALDATE_STR];
  json_array_foreach(x->arr, i, b) {
    if (json_integer_value(json_object_get(b, "id")) != bukti_id) continue;
    json_t *log = json_object_get(b, "akses");
    if (!log) json_object_set_new(b, "akses", log = json_array());
    return json_array_append_new(log, json_pack("{s:s,s:s,s:s}", "waktu", shown_time(x->who, aktor, waktu, day), "aktor",
                                                aktor, "aksi", aksi)) == 0
               ? ERR_OK
               : ERR_NOMEM;
  }
  return ERR_OK;
}

static json_t *rekom_json(const rekom_row_t *r, const case_ctx_t *cx) {
  const catalog_otoritas_t *o = catalog_otoritas_find(cx->catalog, r->penerima);
  return json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s*,s:s*,s:s*,s:s*,s:s*,s:b}", "id", (json_int_t)r->id, "kode_kasus",
                   r->kode_kasus, "penerima", r->penerima, "penerima_nama", o ? o->nama : r->penerima, "nomor", r->nomor,
                   "tanggal", r->tanggal, "status", r->status, "jenis_sanksi", r->jenis_sanksi[0] ? r->jenis_sanksi : NULL,
                   "nomor_sk", r->nomor_sk[0] ? r->nomor_sk : NULL, "tanggal_sk", r->tanggal_sk[0] ? r->tanggal_sk : NULL,
                   "pejabat", r->pejabat[0] ? r->pejabat : NULL, "alasan", r->alasan[0] ? r->alasan : NULL,
                   "segel_rusak", !caseseal_rekom_ok(cx->keys, r));
}

typedef struct {
  json_t *arr;
  const case_ctx_t *cx;
  caldate_t today;
  int only_late;
  int broken; /* rows failing their seal */
} rekom_ctx_t;

static err_t add_rekom(void *ud, const rekom_row_t *r) {
  rekom_ctx_t *x = ud;
  json_t *o = rekom_json(r, x->cx);
  if (!o) return ERR_NOMEM;
  /* Working days since it was sent (reminder after NETRAL_FOLLOWUP_DAYS). */
  caldate_t sent;
  long hk = 0;
  if (caldate_parse(r->tanggal, &sent) == ERR_OK)
    for (caldate_t d = sent + 1; d <= x->today && hk < 10000; d++) hk += deadline_calendar_is_working_day(x->cx->cal, d);
  int late = strcmp(r->status, "menunggu") == 0 && hk > x->cx->followup_days;
  if (x->only_late && !late) {
    json_decref(o);
    return ERR_OK;
  }
  json_object_set_new(o, "hari_kerja_berlalu", json_integer(hk));
  json_object_set_new(o, "terlambat", json_boolean(late));
  json_object_set_new(o, "batas_hari_kerja", json_integer(x->cx->followup_days));
  x->broken += json_is_true(json_object_get(o, "segel_rusak"));
  return json_array_append_new(x->arr, o) == 0 ? ERR_OK : ERR_NOMEM;
}

static caldate_t today_date(void) {
  return caldatetime_date(caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET));
}

static json_t *string_list(const char *const *v) {
  json_t *a = json_array();
  for (; a && *v; v++) json_array_append_new(a, json_string(*v));
  return a;
}

static json_t *transitions_json(const case_row_t *c, const account_t *who) {
  json_t *arr = json_array();
  workflow_state_t from;
  const workflow_transition_t *ts[32];
  if (!arr || workflow_state_parse(c->status, &from) != ERR_OK) return arr;
  size_t n = workflow_allowed(from, (unsigned)who->role, ts, 32);
  for (size_t i = 0; i < n; i++) {
    json_t *w = json_array();
    for (const workflow_field_t *f = ts[i]->fields; f && f->name; f++) {
      /* jenis: how a form asks for it; jika/jika_nilai: required only when
       * field jika has one of those values (the catalog for a violation) */
      static const char *const kinds[] = {[WORKFLOW_FIELD_TEXT] = "teks", [WORKFLOW_FIELD_ENUM] = "pilihan",
                                          [WORKFLOW_FIELD_DATE] = "tanggal", [WORKFLOW_FIELD_LIST] = "daftar",
                                          [WORKFLOW_FIELD_CODE] = "kode"};
      json_t *fo = json_pack("{s:s,s:s,s:s,s:s*}", "nama", f->name, "label", f->label, "jenis", kinds[f->type], "jika",
                             f->if_field);
      if (f->values) json_object_set_new(fo, "pilihan", string_list(f->values));
      if (f->if_values) json_object_set_new(fo, "jika_nilai", string_list(f->if_values));
      json_array_append_new(w, fo);
    }
    json_array_append_new(arr, json_pack("{s:s,s:s,s:s,s:o,s:s*}", "ke", workflow_state_name(ts[i]->to), "label",
                                         workflow_state_label(ts[i]->to), "aksi", ts[i]->aksi, "wajib", w, "dasar",
                                         ts[i]->dasar));
  }
  return arr;
}

err_t case_detail(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, json_t **out) {
  case_row_t c;
  int sealed = 0;
  err_t e = load_visible(db, cx, who, kode, &c, &sealed);
  if (e) return e;
  events_ctx_t ev = {json_array(), 0, who};
  json_t *bukti = json_array();
  bukti_ctx_t bctx = {bukti, c.kode, who, cx, 0};
  rekom_ctx_t rk = {json_array(), cx, today_date(), 0, 0};
  json_t *hist = NULL;
  if (!(e = store_case_events(db, c.id, add_event, &ev)) && !(e = store_bukti_list(db, c.id, add_bukti, &bctx)) &&
      !(e = store_bukti_access_list(db, c.id, add_access, &bctx)) && !(e = store_rekom_list(db, "", c.id, 0, add_rekom, &rk)))
    e = case_terlapor_lookup(db, cx, who, c.terlapor_nip[0] ? c.terlapor_nip : c.terlapor_nama, NULL, c.kode, &hist);
  if (e) goto done;
  const char *def_oto = catalog_default_otoritas(cx->catalog, c.kategori);
  char day[CALDATE_STR];
  wilayah_row_t tw; /* the terlapor's place of work, by name */
  if (!c.terlapor_wilayah[0] || store_wilayah_get(db, c.terlapor_wilayah, &tw) != ERR_OK) tw.nama[0] = '\0';
  *out = json_pack(
      "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:{s:s,s:s*,s:s,s:s*,s:s*,s:s*,s:s*,s:s*},s:{s:s,s:s,s:s,s:s,s:s,s:s},s:o,s:{s:b,s:b},"
      "s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:s,s:s*,s:b,s:b}",
      "kode", c.kode, "jenis", c.jenis, "status", c.status, "status_label", state_label(c.status), "rezim", c.rezim,
      "diterima", shown_time(who, NULL, c.diterima, day), "content_sha256", c.content_sha256,
      "terlapor", "nama", c.terlapor_nama, "nip", c.terlapor_nip[0] ? c.terlapor_nip : NULL, "kategori", c.kategori,
      "kategori_label", catalog_kategori_label(c.kategori), "instansi", c.instansi[0] ? c.instansi : NULL, "jabatan",
      c.jabatan[0] ? c.jabatan : NULL, "wilayah", c.terlapor_wilayah[0] ? c.terlapor_wilayah : NULL,
      "wilayah_nama", tw.nama[0] ? tw.nama : NULL,
      "peristiwa", "tanggal_kejadian", c.tanggal_kejadian, "tanggal_diketahui", c.tanggal_diketahui, "wilayah", c.wilayah,
      "wilayah_nama", c.wilayah_nama, "lokasi", c.lokasi, "uraian", c.uraian,
      "saksi", json_loads(c.saksi, 0, NULL),
      "pelapor", "ada", c.pelapor_sealed != NULL, "disegel", c.pelapor_sealed != NULL,
      "bukti", bukti, "riwayat", ev.arr, "tenggat", deadline_json(&c), "transisi",
      sealed ? transitions_json(&c, who) : json_array(),
      "rekomendasi", rk.arr, "riwayat_terlapor", hist, "kedaluwarsa", c.kedaluwarsa, "dibuat_oleh", c.dibuat_oleh,
      "otoritas_bawaan", def_oto, "segel_rusak", !sealed || bctx.broken || rk.broken, "segel_kasus_rusak", !sealed);
  bukti = ev.arr = rk.arr = hist = NULL;
  if (*out && c.putusan) json_object_set_new(*out, "putusan", json_loads(c.putusan, 0, NULL));
  if (!*out) e = ERR_NOMEM;
done:
  json_decref(bukti);
  json_decref(ev.arr);
  json_decref(rk.arr);
  json_decref(hist);
  case_row_free(&c);
  return e;
}

/* ---------- transitions ---------- */

static const char *fstr(json_t *f, const char *k) {
  const char *s = json_string_value(json_object_get(f, k));
  return s ? s : "";
}

/* A row changed behind the application's back is never the basis of a new
 * step: accepting it would seal the change. */
static err_t broken_seal(const char *what, const char *kode) {
  log_warn("kasus %s: segel %s tidak cocok — diubah di luar aplikasi", kode, what);
  return err_set(ERR_CONFLICT, NULL,
                 "Data %s kasus %s diubah langsung di basis data, di luar aplikasi (segel tidak cocok); permintaan ini "
                 "ditolak. Admin: periksa barisnya dan log audit, lalu `netral kasus segel --kode %s`.",
                 what, kode, kode);
}

/* Close the open rekomendasi of case c with the outcome in f. */
static err_t close_rekom(db_t *db, const case_ctx_t *cx, const case_row_t *c, workflow_state_t to, json_t *f) {
  rekom_row_t r;
  err_t e = store_rekom_open(db, c->id, &r);
  if (e == ERR_NOT_FOUND) return ERR_OK; /* forwarded before rekomendasi rows existed */
  if (e) return e;
  if (!caseseal_rekom_ok(cx->keys, &r)) return broken_seal("rekomendasi", c->kode);
  snprintf(r.status, sizeof r.status, "%s", workflow_state_name(to));
  snprintf(r.jenis_sanksi, sizeof r.jenis_sanksi, "%s", fstr(f, "jenis_sanksi"));
  snprintf(r.nomor_sk, sizeof r.nomor_sk, "%s", fstr(f, "nomor_sk"));
  snprintf(r.tanggal_sk, sizeof r.tanggal_sk, "%s", fstr(f, "tanggal_sk"));
  snprintf(r.pejabat, sizeof r.pejabat, "%s", fstr(f, "pejabat"));
  snprintf(r.alasan, sizeof r.alasan, "%s", fstr(f, "alasan"));
  caseseal_rekom(cx->keys, &r, r.segel);
  return store_rekom_close(db, &r);
}

err_t case_transition(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, json_t *fields) {
  case_row_t c;
  int sealed = 0;
  err_t e = load_visible(db, cx, who, kode, &c, &sealed);
  if (e) return e;
  json_t *f = json_deep_copy(fields), *putusan = NULL;
  char *putusan_txt = NULL;
  workflow_state_t from, to;
  if (!f) { e = ERR_NOMEM; goto done; }
  if (!sealed) { e = broken_seal("kasus", c.kode); goto done; }
  const char *ke = json_string_value(json_object_get(f, "ke"));
  if (!ke) { e = err_set(ERR_INVALID, "ke", "Kolom ke (tahap tujuan) wajib diisi."); goto done; }
  if ((e = workflow_state_parse(c.status, &from))) goto done;
  if ((e = workflow_state_parse(ke, &to))) goto done;
  /* The stored decision, never the client's, steers transitions out of putusan. */
  json_object_del(f, "jenis_putusan");
  if (from == WORKFLOW_PUTUSAN || from == WORKFLOW_KAJIAN) {
    if (from == WORKFLOW_KAJIAN) {
      json_t *jp = json_object_get(fields, "jenis_putusan");
      if (jp) json_object_set(f, "jenis_putusan", jp);
    } else if (c.putusan) {
      json_t *p = json_loads(c.putusan, 0, NULL);
      if (p) json_object_set(f, "jenis_putusan", json_object_get(p, "jenis_putusan"));
      json_decref(p);
    }
  }
  if ((e = workflow_check(from, to, (unsigned)who->role, f))) goto done;
  const workflow_transition_t *t = workflow_find(from, to);
  if (to == WORKFLOW_PUTUSAN) {
    json_t *kat = json_object_get(f, "katalog");
    if (kat && (e = catalog_check_list(cx->catalog, c.kategori, kat, "katalog"))) goto done;
    putusan = json_pack("{s:s,s:O*,s:s*,s:s*,s:s*}", "jenis_putusan", fstr(f, "jenis_putusan"), "katalog", kat,
                        "fakta", json_string_value(json_object_get(f, "fakta")), "analisis",
                        json_string_value(json_object_get(f, "analisis")), "catatan",
                        json_string_value(json_object_get(f, "catatan")));
    putusan_txt = putusan ? json_dumps(putusan, JSON_COMPACT) : NULL;
    if (!putusan_txt) { e = ERR_NOMEM; goto done; }
  }
  if (to == WORKFLOW_DITERUSKAN) {
    if (!catalog_otoritas_find(cx->catalog, fstr(f, "penerima"))) {
      e = err_set(ERR_INVALID, "penerima", "Penerima rekomendasi tidak dikenal: %s.", fstr(f, "penerima"));
      goto done;
    }
    rekom_row_t r;
    memset(&r, 0, sizeof r);
    r.case_id = c.id;
    snprintf(r.penerima, sizeof r.penerima, "%s", fstr(f, "penerima"));
    snprintf(r.nomor, sizeof r.nomor, "%s", fstr(f, "nomor"));
    snprintf(r.tanggal, sizeof r.tanggal, "%s", fstr(f, "tanggal"));
    snprintf(r.status, sizeof r.status, "menunggu");
    snprintf(r.kode_kasus, sizeof r.kode_kasus, "%s", c.kode);
    caseseal_rekom(cx->keys, &r, r.segel);
    if ((e = store_rekom_add(db, &r))) goto done;
  }
  if ((to == WORKFLOW_DITINDAKLANJUTI || to == WORKFLOW_TIDAK_DITINDAKLANJUTI) && (e = close_rekom(db, cx, &c, to, f)))
    goto done;
  /* A transition that starts a stage restarts the clock; a final state stops
   * it; any other step (e.g. klarifikasi → kajian) keeps the running deadline. */
  const char *tahap = workflow_tahap(t, f);
  if (workflow_state_final(to)) set_deadline(cx, &c, NULL);
  else if (tahap) set_deadline(cx, &c, tahap);
  char now[CLOCK_ISO_LEN], dari[sizeof c.status];
  clock_iso(clock_now(), now);
  snprintf(dari, sizeof dari, "%s", c.status);
  snprintf(c.status, sizeof c.status, "%s", workflow_state_name(to));
  if (putusan_txt) {
    xfree(c.putusan);
    if (!(c.putusan = xstrdup(putusan_txt))) { e = ERR_NOMEM; goto done; }
  }
  caseseal_kasus(cx->keys, &c, c.segel);
  if ((e = store_case_update_state(db, &c, now))) goto done;
  json_object_del(f, "ke");
  char *data = json_dumps(f, JSON_COMPACT | JSON_SORT_KEYS);
  const char *catatan = json_string_value(json_object_get(f, "catatan"));
  if (!catatan) catatan = json_string_value(json_object_get(f, "alasan"));
  e = store_case_event_add(db, c.id, now, who->username, dari, c.status, catatan, data);
  if (!e) {
    json_t *d = json_pack("{s:s,s:s,s:o}", "dari", dari, "ke", c.status, "data",
                          data ? json_loads(data, 0, NULL) : json_null());
    e = audit_append(db, cx->keys, who->username, "kasus.transisi", c.kode, d);
    json_decref(d);
  }
  free(data);
done:
  json_decref(f);
  json_decref(putusan);
  free(putusan_txt);
  case_row_free(&c);
  return e;
}

/* ---------- lists ---------- */

typedef struct {
  json_t *items;
  const account_t *who;
  const case_ctx_t *cx;
  int64_t hidden; /* rows on this page the viewer may not see (sees_case) */
} list_ctx_t;

static err_t add_item(void *ud, const case_row_t *c) {
  list_ctx_t *x = ud;
  char day[CALDATE_STR];
  int sealed = caseseal_kasus_ok(x->cx->keys, c);
  if (!sees_case(x->who, c, sealed)) { x->hidden++; return ERR_OK; }
  json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:b,s:b}", "kode", c->kode, "jenis", c->jenis, "status",
                        c->status, "status_label", state_label(c->status), "kategori", c->kategori, "terlapor_nama",
                        c->terlapor_nama, "instansi", c->instansi, "wilayah", c->wilayah, "wilayah_nama",
                        c->wilayah_nama, "diterima", shown_time(x->who, NULL, c->diterima, day), "tenggat",
                        deadline_json(c), "kedaluwarsa", c->kedaluwarsa, "segel_rusak", !sealed);
  return o && json_array_append_new(x->items, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t case_list(db_t *db, const case_ctx_t *cx, const account_t *who, const char *status, const char *kategori,
                const char *wilayah, const char *q, const char *tenggat, long page, long per_page, json_t **out,
                long *read) {
  case_filter_t f;
  memset(&f, 0, sizeof f);
  if (page < 1) page = 1;
  if (per_page < 1 || per_page > 200) per_page = 50;
  f.scope = who->role == ROLE_ADMIN ? "" : who->wilayah;
  f.status = status;
  f.kategori = kategori;
  f.wilayah = wilayah;
  f.q = q;
  f.only_status = case_states_visible_to(who);
  f.limit = per_page;
  f.offset = (page - 1) * per_page;
  /* Deadline windows, in minutes from now (WIB). */
  static const struct {
    const char *name;
    int from_now; /* 1: lower bound is now */
    long minutes; /* upper bound = now + minutes */
  } windows[] = {{"terlambat", 0, 0}, {"24jam", 1, 24 * 60}, {"3hari", 1, 3 * 24 * 60}};
  char nowbuf[CALDATETIME_STR], endbuf[CALDATETIME_STR];
  if (tenggat && *tenggat) {
    size_t i = 0;
    while (i < sizeof windows / sizeof windows[0] && strcmp(windows[i].name, tenggat) != 0) i++;
    if (i == sizeof windows / sizeof windows[0])
      return err_set(ERR_INVALID, "tenggat", "Filter tenggat harus terlambat, 24jam atau 3hari.");
    caldatetime_t now = caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET);
    caldatetime_format(now, nowbuf, sizeof nowbuf);
    caldatetime_format(now + windows[i].minutes, endbuf, sizeof endbuf);
    f.due_before = endbuf;
    if (windows[i].from_now) f.due_from = nowbuf;
  }
  if (wilayah && *wilayah && !wilayah_code_valid(wilayah))
    return err_set(ERR_INVALID, "wilayah", "Kode wilayah filter tidak valid.");
  if (q && strlen(q) > 100) return err_set(ERR_INVALID, "q", "Kata kunci terlalu panjang (maks. 100).");
  list_ctx_t x = {json_array(), who, cx, 0};
  int64_t total = 0;
  err_t e = store_case_list(db, &f, add_item, &x, &total);
  if (e) { json_decref(x.items); return e; }
  if (read) *read = (long)(json_array_size(x.items) + (size_t)x.hidden);
  *out = json_pack("{s:I,s:I,s:I,s:o}", "total", (json_int_t)(total - x.hidden), "halaman", (json_int_t)page,
                   "per_halaman", (json_int_t)per_page, "items", x.items);
  return *out ? ERR_OK : ERR_NOMEM;
}

err_t case_unseal(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, const char *alasan,
                  json_t **out) {
  case_row_t c;
  if (who->role != ROLE_BAWASLU)
    return err_set(ERR_FORBIDDEN, NULL, "Hanya Bawaslu yang dapat membuka identitas pelapor.");
  /* Scope first: a case outside one's region must look absent, whatever the input. */
  err_t e = load_visible(db, cx, who, kode, &c, NULL);
  if (e) return e;
  if (blank(alasan) || enc_utf8_chars(alasan) < 10) {
    e = err_set(ERR_INVALID, "alasan", "Tuliskan alasan membuka identitas pelapor (minimal 10 karakter).");
    goto done;
  }
  if (!c.pelapor_sealed) {
    e = err_set(ERR_NOT_FOUND, NULL, "Kasus ini tidak memiliki identitas pelapor (anonim atau temuan).");
    goto done;
  }
  if ((e = unseal_json(cx, c.kode, c.pelapor_sealed, c.pelapor_sealed_len, out))) goto done;
  json_t *d = json_pack("{s:s}", "alasan", alasan);
  e = audit_append(db, cx->keys, who->username, "identitas.buka", c.kode, d);
  json_decref(d);
  if (e) { json_decref(*out); *out = NULL; }
done:
  case_row_free(&c);
  return e;
}

err_t case_check_visible(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode) {
  case_row_t c;
  err_t e = load_visible(db, cx, who, kode, &c, NULL);
  if (!e) case_row_free(&c);
  return e;
}

/* ---------- evidence ---------- */

err_t case_add_evidence(db_t *db, const case_ctx_t *cx, const char *actor, const account_t *who, const char *kode_in,
                        const unsigned char *p, size_t n, const char *filename, json_t **out) {
  char kode[KODE_BUF];
  case_row_t c;
  err_t e;
  if (who) {
    e = load_visible(db, cx, who, kode_in, &c, NULL);
  } else {
    if ((e = kode_normalise(kode_in, kode, sizeof kode))) return err_set(ERR_NOT_FOUND, "kode", "Kode lacak tidak ditemukan.");
    e = store_case_by_kode(db, kode, &c);
    if (e == ERR_NOT_FOUND) return err_set(ERR_NOT_FOUND, "kode", "Kode lacak tidak ditemukan.");
  }
  if (e) return e;
  int64_t count = 0;
  if ((e = store_bukti_count(db, c.id, &count))) goto done;
  if (count >= cx->max_files) {
    e = err_set(ERR_TOO_LARGE, "berkas", "Batas %ld berkas bukti per laporan sudah tercapai.", cx->max_files);
    goto done;
  }
  evidence_info_t info;
  if ((e = evidence_store(cx->keys, cx->data_dir, p, n, cx->max_upload, &info))) goto done;
  bukti_row_t b;
  memset(&b, 0, sizeof b);
  snprintf(b.sha256, sizeof b.sha256, "%s", info.sha256);
  snprintf(b.mime, sizeof b.mime, "%s", info.mime);
  snprintf(b.jenis, sizeof b.jenis, "%s", info.jenis);
  if (filename) {
    size_t i = 0;
    for (const char *s = filename; *s && i < sizeof b.nama - 1; s++)
      b.nama[i++] = ((unsigned char)*s < 0x20 || *s == '/' || *s == '\\') ? '_' : *s;
    b.nama[i] = '\0';
  }
  b.ukuran = (int64_t)info.size;
  clock_iso(clock_now(), b.diterima);
  caseseal_bukti(cx->keys, c.kode, &b, b.segel);
  int64_t id;
  if ((e = store_bukti_add(db, c.id, &b, &id))) goto done;
  if ((e = store_bukti_access(db, id, b.diterima, actor, "unggah"))) goto done;
  json_t *d = json_pack("{s:s,s:s,s:I}", "sha256", b.sha256, "jenis", b.jenis, "ukuran", (json_int_t)b.ukuran);
  e = audit_append(db, cx->keys, actor, "bukti.tambah", c.kode, d);
  json_decref(d);
  if (e) goto done;
  *out = json_pack("{s:I,s:s,s:s,s:I}", "id", (json_int_t)id, "sha256", b.sha256, "jenis", b.jenis, "ukuran",
                   (json_int_t)b.ukuran);
  if (!*out) e = ERR_NOMEM;
done:
  case_row_free(&c);
  return e;
}

typedef struct {
  const case_ctx_t *cx;
  const account_t *who;
  const char *kode;
  int64_t bukti_id;
  bukti_row_t b;
  char kasus[64];
  const char *aksi;
} open_ev_t;

static err_t locate_evidence_tx(db_t *db, void *ud) {
  open_ev_t *o = ud;
  case_row_t c;
  err_t e = load_visible(db, o->cx, o->who, o->kode, &c, NULL);
  if (e) return e;
  e = store_bukti_get(db, c.id, o->bukti_id, &o->b);
  if (!e && !caseseal_bukti_ok(o->cx->keys, c.kode, &o->b)) e = broken_seal("bukti", c.kode);
  snprintf(o->kasus, sizeof o->kasus, "%s", c.kode);
  case_row_free(&c);
  return e;
}

/* The custody entry, repeated in the audit chain so that it cannot be
 * changed or dropped unseen (bukti_akses rows carry no seal). */
static err_t log_access_tx(db_t *db, void *ud) {
  open_ev_t *o = ud;
  char now[CLOCK_ISO_LEN];
  clock_iso(clock_now(), now);
  err_t e = store_bukti_access(db, o->b.id, now, o->who->username, o->aksi);
  if (e) return e;
  json_t *d = json_pack("{s:I,s:s,s:s}", "bukti", (json_int_t)o->b.id, "sha256", o->b.sha256, "aksi", o->aksi);
  e = d ? audit_append(db, o->cx->keys, o->who->username, "bukti.akses", o->kasus, d) : ERR_NOMEM;
  json_decref(d);
  return e;
}

/* Three steps, so that no transaction is held while a file of up to the
 * upload limit is read, decrypted and hashed: find the row (read), open the
 * file (no transaction), record the access (write). */
err_t case_open_evidence(db_t *db, const case_ctx_t *cx, const account_t *who, const char *kode, int64_t bukti_id,
                         int download, int bersih, evidence_file_t *out) {
  open_ev_t o = {.cx = cx, .who = who, .kode = kode, .bukti_id = bukti_id};
  buf_t plain;
  buf_init(&plain);
  buf_init(&out->body);
  out->cleaned = 0;
  err_t e = store_read(db, locate_evidence_tx, &o);
  if (e) return e;
  snprintf(out->mime, sizeof out->mime, "%s", o.b.mime);
  e = evidence_read(cx->keys, cx->data_dir, o.b.sha256, &plain, NULL);
  if (e == ERR_NOT_FOUND) {
    e = err_set(ERR_NOT_FOUND, NULL, "Berkas bukti tidak ditemukan di penyimpanan.");
  } else if (e == ERR_INVALID) {
    log_warn("bukti %s (kasus %s): %s", o.b.sha256, o.kasus, err_message(e));
    e = err_set(ERR_INTERNAL, NULL,
                "Berkas bukti di penyimpanan rusak atau tidak terbuka dengan kunci server; tidak disajikan. "
                "Beri tahu admin (netral bukti verify).");
  }
  if (e) goto done;
  if (serves_clean(who, o.b.mime, bersih)) {
    size_t removed; /* the clean copy is made from the decrypted original */
    if ((e = mediameta_strip(out->mime, (const unsigned char *)plain.data, plain.len, &out->body, &removed))) {
      if (e == ERR_INVALID) { /* what the cleaner could not read, and what to do instead */
        char why[256];
        snprintf(why, sizeof why, "%s", err_message(e)); /* err_set writes the buffer err_message reads */
        e = err_set(ERR_INVALID, "bukti",
                    "Salinan tanpa metadata berkas ini tidak dapat dibuat: %s Berkas asli tidak disajikan agar "
                    "identitas pelapor terlindungi; minta pengawas Bawaslu mengirim salinan yang aman (misalnya "
                    "tangkapan layar, atau PDF yang dicetak ulang).",
                    why);
      }
      goto done;
    }
    out->cleaned = 1;
  } else {
    out->body = plain;
    buf_init(&plain);
  }
  static const char *const aksi[2][2] = {{"lihat", "lihat_bersih"}, {"unduh", "unduh_bersih"}};
  o.aksi = aksi[!!download][out->cleaned];
  e = store_write(db, log_access_tx, &o);
done:
  buf_free(&plain);
  if (e) buf_free(&out->body);
  return e;
}

err_t case_rekomendasi(db_t *db, const case_ctx_t *cx, const account_t *who, int only_waiting, int only_late,
                       json_t **out) {
  rekom_ctx_t x = {json_array(), cx, today_date(), only_late, 0};
  err_t e = store_rekom_list(db, who->role == ROLE_ADMIN ? "" : who->wilayah, 0, only_waiting || only_late, add_rekom, &x);
  if (e) { json_decref(x.arr); return e; }
  *out = x.arr;
  return ERR_OK;
}

/* ---------- repeat offenders ---------- */

typedef struct {
  json_t *arr;
  const case_ctx_t *cx;
  const account_t *who;
  const char *q, *exclude, *instansi;
  int by_nip;
} lookup_ctx_t;

static err_t add_match(void *ud, const case_row_t *c) {
  lookup_ctx_t *x = ud;
  if (x->exclude && strcmp(c->kode, x->exclude) == 0) return ERR_OK;
  if (!sees_case(x->who, c, caseseal_kasus_ok(x->cx->keys, c)))
    return ERR_OK; /* pemda/BKN: not even the kode of an early case */
  double sim = x->by_nip ? 1.0 : nama_mirip(x->q, c->terlapor_nama);
  if (!x->by_nip && sim < 0.85) return ERR_OK;
  if (!x->by_nip && x->instansi && strcasecmp(x->instansi, c->instansi) != 0) return ERR_OK;
  char day[CALDATE_STR];
  json_t *o = json_pack("{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:f}", "kode", c->kode, "status", c->status, "status_label",
                        state_label(c->status), "terlapor_nama", c->terlapor_nama, "instansi", c->instansi, "diterima",
                        shown_time(x->who, NULL, c->diterima, day), "wilayah", c->wilayah, "kemiripan", sim);
  return o && json_array_append_new(x->arr, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t case_terlapor_lookup(db_t *db, const case_ctx_t *cx, const account_t *who, const char *q, const char *instansi,
                           const char *exclude_kode, json_t **out) {
  if (blank(q) || strlen(q) > 200) return err_set(ERR_INVALID, "q", "Isi NIP atau nama terlapor (maks. 200 karakter).");
  lookup_ctx_t x = {json_array(), cx, who, q, exclude_kode, blank(instansi) ? NULL : instansi, 0};
  char norm[NAMA_MAX], first[NAMA_MAX];
  int digits = strlen(q) == 18 && strspn(q, "0123456789") == 18;
  x.by_nip = digits;
  first[0] = '\0';
  if (!digits && nama_normalise(q, norm, sizeof norm) == ERR_OK) {
    size_t k = strcspn(norm, " ");
    snprintf(first, sizeof first, "%.*s", (int)k, norm);
  }
  err_t e = store_case_terlapor_candidates(db, who->role == ROLE_ADMIN ? "" : who->wilayah, digits ? q : NULL,
                                           first[0] ? first : NULL, add_match, &x);
  if (e) { json_decref(x.arr); return e; }
  *out = x.arr;
  return ERR_OK;
}
