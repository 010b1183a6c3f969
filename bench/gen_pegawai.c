/*
 * gen_pegawai.c — synthetic registry CSV for `netral import pegawai`.
 *
 *   gen_pegawai N WILAYAH_CSV [BAD_EVERY] > pegawai.csv
 *
 * N rows with unique, valid NIPs (birth date, TMT, sex, serial) in a
 * scrambled order (a multiplicative permutation, so the file is not sorted by
 * NIP as a real export would not be), officials spread over every desa of
 * WILAYAH_CSV (data/wilayah/jatim.csv), an instansi per kab/kota and ~40 OPD
 * names, about one name in ten quoted with a comma (gelar), 2% with a
 * declared relation to a calon, 15% PPPK. BAD_EVERY > 0 makes every
 * BAD_EVERY-th row invalid (bad NIP, unknown wilayah or kategori in turn).
 * Deterministic: same N, same file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const depan[] = {"Budi", "Siti", "Agus", "Dewi", "Eko", "Sri", "Bambang", "Rina", "Joko", "Wahyu",
                                    "Nur", "Ahmad", "Lestari", "Hadi", "Yuli", "Slamet", "Endang", "Teguh", "Ratna",
                                    "Imam"};
static const char *const belakang[] = {"Santoso", "Rahayu", "Wibowo", "Kusuma", "Setiawan", "Hidayat", "Purnomo",
                                       "Lestari", "Prasetyo", "Susanti", "Nugroho", "Handayani", "Saputra", "Wulandari"};
static const char *const gelar[] = {"S.Pd.", "S.H.", "M.Si.", "S.E.", "A.Md.", "S.Kom."};
static const char *const jabatan[] = {"Guru Ahli Pertama", "Analis Kebijakan", "Kepala Seksi", "Kepala Bidang",
                                      "Staf Pelaksana", "Pengelola Keuangan", "Perawat Terampil", "Penyuluh Pertanian"};
static const char *const opd[] = {
    "Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas Sosial",
    "Dinas Perhubungan", "Dinas Pertanian", "Dinas Koperasi dan Usaha Mikro", "Dinas Perdagangan",
    "Dinas Kependudukan dan Pencatatan Sipil", "Dinas Lingkungan Hidup", "Dinas Pemberdayaan Masyarakat dan Desa",
    "Dinas Pariwisata", "Dinas Tenaga Kerja", "Dinas Komunikasi dan Informatika", "Badan Kepegawaian Daerah",
    "Badan Perencanaan Pembangunan Daerah", "Badan Pendapatan Daerah", "Badan Penanggulangan Bencana Daerah",
    "Badan Kesatuan Bangsa dan Politik", "Inspektorat", "Sekretariat Daerah", "Sekretariat DPRD",
    "Satuan Polisi Pamong Praja", "RSUD", "Dinas Perumahan dan Kawasan Permukiman", "Dinas Perikanan",
    "Dinas Ketahanan Pangan", "Dinas Perpustakaan dan Kearsipan", "Dinas Kepemudaan dan Olahraga",
    "Dinas Penanaman Modal dan PTSP", "Dinas Pemadam Kebakaran", "Dinas Pengendalian Penduduk dan KB"};

typedef struct {
  char kode[16];
  int kab; /* index into kabs */
} desa_t;

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "pemakaian: gen_pegawai N WILAYAH_CSV [BAD_EVERY]\n");
    return 2;
  }
  long n = strtol(argv[1], NULL, 10);
  long bad = argc > 3 ? strtol(argv[3], NULL, 10) : 0;
  FILE *w = fopen(argv[2], "r");
  if (!w) { perror(argv[2]); return 1; }
  static desa_t desa[20000];
  static char kabkode[64][16], kabnama[64][64];
  int nd = 0, nk = 0;
  char line[512];
  while (fgets(line, sizeof line, w)) {
    char kode[16], nama[64], tingkat[32];
    if (sscanf(line, "%15[^,],%63[^,],%31[^,]", kode, nama, tingkat) != 3) continue;
    if (strcmp(tingkat, "kabkota") == 0 && nk < 64) {
      snprintf(kabkode[nk], sizeof kabkode[nk], "%s", kode);
      snprintf(kabnama[nk], sizeof kabnama[nk], "%s", nama);
      nk++;
    } else if (strcmp(tingkat, "desa") == 0 && nd < 20000) {
      snprintf(desa[nd].kode, sizeof desa[nd].kode, "%s", kode);
      desa[nd].kab = -1;
      for (int k = nk - 1; k >= 0; k--)
        if (strncmp(kode, kabkode[k], 5) == 0) { desa[nd].kab = k; break; }
      if (desa[nd].kab >= 0) nd++;
    }
  }
  fclose(w);
  if (!nd) { fprintf(stderr, "tidak ada desa di %s\n", argv[2]); return 1; }
  /* NIP space: 12775 birth days x 2 sexes x 999 serials; i -> j is a bijection on [0, M). */
  const uint64_t M = 12775ull * 2 * 999, A = 1000003ull;
  if ((uint64_t)n > M) { fprintf(stderr, "N terlalu besar (maks %llu)\n", (unsigned long long)M); return 2; }
  static char out[1 << 20];
  setvbuf(stdout, out, _IOFBF, sizeof out);
  fputs("nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon\n", stdout);
  for (long i = 0; i < n; i++) {
    uint64_t j = ((uint64_t)i * A) % M;
    int serial = (int)(j % 999) + 1;
    uint64_t q = j / 999;
    int sex = (int)(q % 2) + 1;
    int day = (int)(q / 2); /* 0..12774 from 1965-01-01, 365-day years, day 1..28 */
    int by = 1965 + day / 365, doy = day % 365, bm = doy / 31 + 1, bd = doy % 28 + 1;
    if (bm > 12) bm = 12;
    uint64_t h = (uint64_t)i * 0x9E3779B97F4A7C15ull;
    int pppk = (h >> 7) % 100 < 15;
    int ty = by + 20 + (int)((h >> 13) % 15), tm = pppk ? 21 : (int)((h >> 19) % 12) + 1;
    if (ty > 2024) ty = 2024;
    const desa_t *d = &desa[(h >> 23) % (uint64_t)nd];
    const char *kat = pppk ? "pppk" : "asn";
    char nip[32], wil[24];
    snprintf(nip, sizeof nip, "%04d%02d%02d%04d%02d%d%03d", by, bm, bd, ty, tm, sex, serial);
    snprintf(wil, sizeof wil, "%s", d->kode);
    if (bad > 0 && i % bad == bad - 1) {
      switch ((i / bad) % 3) {
        case 0: nip[3] = 'X'; break;
        case 1: snprintf(wil, sizeof wil, "99.99.99"); break;
        default: kat = "honorer"; break;
      }
    }
    const char *dp = depan[(h >> 29) % 20], *bl = belakang[(h >> 35) % 14];
    printf("%s,", nip);
    if ((h >> 41) % 10 == 0) printf("\"%s %s, %s\",", dp, bl, gelar[(h >> 45) % 6]);
    else printf("%s %s,", dp, bl);
    printf("%s,Pemerintah %s,%s,%s,%s,", jabatan[(h >> 49) % 8], kabnama[d->kab],
           opd[(h >> 53) % (sizeof opd / sizeof opd[0])], wil, kat);
    if ((h >> 57) % 50 == 0) printf("keluarga,Calon Bupati Nomor %d\n", (int)((h >> 60) % 3) + 1);
    else fputs(",\n", stdout);
  }
  return fflush(stdout) ? 1 : 0;
}
