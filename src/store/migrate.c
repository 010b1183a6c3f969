/*
 * migrate.c — numbered schema migrations, applied at start and by
 * `netral migrate`. Each migration runs in one write transaction together
 * with the row that records it, so a crash never leaves a half-applied one.
 * A migration is SQL plus an optional data loader (reference data shipped in
 * data/, e.g. wilayah codes and the holiday calendar).
 *
 * Invariant: never edit a released migration; add a new row.
 */
#include <stdio.h>
#include <string.h>

#include "core/assets.h"
#include "core/clock.h"
#include "core/csv.h"
#include "core/log.h"
#include "core/mem.h"
#include "store/migrations.h"
#include "store/store_pegawai.h"
#include "store/store_screen.h"
#include "store/store.h"
#include "core/banned.h"

/* ---- generic CSV → table loader ---- */
typedef struct {
  db_t *db;
  const char *sql;          /* INSERT with one ? per column */
  const char *const *cols;  /* CSV header names, NULL-terminated */
  int idx[16];
  int ncols;
  long rows;
} csv_load_t;

static err_t load_row(void *ud, long line, int nf, char **f) {
  csv_load_t *l = ud;
  if (line == 1) {
    for (l->ncols = 0; l->cols[l->ncols]; l->ncols++) {
      l->idx[l->ncols] = csv_col(nf, f, l->cols[l->ncols]);
      if (l->idx[l->ncols] < 0)
        return err_set(ERR_INVALID, NULL, "Kolom '%s' tidak ada pada berkas data.", l->cols[l->ncols]);
    }
    return ERR_OK;
  }
  db_stmt_t *st;
  err_t e = db_ops(l->db)->prepare(l->db, l->sql, &st);
  if (e) return e;
  for (int i = 0; i < l->ncols && !e; i++) {
    int k = l->idx[i];
    const char *v = k < nf ? f[k] : "";
    e = *v ? db_ops(l->db)->bind_text(st, i + 1, v, strlen(v)) : db_ops(l->db)->bind_null(st, i + 1);
  }
  if (!e) {
    e = db_step(st);
    if (e == ERR_DONE) e = ERR_OK;
  }
  db_done(st);
  if (e) return err_set(e, NULL, "Baris %ld: gagal dimuat (%s).", line, err_message(e));
  l->rows++;
  return ERR_OK;
}

err_t migrate_load_csv(db_t *db, const char *asset, const char *sql, const char *const *cols, long *rows) {
  char *data = NULL;
  size_t len = 0;
  err_t e = assets_read(asset, &data, &len);
  if (e) return e;
  csv_load_t l = {.db = db, .sql = sql, .cols = cols};
  e = csv_parse(data, len, load_row, &l);
  xfree(data);
  if (rows) *rows = l.rows;
  return e;
}

static err_t load_wilayah(db_t *db) {
  static const char *const cols[] = {"kode", "nama", "tingkat", "induk", NULL};
  /* Nationwide provinces and kab/kota, then every kecamatan and desa of Jawa Timur.
   * The two files overlap on 35 and 35.xx, hence INSERT OR IGNORE semantics. */
  const char *sql = "INSERT INTO wilayah(kode,nama,tingkat,induk) VALUES(?,?,?,?) ON CONFLICT(kode) DO NOTHING";
  err_t e = migrate_load_csv(db, "wilayah/kabkota.csv", sql, cols, NULL);
  if (!e) e = migrate_load_csv(db, "wilayah/jatim.csv", sql, cols, NULL);
  return e;
}

static err_t load_tenggat(db_t *db) {
  static const char *const cols[] = {"rezim", "tahap", "jumlah", "satuan", "mulai", "perpanjangan",
                                     "dasar", "verifikasi", "keterangan", NULL};
  return migrate_load_csv(db, "tenggat.csv",
                          "INSERT INTO tenggat_aturan(rezim,tahap,jumlah,satuan,mulai,perpanjangan,dasar,verifikasi,"
                          "keterangan) VALUES(?,?,?,?,?,?,?,?,?)",
                          cols, NULL);
}

static const char M7_SQL[] =
    "CREATE TABLE tenggat_aturan(\n"
    "  rezim TEXT NOT NULL, tahap TEXT NOT NULL, jumlah INTEGER NOT NULL, satuan TEXT NOT NULL,\n"
    "  mulai TEXT NOT NULL, perpanjangan TEXT, dasar TEXT NOT NULL, verifikasi INTEGER NOT NULL DEFAULT 0,\n"
    "  keterangan TEXT, PRIMARY KEY (rezim, tahap));\n";
/* PostgreSQL variants (*_PG): INTEGER PRIMARY KEY becomes an identity column
 * (explicit ids are still accepted, which migrate-data needs), every other
 * INTEGER becomes BIGINT (SQLite integers are 64-bit), BLOB becomes BYTEA.
 * audit.prev_hash is UNIQUE there: a fork of the hash chain by two
 * instances is then impossible, not merely prevented by the write lock. */
static const char M7_PG[] =
    "CREATE TABLE tenggat_aturan(\n"
    "  rezim TEXT NOT NULL, tahap TEXT NOT NULL, jumlah BIGINT NOT NULL, satuan TEXT NOT NULL,\n"
    "  mulai TEXT NOT NULL, perpanjangan TEXT, dasar TEXT NOT NULL, verifikasi BIGINT NOT NULL DEFAULT 0,\n"
    "  keterangan TEXT, PRIMARY KEY (rezim, tahap));\n";

static err_t load_kalender(db_t *db) {
  static const char *const cols[] = {"tanggal", "jenis", "nama", NULL};
  return migrate_load_csv(db, "kalender/libur.csv",
                          "INSERT INTO kalender(tanggal,jenis,nama) VALUES(?,?,?)", cols, NULL);
}

static const char M1_SQL[] =
    "CREATE TABLE wilayah(\n"
    "  kode TEXT PRIMARY KEY, nama TEXT NOT NULL,\n"
    "  tingkat TEXT NOT NULL CHECK (tingkat IN ('provinsi','kabkota','kecamatan','desa')),\n"
    "  induk TEXT REFERENCES wilayah(kode));\n"
    "CREATE INDEX wilayah_induk ON wilayah(induk);\n"
    "CREATE TABLE users(\n"
    "  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE, pass_hash TEXT NOT NULL,\n"
    "  role TEXT NOT NULL CHECK (role IN ('pkd','panwascam','bawaslu','pemda','bkn','admin')),\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  must_change INTEGER NOT NULL DEFAULT 0, active INTEGER NOT NULL DEFAULT 1,\n"
    "  created_at TEXT NOT NULL);\n"
    "CREATE TABLE sessions(\n"
    "  id_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
    "  csrf TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);\n"
    "CREATE INDEX sessions_user ON sessions(user_id);\n"
    "CREATE TABLE audit(\n"
    "  id INTEGER PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,\n"
    "  object TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE kalender(\n"
    "  tanggal TEXT PRIMARY KEY, jenis TEXT NOT NULL CHECK (jenis IN ('libur_nasional','cuti_bersama')),\n"
    "  nama TEXT NOT NULL);\n";
static const char M1_PG[] =
    "CREATE TABLE wilayah(\n"
    "  kode TEXT PRIMARY KEY, nama TEXT NOT NULL,\n"
    "  tingkat TEXT NOT NULL CHECK (tingkat IN ('provinsi','kabkota','kecamatan','desa')),\n"
    "  induk TEXT REFERENCES wilayah(kode));\n"
    "CREATE INDEX wilayah_induk ON wilayah(induk);\n"
    "CREATE TABLE users(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, username TEXT NOT NULL UNIQUE, pass_hash TEXT NOT NULL,\n"
    "  role TEXT NOT NULL CHECK (role IN ('pkd','panwascam','bawaslu','pemda','bkn','admin')),\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  must_change BIGINT NOT NULL DEFAULT 0, active BIGINT NOT NULL DEFAULT 1,\n"
    "  created_at TEXT NOT NULL);\n"
    "CREATE TABLE sessions(\n"
    "  id_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
    "  csrf TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL);\n"
    "CREATE INDEX sessions_user ON sessions(user_id);\n"
    "CREATE TABLE audit(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ts TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,\n"
    "  object TEXT NOT NULL, details TEXT NOT NULL, prev_hash TEXT NOT NULL UNIQUE, hash TEXT NOT NULL UNIQUE);\n"
    "CREATE TABLE kalender(\n"
    "  tanggal TEXT PRIMARY KEY, jenis TEXT NOT NULL CHECK (jenis IN ('libur_nasional','cuti_bersama')),\n"
    "  nama TEXT NOT NULL);\n";

static const char M4_SQL[] =
    "CREATE TABLE kasus(\n"
    "  id INTEGER PRIMARY KEY, kode TEXT NOT NULL UNIQUE,\n"
    "  jenis TEXT NOT NULL CHECK (jenis IN ('laporan','temuan','informasi_awal')),\n"
    "  rezim TEXT NOT NULL CHECK (rezim IN ('pemilu','pilkada')), status TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  terlapor_nama TEXT NOT NULL, terlapor_nama_norm TEXT NOT NULL, terlapor_nip TEXT,\n"
    "  kategori TEXT NOT NULL, instansi TEXT, jabatan TEXT, terlapor_wilayah TEXT,\n"
    "  tanggal_kejadian TEXT NOT NULL, tanggal_diketahui TEXT NOT NULL, lokasi TEXT NOT NULL,\n"
    "  uraian TEXT NOT NULL, saksi TEXT NOT NULL DEFAULT '[]', putusan TEXT, tanda_terima TEXT,\n"
    "  pelapor_sealed BLOB, content_sha256 TEXT NOT NULL, client_id TEXT UNIQUE,\n"
    "  kedaluwarsa INTEGER NOT NULL DEFAULT 0, diterima TEXT NOT NULL, dibuat_oleh TEXT,\n"
    "  tenggat_tahap TEXT, tenggat_jatuh_tempo TEXT, tenggat_dasar TEXT, updated_at TEXT NOT NULL);\n"
    "CREATE INDEX kasus_wilayah ON kasus(wilayah);\n"
    "CREATE INDEX kasus_status ON kasus(status);\n"
    "CREATE INDEX kasus_nip ON kasus(terlapor_nip);\n"
    "CREATE INDEX kasus_nama ON kasus(terlapor_nama_norm);\n"
    "CREATE INDEX kasus_tenggat ON kasus(tenggat_jatuh_tempo);\n"
    "CREATE TABLE kasus_riwayat(\n"
    "  id INTEGER PRIMARY KEY, kasus_id INTEGER NOT NULL REFERENCES kasus(id), waktu TEXT NOT NULL,\n"
    "  aktor TEXT NOT NULL, dari TEXT, ke TEXT NOT NULL, catatan TEXT, data TEXT);\n"
    "CREATE INDEX kasus_riwayat_kasus ON kasus_riwayat(kasus_id);\n"
    "CREATE TABLE bukti(\n"
    "  id INTEGER PRIMARY KEY, kasus_id INTEGER NOT NULL REFERENCES kasus(id), sha256 TEXT NOT NULL,\n"
    "  mime TEXT NOT NULL, jenis TEXT NOT NULL, nama TEXT, ukuran INTEGER NOT NULL, diterima TEXT NOT NULL);\n"
    "CREATE INDEX bukti_kasus ON bukti(kasus_id);\n"
    "CREATE TABLE bukti_akses(\n"
    "  id INTEGER PRIMARY KEY, bukti_id INTEGER NOT NULL REFERENCES bukti(id), waktu TEXT NOT NULL,\n"
    "  aktor TEXT NOT NULL, aksi TEXT NOT NULL);\n"
    "CREATE TABLE rekomendasi(\n"
    "  id INTEGER PRIMARY KEY, kasus_id INTEGER NOT NULL REFERENCES kasus(id), penerima TEXT NOT NULL,\n"
    "  nomor TEXT NOT NULL, tanggal TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'menunggu',\n"
    "  jenis_sanksi TEXT, nomor_sk TEXT, tanggal_sk TEXT, pejabat TEXT, alasan TEXT);\n"
    "CREATE INDEX rekomendasi_kasus ON rekomendasi(kasus_id);\n";
static const char M4_PG[] =
    "CREATE TABLE kasus(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kode TEXT NOT NULL UNIQUE,\n"
    "  jenis TEXT NOT NULL CHECK (jenis IN ('laporan','temuan','informasi_awal')),\n"
    "  rezim TEXT NOT NULL CHECK (rezim IN ('pemilu','pilkada')), status TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  terlapor_nama TEXT NOT NULL, terlapor_nama_norm TEXT NOT NULL, terlapor_nip TEXT,\n"
    "  kategori TEXT NOT NULL, instansi TEXT, jabatan TEXT, terlapor_wilayah TEXT,\n"
    "  tanggal_kejadian TEXT NOT NULL, tanggal_diketahui TEXT NOT NULL, lokasi TEXT NOT NULL,\n"
    "  uraian TEXT NOT NULL, saksi TEXT NOT NULL DEFAULT '[]', putusan TEXT, tanda_terima TEXT,\n"
    "  pelapor_sealed BYTEA, content_sha256 TEXT NOT NULL, client_id TEXT UNIQUE,\n"
    "  kedaluwarsa BIGINT NOT NULL DEFAULT 0, diterima TEXT NOT NULL, dibuat_oleh TEXT,\n"
    "  tenggat_tahap TEXT, tenggat_jatuh_tempo TEXT, tenggat_dasar TEXT, updated_at TEXT NOT NULL);\n"
    "CREATE INDEX kasus_wilayah ON kasus(wilayah);\n"
    "CREATE INDEX kasus_status ON kasus(status);\n"
    "CREATE INDEX kasus_nip ON kasus(terlapor_nip);\n"
    "CREATE INDEX kasus_nama ON kasus(terlapor_nama_norm);\n"
    "CREATE INDEX kasus_tenggat ON kasus(tenggat_jatuh_tempo);\n"
    "CREATE TABLE kasus_riwayat(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kasus_id BIGINT NOT NULL REFERENCES kasus(id), waktu TEXT NOT NULL,\n"
    "  aktor TEXT NOT NULL, dari TEXT, ke TEXT NOT NULL, catatan TEXT, data TEXT);\n"
    "CREATE INDEX kasus_riwayat_kasus ON kasus_riwayat(kasus_id);\n"
    "CREATE TABLE bukti(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kasus_id BIGINT NOT NULL REFERENCES kasus(id), sha256 TEXT NOT NULL,\n"
    "  mime TEXT NOT NULL, jenis TEXT NOT NULL, nama TEXT, ukuran BIGINT NOT NULL, diterima TEXT NOT NULL);\n"
    "CREATE INDEX bukti_kasus ON bukti(kasus_id);\n"
    "CREATE TABLE bukti_akses(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, bukti_id BIGINT NOT NULL REFERENCES bukti(id), waktu TEXT NOT NULL,\n"
    "  aktor TEXT NOT NULL, aksi TEXT NOT NULL);\n"
    "CREATE TABLE rekomendasi(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, kasus_id BIGINT NOT NULL REFERENCES kasus(id), penerima TEXT NOT NULL,\n"
    "  nomor TEXT NOT NULL, tanggal TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'menunggu',\n"
    "  jenis_sanksi TEXT, nomor_sk TEXT, tanggal_sk TEXT, pejabat TEXT, alasan TEXT);\n"
    "CREATE INDEX rekomendasi_kasus ON rekomendasi(kasus_id);\n";

static const char M5_SQL[] =
    "CREATE TABLE instansi(\n"
    "  id INTEGER PRIMARY KEY, pemda TEXT NOT NULL REFERENCES wilayah(kode), nama TEXT NOT NULL,\n"
    "  UNIQUE (pemda, nama));\n"
    "CREATE TABLE opd(\n"
    "  id INTEGER PRIMARY KEY, instansi_id INTEGER NOT NULL REFERENCES instansi(id), nama TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), UNIQUE (instansi_id, nama));\n"
    "CREATE INDEX opd_wilayah ON opd(wilayah);\n"
    "CREATE TABLE pegawai(\n"
    "  id INTEGER PRIMARY KEY, nip TEXT NOT NULL UNIQUE, nama TEXT NOT NULL, jabatan TEXT,\n"
    "  kategori TEXT NOT NULL, instansi_id INTEGER REFERENCES instansi(id), opd_id INTEGER REFERENCES opd(id),\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), relasi TEXT, relasi_calon TEXT, diperbarui TEXT NOT NULL);\n"
    "CREATE INDEX pegawai_wilayah ON pegawai(wilayah);\n"
    "CREATE INDEX pegawai_opd ON pegawai(opd_id);\n"
    "CREATE TABLE pakta_butir(\n"
    "  versi TEXT NOT NULL, nomor INTEGER NOT NULL, teks TEXT NOT NULL, PRIMARY KEY (versi, nomor));\n"
    "CREATE TABLE pakta(\n"
    "  id INTEGER PRIMARY KEY, tanggal TEXT NOT NULL, tempat TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), opd_id INTEGER REFERENCES opd(id),\n"
    "  versi_butir TEXT NOT NULL, dokumen_sha256 TEXT, dokumen_nama TEXT, keterangan TEXT,\n"
    "  dibuat_oleh TEXT NOT NULL, dibuat TEXT NOT NULL);\n"
    "CREATE INDEX pakta_wilayah ON pakta(wilayah);\n"
    "CREATE TABLE pakta_penandatangan(\n"
    "  id INTEGER PRIMARY KEY, pakta_id INTEGER NOT NULL REFERENCES pakta(id),\n"
    "  pegawai_id INTEGER REFERENCES pegawai(id), nama TEXT NOT NULL, jabatan TEXT, nip TEXT);\n"
    "CREATE INDEX pakta_ttd_pakta ON pakta_penandatangan(pakta_id);\n"
    "CREATE INDEX pakta_ttd_pegawai ON pakta_penandatangan(pegawai_id);\n"
    "CREATE TABLE kegiatan(\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  jenis TEXT NOT NULL CHECK (jenis IN ('sosialisasi','imbauan','surat_edaran','xbanner','mou','bimtek',"
    "'rapat_pemetaan')),\n"
    "  tanggal TEXT NOT NULL, wilayah TEXT NOT NULL REFERENCES wilayah(kode), opd_id INTEGER REFERENCES opd(id),\n"
    "  judul TEXT NOT NULL, nomor TEXT, peserta INTEGER NOT NULL DEFAULT 0, lampiran_sha256 TEXT,\n"
    "  keterangan TEXT, dibuat_oleh TEXT NOT NULL, dibuat TEXT NOT NULL);\n"
    "CREATE INDEX kegiatan_wilayah ON kegiatan(wilayah);\n"
    "CREATE TABLE petahana(\n"
    "  wilayah TEXT PRIMARY KEY REFERENCES wilayah(kode), pemilihan TEXT NOT NULL, calon TEXT,\n"
    "  diubah_oleh TEXT NOT NULL, diubah TEXT NOT NULL);\n"
    "CREATE TABLE kerawanan_bobot(\n"
    "  kode TEXT PRIMARY KEY, bobot INTEGER NOT NULL CHECK (bobot BETWEEN 0 AND 4),\n"
    "  diubah_oleh TEXT NOT NULL, diubah TEXT NOT NULL);\n";
static const char M5_PG[] =
    "CREATE TABLE instansi(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, pemda TEXT NOT NULL REFERENCES wilayah(kode), nama TEXT NOT NULL,\n"
    "  UNIQUE (pemda, nama));\n"
    "CREATE TABLE opd(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, instansi_id BIGINT NOT NULL REFERENCES instansi(id), nama TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), UNIQUE (instansi_id, nama));\n"
    "CREATE INDEX opd_wilayah ON opd(wilayah);\n"
    "CREATE TABLE pegawai(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, nip TEXT NOT NULL UNIQUE, nama TEXT NOT NULL, jabatan TEXT,\n"
    "  kategori TEXT NOT NULL, instansi_id BIGINT REFERENCES instansi(id), opd_id BIGINT REFERENCES opd(id),\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), relasi TEXT, relasi_calon TEXT, diperbarui TEXT NOT NULL);\n"
    "CREATE INDEX pegawai_wilayah ON pegawai(wilayah);\n"
    "CREATE INDEX pegawai_opd ON pegawai(opd_id);\n"
    "CREATE TABLE pakta_butir(\n"
    "  versi TEXT NOT NULL, nomor BIGINT NOT NULL, teks TEXT NOT NULL, PRIMARY KEY (versi, nomor));\n"
    "CREATE TABLE pakta(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, tanggal TEXT NOT NULL, tempat TEXT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), opd_id BIGINT REFERENCES opd(id),\n"
    "  versi_butir TEXT NOT NULL, dokumen_sha256 TEXT, dokumen_nama TEXT, keterangan TEXT,\n"
    "  dibuat_oleh TEXT NOT NULL, dibuat TEXT NOT NULL);\n"
    "CREATE INDEX pakta_wilayah ON pakta(wilayah);\n"
    "CREATE TABLE pakta_penandatangan(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, pakta_id BIGINT NOT NULL REFERENCES pakta(id),\n"
    "  pegawai_id BIGINT REFERENCES pegawai(id), nama TEXT NOT NULL, jabatan TEXT, nip TEXT);\n"
    "CREATE INDEX pakta_ttd_pakta ON pakta_penandatangan(pakta_id);\n"
    "CREATE INDEX pakta_ttd_pegawai ON pakta_penandatangan(pegawai_id);\n"
    "CREATE TABLE kegiatan(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  jenis TEXT NOT NULL CHECK (jenis IN ('sosialisasi','imbauan','surat_edaran','xbanner','mou','bimtek',"
    "'rapat_pemetaan')),\n"
    "  tanggal TEXT NOT NULL, wilayah TEXT NOT NULL REFERENCES wilayah(kode), opd_id BIGINT REFERENCES opd(id),\n"
    "  judul TEXT NOT NULL, nomor TEXT, peserta BIGINT NOT NULL DEFAULT 0, lampiran_sha256 TEXT,\n"
    "  keterangan TEXT, dibuat_oleh TEXT NOT NULL, dibuat TEXT NOT NULL);\n"
    "CREATE INDEX kegiatan_wilayah ON kegiatan(wilayah);\n"
    "CREATE TABLE petahana(\n"
    "  wilayah TEXT PRIMARY KEY REFERENCES wilayah(kode), pemilihan TEXT NOT NULL, calon TEXT,\n"
    "  diubah_oleh TEXT NOT NULL, diubah TEXT NOT NULL);\n"
    "CREATE TABLE kerawanan_bobot(\n"
    "  kode TEXT PRIMARY KEY, bobot BIGINT NOT NULL CHECK (bobot BETWEEN 0 AND 4),\n"
    "  diubah_oleh TEXT NOT NULL, diubah TEXT NOT NULL);\n";

/* PostgreSQL variant of STORE_SCREEN_M6_SQL (store_screen.c): keep the two in step. */
static const char M6_PG[] =
    "CREATE TABLE saring_antrian(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, pos_id TEXT, platform TEXT, akun TEXT, nama TEXT, nip TEXT, waktu TEXT,\n"
    "  url TEXT, teks TEXT NOT NULL, tangkapan TEXT NOT NULL, sha256 TEXT NOT NULL, hits TEXT NOT NULL,\n"
    "  kategori TEXT NOT NULL DEFAULT '', skor BIGINT NOT NULL,\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode),\n"
    "  status TEXT NOT NULL DEFAULT 'menunggu' CHECK (status IN ('menunggu','relevan','tidak_relevan')),\n"
    "  diajukan_oleh TEXT NOT NULL, diajukan TEXT NOT NULL,\n"
    "  diputus_oleh TEXT, diputus TEXT, catatan TEXT, kasus_kode TEXT,\n"
    "  UNIQUE (wilayah, sha256));\n"
    "CREATE INDEX saring_antrian_status ON saring_antrian(status, wilayah);\n";

/* A version number per admin-editable table set: every server instance
 * compares it now and then and reloads when another instance changed it. */
static const char M8_SQL[] =
    "CREATE TABLE versi_pengaturan(nama TEXT PRIMARY KEY, versi BIGINT NOT NULL);\n"
    "INSERT INTO versi_pengaturan(nama, versi) VALUES ('tenggat', 1);\n";

/* Files of prevention records (issue 7): the signed pakta document and a
 * kegiatan's attachment are uploaded and stored content-addressed like
 * evidence; the record keeps hash, name, sniffed type, size and upload time. */
static const char M9_SQL[] =
    "ALTER TABLE pakta ADD COLUMN dokumen_mime TEXT;\n"
    "ALTER TABLE pakta ADD COLUMN dokumen_ukuran INTEGER;\n"
    "ALTER TABLE pakta ADD COLUMN dokumen_diunggah TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_nama TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_mime TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_ukuran INTEGER;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_diunggah TEXT;\n";
static const char M9_PG[] =
    "ALTER TABLE pakta ADD COLUMN dokumen_mime TEXT;\n"
    "ALTER TABLE pakta ADD COLUMN dokumen_ukuran BIGINT;\n"
    "ALTER TABLE pakta ADD COLUMN dokumen_diunggah TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_nama TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_mime TEXT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_ukuran BIGINT;\n"
    "ALTER TABLE kegiatan ADD COLUMN lampiran_diunggah TEXT;\n";

/* Registry import at scale (issue 7):
 *  - The unique NIP constraint becomes a named index so that the first
 *    import into an empty registry can drop it and build it once by sorting
 *    (see store_pegawai.h).
 *  - The indexes on wilayah and opd_id go: no query could use them (scoped
 *    aggregates scan), and keeping them cost more than the import itself.
 *  - Each import is logged in pegawai_impor (when, file, who, counts,
 *    outcome); a row keeps the id of the import that last wrote it instead of
 *    a 20-byte timestamp copied into millions of rows.
 * SQLite cannot drop a column constraint: the table is rebuilt, and its only
 * child table (pakta_penandatangan) with it, so that foreign keys stay on
 * throughout. */
static const char M10_SQL[] =
    "CREATE TABLE pegawai_impor(\n"
    "  id INTEGER PRIMARY KEY, mulai TEXT NOT NULL, selesai TEXT, sumber TEXT, oleh TEXT NOT NULL,\n"
    "  status TEXT NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan','selesai','gagal')),\n"
    "  baris INTEGER NOT NULL DEFAULT 0, baru INTEGER NOT NULL DEFAULT 0, diperbarui INTEGER NOT NULL DEFAULT 0,\n"
    "  ditolak INTEGER NOT NULL DEFAULT 0);\n"
    "CREATE TABLE pegawai_baru(\n"
    "  id INTEGER PRIMARY KEY, nip TEXT NOT NULL, nama TEXT NOT NULL, jabatan TEXT,\n"
    "  kategori TEXT NOT NULL, instansi_id INTEGER REFERENCES instansi(id), opd_id INTEGER REFERENCES opd(id),\n"
    "  wilayah TEXT NOT NULL REFERENCES wilayah(kode), relasi TEXT, relasi_calon TEXT,\n"
    "  impor_id INTEGER REFERENCES pegawai_impor(id));\n"
    "INSERT INTO pegawai_baru(id,nip,nama,jabatan,kategori,instansi_id,opd_id,wilayah,relasi,relasi_calon)\n"
    "  SELECT id,nip,nama,jabatan,kategori,instansi_id,opd_id,wilayah,relasi,relasi_calon FROM pegawai;\n"
    "CREATE TABLE pakta_ttd_baru(\n"
    "  id INTEGER PRIMARY KEY, pakta_id INTEGER NOT NULL REFERENCES pakta(id),\n"
    "  pegawai_id INTEGER REFERENCES pegawai_baru(id), nama TEXT NOT NULL, jabatan TEXT, nip TEXT);\n"
    "INSERT INTO pakta_ttd_baru(id,pakta_id,pegawai_id,nama,jabatan,nip)\n"
    "  SELECT id,pakta_id,pegawai_id,nama,jabatan,nip FROM pakta_penandatangan;\n"
    "DROP TABLE pakta_penandatangan;\n"
    "DROP TABLE pegawai;\n"
    "ALTER TABLE pegawai_baru RENAME TO pegawai;\n"
    "ALTER TABLE pakta_ttd_baru RENAME TO pakta_penandatangan;\n"
    "CREATE UNIQUE INDEX pegawai_nip ON pegawai(nip);\n"
    "CREATE INDEX pakta_ttd_pakta ON pakta_penandatangan(pakta_id);\n"
    "CREATE INDEX pakta_ttd_pegawai ON pakta_penandatangan(pegawai_id);\n";
static const char M10_PG[] =
    "CREATE TABLE pegawai_impor(\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, mulai TEXT NOT NULL, selesai TEXT, sumber TEXT,\n"
    "  oleh TEXT NOT NULL,\n"
    "  status TEXT NOT NULL DEFAULT 'berjalan' CHECK (status IN ('berjalan','selesai','gagal')),\n"
    "  baris BIGINT NOT NULL DEFAULT 0, baru BIGINT NOT NULL DEFAULT 0, diperbarui BIGINT NOT NULL DEFAULT 0,\n"
    "  ditolak BIGINT NOT NULL DEFAULT 0);\n"
    "ALTER TABLE pegawai DROP CONSTRAINT pegawai_nip_key;\n"
    "CREATE UNIQUE INDEX pegawai_nip ON pegawai(nip);\n"
    "DROP INDEX pegawai_wilayah;\n"
    "DROP INDEX pegawai_opd;\n"
    "ALTER TABLE pegawai DROP COLUMN diperbarui;\n"
    "ALTER TABLE pegawai ADD COLUMN impor_id BIGINT REFERENCES pegawai_impor(id);\n";

/* Failed logins per account, shared by every server instance on the
 * database (the per-address limit stays in each process's memory): one row
 * per account with failures in the current window. */
static const char M11_SQL[] =
    "CREATE TABLE gagal_masuk(username TEXT PRIMARY KEY, mulai BIGINT NOT NULL, jumlah INTEGER NOT NULL);\n"
    "CREATE INDEX gagal_masuk_mulai ON gagal_masuk(mulai);\n";

/* Seals on accounts and sessions: a keyed BLAKE2b of each row's fields
 * (account.h), so that someone who can write the database but lacks the key
 * file cannot make an officer's account, raise a role or plant a session.
 * Rows from before this version read 'belum' until the server seals them. */
static const char M12_SQL[] =
    "ALTER TABLE users ADD COLUMN segel TEXT NOT NULL DEFAULT 'belum';\n"
    "ALTER TABLE sessions ADD COLUMN segel TEXT NOT NULL DEFAULT 'belum';\n";

/* Seals on cases, their evidence rows and rekomendasi (caseseal.h): a case
 * moved to another wilayah, pushed to another stage, given a decision, an
 * evidence row pointed at another file or a rekomendasi closed behind the
 * application's back no longer matches its seal. */
static const char M13_SQL[] =
    "ALTER TABLE kasus ADD COLUMN segel TEXT NOT NULL DEFAULT 'belum';\n"
    "ALTER TABLE bukti ADD COLUMN segel TEXT NOT NULL DEFAULT 'belum';\n"
    "ALTER TABLE rekomendasi ADD COLUMN segel TEXT NOT NULL DEFAULT 'belum';\n";

static const migration_t migrations[] = {
    {1, "dasar: wilayah, pengguna, sesi, audit, kalender", M1_SQL, M1_PG, NULL},
    {2, "data wilayah Kemendagri", NULL, NULL, load_wilayah},
    {3, "kalender libur nasional dan cuti bersama 2024-2026", NULL, NULL, load_kalender},
    {4, "kasus, riwayat, bukti, rekomendasi", M4_SQL, M4_PG, NULL},
    {5, "pencegahan: instansi, OPD, pegawai, pakta integritas, kegiatan, kerawanan", M5_SQL, M5_PG, NULL},
    {6, "antrian tinjauan penyaringan media sosial", STORE_SCREEN_M6_SQL, M6_PG, NULL},
    {7, "aturan tenggat dapat diubah admin", M7_SQL, M7_PG, load_tenggat},
    {8, "versi aturan untuk beberapa server", M8_SQL, NULL, NULL},
    {9, "berkas pakta integritas dan lampiran kegiatan", M9_SQL, M9_PG, NULL},
    {10, "register pegawai untuk impor massal: indeks NIP bernama, log impor", M10_SQL, M10_PG, NULL},
    {11, "batas gagal masuk per akun bersama antar-server", M11_SQL, NULL, NULL},
    {12, "segel akun dan sesi", M12_SQL, NULL, NULL},
    {13, "segel kasus, bukti dan rekomendasi", M13_SQL, NULL, NULL},
};

static err_t ensure_table(db_t *db) {
  return db_exec_script(db,
                        "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
                        " name TEXT NOT NULL, applied_at TEXT NOT NULL)");
}

int store_schema_version(db_t *db) {
  int64_t v = 0;
  if (ensure_table(db)) return -1;
  if (db_one_int(db, "SELECT COALESCE(MAX(version),0) FROM schema_migrations", &v, "")) return -1;
  return (int)v;
}

typedef struct {
  const migration_t *m;
} mig_ctx_t;

static err_t apply_one(db_t *db, void *ud) {
  const migration_t *m = ((mig_ctx_t *)ud)->m;
  int64_t have = 0;
  /* Re-check inside the transaction: another process may have applied it. */
  if (db_one_int(db, "SELECT COUNT(*) FROM schema_migrations WHERE version=?", &have, "I", m->version) == ERR_OK &&
      have)
    return ERR_OK;
  const char *sql = strcmp(db_ops(db)->name, "sqlite") == 0 ? m->sql_sqlite : (m->sql_pg ? m->sql_pg : m->sql_sqlite);
  err_t e = ERR_OK;
  if (sql) e = db_exec_script(db, sql);
  if (!e && m->load) e = m->load(db);
  if (!e)
  {
    char now[CLOCK_ISO_LEN];
    clock_iso(clock_now(), now);
    e = db_exec(db, "INSERT INTO schema_migrations(version,name,applied_at) VALUES(?,?,?)", "Itt", m->version,
                m->name, now);
  }
  return e;
}

err_t store_migrate(db_t *db, int *applied) {
  int n = 0;
  err_t e = ensure_table(db);
  if (e) return e;
  int have = store_schema_version(db);
  if (have < 0) return ERR_DB;
  for (size_t i = 0; i < sizeof migrations / sizeof migrations[0]; i++) {
    /* Each version is checked on its own, so a lower number added after a
     * higher one was applied still runs. */
    int64_t done = 0;
    if (have >= migrations[i].version &&
        db_one_int(db, "SELECT COUNT(*) FROM schema_migrations WHERE version=?", &done, "I", migrations[i].version) ==
            ERR_OK &&
        done)
      continue;
    mig_ctx_t c = {&migrations[i]};
    e = store_write(db, apply_one, &c);
    if (e) return err_set(e, NULL, "Migrasi %d (%s) gagal: %s", migrations[i].version, migrations[i].name, err_message(e));
    n++;
  }
  /* A fresh registry import killed half-way leaves the registry without its indexes. */
  int64_t merged = 0;
  if ((e = store_pegawai_repair(db, 0, &merged)))
    return err_set(e, NULL, "Perbaikan indeks register pegawai gagal: %s", err_message(e));
  if (merged) log_info("register pegawai: %lld baris dengan NIP ganda digabung saat indeks dibangun ulang", (long long)merged);
  if (applied) *applied = n;
  return ERR_OK;
}

int migrations_latest(void) { return migrations[sizeof migrations / sizeof migrations[0] - 1].version; }
