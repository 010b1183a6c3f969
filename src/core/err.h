/*
 * err.h — the one error vocabulary of Netral.
 *
 * Every fallible function returns err_t. The table below gives each code its
 * HTTP status, a stable machine code for the API and the default message a
 * user reads (Bahasa Indonesia). A function that rejects user input also
 * records the offending field and, optionally, a more precise message with
 * err_set(); the HTTP layer reads it back with err_detail().
 *
 * Invariant: ERR_OK is 0, so `if (e) goto fail;` works everywhere.
 */
#ifndef NETRAL_ERR_H
#define NETRAL_ERR_H

#define ERR_TABLE(X) \
  X(OK,               200, "ok",                "Berhasil.") \
  X(DONE,             200, "done",              "Selesai.") \
  X(BAD_REQUEST,      400, "bad_request",       "Permintaan tidak dapat dibaca.") \
  X(BAD_JSON,         400, "bad_json",          "Isi permintaan bukan JSON yang sah.") \
  X(UNAUTHORIZED,     401, "unauthorized",      "Silakan masuk terlebih dahulu.") \
  X(BAD_LOGIN,        401, "bad_login",         "Nama pengguna atau kata sandi salah.") \
  X(FORBIDDEN,        403, "forbidden",         "Anda tidak berwenang melakukan tindakan ini.") \
  X(CSRF,             403, "csrf",              "Token CSRF tidak ada atau tidak cocok. Muat ulang halaman.") \
  X(NOT_FOUND,        404, "not_found",         "Data tidak ditemukan.") \
  X(METHOD,           405, "method_not_allowed","Metode tidak diizinkan untuk alamat ini.") \
  X(CONFLICT,         409, "conflict",          "Permintaan bertentangan dengan keadaan data saat ini.") \
  X(TOO_LARGE,        413, "too_large",         "Ukuran data melebihi batas.") \
  X(UNSUPPORTED_TYPE, 415, "unsupported_type",  "Jenis berkas tidak didukung.") \
  X(INVALID,          422, "invalid",           "Data tidak valid.") \
  X(RATE_LIMITED,     429, "rate_limited",      "Terlalu banyak percobaan. Coba lagi nanti.") \
  X(INTERNAL,         500, "internal",          "Terjadi kesalahan pada server.") \
  X(NOMEM,            500, "no_memory",         "Memori server tidak cukup.") \
  X(IO,               500, "io",                "Gagal membaca atau menulis berkas.") \
  X(DB,               500, "db",                "Gagal mengakses basis data.") \
  X(CRYPTO,           500, "crypto",            "Gagal memproses kunci kriptografi.") \
  X(UNAVAILABLE,      503, "unavailable",       "Layanan sedang sibuk. Coba lagi sebentar.")

typedef enum {
#define X(name, status, code, msg) ERR_##name,
  ERR_TABLE(X)
#undef X
  ERR__COUNT
} err_t;

/* Detail of the last error raised on this thread (thread-local). */
typedef struct {
  err_t code;
  char field[64];    /* offending input field, "" if none */
  char message[320]; /* user-facing message, "" means the table default */
} err_detail_t;

int err_http_status(err_t e);
const char *err_code_str(err_t e);      /* borrowed, static */
const char *err_default_msg(err_t e);   /* borrowed, static */

/* Record detail for e and return e: `return err_set(ERR_INVALID, "nik", "NIK harus 16 angka.");`
 * field and fmt may be NULL. */
err_t err_set(err_t e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Forget the detail (called at the start of each request / command). */
void err_clear(void);
/* Borrowed pointer to this thread's detail. If the recorded code differs
 * from e, the detail is stale and the table defaults are returned instead. */
const err_detail_t *err_detail(err_t e);
/* The message to show for e: the recorded one or the table default. Borrowed. */
const char *err_message(err_t e);
const char *err_field(err_t e); /* "" when none; borrowed */

#endif
