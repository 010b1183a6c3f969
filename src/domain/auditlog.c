/* auditlog.c — see auditlog.h. */
#include "domain/auditlog.h"

#include <stdlib.h>
#include <string.h>

#include "core/caldate.h"
#include "core/banned.h"

static const struct {
  const char *action, *label;
} labels[] = {
    {"akun.aktif", "Akun diaktifkan kembali"},
    {"akun.ganti_sandi", "Kata sandi diganti"},
    {"akun.nonaktif", "Akun dinonaktifkan"},
    {"akun.reset_sandi", "Kata sandi disetel ulang"},
    {"akun.segel_awal", "Akun lama disegel saat server mulai"},
    {"akun.segel_ulang", "Akun yang diubah di luar aplikasi diterima dan disegel ulang"},
    {"akun.tambah", "Akun dibuat"},
    {"akun.terkunci", "Akun terkunci: terlalu banyak sandi salah"},
    {"bukti.akses", "Bukti dilihat atau diunduh"},
    {"bukti.tambah", "Bukti ditambahkan"},
    {"identitas.buka", "Membuka identitas pelapor"},
    {"kalender.hapus", "Hari libur dihapus"},
    {"kalender.tambah", "Hari libur ditambahkan"},
    {"kasus.buat", "Kasus dibuat"},
    {"kasus.segel_awal", "Kasus, bukti dan rekomendasi lama disegel saat server mulai"},
    {"kasus.segel_ulang", "Kasus yang diubah di luar aplikasi diterima dan disegel ulang"},
    {"kasus.transisi", "Tahap kasus diubah"},
    {"kegiatan.buat", "Kegiatan pencegahan dicatat"},
    {"kegiatan.lampiran", "Lampiran kegiatan diunggah"},
    {"kerawanan.bobot", "Bobot indikator kerawanan diubah"},
    {"kerawanan.petahana", "Penanda petahana diubah"},
    {"kerawanan.petahana.hapus", "Penanda petahana dihapus"},
    {"pakta.buat", "Pakta integritas dicatat"},
    {"pakta.dokumen", "Dokumen pakta diunggah"},
    {"pegawai.impor", "Daftar pegawai diimpor"},
    {"pegawai.impor.gabung", "Impor pegawai digabung"},
    {"pegawai.impor.mulai", "Impor pegawai dimulai"},
    {"pegawai.impor.selesai", "Impor pegawai selesai"},
    {"saring.keputusan", "Keputusan antrean penyaringan"},
    {"saring.kirim", "Pos dikirim ke penyaringan"},
    {"sesi.keluar", "Keluar"},
    {"sesi.masuk", "Masuk"},
    {"tenggat.ubah", "Aturan tenggat diubah"},
};

const char *auditlog_label(const char *action) {
  for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
    if (strcmp(labels[i].action, action) == 0) return labels[i].label;
  return action;
}

static int blank(const char *s) { return !s || !*s; }

/* Names, usernames, kode and wilayah: printable ASCII without spaces, ≤ 64. */
static err_t check_word(const char *s, const char *field) {
  if (blank(s)) return ERR_OK;
  size_t n = strlen(s);
  for (size_t i = 0; i < n; i++)
    if (s[i] <= ' ' || s[i] > '~' || n > 64) return err_set(ERR_INVALID, field, "Isi %s tidak sah (maks. 64 karakter tanpa spasi).", field);
  return ERR_OK;
}

static err_t add_row(void *ud, const audit_row_t *r) {
  json_t *det = json_loads(r->details, 0, NULL);
  json_t *o = json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:o}", "id", (json_int_t)r->id, "waktu", r->ts, "pelaku", r->actor,
                        "aksi", r->action, "aksi_label", auditlog_label(r->action), "objek", r->object, "rincian",
                        det ? det : json_object());
  return o && json_array_append_new(ud, o) == 0 ? ERR_OK : ERR_NOMEM;
}

err_t auditlog_filter(const auditlog_query_t *q, long def, long max, audit_filter_t *f) {
  *f = (audit_filter_t){q->aksi, q->objek, q->pelaku, NULL, NULL, def};
  err_t e = check_word(q->aksi, "aksi");
  if (!e) e = check_word(q->pelaku, "pelaku");
  if (!e) e = check_word(q->objek, "objek");
  if (e) return e;
  caldate_t d;
  if (!blank(q->sejak)) {
    if (strlen(q->sejak) != 10 || caldate_parse(q->sejak, &d) != ERR_OK)
      return err_set(ERR_INVALID, "sejak", "Tanggal harus berbentuk YYYY-MM-DD.");
    f->since = q->sejak;
  }
  if (!blank(q->batas)) {
    char *end;
    long long v = strtoll(q->batas, &end, 10);
    if (*end || v < 1 || v > max) return err_set(ERR_INVALID, "batas", "Batas harus bilangan 1 sampai %ld.", max);
    f->limit = v;
  }
  return ERR_OK;
}

err_t auditlog_list(db_t *db, const account_t *who, const auditlog_query_t *q, json_t **out) {
  audit_filter_t f;
  err_t e = auditlog_filter(q, AUDITLOG_DEFAULT, AUDITLOG_MAX, &f);
  if (e) return e;
  f.scope = who->role == ROLE_ADMIN ? "" : who->wilayah;
  json_t *arr = json_array();
  if (!arr) return ERR_NOMEM;
  if ((e = store_audit_search(db, &f, add_row, arr))) {
    json_decref(arr);
    return e;
  }
  *out = arr;
  return ERR_OK;
}
