/*
 * config.h — the one declarative configuration table.
 *
 * Each row: field, environment variable, command-line flag, default, help
 * (Indonesian). Flags override environment, environment overrides defaults.
 * `netral --help` is generated from the same rows, and so is the README table.
 */
#ifndef NETRAL_CONFIG_H
#define NETRAL_CONFIG_H
#include <stdio.h>
#include "core/err.h"

#define CONFIG_TABLE(X) \
  X(listen,        "NETRAL_LISTEN",        "--listen",        "127.0.0.1:8080",       "Alamat:port server HTTP") \
  X(db,            "NETRAL_DB",            "--db",            "sqlite:var/netral.db", "Basis data: sqlite:BERKAS (bawaan) atau postgres://…") \
  X(data_dir,      "NETRAL_DATA_DIR",      "--data-dir",      "var",                  "Folder data: bukti, cache aturan") \
  X(key_file,      "NETRAL_KEY_FILE",      "--key-file",      "var/netral.key",       "Berkas kunci rahasia server (dibuat mode 0600 saat pertama jalan)") \
  X(web_dir,       "NETRAL_WEB_DIR",       "--web-dir",       "web",                  "Folder antarmuka web statis") \
  X(threads,       "NETRAL_THREADS",       "--threads",       "4",                    "Jumlah thread HTTP") \
  X(max_body_kb,   "NETRAL_MAX_BODY_KB",   "--max-body-kb",   "256",                  "Batas ukuran isi permintaan JSON (KB)") \
  X(max_upload_mb, "NETRAL_MAX_UPLOAD_MB", "--max-upload-mb", "20",                   "Batas ukuran satu berkas bukti (MB)") \
  X(max_files,     "NETRAL_MAX_FILES",     "--max-files",     "10",                   "Batas jumlah berkas bukti per laporan") \
  X(session_hours, "NETRAL_SESSION_HOURS", "--session-hours", "8",                    "Masa berlaku sesi staf (jam)") \
  X(rate_login,    "NETRAL_RATE_LOGIN",    "--rate-login",    "5",                    "Maks. gagal masuk per akun dari satu alamat IP per 15 menit (0 = tanpa batas)") \
  X(rate_login_akun, "NETRAL_RATE_LOGIN_AKUN", "--rate-login-akun", "50",             "Maks. gagal masuk per akun dari semua alamat per 15 menit (0 = tanpa batas)") \
  X(rate_login_ip, "NETRAL_RATE_LOGIN_IP", "--rate-login-ip", "20",                   "Maks. gagal masuk per alamat IP per 15 menit (0 = tanpa batas)") \
  X(rate_intake,   "NETRAL_RATE_INTAKE",   "--rate-intake",   "20",                   "Maks. laporan publik per alamat IP per jam; unggahan bukti publik: ini × batas berkas (0 = tanpa batas)") \
  X(followup_days, "NETRAL_FOLLOWUP_DAYS", "--followup-days", "14",                   "Rekomendasi tanpa tindak lanjut setelah N hari kerja diingatkan") \
  X(demo,          "NETRAL_DEMO",          "--demo",          "1",                    "Buat akun demo saat basis data masih kosong (1/0)") \
  X(cookie_secure, "NETRAL_COOKIE_SECURE", "--cookie-secure", "0",                    "1 = kuki sesi hanya lewat HTTPS (wajib di balik proxy TLS)") \
  X(trust_proxy,   "NETRAL_TRUST_PROXY",   "--trust-proxy",   "0",                    "1 = alamat klien dari X-Forwarded-For (hanya di balik proxy tepercaya)") \
  X(conn_timeout,  "NETRAL_CONN_TIMEOUT",  "--conn-timeout",  "30",                   "Detik koneksi HTTP boleh diam sebelum ditutup (klien lambat)") \
  X(conn_per_ip,   "NETRAL_CONN_PER_IP",   "--conn-per-ip",   "100",                  "Maks. koneksi HTTP serentak per alamat klien (0 = tanpa batas; tidak berlaku bila NETRAL_TRUST_PROXY=1)")

typedef struct {
#define X(field, env, flag, def, help) const char *field;
  CONFIG_TABLE(X)
#undef X
} config_t;

/* Fill cfg from defaults and environment, then consume recognised flags
 * (`--listen X` or `--listen=X`) from argv, compacting it and updating *argc.
 * Settings may stand before or after the command; after it, a flag listed
 * in own (NULL-terminated; NULL = none) is the command's own option of the
 * same name and is left in argv with its value (`netral screen --threads 2`
 * sets screen's scanner threads, not the HTTP pool).
 * Strings are borrowed from argv/environ/static defaults. */
err_t config_load(config_t *cfg, int *argc, char **argv, const char *const *own);
/* Index in argv of the command: the first argument after argv[0] that is
 * neither a setting nor a setting's value; argc when there is none. */
int config_command_index(int argc, char *const *argv);
/* Integer value of a field; on parse failure returns def. */
long config_int(const char *value, long def);
/* Print the generated option table (for --help). */
void config_print_help(FILE *out);
#endif
