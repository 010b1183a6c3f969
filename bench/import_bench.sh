#!/usr/bin/env bash
# bench/import_bench.sh BUILD — `netral import pegawai` vs sqlite3's `.import`
# of the same synthetic file (bench/gen_pegawai.c: 4.3 million officials, the
# national ASN count) into a plain table, in the same run. Prints rows/s, the
# ratio netral/sqlite3 (goal ≥ 1.0) and the absolute goal (≥ 150,000 rows/s),
# and the peak memory (max RSS) of each, from /usr/bin/time -v when present;
# then the rate of a re-import (update by NIP) of a tenth of the rows.
# Not a test: it never fails for being slow.
#
# Knobs: BENCH_IMPORT_ROWS (4300000), BENCH_IMPORT_ROUNDS (2). Needs gcc and sqlite3.
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=$(bench_build_dir "${1:-build}")
OUT=$BUILD/bench
ROWS=${BENCH_IMPORT_ROWS:-4300000}
GOAL_RATIO=1.0
GOAL_RPS=150000

[ -x "$BUILD/netral" ] || bench_die "$BUILD/netral belum dibangun (make)"
command -v sqlite3 >/dev/null || { echo "  lewati: sqlite3 (CLI) tidak terpasang"; exit 0; }
bench_cc "$OUT/gen_pegawai" "$BENCH_DIR/gen_pegawai.c"
bench_tmpdir TMP

t0=$(date +%s.%N)
"$OUT/gen_pegawai" "$ROWS" "$BENCH_ROOT/data/wilayah/jatim.csv" >"$TMP/pegawai.csv" || bench_die "generator gagal"
t1=$(date +%s.%N)
printf '  berkas sintetis: %s baris, %s MB (dibuat dalam %.1f detik)\n' "$ROWS" \
  "$(awk -v b="$(stat -c %s "$TMP/pegawai.csv")" 'BEGIN { printf "%.0f", b / 1048576 }')" \
  "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"

TIMEV=
[ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1 && TIMEV=1

# run LABEL LOG CMD... -> sets SECS and RSS_KB
run() {
  local log=$1; shift
  local a b
  a=$(date +%s.%N)
  if [ -n "$TIMEV" ]; then
    /usr/bin/time -v -o "$log.time" "$@" >"$log" 2>&1 || { cat "$log" >&2; bench_die "gagal: $*"; }
    RSS_KB=$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$log.time")
  else
    "$@" >"$log" 2>&1 || { cat "$log" >&2; bench_die "gagal: $*"; }
    RSS_KB=
  fi
  b=$(date +%s.%N)
  SECS=$(awk -v a="$a" -v b="$b" 'BEGIN { print b - a }')
}

# One round: the baseline, sqlite3 .import into a plain table (no index),
# WAL, synchronous=NORMAL; then netral into an empty migrated database (the
# migration is not timed). Rounds alternate the two so that a burst of load
# on a shared machine hits both; the best round of each is reported.
ROUNDS=${BENCH_IMPORT_ROUNDS:-2}
export NETRAL_DATA_DIR=$TMP NETRAL_KEY_FILE=$TMP/k NETRAL_DEMO=0
cd "$BENCH_ROOT" || exit 1
base_s= net_s= base_rss= net_rss=
for round in $(seq 1 "$ROUNDS"); do
  rm -f "$TMP"/base.db* "$TMP"/n.db*
  run "$TMP/base.log" sqlite3 "$TMP/base.db" -cmd "PRAGMA journal_mode=WAL" -cmd "PRAGMA synchronous=NORMAL" \
    "CREATE TABLE p(nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon)" \
    ".import --csv --skip 1 $TMP/pegawai.csv p"
  base_n=$(sqlite3 "$TMP/base.db" "SELECT COUNT(*) FROM p")
  [ "$base_n" = "$ROWS" ] || bench_warn "sqlite3 .import memuat $base_n baris, bukan $ROWS"
  round_base=$SECS
  if [ -z "$base_s" ] || awk -v a="$SECS" -v b="$base_s" 'BEGIN { exit !(a < b) }'; then base_s=$SECS base_rss=$RSS_KB; fi
  NETRAL_DB=sqlite:$TMP/n.db "$BUILD/netral" migrate >/dev/null 2>&1 || bench_die "netral migrate gagal"
  NETRAL_DB=sqlite:$TMP/n.db run "$TMP/netral.log" "$BUILD/netral" import pegawai "$TMP/pegawai.csv"
  grep -q "^Selesai: $ROWS baris diimpor ($ROWS baru, 0 diperbarui), 0 ditolak" "$TMP/netral.log" ||
    bench_warn "hasil impor tak terduga: $(grep Selesai "$TMP/netral.log")"
  if [ -z "$net_s" ] || awk -v a="$SECS" -v b="$net_s" 'BEGIN { exit !(a < b) }'; then net_s=$SECS net_rss=$RSS_KB; fi
  printf '  putaran %d: sqlite3 .import %.1f detik, netral %.1f detik\n' "$round" "$round_base" "$SECS"
done

# Re-import (update by NIP) of every tenth row into the full registry.
(head -1 "$TMP/pegawai.csv"; awk 'NR > 1 && NR % 10 == 0' "$TMP/pegawai.csv") >"$TMP/ulang.csv"
UPD=$(($(wc -l <"$TMP/ulang.csv") - 1))
NETRAL_DB=sqlite:$TMP/n.db run "$TMP/ulang.log" "$BUILD/netral" import pegawai "$TMP/ulang.csv"
upd_s=$SECS upd_rss=$RSS_KB
grep -q "^Selesai: $UPD baris diimpor (0 baru, $UPD diperbarui), 0 ditolak" "$TMP/ulang.log" ||
  bench_warn "hasil impor ulang tak terduga: $(grep Selesai "$TMP/ulang.log")"

base_rps=$(awk -v n="$ROWS" -v s="$base_s" 'BEGIN { printf "%.0f", n / s }')
net_rps=$(awk -v n="$ROWS" -v s="$net_s" 'BEGIN { printf "%.0f", n / s }')
upd_rps=$(awk -v n="$UPD" -v s="$upd_s" 'BEGIN { printf "%.0f", n / s }')
ratio=$(bench_ratio "$net_rps" "$base_rps")
mb() { [ -n "$1" ] && awk -v k="$1" 'BEGIN { printf "%.0f MB", k / 1024 }' || echo "-"; }
echo
printf '  %-52s %8s %12s %10s\n' "target (terbaik dari $ROUNDS putaran)" "detik" "baris/detik" "RSS puncak"
printf '  %-52s %8.1f %12s %10s\n' "sqlite3 .import ke tabel polos (dasar)" "$base_s" "$base_rps" "$(mb "$base_rss")"
printf '  %-52s %8.1f %12s %10s\n' "netral import pegawai ke register kosong" "$net_s" "$net_rps" "$(mb "$net_rss")"
printf '  %-52s %8.1f %12s %10s\n' "netral impor ulang $UPD baris (perbarui per NIP)" "$upd_s" "$upd_rps" "$(mb "$upd_rss")"
echo "  rasio netral/sqlite3: $ratio (sasaran ≥ $GOAL_RATIO: $(bench_verdict "$ratio" "$GOAL_RATIO"))"
echo "  laju netral: $net_rps baris/detik (sasaran ≥ $GOAL_RPS: $(bench_verdict "$net_rps" "$GOAL_RPS"))"
