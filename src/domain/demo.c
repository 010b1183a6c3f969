/*
 * demo.c — a handful of plausible cases in the seed regions, pushed through
 * the real intake and workflow functions (so they are validated, audited and
 * carry real deadlines). The people are invented.
 */
#include "domain/demo.h"

#include <stdio.h>
#include <string.h>

#include "core/caldate.h"
#include "core/clock.h"
#include "store/store.h"
#include "core/banned.h"

static const struct {
  int anonim, days_ago;
  const char *terlapor, *kategori, *instansi, *wilayah, *lokasi, *uraian;
  const char *const *steps; /* transitions applied by the demo admin, NULL-terminated */
} demo_rows[] = {
    {0, 2, "Drs. H. Budi Santoso, M.Si.", "asn", "Dinas Pendidikan Kota Mojokerto", "35.76.01.1003", "Balai RW 03 Mentikan",
     "Terlapor berfoto bersama calon wali kota sambil menunjukkan salam dua jari dan mengunggahnya ke Facebook.", NULL},
    {0, 5, "Siti Aminah, S.Pd.", "asn", "SDN Kauman 2", "35.76.01.1004", "Grup WhatsApp wali murid",
     "Guru mengajak wali murid memilih pasangan nomor urut 1 melalui pesan di grup WhatsApp sekolah.",
     (const char *const[]){"kajian_awal", "diregistrasi", NULL}},
    {1, 1, "Kepala Desa Mlirip", "kepala_desa", "Pemerintah Desa Mlirip", "35.16.16.2001", "Balai Desa Mlirip",
     "Kepala desa mengumpulkan perangkat desa dan meminta mereka mendukung calon bupati tertentu.", NULL},
    {0, 6, "Sugeng Riyadi", "perangkat_desa", "Pemerintah Desa Penompo", "35.16.16.2002", "Lapangan Desa Penompo",
     "Sekretaris desa memakai atribut partai dan berorasi pada kampanye terbuka calon bupati.",
     (const char *const[]){"kajian_awal", "diregistrasi", "klarifikasi", "kajian", NULL}},
    {0, 9, "Agus Prasetyo", "asn", "Kecamatan Jetis", "35.16.16.2003", "Kantor Kecamatan Jetis",
     "Pegawai kecamatan menggunakan mobil dinas untuk mengangkut alat peraga kampanye calon.",
     (const char *const[]){"kajian_awal", "diregistrasi", "klarifikasi", "kajian", "putusan", "diteruskan", NULL}},
    {0, 12, "Bripka Hendra Wijaya", "polri", "Polsek Kota Kediri", "35.71.01.1001", "Jl. Dhoho",
     "Anggota polisi berseragam terlihat membagikan stiker calon wali kota kepada pengendara.",
     (const char *const[]){"kajian_awal", "tidak_diregistrasi", NULL}},
    {1, 0, "Ratna Dewi", "pppk", "RSUD Gambiran", "35.71.01.1002", "Instagram",
     "PPPK rumah sakit mengunggah ulang poster kampanye dengan tulisan coblos nomor 2 di akun Instagram pribadinya.",
     NULL},
    {0, 3, "Kepala Desa Gerbo", "kepala_desa", "Pemerintah Desa Gerbo", "35.14.01.2001", "Rumah kepala desa",
     "Kepala desa membagikan amplop berisi uang kepada warga menjelang hari pemungutan suara.",
     (const char *const[]){"kajian_awal", NULL}},
};

/* Required fields for the demo steps (values a real officer would enter). */
static json_t *step_fields(const char *ke, const char *kategori, const case_ctx_t *cx) {
  json_t *f = json_pack("{s:s}", "ke", ke);
  if (strcmp(ke, "tidak_diregistrasi") == 0) json_object_set_new(f, "alasan", json_string("syarat_materiel"));
  if (strcmp(ke, "putusan") == 0) {
    json_object_set_new(f, "fakta", json_string("Terlapor mengakui unggahan itu dalam klarifikasi; dua saksi "
                                                "membenarkan; tangkapan layar cocok dengan akun terlapor."));
    json_object_set_new(f, "analisis", json_string("Unsur ASN, perbuatan berpihak di media sosial dan masa pemilihan "
                                                   "terpenuhi; melanggar asas netralitas UU 20/2023."));
    json_object_set_new(f, "jenis_putusan", json_string("pelanggaran_perundangan_lain"));
    const catalog_item_t *items[64];
    size_t n = catalog_list(cx->catalog, kategori, items, 64);
    json_object_set_new(f, "katalog", json_pack("[s]", n ? items[0]->kode : "ETK-01"));
  }
  if (strcmp(ke, "diteruskan") == 0) {
    const char *oto = catalog_default_otoritas(cx->catalog, kategori);
    char today[CALDATE_STR];
    caldate_format(caldatetime_date(caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET)), today, sizeof today);
    json_object_set_new(f, "penerima", json_string(oto ? oto : "bkn_ppk"));
    json_object_set_new(f, "nomor", json_string("001/PP.01.02/K.JI-16/2026"));
    json_object_set_new(f, "tanggal", json_string(today));
  }
  return f;
}

err_t demo_seed_cases(db_t *db, const case_ctx_t *cx, int *created) {
  int64_t n = 0;
  err_t e = db_one_int(db, "SELECT COUNT(*) FROM kasus", &n, "");
  *created = 0;
  if (e || n > 0) return e;
  account_t admin;
  memset(&admin, 0, sizeof admin);
  snprintf(admin.username, sizeof admin.username, "demo");
  admin.role = ROLE_ADMIN;
  caldate_t today = caldatetime_date(caldatetime_from_unix(clock_now(), CALDATE_WIB_OFFSET));
  for (size_t i = 0; i < sizeof demo_rows / sizeof demo_rows[0] && !e; i++) {
    char tgl[CALDATE_STR];
    caldate_format(today - demo_rows[i].days_ago, tgl, sizeof tgl);
    json_t *body = json_pack(
        "{s:s,s:b,s:{s:s,s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s,s:s,s:s},s:{s:s,s:s,s:s,s:s,s:s}}", "rezim", "pilkada", "anonim", demo_rows[i].anonim,
        "pelapor", "nama", "Warga Pelapor Demo", "nik", "3576014101900002", "alamat", "Alamat demo", "telepon",
        "081200000000", "email", "pelapor@contoh.id", "terlapor", "nama", demo_rows[i].terlapor, "kategori",
        demo_rows[i].kategori, "instansi", demo_rows[i].instansi, "jabatan", "-", "wilayah", demo_rows[i].wilayah,
        "peristiwa", "tanggal_kejadian", tgl, "tanggal_diketahui", tgl, "wilayah", demo_rows[i].wilayah, "lokasi",
        demo_rows[i].lokasi, "uraian", demo_rows[i].uraian);
    if (demo_rows[i].anonim) json_object_del(body, "pelapor");
    char *raw = json_dumps(body, JSON_COMPACT);
    json_t *out = NULL;
    int made = 0;
    e = raw ? case_intake(db, cx, body, raw, strlen(raw), &out, &made) : ERR_NOMEM;
    free(raw);
    const char *kode = json_string_value(json_object_get(out, "kode"));
    for (const char *const *s = demo_rows[i].steps; !e && s && *s && kode; s++) {
      json_t *f = step_fields(*s, demo_rows[i].kategori, cx);
      e = case_transition(db, cx, &admin, kode, f);
      json_decref(f);
    }
    json_decref(out);
    json_decref(body);
    if (!e) (*created)++;
  }
  return e;
}
