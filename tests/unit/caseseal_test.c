/* caseseal_test.c — seals on kasus, bukti and rekomendasi rows.
 *
 * Part 1 (tables, no database): every sealed field of each row, changed the
 * way someone writing the database would change it, breaks the seal; the
 * columns left out on purpose (caseseal.h) do not; a row moved to another
 * case, or sealed with another key file, does not match.
 * Part 2 (a real database, through the API): a report's rows are sealed as
 * written; a change behind the application's back is found by
 * caseseal_check, accepted by
 * caseseal_reseal (audited); legacy rows are sealed once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "domain/caseseal.h"
#include "testutil.h"

/* ---------- part 1: which fields the seals cover ---------- */

static keys_t K;

static void fill_case(case_row_t *c, unsigned char *blob) {
  memset(c, 0, sizeof *c);
  c->id = 7;
  snprintf(c->kode, sizeof c->kode, "NTR-AAAA-BBBB-CCCC-D");
  snprintf(c->jenis, sizeof c->jenis, "laporan");
  snprintf(c->rezim, sizeof c->rezim, "pilkada");
  snprintf(c->status, sizeof c->status, "kajian_awal");
  snprintf(c->wilayah, sizeof c->wilayah, "35.76.01");
  snprintf(c->wilayah_nama, sizeof c->wilayah_nama, "Prajurit Kulon");
  snprintf(c->terlapor_nama, sizeof c->terlapor_nama, "Budi Santoso");
  snprintf(c->terlapor_nama_norm, sizeof c->terlapor_nama_norm, "budi santoso");
  snprintf(c->terlapor_nip, sizeof c->terlapor_nip, "197805122005011003");
  snprintf(c->kategori, sizeof c->kategori, "asn");
  snprintf(c->instansi, sizeof c->instansi, "Dinas Pendidikan");
  snprintf(c->jabatan, sizeof c->jabatan, "Kepala Bidang");
  snprintf(c->terlapor_wilayah, sizeof c->terlapor_wilayah, "35.76");
  snprintf(c->tanggal_kejadian, sizeof c->tanggal_kejadian, "2026-11-20");
  snprintf(c->tanggal_diketahui, sizeof c->tanggal_diketahui, "2026-11-21");
  snprintf(c->lokasi, sizeof c->lokasi, "Balai desa");
  c->uraian = "Berfoto dengan pasangan calon sambil mengacungkan dua jari.";
  c->saksi = "[{\"nama\":\"Siti\"}]";
  c->putusan = NULL;
  c->tanda_terima = "{\"tanda_tangan\":\"x\"}";
  memset(blob, 0x5a, 40);
  c->pelapor_sealed = blob;
  c->pelapor_sealed_len = 40;
  snprintf(c->content_sha256, sizeof c->content_sha256, "%064d", 1);
  snprintf(c->client_id, sizeof c->client_id, "luring-1");
  snprintf(c->diterima, sizeof c->diterima, "2026-11-21T03:04:05Z");
  snprintf(c->dibuat_oleh, sizeof c->dibuat_oleh, "publik");
  snprintf(c->tenggat_tahap, sizeof c->tenggat_tahap, "kajian_awal");
  snprintf(c->tenggat_jatuh_tempo, sizeof c->tenggat_jatuh_tempo, "2026-11-23T23:59");
  snprintf(c->tenggat_dasar, sizeof c->tenggat_dasar, "Perbawaslu 8/2020 Ps 10");
  snprintf(c->updated_at, sizeof c->updated_at, "2026-11-21T03:04:05Z");
  caseseal_kasus(&K, c, c->segel);
}

typedef void (*change_case_fn)(case_row_t *c);
#define SET(field, value) static void set_##field(case_row_t *c) { snprintf(c->field, sizeof c->field, "%s", value); }
SET(kode, "NTR-AAAA-BBBB-CCCC-E")
SET(jenis, "temuan")
SET(rezim, "pemilu")
SET(status, "diteruskan")
SET(wilayah, "35.71.01")
SET(terlapor_nama, "Budi Santosa")
SET(terlapor_nip, "197805122005011004")
SET(kategori, "kepala_desa")
SET(instansi, "Dinas Lain")
SET(jabatan, "Staf")
SET(terlapor_wilayah, "35.71")
SET(tanggal_kejadian, "2026-11-19")
SET(tanggal_diketahui, "2026-11-22")
SET(lokasi, "Pasar")
SET(content_sha256, "ffff")
SET(client_id, "")
SET(diterima, "2026-11-21T03:04:06Z")
SET(dibuat_oleh, "bawaslu.x")
SET(tenggat_tahap, "")
SET(tenggat_jatuh_tempo, "2027-01-01T23:59")
SET(tenggat_dasar, "")
SET(wilayah_nama, "Kota Lain")
SET(terlapor_nama_norm, "x")
SET(updated_at, "2026-12-01T00:00:00Z")
static void set_uraian(case_row_t *c) { c->uraian = "Uraian yang ditulis ulang oleh penyusup."; }
static void set_saksi(case_row_t *c) { c->saksi = "[]"; }
static void set_putusan(case_row_t *c) { c->putusan = "{\"jenis_putusan\":\"bukan_pelanggaran\"}"; }
static void set_tanda_terima(case_row_t *c) { c->tanda_terima = NULL; }
static void set_pelapor_gone(case_row_t *c) { c->pelapor_sealed = NULL; c->pelapor_sealed_len = 0; }
static void set_pelapor_byte(case_row_t *c) { c->pelapor_sealed[39] ^= 1; }
static void set_kedaluwarsa(case_row_t *c) { c->kedaluwarsa = 1; }
static void set_id(case_row_t *c) { c->id = 8; }
static void set_segel_belum(case_row_t *c) { snprintf(c->segel, sizeof c->segel, SEAL_UNSEALED); }
static void nothing(case_row_t *c) { (void)c; }

static const struct {
  const char *what;
  change_case_fn change;
  int still_sealed;
} CASE_ROWS[] = {
    {"tidak ada yang diubah", nothing, 1},
    {"kode", set_kode, 0},
    {"jenis", set_jenis, 0},
    {"rezim (mengubah tenggat)", set_rezim, 0},
    {"tahap (dimajukan agar pemda melihat)", set_status, 0},
    {"wilayah (dipindah dari pengawasnya)", set_wilayah, 0},
    {"nama terlapor", set_terlapor_nama, 0},
    {"NIP terlapor", set_terlapor_nip, 0},
    {"kategori", set_kategori, 0},
    {"instansi", set_instansi, 0},
    {"jabatan", set_jabatan, 0},
    {"wilayah terlapor", set_terlapor_wilayah, 0},
    {"tanggal kejadian (kedaluwarsa)", set_tanggal_kejadian, 0},
    {"tanggal diketahui", set_tanggal_diketahui, 0},
    {"lokasi", set_lokasi, 0},
    {"uraian", set_uraian, 0},
    {"saksi", set_saksi, 0},
    {"putusan ditulis", set_putusan, 0},
    {"tanda terima dihapus", set_tanda_terima, 0},
    {"identitas tersegel dihapus", set_pelapor_gone, 0},
    {"identitas tersegel diubah satu bit", set_pelapor_byte, 0},
    {"sidik isi laporan", set_content_sha256, 0},
    {"client_id", set_client_id, 0},
    {"waktu diterima", set_diterima, 0},
    {"dibuat oleh", set_dibuat_oleh, 0},
    {"tenggat dihentikan", set_tenggat_tahap, 0},
    {"jatuh tempo digeser", set_tenggat_jatuh_tempo, 0},
    {"dasar tenggat", set_tenggat_dasar, 0},
    {"tanda kedaluwarsa", set_kedaluwarsa, 0},
    {"segel dikosongkan menjadi 'belum'", set_segel_belum, 0},
    /* not sealed, on purpose: joined, derived or bookkeeping */
    {"nama wilayah (tabel wilayah)", set_wilayah_nama, 1},
    {"nama pencarian (turunan nama)", set_terlapor_nama_norm, 1},
    {"updated_at", set_updated_at, 1},
    {"id (kode mewakilinya)", set_id, 1},
};

static void test_case_fields(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof CASE_ROWS / sizeof *CASE_ROWS; i++) {
    case_row_t c;
    unsigned char blob[40];
    fill_case(&c, blob);
    assert_true(caseseal_kasus_ok(&K, &c));
    CASE_ROWS[i].change(&c);
    if (caseseal_kasus_ok(&K, &c) != CASE_ROWS[i].still_sealed)
      fail_msg("kasus, %s: segel %s", CASE_ROWS[i].what, CASE_ROWS[i].still_sealed ? "rusak" : "masih cocok");
  }
}

static void test_other_key_file(void **state) {
  (void)state;
  case_row_t c;
  unsigned char blob[40];
  fill_case(&c, blob);
  keys_t other = K;
  other.audit[0] ^= 1;
  assert_false(caseseal_kasus_ok(&other, &c));
  other = K;
  other.box[0] ^= 1; /* only the audit key seals */
  assert_true(caseseal_kasus_ok(&other, &c));
}

static void fill_bukti(bukti_row_t *b) {
  memset(b, 0, sizeof *b);
  b->id = 3;
  snprintf(b->sha256, sizeof b->sha256, "%064d", 2);
  snprintf(b->mime, sizeof b->mime, "image/jpeg");
  snprintf(b->jenis, sizeof b->jenis, "foto");
  snprintf(b->nama, sizeof b->nama, "IMG_0001.jpg");
  snprintf(b->diterima, sizeof b->diterima, "2026-11-21T03:05:00Z");
  b->ukuran = 12345;
}

static void test_bukti_fields(void **state) {
  (void)state;
  static const char KODE[] = "NTR-AAAA-BBBB-CCCC-D";
  enum { SHA, MIME, JENIS, NAMA, DITERIMA, UKURAN, OTHER_CASE, ID, NONE };
  static const char *const what[] = {"sha256 (berkas lain)", "mime", "jenis", "nama", "diterima", "ukuran",
                                     "dipindah ke kasus lain", "id", "tidak ada yang diubah"};
  for (int i = SHA; i <= NONE; i++) {
    bukti_row_t b;
    const char *kode = KODE;
    fill_bukti(&b);
    caseseal_bukti(&K, KODE, &b, b.segel);
    switch (i) {
      case SHA: b.sha256[0] = 'f'; break;
      case MIME: snprintf(b.mime, sizeof b.mime, "application/pdf"); break;
      case JENIS: snprintf(b.jenis, sizeof b.jenis, "dokumen"); break;
      case NAMA: snprintf(b.nama, sizeof b.nama, "lain.jpg"); break;
      case DITERIMA: b.diterima[18] = '1'; break;
      case UKURAN: b.ukuran++; break;
      case OTHER_CASE: kode = "NTR-AAAA-BBBB-CCCC-E"; break;
      case ID: b.id = 4; break;
      default: break;
    }
    int want = i >= ID;
    if (caseseal_bukti_ok(&K, kode, &b) != want) fail_msg("bukti, %s: segel %s", what[i], want ? "rusak" : "masih cocok");
  }
}

static void test_rekom_fields(void **state) {
  (void)state;
  enum { KODE, PENERIMA, NOMOR, TANGGAL, STATUS, SANKSI, NOMOR_SK, TANGGAL_SK, PEJABAT, ALASAN, WILAYAH, NONE };
  static const char *const what[] = {"dipindah ke kasus lain", "penerima", "nomor", "tanggal",
                                     "status (dianggap sudah ditindaklanjuti)", "jenis sanksi", "nomor SK",
                                     "tanggal SK", "pejabat", "alasan", "wilayah (dari kasusnya)",
                                     "tidak ada yang diubah"};
  for (int i = KODE; i <= NONE; i++) {
    rekom_row_t r;
    memset(&r, 0, sizeof r);
    snprintf(r.kode_kasus, sizeof r.kode_kasus, "NTR-AAAA-BBBB-CCCC-D");
    snprintf(r.penerima, sizeof r.penerima, "bkpsdm");
    snprintf(r.nomor, sizeof r.nomor, "001/PP.01/K.JI-35/11/2026");
    snprintf(r.tanggal, sizeof r.tanggal, "2026-11-25");
    snprintf(r.status, sizeof r.status, "menunggu");
    snprintf(r.wilayah, sizeof r.wilayah, "35.76.01");
    caseseal_rekom(&K, &r, r.segel);
    char *field[] = {r.kode_kasus, r.penerima, r.nomor, r.tanggal, r.status, r.jenis_sanksi, r.nomor_sk,
                     r.tanggal_sk, r.pejabat, r.alasan, r.wilayah};
    size_t size[] = {sizeof r.kode_kasus, sizeof r.penerima, sizeof r.nomor, sizeof r.tanggal, sizeof r.status,
                     sizeof r.jenis_sanksi, sizeof r.nomor_sk, sizeof r.tanggal_sk, sizeof r.pejabat, sizeof r.alasan,
                     sizeof r.wilayah};
    if (i < NONE) snprintf(field[i], size[i], "%s", "ditindaklanjuti");
    int want = i >= WILAYAH; /* the wilayah is the case's, sealed there */
    if (caseseal_rekom_ok(&K, &r) != want) fail_msg("rekomendasi, %s: segel %s", what[i], want ? "rusak" : "masih cocok");
  }
}

/* ---------- part 2: on a database ---------- */

static tu_env_t env;
static char kode[32];

static int setup_db(void **state) {
  (void)state;
  if (tu_open(&env)) return -1;
  tu_result_t r = tu_call(&env.app, "POST", "/api/v1/laporan",
                          "{\"rezim\":\"pemilu\",\"anonim\":false,\"pelapor\":{\"nama\":\"Siti\",\"nik\":\"3576014101900001\","
                          "\"alamat\":\"Jl. Melati\",\"telepon\":\"0812\"},\"terlapor\":{\"nama\":\"Budi\",\"kategori\":\"asn\"},"
                          "\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\","
                          "\"wilayah\":\"35.76.01\",\"lokasi\":\"Balai\",\"uraian\":\"ASN berkampanye di media sosial.\"}}",
                          NULL, NULL);
  int ok = r.status == 201;
  if (ok) snprintf(kode, sizeof kode, "%s", json_string_value(json_object_get(r.json, "kode")));
  tu_result_free(&r);
  return ok ? 0 : -1;
}
static int teardown_db(void **state) {
  (void)state;
  tu_close(&env);
  return 0;
}

static void sql(const char *s) {
  err_t e = tu_sql(&env, s);
  if (e) fail_msg("%s: %s", s, err_message(e));
}

static caseseal_report_t check(void) {
  caseseal_report_t r;
  db_t *db;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  assert_int_equal(caseseal_check(db, &env.app.keys, &r), ERR_OK);
  store_release(env.app.store, db);
  return r;
}

typedef struct {
  const char *kode;
  int changed;
  long sealed;
} tx_t;

static err_t reseal_tx(db_t *db, void *ud) {
  tx_t *t = ud;
  return caseseal_reseal(db, &env.app.keys, "uji", t->kode, &t->changed);
}

static err_t legacy_tx(db_t *db, void *ud) {
  tx_t *t = ud;
  return caseseal_seal_legacy(db, &env.app.keys, &t->sealed);
}

static err_t run(store_tx_fn fn, tx_t *t) {
  db_t *db;
  assert_int_equal(store_acquire(env.app.store, &db), ERR_OK);
  err_t e = store_write(db, fn, t);
  store_release(env.app.store, db);
  return e;
}

static void test_written_rows_are_sealed(void **state) {
  (void)state;
  caseseal_report_t r = check();
  assert_int_equal(r.kasus, 1);
  assert_int_equal(r.bad_kasus + r.bad_bukti + r.bad_rekom, 0);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM kasus WHERE length(segel)=64"), 1);
}

static void test_change_found_refused_then_accepted(void **state) {
  (void)state;
  char q[200];
  snprintf(q, sizeof q, "UPDATE kasus SET wilayah='35.71.01', status='diteruskan' WHERE kode='%s'", kode);
  sql(q);
  caseseal_report_t r = check();
  assert_int_equal(r.bad_kasus, 1);
  assert_int_equal(r.nkodes, 1);
  assert_string_equal(r.kodes[0], kode);
  tx_t t = {kode, 0, 0};
  assert_int_equal(run(reseal_tx, &t), ERR_OK);
  assert_int_equal(t.changed, 1);
  assert_int_equal(check().bad_kasus, 0);
  snprintf(q, sizeof q,
           "SELECT COUNT(*) FROM audit WHERE action='kasus.segel_ulang' AND object='%s' AND details LIKE '%%35.71.01%%'",
           kode);
  assert_int_equal(tu_count(&env, q), 1);
  t.changed = -1;
  assert_int_equal(run(reseal_tx, &t), ERR_OK); /* intact now: nothing to do, nothing audited */
  assert_int_equal(t.changed, 0);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='kasus.segel_ulang'"), 1);
  t.kode = "NTR-AAAA-BBBB-CCCC-D";
  assert_int_equal(run(reseal_tx, &t), ERR_NOT_FOUND);
}

static void test_legacy_rows_sealed_once(void **state) {
  (void)state;
  sql("UPDATE kasus SET segel='belum'");
  assert_int_equal(check().bad_kasus, 1); /* an unsealed row does not pass a check */
  tx_t t = {NULL, 0, 0};
  assert_int_equal(run(legacy_tx, &t), ERR_OK);
  assert_int_equal(t.sealed, 1);
  assert_int_equal(check().bad_kasus, 0);
  assert_int_equal(run(legacy_tx, &t), ERR_OK);
  assert_int_equal(t.sealed, 0);
  assert_int_equal(tu_count(&env, "SELECT COUNT(*) FROM audit WHERE action='kasus.segel_awal'"), 1);
  /* a broken seal is not legacy: the start never accepts it */
  sql("UPDATE kasus SET status='selesai'");
  assert_int_equal(run(legacy_tx, &t), ERR_OK);
  assert_int_equal(t.sealed, 0);
  assert_int_equal(check().bad_kasus, 1);
}

int main(void) {
  if (sodium_init() < 0) return 1;
  randombytes_buf(&K, sizeof K);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_case_fields),
      cmocka_unit_test(test_other_key_file),
      cmocka_unit_test(test_bukti_fields),
      cmocka_unit_test(test_rekom_fields),
      cmocka_unit_test_setup_teardown(test_written_rows_are_sealed, setup_db, teardown_db),
      cmocka_unit_test_setup_teardown(test_change_found_refused_then_accepted, setup_db, teardown_db),
      cmocka_unit_test_setup_teardown(test_legacy_rows_sealed_once, setup_db, teardown_db),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
