#!/usr/bin/env bash
# bench/intake_bench.sh BUILD — public report intake (POST /api/v1/laporan)
# vs. a plain-SQLite baseline (bench/intake_baseline.c: durable one-row
# transactions from 8 threads, WAL + synchronous=FULL). Prints reports/s as
# a ratio to the baseline rows/s; goal ≥ 1.0. Run by bench/run.sh; can be run
# alone. Skips (exit 0) while the endpoint does not exist.
#
# Knobs: BENCH_INTAKE_SECS (8), BENCH_INTAKE_CONNS (16), BENCH_INTAKE_ROWS (10000),
# BENCH_ROUNDS (2).
# BENCH_INTAKE_PATH / BENCH_INTAKE_EXPECT exist only to exercise this script
# against another endpoint while intake is not written yet.
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=$(bench_build_dir "${1:-build}")
OUT=$BUILD/bench
ROUNDS=${BENCH_ROUNDS:-2}
SECS=${BENCH_INTAKE_SECS:-8}
CONNS=${BENCH_INTAKE_CONNS:-16}
ROWS=${BENCH_INTAKE_ROWS:-10000}
GOAL=1.0
PATH_INTAKE=${BENCH_INTAKE_PATH:-/api/v1/laporan}
EXPECT=${BENCH_INTAKE_EXPECT:-201} # (these two only to test the script itself)

[ -x "$BUILD/netral" ] || bench_die "$BUILD/netral belum dibangun (make)"
bench_cc "$OUT/load" "$BENCH_DIR/load.c"
# shellcheck disable=SC2046
bench_cc "$OUT/intake_baseline" "$BENCH_DIR/intake_baseline.c" \
  $(pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3)

bench_tmpdir TMP
bench_start_netral "$BUILD" "$TMP"
HOSTPORT=${NETRAL_URL#http://}

# Does the endpoint exist? An unknown API path answers 404 with code not_found
# (405 when the path exists for other methods only).
echo '{}' >"$TMP/empty.json"
probe=$("$OUT/load" -1 "$HOSTPORT" "$PATH_INTAKE" "$TMP/empty.json")
st=${probe%%$'\n'*}
if { [ "$st" = 404 ] && grep -q '"not_found"' <<<"$probe"; } || [ "$st" = 405 ]; then
  echo "  lewati: endpoint intake belum ada (POST $PATH_INTAKE menjawab $st)"
  exit 0
fi

cat >"$TMP/laporan.json" <<'EOF'
{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Budi Santoso","kategori":"asn","instansi":"Dinas Pendidikan","jabatan":"Guru","wilayah":"35.76"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"Balai desa","uraian":"ASN berfoto dengan calon sambil menunjukkan salam dua jari di media sosial."}}
EOF
probe=$("$OUT/load" -1 "$HOSTPORT" "$PATH_INTAKE" "$TMP/laporan.json")
st=${probe%%$'\n'*}
if [ "$st" != "$EXPECT" ]; then
  echo "  POST $PATH_INTAKE dengan laporan contoh menjawab $st, bukan $EXPECT:" >&2
  sed -n '2,$p' <<<"$probe" | head -c 600 >&2; echo >&2
  exit 1
fi

best_base=0 best_intake=0
for ((r = 1; r <= ROUNDS; r++)); do
  rm -f "$TMP"/base.db*
  bout=$("$OUT/intake_baseline" "$TMP/base.db" "$ROWS" 8) || { echo "$bout" >&2; bench_die "intake_baseline gagal"; }
  b=$(awk '/^baris\/detik:/ {print $2}' <<<"$bout")
  lout=$("$OUT/load" -c "$CONNS" -d "$SECS" -e "$EXPECT" "$HOSTPORT" "$PATH_INTAKE" "$TMP/laporan.json")
  l=$(awk '/^ok\/detik:/ {print $2}' <<<"$lout")
  other=$(grep '^status ' <<<"$lout" | grep -v "^status $EXPECT:" | tr '\n' ' ')
  [ -n "$other" ] && bench_warn "respons selain $EXPECT: $other"
  grep -q '^galat koneksi' <<<"$lout" && bench_warn "$(grep '^galat koneksi' <<<"$lout")"
  printf '  putaran %d: SQLite polos %s baris/detik | netral %s laporan/detik\n' \
    "$r" "$(bench_fmt "${b:-0}")" "$(bench_fmt "${l:-0}")"
  best_base=$(bench_max "$best_base" "${b:-0}")
  best_intake=$(bench_max "$best_intake" "${l:-0}")
done

ratio=$(bench_ratio "$best_intake" "$best_base")
echo
echo "-- Penerimaan laporan (terbaik dari $ROUNDS putaran; $CONNS koneksi, $SECS detik) --"
printf '  %-40s %14s %8s   %s\n' "target" "per detik" "rasio" "sasaran"
printf '  %-40s %14s %8s   %s\n' "SQLite polos, 8 thread, WAL+FULL (dasar)" "$(bench_fmt "$best_base")" "1.00" "-"
printf '  %-40s %14s %8s   %s\n' "POST $PATH_INTAKE" "$(bench_fmt "$best_intake")" "$ratio" \
  "≥ $GOAL: $(bench_verdict "$ratio" "$GOAL")"
hwm=$(bench_peak_rss_kb "$NETRAL_PID")
[ -n "$hwm" ] && printf '  RSS puncak server netral: %s MB\n' "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')"
exit 0
