/*
 * intake_baseline.c — baseline for the intake benchmark: how fast can plain
 * SQLite take durable report-sized writes on this machine?
 *
 * A fresh database in WAL mode with synchronous=FULL; THREADS threads, each
 * with its own connection (busy_timeout), insert N rows in total, one INSERT
 * per transaction (BEGIN IMMEDIATE … COMMIT). Each row: a tracking code, a
 * few short columns and a ~1 KB JSON text blob. Prints rows per second.
 *
 *   intake_baseline DB_PATH [N=10000] [THREADS=8]
 *
 * Last line of output (parsed by bench/intake_bench.sh):
 *   baris/detik: 1234.5
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *g_path;
static long g_n;
static atomic_long g_next;
static atomic_long g_done;
static atomic_int g_failed;
static char g_blob[1400];

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int exec_sql(sqlite3 *db, const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    fprintf(stderr, "intake_baseline: %s: %s\n", sql, msg ? msg : "?");
    sqlite3_free(msg);
    return -1;
  }
  return 0;
}

static int open_db(sqlite3 **db) {
  if (sqlite3_open_v2(g_path, db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK) {
    fprintf(stderr, "intake_baseline: tidak dapat membuka %s\n", g_path);
    return -1;
  }
  sqlite3_busy_timeout(*db, 10000);
  if (exec_sql(*db, "PRAGMA journal_mode=WAL") || exec_sql(*db, "PRAGMA synchronous=FULL")) return -1;
  return 0;
}

static void *worker(void *arg) {
  (void)arg;
  sqlite3 *db = NULL;
  sqlite3_stmt *ins = NULL, *begin = NULL, *commit = NULL;
  if (open_db(&db)) goto fail;
  if (sqlite3_prepare_v2(db,
                         "INSERT INTO laporan(kode, rezim, wilayah, status, dibuat, isi) VALUES(?,?,?,?,?,?)", -1,
                         &ins, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL) != SQLITE_OK) {
    fprintf(stderr, "intake_baseline: prepare: %s\n", sqlite3_errmsg(db));
    goto fail;
  }
  for (;;) {
    long i = atomic_fetch_add(&g_next, 1);
    if (i >= g_n) break;
    char kode[32];
    snprintf(kode, sizeof kode, "NTR-%08lX-%04lX", i * 2654435761UL % 0xFFFFFFFFUL, i & 0xFFFF);
    /* A busy database (the busy handler gave up, or WAL recovery) is retried,
     * as netral's store_write retries: the baseline measures throughput, and
     * a write it dropped would make it look faster than it is. */
    int rc = SQLITE_BUSY;
    for (int attempt = 0; attempt < 50 && (rc == SQLITE_BUSY || rc == SQLITE_LOCKED); attempt++) {
      rc = sqlite3_step(begin);
      sqlite3_reset(begin);
      if (rc != SQLITE_DONE) continue;
      sqlite3_bind_text(ins, 1, kode, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins, 2, "pemilu", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 3, "35.76.01", -1, SQLITE_STATIC);
      sqlite3_bind_text(ins, 4, "baru", -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins, 5, (sqlite3_int64)time(NULL));
      sqlite3_bind_text(ins, 6, g_blob, -1, SQLITE_STATIC);
      rc = sqlite3_step(ins);
      sqlite3_reset(ins);
      if (rc == SQLITE_DONE) {
        rc = sqlite3_step(commit);
        sqlite3_reset(commit);
      }
      if (rc != SQLITE_DONE && !sqlite3_get_autocommit(db)) sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    }
    if (rc != SQLITE_DONE) goto step_fail;
    atomic_fetch_add(&g_done, 1);
  }
  sqlite3_finalize(ins);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return NULL;
step_fail:
  fprintf(stderr, "intake_baseline: %s\n", sqlite3_errmsg(db));
fail:
  atomic_store(&g_failed, 1);
  sqlite3_finalize(ins);
  sqlite3_finalize(begin);
  sqlite3_finalize(commit);
  sqlite3_close(db);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "pemakaian: %s BERKAS_DB [N=10000] [THREAD=8]\n", argv[0]);
    return 2;
  }
  g_path = argv[1];
  g_n = argc > 2 ? strtol(argv[2], NULL, 10) : 10000;
  long threads = argc > 3 ? strtol(argv[3], NULL, 10) : 8;
  if (g_n < 1 || threads < 1 || threads > 256) {
    fprintf(stderr, "N atau jumlah thread tidak valid\n");
    return 2;
  }
  /* ~1 KB JSON text, shaped like a stored report. */
  snprintf(g_blob, sizeof g_blob,
           "{\"rezim\":\"pemilu\",\"anonim\":true,\"terlapor\":{\"nama\":\"Budi Santoso\",\"kategori\":\"asn\","
           "\"instansi\":\"Dinas Pendidikan\",\"jabatan\":\"Guru\",\"wilayah\":\"35.76\"},\"peristiwa\":{"
           "\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\",\"wilayah\":\"35.76.01\","
           "\"lokasi\":\"Balai desa\",\"uraian\":\"ASN berfoto dengan calon sambil menunjukkan salam dua jari di "
           "media sosial. %s\"}}",
           "Foto diunggah ke akun pribadi dan dibagikan ulang oleh beberapa akun lain; pelapor menyimpan tangkapan "
           "layar unggahan beserta tautannya. Kejadian berlangsung pada jam kerja di lingkungan sekolah, disaksikan "
           "beberapa guru dan orang tua murid yang hadir. Pelapor meminta identitasnya dirahasiakan dan bersedia "
           "memberikan keterangan tambahan apabila diperlukan oleh pengawas. Unggahan masih dapat diakses saat "
           "laporan ini dibuat, dan jumlah tanggapan terus bertambah. Pelapor juga menyebut bahwa kegiatan serupa "
           "pernah terjadi pada pekan sebelumnya di kecamatan yang sama. Lampiran menyusul.");

  sqlite3 *db;
  if (open_db(&db)) return 1;
  if (exec_sql(db,
               "CREATE TABLE IF NOT EXISTS laporan(id INTEGER PRIMARY KEY, kode TEXT NOT NULL UNIQUE, "
               "rezim TEXT NOT NULL, wilayah TEXT NOT NULL, status TEXT NOT NULL, dibuat INTEGER NOT NULL, "
               "isi TEXT NOT NULL)") ||
      exec_sql(db, "CREATE INDEX IF NOT EXISTS laporan_wilayah ON laporan(wilayah, dibuat)"))
    return 1;

  pthread_t *t = calloc((size_t)threads, sizeof *t);
  if (!t) return 1;
  double t0 = now_s();
  for (long i = 0; i < threads; i++) pthread_create(&t[i], NULL, worker, NULL);
  for (long i = 0; i < threads; i++) pthread_join(t[i], NULL);
  double dt = now_s() - t0;
  free(t);
  sqlite3_close(db);
  long done = atomic_load(&g_done);
  if (atomic_load(&g_failed) || done != g_n) {
    fprintf(stderr, "intake_baseline: hanya %ld dari %ld baris tersimpan\n", done, g_n);
    return 1;
  }
  printf("intake_baseline: %ld baris (isi %zu bita), %ld thread, %.2f detik\n", done, strlen(g_blob), threads, dt);
  printf("baris/detik: %.1f\n", (double)done / dt);
  return 0;
}
