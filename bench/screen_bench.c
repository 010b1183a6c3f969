/*
 * screen_bench.c — throughput of the screening pipeline against same-run
 * baselines. Not a test: it prints figures and ratios.
 *
 *   screen_bench DIR [MB]
 * generates in DIR a candidate file (≥ 1,000 fictional paslon → ≥ 5,000
 * rules) and a JSONL corpus of MB megabytes (default 200; 20 % campaign
 * posts, env SCREEN_BENCH_KAMPANYE_PERMIL in per mille), then times on
 * one thread, alternating pipeline and baseline ROUNDS times (env
 * SCREEN_BENCH_ROUNDS, default 5) and keeping each one's best round:
 *   full    parse JSON, normalise, hs_scan, explain, write the JSONL result
 *   hs_scan raw hs_scan of every rule pattern (one database) over each line
 *   strstr  a naive strstr loop of every pattern over each line (on a
 *           subset, extrapolated — said so in the output)
 * Both sides of a comparison get their lines the same way, since reading
 * is work they share and a cheaper reader lowers the ratio:
 *   1. from the file with getline (stdio's 4 KiB reads: on this virtual
 *      machine a read call costs about as much as screening two posts);
 *   2. from memory (the file loaded first): the pipeline's own cost
 *      against hs_scan alone — the strictest figure;
 *   3. with N = 1 and 2 threads: screen_stream, the pipeline of `netral
 *      screen --threads N` (1 MiB reads, results written to /dev/null),
 *      against N threads that read their part of the file in 1 MiB blocks
 *      and hs_scan each line raw.
 * Peak RSS (getrusage) is taken before the file is loaded for 2.
 */
#include <hs.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/mem.h"
#include "screen/engine.h"
#include "screen/jsonl.h"
#include "screen/stream.h"
#include "core/banned.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static unsigned long long rng = 0x9E3779B97F4A7C15ULL;
static unsigned rnd(unsigned n) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return (unsigned)(rng % n);
}

static const char *const syl[] = {"ba", "su", "wi", "ra", "to", "ni", "har", "jo", "ko", "sri", "di", "man",
                                  "an", "ti", "yu", "dan", "ga", "pur", "ma", "lin", "sa", "wan", "hen", "dra"};
static void name(char *dst, size_t cap) {
  char w1[32] = "", w2[32] = "";
  for (int i = 0, n = 2 + (int)rnd(2); i < n; i++) strncat(w1, syl[rnd(24)], sizeof w1 - strlen(w1) - 1);
  for (int i = 0, n = 2 + (int)rnd(2); i < n; i++) strncat(w2, syl[rnd(24)], sizeof w2 - strlen(w2) - 1);
  w1[0] = (char)(w1[0] - 32);
  w2[0] = (char)(w2[0] - 32);
  snprintf(dst, cap, "%s %s", w1, w2);
}

enum { NPASLON = 1200 };
static char cal[NPASLON][64], wak[NPASLON][64];

static const char *const neutral[] = {
  "Selamat pagi semua, cuaca cerah hari ini jangan lupa sarapan ya",
  "Rapat koordinasi kegiatan posyandu bulan depan mohon kehadirannya",
  "Macet parah di bypass, ada truk mogok dekat pabrik",
  "Bawaslu mengimbau ASN jangan ikut kampanye dan tetap netral",
  "Ban motor kecoblos paku, untung ada tambal ban dekat masjid",
  "Bingung pilih menu makan siang, nasi pecel atau rawon?",
  "Ayo dukung timnas malam ini! Garuda di dadaku",
  "Hasil survei: dua paslon bersaing ketat, pemilih diimbau cermat",
  "Pengajian rutin malam Jumat di masjid, monggo rawuh bapak ibu",
  "Laporan SPJ akhir tahun akhirnya selesai juga, lega rasanya",
};
static const char *const campaign[] = {
  "Ayo c0bl0s nomer %d, %s pasti menang! \xE2\x9C\x8C\xEF\xB8\x8F",
  "#CoblosNomor%d bersama %s",
  "Salam %d jari buat %s, semangat menangkan!",
  "Yang mau amplop 100rb kumpul di rumah pak RT, syaratnya pilih %d (%s)",
  "c o b l o s  n o m o r  %d ya lur, %s terbukti",
  "Pegawai yang ga dukung nomor %d siap siap dimutasi, kata tim %s",
};

/* Share of campaign posts in the corpus, per mille: env
 * SCREEN_BENCH_KAMPANYE_PERMIL, default 200 (a stress mix: a post with
 * hits costs several times one without). */
static unsigned campaign_permille = 200;

static void gen_files(const char *dir, double mb, char *paslon, char *corpus, size_t cap) {
  snprintf(paslon, cap, "%s/paslon_bench.csv", dir);
  snprintf(corpus, cap, "%s/pos_bench.jsonl", dir);
  FILE *f = fopen(paslon, "w");
  if (!f) { perror(paslon); exit(1); }
  fprintf(f, "pemilihan,wilayah,kode_wilayah,nomor_urut,calon,wakil,panggilan,julukan,slogan,tagar,partai\n");
  for (int i = 0; i < NPASLON; i++) {
    name(cal[i], sizeof cal[i]);
    name(wak[i], sizeof wak[i]);
    char s1[64], s2[64];
    name(s1, sizeof s1);
    name(s2, sizeof s2);
    fprintf(f, "pilkada2024,Wilayah %d,35.%02d,%d,%s,%s,Pak %.*s|Bu %.*s,%c%c%c%d,%s Maju Bersama,#%sMenang%d,Partai %s\n",
            i / 4, i / 4 % 100, i % 4 + 1, cal[i], wak[i], (int)strcspn(cal[i], " "), cal[i], (int)strcspn(wak[i], " "),
            wak[i], cal[i][0], wak[i][0], s1[1], i, s1, s2, i, s2);
  }
  fclose(f);
  f = fopen(corpus, "w");
  if (!f) { perror(corpus); exit(1); }
  unsigned long long bytes = 0, n = 0;
  char teks[512], line[1024];
  while (bytes < (unsigned long long)(mb * 1e6)) {
    int k = (int)rnd(NPASLON);
    if (rnd(1000) < campaign_permille)
      snprintf(teks, sizeof teks, campaign[rnd(6)], k % 4 + 1, cal[k]);
    else
      snprintf(teks, sizeof teks, "%s %s", neutral[rnd(10)], rnd(3) ? neutral[rnd(10)] : "wkwk \xF0\x9F\x98\x81");
    int len = snprintf(line, sizeof line,
                       "{\"id\":\"b%llu\",\"platform\":\"facebook\",\"akun\":\"akun_%u\",\"nama\":\"%s\","
                       "\"nip\":\"1985%014u\",\"waktu\":\"2024-11-2%uT08:00:00+07:00\",\"url\":\"https://fb.example/p/%llu\","
                       "\"teks\":\"%s\"}\n",
                       n, rnd(100000), wak[rnd(NPASLON)], rnd(1000000000), rnd(7), n, teks);
    fwrite(line, 1, (size_t)len, f);
    bytes += (unsigned long long)len;
    n++;
  }
  fclose(f);
}

static int count_match(unsigned int id, unsigned long long from, unsigned long long to, unsigned int fl, void *ctx) {
  (*(unsigned long long *)ctx)++;
  return 0;
}

/* Raw hs_scan by one of n threads: lines whose first byte lies in its
 * share [k*size/n, (k+1)*size/n) of the file. */
typedef struct {
  const char *path;
  const hs_database_t *db;
  int k, n;
  unsigned long long matches;
  hs_scratch_t *hs;
} raw_part_t;

/* Lines whose first byte lies in [from, to) of f, read in 1 MiB blocks
 * (as screen_stream reads), each passed to fn (with its newline). */
enum { BLOCK = 1 << 20 };
static void block_lines(FILE *f, long from, long to, void (*fn)(void *, const char *, size_t), void *ctx) {
  char *buf = malloc(2 * BLOCK);
  size_t have = 0, at = 0;
  long pos = from; /* file offset of buf[at] */
  if (!buf) return;
  fseek(f, from ? from - 1 : 0, SEEK_SET);
  int skip = from && fgetc(f) != '\n'; /* start at the first line that begins inside the share */
  for (;;) {
    char *nl = at < have ? memchr(buf + at, '\n', have - at) : NULL;
    if (!nl) {
      memmove(buf, buf + at, have - at);
      have -= at;
      at = 0;
      size_t got = fread(buf + have, 1, 2 * BLOCK - have, f);
      if (!got) break;
      have += got;
      continue;
    }
    size_t n = (size_t)(nl - (buf + at)) + 1;
    if (!skip) {
      if (pos >= to) break;
      fn(ctx, buf + at, n);
    }
    skip = 0;
    at += n;
    pos += (long)n;
  }
  free(buf);
}

static void raw_line(void *ctx, const char *line, size_t n) {
  raw_part_t *p = ctx;
  hs_scan(p->db, line, (unsigned)n, 0, p->hs, count_match, &p->matches);
}

static void *raw_part(void *arg) {
  raw_part_t *p = arg;
  FILE *f = fopen(p->path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f), from = (long)((double)size * p->k / p->n), to = (long)((double)size * (p->k + 1) / p->n);
  hs_alloc_scratch(p->db, &p->hs);
  block_lines(f, from, to, raw_line, p);
  hs_free_scratch(p->hs);
  fclose(f);
  return NULL;
}

static double raw_threads(const char *path, const hs_database_t *db, int n, unsigned long long *matches) {
  raw_part_t parts[8];
  pthread_t tid[8];
  double t = now();
  for (int k = 0; k < n; k++) {
    parts[k] = (raw_part_t){path, db, k, n, 0, NULL};
    if (pthread_create(&tid[k], NULL, raw_part, &parts[k])) raw_part(&parts[k]), tid[k] = 0;
  }
  *matches = 0;
  for (int k = 0; k < n; k++) {
    if (tid[k]) pthread_join(tid[k], NULL);
    *matches += parts[k].matches;
  }
  return now() - t;
}

static double stream_threads(const screen_engine_t *e, const char *path, int n, screen_stream_stats_t *st) {
  FILE *in = fopen(path, "rb"), *out = fopen("/dev/null", "w");
  if (!in || !out) {
    perror("fopen");
    exit(1);
  }
  screen_stream_opts_t o = {n, SCREEN_OUT_JSON, NULL};
  double t = now();
  if (screen_stream(e, in, out, stderr, &o, st) != ERR_OK) {
    fprintf(stderr, "screen_stream gagal\n");
    exit(1);
  }
  t = now() - t;
  fclose(in);
  fclose(out);
  return t;
}

/* The pipeline of `netral screen --threads n` against raw hs_scan on n
 * threads, alternated, best of rounds each. */
typedef struct {
  double smbs, rmbs, posts_s;
  unsigned long long matches;
} stream_res_t;

static void stream_vs_raw(const screen_engine_t *e, const char *corpus, const hs_database_t *db, int nt, int rounds,
                          stream_res_t *res) {
  double ts = 1e30, tr = 1e30;
  screen_stream_stats_t st;
  for (int round = 0; round < rounds; round++) {
    double d = stream_threads(e, corpus, nt, &st);
    if (d < ts) ts = d;
    d = raw_threads(corpus, db, nt, &res->matches);
    if (d < tr) tr = d;
  }
  res->smbs = (double)st.bytes / 1e6 / ts;
  res->rmbs = (double)st.bytes / 1e6 / tr;
  res->posts_s = (double)st.posts / ts;
}

static int compile_all(const screen_rules_t *rs, hs_database_t **db) {
  unsigned *flags = calloc(rs->npat, sizeof *flags), *ids = malloc(rs->npat * sizeof *ids);
  size_t *lens = malloc(rs->npat * sizeof *lens);
  hs_compile_error_t *cerr = NULL;
  int bad = !flags || !ids || !lens;
  for (size_t i = 0; !bad && i < rs->npat; i++) ids[i] = (unsigned)i, lens[i] = rs->patlen[i];
  if (!bad && hs_compile_lit_multi((const char *const *)rs->pat, flags, ids, lens, (unsigned)rs->npat, HS_MODE_BLOCK,
                                   NULL, db, &cerr) != HS_SUCCESS) {
    fprintf(stderr, "hs_compile_lit_multi gagal: %s\n", cerr ? cerr->message : "?");
    hs_free_compile_error(cerr);
    bad = 1;
  }
  free(flags);
  free(ids);
  free(lens);
  return bad;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "pemakaian: screen_bench DIR [MB]\n");
    return 2;
  }
  double mb = argc > 2 ? strtod(argv[2], NULL) : 200;
  char paslon[600], corpus[600];
  double t = now();
  const char *pm = getenv("SCREEN_BENCH_KAMPANYE_PERMIL");
  if (pm && *pm) campaign_permille = (unsigned)strtoul(pm, NULL, 10);
  gen_files(argv[1], mb, paslon, corpus, sizeof paslon);
  printf("korpus: %.0f MB dibuat dalam %.1f s, %.1f %% pos kampanye\n", mb, now() - t, campaign_permille / 10.0);

  screen_opts_t o = {NULL, paslon, NULL, NULL, NULL, argv[1]};
  screen_engine_t *e;
  for (int round = 0; round < 2; round++) { /* second open shows the cache */
    t = now();
    if (screen_engine_open_opts(&o, &e) != ERR_OK) {
      fprintf(stderr, "gagal: %s\n", err_message(ERR_INVALID));
      return 1;
    }
    const screen_info_t *in = screen_engine_info(e);
    printf("aturan: %zu (paslon %zu), pola: %zu, basis data %s dalam %.2f s\n", in->nrules, in->npaslon, in->npatterns,
           in->cache_hit ? "dari cache" : "disusun", now() - t);
    if (round == 0) screen_engine_free(e);
  }
  screen_scratch_t *s;
  screen_scratch_new(e, &s);
  /* the baseline: every pattern of the rule set in one database, as a
   * plain Hyperscan user would compile them (the engine splits them in
   * two and scans the context terms only when they can matter) */
  const screen_rules_t *rs = screen_engine_rules(e);
  hs_database_t *db = NULL;
  if (compile_all(rs, &db)) return 1;
  hs_scratch_t *hs = NULL;
  hs_alloc_scratch(db, &hs);

  char *line = NULL;
  size_t cap = 0;
  ssize_t n;
  buf_t out;
  buf_init(&out);
  char err[256];

  /* Full pipeline and raw hs_scan, alternating, ROUNDS times each; the
   * best round of each is reported (a shared machine slows single runs
   * at random, and alternating exposes both to the same conditions).
   * Both run on the same CPU: the vCPUs of a cloud machine can differ in
   * speed by a third, and a ratio across two of them measures the CPUs. */
  cpu_set_t all, one;
  int cpu = sched_getcpu(), pinned = cpu >= 0 && sched_getaffinity(0, sizeof all, &all) == 0;
  if (pinned) {
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    pinned = sched_setaffinity(0, sizeof one, &one) == 0;
  }
  int rounds = getenv("SCREEN_BENCH_ROUNDS") ? (int)strtol(getenv("SCREEN_BENCH_ROUNDS"), NULL, 10) : 5;
  if (rounds < 1) rounds = 1;
  unsigned long long bytes = 0, posts = 0, flagged = 0, hits = 0, raw_matches = 0;
  double t_full = 1e30, t_hs = 1e30;
  for (int round = 0; round < rounds; round++) {
    /* full pipeline: parse JSON, normalise, scan, explain, write the result line */
    FILE *f = fopen(corpus, "rb");
    bytes = posts = flagged = hits = 0;
    t = now();
    while ((n = getline(&line, &cap, f)) > 0) {
      screen_result_t r;
      buf_reset(&out);
      if (screen_jsonl_line(e, s, line, (size_t)n, 0, &out, &r, err, sizeof err) == ERR_OK) {
        flagged += r.skor >= SCREEN_THRESHOLD;
        hits += r.nhits;
      }
      bytes += (unsigned long long)n;
      posts++;
    }
    double dt = now() - t;
    if (dt < t_full) t_full = dt;
    fclose(f);

    /* raw hs_scan of the same database over the same lines */
    f = fopen(corpus, "rb");
    raw_matches = 0;
    t = now();
    while ((n = getline(&line, &cap, f)) > 0) hs_scan(db, line, (unsigned)n, 0, hs, count_match, &raw_matches);
    dt = now() - t;
    if (dt < t_hs) t_hs = dt;
    fclose(f);
  }

  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru); /* peak of the pipeline, before the file is loaded below */

  /* 2. the same lines from memory: no reading on either side */
  FILE *f = fopen(corpus, "rb");
  if (!f) {
    perror(corpus);
    return 1;
  }
  fseek(f, 0, SEEK_END);
  size_t size = (size_t)ftell(f), np = 0;
  rewind(f);
  char *mem = malloc(size + 1);
  size_t *off = malloc((posts + 2) * sizeof *off);
  if (!mem || !off || fread(mem, 1, size, f) != size) {
    fprintf(stderr, "korpus tidak dapat dimuat ke memori\n");
    return 1;
  }
  fclose(f);
  for (size_t at = 0; at < size && np <= posts;) {
    const char *nl = memchr(mem + at, '\n', size - at);
    off[np++] = at;
    at = nl ? (size_t)(nl - mem) + 1 : size;
  }
  off[np] = size;
  double m_full = 1e30, m_hs = 1e30;
  for (int round = 0; round < rounds; round++) {
    t = now();
    for (size_t i = 0; i < np; i++) {
      screen_result_t r;
      buf_reset(&out);
      screen_jsonl_line(e, s, mem + off[i], off[i + 1] - off[i], 0, &out, &r, err, sizeof err);
    }
    double dt = now() - t;
    if (dt < m_full) m_full = dt;
    unsigned long long mm = 0;
    t = now();
    for (size_t i = 0; i < np; i++) hs_scan(db, mem + off[i], (unsigned)(off[i + 1] - off[i]), 0, hs, count_match, &mm);
    dt = now() - t;
    if (dt < m_hs) m_hs = dt;
  }
  free(off);
  free(mem);

  /* 3. with one thread, on the same CPU as the rest */
  stream_res_t sr[2];
  stream_vs_raw(e, corpus, db, 1, rounds, &sr[0]);

  if (pinned) sched_setaffinity(0, sizeof all, &all);

  /* naive strstr over a subset */
  f = fopen(corpus, "rb");
  unsigned long long sub = 0, naive = 0;
  const unsigned long long sub_max = 300000; /* ~1,000 posts: enough to extrapolate */
  t = now();
  while (sub < sub_max && (n = getline(&line, &cap, f)) > 0) {
    for (size_t p = 0; p < rs->npat; p++)
      if (strstr(line, rs->pat[p])) naive++;
    sub += (unsigned long long)n;
  }
  double t_naive = now() - t;
  fclose(f);
  double naive_mbs = (double)sub / 1e6 / t_naive;

  double cmb = (double)bytes / 1e6, full_mbs = cmb / t_full, hs_mbs = cmb / t_hs;
  printf("pos: %llu, %.1f MB, ditandai (skor>=%d): %llu, hits: %llu\n", posts, cmb, SCREEN_THRESHOLD, flagged, hits);
  printf("putaran: %d (pipeline dan hs_scan bergantian; yang tercepat dari tiap jenis); hs_scan mentah: semua %zu pola "
         "dalam satu basis data, per baris JSON mentah\n",
         rounds, rs->npat);
  printf("1. dari berkas, getline, 1 thread: pipeline penuh %.1f MB/s (%.0f pos/s), hs_scan mentah %.1f MB/s (%.0f pos/s); "
         "rasio %.2f (sasaran >= 0.5)\n",
         full_mbs, (double)posts / t_full, hs_mbs, (double)posts / t_hs, full_mbs / hs_mbs);
  printf("2. dari memori, tanpa I/O, 1 thread: pipeline penuh %.1f MB/s, hs_scan mentah %.1f MB/s; rasio %.2f\n",
         cmb / m_full, cmb / m_hs, m_hs / m_full);
  printf("strstr naif (%zu pola; subset %.1f MB, diekstrapolasi): %.2f MB/s, perkiraan %.0f s untuk seluruh korpus; "
         "pipeline (1.) %.0f × lebih cepat\n",
         rs->npat, (double)sub / 1e6, naive_mbs, cmb / naive_mbs, full_mbs / naive_mbs);
  printf("kecocokan mentah: hs_scan %llu, strstr %llu (subset)\n", raw_matches, naive);
  printf("memori puncak pipeline (ru_maxrss): %.1f MB\n", (double)ru.ru_maxrss / 1024.0);

  /* 3. (N = 2; N = 1 ran pinned above) */
  stream_vs_raw(e, corpus, db, 2, rounds, &sr[1]);
  for (int k = 0; k < 2; k++)
    printf("3. aliran `netral screen --threads %d` (blok 1 MiB, hasil ke /dev/null): %.1f MB/s, %.0f pos/s; hs_scan mentah "
           "%d thread (blok 1 MiB): %.1f MB/s (%llu kecocokan); rasio %.2f\n",
           k + 1, sr[k].smbs, sr[k].posts_s, k + 1, sr[k].rmbs, sr[k].matches, sr[k].smbs / sr[k].rmbs);

  free(line);
  buf_free(&out);
  hs_free_scratch(hs);
  hs_free_database(db);
  screen_scratch_free(s);
  screen_engine_free(e);
  return 0;
}
