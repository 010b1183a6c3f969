/*
 * cmd_tenggat.c — print a statutory deadline (see cmd_tenggat.h).
 *
 * Flags are a table; each takes a value as "--flag VALUE" or "--flag=VALUE".
 * Output always names the source pasal (DOMAIN.md: every deadline shown to
 * a user names its source), and says so when the rule is marked (verify).
 */
#include "cli/cmd_tenggat.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/err.h"
#include "domain/deadline.h"
#include "core/banned.h"

enum { OPT_REZIM, OPT_TAHAP, OPT_MULAI, OPT_JSON, OPT_HELP, OPT__COUNT };

static const struct {
  const char *flag;
  int takes_value;
} opts[OPT__COUNT] = {
    [OPT_REZIM] = {"--rezim", 1},
    [OPT_TAHAP] = {"--tahap", 1},
    [OPT_MULAI] = {"--mulai", 1},
    [OPT_JSON] = {"--json", 0},
    [OPT_HELP] = {"--help", 0},
};

static const char usage[] =
    "Penggunaan: netral tenggat --rezim pemilu|pilkada --tahap TAHAP --mulai YYYY-MM-DD[THH:MM] [--json]\n"
    "  --rezim   rezim hukum: pemilu (UU 7/2017) atau pilkada (UU 10/2016)\n"
    "  --tahap   laporan, temuan, kajian_awal, penanganan, penanganan_diperpanjang,\n"
    "            pidana_ke_polisi, verifikasi_bkn, tindak_lanjut_ppk (lihat data/tenggat.csv)\n"
    "  --mulai   tanggal peristiwa awal (hari ke-0); jam dipakai untuk tenggat dalam jam\n"
    "  --json    cetak hasil sebagai JSON\n";

/* "netral tenggat: --flag: pesan" on stderr; returns the usage exit code. */
static int usage_error(const char *flag, const char *msg) {
  fprintf(stderr, "netral tenggat: %s: %s\n", flag, msg);
  return 2;
}

/* Comma-separated tahap names valid for rezim (own rows and "semua"). */
static void list_tahap(const deadline_rules_t *r, const char *rezim, char *out, size_t cap) {
  size_t used = 0;
  out[0] = '\0';
  for (size_t i = 0; i < r->count && used < cap; i++) {
    const deadline_rule_t *it = &r->items[i];
    if (strcmp(it->rezim, rezim) != 0 && strcmp(it->rezim, "semua") != 0) continue;
    if (deadline_find(r, rezim, it->tahap) != it) continue; /* shadowed "semua" row */
    int n = snprintf(out + used, cap - used, "%s%s", used ? ", " : "", it->tahap);
    if (n < 0) break;
    used += (size_t)n;
  }
}

static int print_json(const deadline_result_t *res) {
  char due[CALDATETIME_STR];
  deadline_format_due(res, due, sizeof due);
  int rc = 1;
  json_t *o = json_object();
  if (!o) goto done;
  /* Keys in this order: jatuh_tempo and dasar first, as documented. */
  if (json_object_set_new(o, "jatuh_tempo", json_string(due)) ||
      json_object_set_new(o, "dasar", json_string(res->rule->dasar)) ||
      json_object_set_new(o, "jumlah", json_integer(res->rule->jumlah)) ||
      json_object_set_new(o, "satuan", json_string(deadline_unit_name(res->rule->satuan))) ||
      json_object_set_new(o, "verifikasi", json_boolean(res->rule->verifikasi)))
    goto done;
  char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
  if (!s) goto done;
  puts(s);
  free(s);
  rc = 0;
done:
  json_decref(o);
  if (rc) fputs("netral tenggat: gagal menyusun JSON.\n", stderr);
  return rc;
}

static void print_text(const deadline_result_t *res, int has_time) {
  char when[CALDATE_LONG_STR], start[CALDATETIME_STR];
  caldate_format_long(res->tanggal, when, sizeof when);
  if (res->ada_jam) {
    int mod = caldatetime_minute_of_day(res->jatuh_tempo);
    size_t n = strlen(when);
    snprintf(when + n, sizeof when - n, " pukul %02d:%02d", mod / 60, mod % 60);
    caldatetime_format(res->mulai, start, sizeof start);
  } else if (has_time) {
    caldatetime_format(res->mulai, start, sizeof start);
  } else {
    caldate_format(caldatetime_date(res->mulai), start, sizeof start);
  }
  printf("Jatuh tempo: %s (%d %s sejak %s)\n", when, res->rule->jumlah, deadline_unit_label(res->rule->satuan), start);
  printf("Dasar: %s\n", res->rule->dasar);
  if (res->rule->verifikasi)
    printf("Perlu verifikasi: %s\n", *res->rule->keterangan ? res->rule->keterangan : "ketentuan ini belum dipastikan.");
  if (res->kalender_kurang)
    printf("Peringatan: kalender libur untuk tahun tersebut belum tersedia; hari libur nasional dan cuti bersama "
           "belum diperhitungkan.\n");
}

int cmd_tenggat(int argc, char **argv) {
  const char *val[OPT__COUNT] = {0};
  int rc = 2;
  deadline_rules_t rules;
  deadline_calendar_t cal;
  deadline_rules_init(&rules);
  deadline_calendar_init(&cal);
  err_clear();

  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    int o;
    size_t fl = 0;
    for (o = 0; o < OPT__COUNT; o++) {
      fl = strlen(opts[o].flag);
      if (strncmp(a, opts[o].flag, fl) == 0 && (a[fl] == '\0' || (a[fl] == '=' && opts[o].takes_value))) break;
    }
    if (o == OPT__COUNT && strcmp(a, "-h") == 0) o = OPT_HELP, fl = 2;
    if (o == OPT__COUNT) {
      rc = usage_error(a, "opsi tidak dikenal");
      fputs(usage, stderr);
      goto done;
    }
    if (!opts[o].takes_value) {
      val[o] = "1";
    } else if (a[fl] == '=') {
      val[o] = a + fl + 1;
    } else if (i + 1 < argc) {
      val[o] = argv[++i];
    } else {
      rc = usage_error(opts[o].flag, "nilai wajib diisi");
      goto done;
    }
  }
  if (val[OPT_HELP]) {
    fputs(usage, stdout);
    rc = 0;
    goto done;
  }
  if (!val[OPT_REZIM] || !deadline_rezim_valid(val[OPT_REZIM])) {
    rc = usage_error("--rezim", val[OPT_REZIM] ? "harus pemilu atau pilkada" : "wajib diisi (pemilu atau pilkada)");
    goto done;
  }
  if (!val[OPT_TAHAP]) {
    rc = usage_error("--tahap", "wajib diisi");
    goto done;
  }
  caldatetime_t mulai;
  int has_time = 0;
  if (!val[OPT_MULAI]) {
    rc = usage_error("--mulai", "wajib diisi, gunakan YYYY-MM-DD atau YYYY-MM-DDTHH:MM");
    goto done;
  }
  if (caldate_parse_datetime(val[OPT_MULAI], &mulai, &has_time)) {
    rc = usage_error("--mulai", "tanggal tidak valid, gunakan YYYY-MM-DD atau YYYY-MM-DDTHH:MM");
    goto done;
  }

  err_t e = deadline_load_shipped(&rules, &cal);
  if (e) {
    fprintf(stderr, "netral tenggat: gagal memuat tabel tenggat/kalender: %s\n", err_message(e));
    rc = 1;
    goto done;
  }
  if (!deadline_find(&rules, val[OPT_REZIM], val[OPT_TAHAP])) {
    char names[1024];
    list_tahap(&rules, val[OPT_REZIM], names, sizeof names);
    fprintf(stderr, "netral tenggat: --tahap: tahap \"%.40s\" tidak dikenal untuk %s; pilihan: %s\n", val[OPT_TAHAP],
            val[OPT_REZIM], names);
    rc = 2;
    goto done;
  }
  deadline_result_t res;
  if ((e = deadline_due(&rules, &cal, val[OPT_REZIM], val[OPT_TAHAP], mulai, &res))) {
    fprintf(stderr, "netral tenggat: %s\n", err_message(e));
    rc = e == ERR_INVALID ? 2 : 1;
    goto done;
  }
  if (val[OPT_JSON]) {
    rc = print_json(&res);
  } else {
    print_text(&res, has_time);
    rc = 0;
  }
done:
  deadline_rules_free(&rules);
  deadline_calendar_free(&cal);
  return rc;
}
