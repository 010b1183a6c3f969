#!/usr/bin/env bash
# bench/run.sh BUILD — Netral benchmarks (make bench). Not tests: they print
# figures as RATIOS to a baseline measured in the same run, because absolute
# numbers on a shared machine mean little.
#
#  1. HTTP throughput: bench/bare_mhd.c (bare libmicrohttpd, same threading
#     mode) vs. `netral serve` on GET /api/v1/health and GET /api/v1/wilayah/35.16,
#     with wrk, baseline and target interleaved, best of BENCH_ROUNDS each.
#  2. Peak RSS of the netral server (VmHWM).
#  3. Every other executable bench/*_bench.sh, run as `bash F BUILD`.
#
# Knobs (environment): BENCH_WRK_OPTS (default "-t2 -c32 -d8s"), BENCH_ROUNDS (2),
# BENCH_ONLY=http to skip the extra scripts.
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=$(bench_build_dir "${1:-build}")
OUT=$BUILD/bench
ROUNDS=${BENCH_ROUNDS:-2}
THREADS=4 # same pool size as src/http/server.c (NETRAL_THREADS default)
GOAL=0.6

command -v wrk >/dev/null || bench_die "wrk tidak terpasang (make deps-bench)"
command -v gcc >/dev/null || bench_die "gcc tidak terpasang"
[ -x "$BUILD/netral" ] || bench_die "$BUILD/netral belum dibangun (make)"

START=$SECONDS
echo "== Netral bench ($(nproc) inti CPU, wrk $BENCH_WRK_OPTS, $ROUNDS putaran berselang-seling, diambil yang terbaik) =="

# --- 1. baseline server -------------------------------------------------------
# shellcheck disable=SC2046
bench_cc "$OUT/bare_mhd" "$BENCH_DIR/bare_mhd.c" $(pkg-config --cflags --libs libmicrohttpd 2>/dev/null || echo -lmicrohttpd)

bench_tmpdir TMP
BARE_PORT=$(bench_free_port)
bench_start "$TMP/bare.log" "$OUT/bare_mhd" "$BARE_PORT" "$THREADS"
BARE_PID=$BENCH_LAST_PID
BARE_URL=http://127.0.0.1:$BARE_PORT/
bench_wait_http "$BARE_URL" "$BARE_PID" 10 || { cat "$TMP/bare.log" >&2; bench_die "bare_mhd tidak siap"; }

# --- 2. netral ------------------------------------------------------------------
bench_start_netral "$BUILD" "$TMP"
HEALTH_URL=$NETRAL_URL/api/v1/health
WIL_URL=$NETRAL_URL/api/v1/wilayah/35.16
st=$(bench_http_status "$WIL_URL")
[ "$st" = 200 ] || bench_warn "GET /api/v1/wilayah/35.16 menjawab $st, bukan 200 — angkanya tidak sahih"

# A staff session and one case, for GET /api/v1/kasus/{kode} (a full case read:
# detail, timeline, evidence, rekomendasi, terlapor history, allowed transitions).
(cd "$BENCH_ROOT" && printf 'Bench-Sandi-123\n' | NETRAL_DB=sqlite:$TMP/n.db NETRAL_DATA_DIR=$TMP NETRAL_KEY_FILE=$TMP/k \
  "$BUILD/netral" user add --username bench.bawaslu --role bawaslu --wilayah 35.76 >/dev/null 2>&1) ||
  bench_warn "pengguna bench tidak dapat dibuat"
KODE=$(curl -s -H 'Content-Type: application/json' --data-binary '{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Budi Santoso","kategori":"asn","instansi":"Dinas Pendidikan"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"Balai desa","uraian":"ASN berfoto dengan calon sambil menunjukkan salam dua jari."}}' \
  "$NETRAL_URL/api/v1/laporan" | sed -n 's/.*"kode":"\([^"]*\)".*/\1/p')
SID=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
  --data-binary '{"username":"bench.bawaslu","password":"Bench-Sandi-123"}' "$NETRAL_URL/api/v1/session" |
  sed -n 's/^Set-Cookie: netral_sid=\([^;]*\);.*/\1/p')
CASE_URL=$NETRAL_URL/api/v1/kasus/$KODE
st=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: netral_sid=$SID" "$CASE_URL")
[ "$st" = 200 ] || bench_warn "GET kasus menjawab $st, bukan 200 — angkanya tidak sahih"

# Short warm-up so page cache, SQLite statement caches and connections are hot.
for u in "$BARE_URL" "$HEALTH_URL" "$WIL_URL"; do
  BENCH_WRK_OPTS="-t2 -c32 -d1s" bench_wrk "$u" >/dev/null
done
BENCH_WRK_OPTS="-t2 -c32 -d1s" bench_wrk "$CASE_URL" -H "Cookie: netral_sid=$SID" >/dev/null

# --- 3. interleaved wrk runs ------------------------------------------------------
best_bare=0 best_health=0 best_wil=0 best_case=0
for ((r = 1; r <= ROUNDS; r++)); do
  b=$(bench_wrk "$BARE_URL")
  h=$(bench_wrk "$HEALTH_URL")
  w=$(bench_wrk "$WIL_URL")
  k=$(bench_wrk "$CASE_URL" -H "Cookie: netral_sid=$SID")
  printf '  putaran %d: bare %s | health %s | wilayah %s | kasus %s permintaan/detik\n' \
    "$r" "$(bench_fmt "$b")" "$(bench_fmt "$h")" "$(bench_fmt "$w")" "$(bench_fmt "$k")"
  best_case=$(bench_max "$best_case" "$k")
  best_bare=$(bench_max "$best_bare" "$b")
  best_health=$(bench_max "$best_health" "$h")
  best_wil=$(bench_max "$best_wil" "$w")
done

rh=$(bench_ratio "$best_health" "$best_bare")
rw=$(bench_ratio "$best_wil" "$best_bare")
echo
echo "-- Throughput HTTP (terbaik dari $ROUNDS putaran) --"
printf '  %-32s %16s %8s   %s\n' "target" "permintaan/detik" "rasio" "sasaran"
printf '  %-32s %16s %8s   %s\n' "bare libmicrohttpd (dasar)" "$(bench_fmt "$best_bare")" "1.00" "-"
printf '  %-32s %16s %8s   %s\n' "GET /api/v1/health" "$(bench_fmt "$best_health")" "$rh" \
  "≥ $GOAL: $(bench_verdict "$rh" "$GOAL")"
printf '  %-32s %16s %8s   %s\n' "GET /api/v1/wilayah/35.16" "$(bench_fmt "$best_wil")" "$rw" \
  "≥ $GOAL: $(bench_verdict "$rw" "$GOAL")"
printf '  %-32s %16s %8s   %s\n' "GET /api/v1/kasus/{kode}" "$(bench_fmt "$best_case")" \
  "$(bench_ratio "$best_case" "$best_bare")" "(dibandingkan dengan dasar yang sama)"

# --- 4. memory -----------------------------------------------------------------------
echo
echo "-- Memori --"
hwm=$(bench_peak_rss_kb "$NETRAL_PID")
bare_hwm=$(bench_peak_rss_kb "$BARE_PID")
if [ -n "$hwm" ]; then
  printf '  RSS puncak server netral: %s MB (bare libmicrohttpd: %s MB, rasio %s)\n' \
    "$(awk -v k="$hwm" 'BEGIN { printf "%.1f", k / 1024 }')" \
    "$(awk -v k="${bare_hwm:-0}" 'BEGIN { printf "%.1f", k / 1024 }')" "$(bench_ratio "$hwm" "${bare_hwm:-0}")"
else
  bench_warn "RSS puncak tidak terbaca (server sudah berhenti?)"
fi
bench_stop "$NETRAL_PID"
bench_stop "$BARE_PID"
echo "  (waktu bagian HTTP: $((SECONDS - START)) detik)"

# --- 5. more benchmarks (hooks) ---------------------------------------------------
[ "${BENCH_ONLY:-}" = http ] && exit 0
self=$(basename "$0")
shopt -s nullglob
for f in "$BENCH_DIR"/*_bench.sh; do
  name=$(basename "$f")
  [ "$name" = "$self" ] && continue
  echo
  echo "== $name =="
  if [ ! -x "$f" ]; then
    bench_warn "$name dilewati: berkas tidak executable (chmod +x)"
    continue
  fi
  t0=$SECONDS
  if bash "$f" "$BUILD"; then
    echo "  ($name selesai dalam $((SECONDS - t0)) detik)"
  else
    bench_warn "$name gagal (kode keluar $?) — dilanjutkan"
  fi
done
echo
echo "Selesai dalam $((SECONDS - START)) detik."
