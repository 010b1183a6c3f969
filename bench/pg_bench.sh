#!/usr/bin/env bash
# bench/pg_bench.sh BUILD — the same netral on PostgreSQL vs. on SQLite, same run.
#
# A throw-away PostgreSQL cluster (tests/pg/cluster.sh, durable: fsync and
# synchronous_commit on, as SQLite runs with synchronous=FULL) on a unix
# socket. Two servers with identical settings, one per backend, measured
# interleaved, best of BENCH_ROUNDS each:
#   1. reads on BENCH_PG_SEED (300) varied cases: GET /api/v1/kasus/{kode}
#      (authenticated full case read: session, case, timeline, evidence,
#      terlapor history) and GET /api/v1/kasus (list, first page) with wrk;
#   2. intake: POST /api/v1/laporan reports/s (bench/load.c);
#   3. PostgreSQL only: intake spread over two instances on one database
#      (writers of both take turns on the advisory lock), ratio to one, and
#      `netral audit verify` on the result.
# Ratios are PostgreSQL / SQLite.
# No goal: PostgreSQL pays a socket round trip per statement where SQLite
# calls a function; the figure says how much, the point is horizontal scale.
# Skips (exit 0) when PostgreSQL is unavailable and we are not root.
#
# Knobs: BENCH_PG_SECS (6), BENCH_PG_SEED (300), BENCH_INTAKE_CONNS (16), BENCH_ROUNDS (2).
set -uo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"

BUILD=$(bench_build_dir "${1:-build}")
OUT=$BUILD/bench
ROUNDS=${BENCH_ROUNDS:-2}
SECS=${BENCH_PG_SECS:-6}
CONNS=${BENCH_INTAKE_CONNS:-16}
CLUSTER=$BENCH_ROOT/tests/pg/cluster.sh

[ -x "$BUILD/netral" ] || bench_die "$BUILD/netral belum dibangun (make)"
command -v wrk >/dev/null || bench_die "wrk tidak terpasang (make deps-bench)"
bench_cc "$OUT/load" "$BENCH_DIR/load.c"
bench_tmpdir TMP

PG_URL=$(NETRAL_PG_DURABLE=1 bash "$CLUSTER" start 2>"$TMP/cluster.err"); rc=$?
if [ $rc -ne 0 ]; then
  if [ $rc -eq 77 ]; then echo "  lewati: PostgreSQL tidak terpasang (bukan root)"; exit 0; fi
  cat "$TMP/cluster.err" >&2
  bench_die "klaster PostgreSQL tidak dapat dimulai"
fi
# Cleanup through lib.sh's trap: the cluster directory is removed with the
# temp dirs, the postmaster stopped with the servers (TERM = smart shutdown).
PG_DIR=${PG_URL#*host=}
BENCH_TMPS+=("$PG_DIR")
BENCH_PIDS+=("$(head -1 "$PG_DIR/data/postmaster.pid")")

# start_db NAME DB → NETRAL_URL_<NAME>, NETRAL_PID_<NAME>, SID_<NAME>, KODE_<NAME>
start_db() {
  local name=$1 db=$2 dir="$TMP/$1" port url pid
  mkdir -p "$dir"
  port=$(bench_free_port)
  (cd "$BENCH_ROOT" &&
    NETRAL_LISTEN=127.0.0.1:$port NETRAL_DB=$db NETRAL_DATA_DIR=$TMP NETRAL_KEY_FILE=$TMP/k \
      NETRAL_DEMO=0 NETRAL_RATE_LOGIN=0 NETRAL_RATE_LOGIN_IP=0 NETRAL_RATE_INTAKE=0 NETRAL_THREADS=4 \
      exec "$BUILD/netral" serve) >"$dir/netral.log" 2>&1 &
  pid=$!
  BENCH_PIDS+=("$pid")
  url=http://127.0.0.1:$port
  bench_wait_http "$url/api/v1/health" "$pid" 60 || { tail -n 20 "$dir/netral.log" >&2; bench_die "server $name tidak siap"; }
  printf -v "URL_$name" '%s' "$url"
  printf -v "PID_$name" '%s' "$pid"
}
# session NAME DB: a bawaslu account (CLI) and a session cookie on NAME's server
session() {
  local name=$1 db=$2 url_var="URL_$1" sid
  (cd "$BENCH_ROOT" && printf 'Bench-Sandi-123\n' | NETRAL_DB=$db NETRAL_DATA_DIR=$TMP NETRAL_KEY_FILE=$TMP/k \
    "$BUILD/netral" user add --username "bench.$name" --role bawaslu --wilayah 35.76 >/dev/null 2>&1) ||
    bench_warn "pengguna bench $name tidak dapat dibuat"
  sid=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' \
    --data-binary "{\"username\":\"bench.$name\",\"password\":\"Bench-Sandi-123\"}" "${!url_var}/api/v1/session" |
    sed -n 's/^Set-Cookie: netral_sid=\([^;]*\);.*/\1/p')
  printf -v "SID_$name" '%s' "$sid"
}

SQ_DB=sqlite:$TMP/sq.db
PG_DB=$PG_URL
PG2_DB=$(bash "$CLUSTER" createdb "$PG_URL" netral_dua)
start_db sq "$SQ_DB"
start_db pg "$PG_DB"
session sq "$SQ_DB"
session pg "$PG_DB"

cat >"$TMP/laporan.json" <<'EOF'
{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Budi Santoso","kategori":"asn","instansi":"Dinas Pendidikan","jabatan":"Guru","wilayah":"35.76"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"Balai desa","uraian":"ASN berfoto dengan calon sambil menunjukkan salam dua jari di media sosial."}}
EOF
for n in sq pg; do
  u="URL_$n"
  probe=$("$OUT/load" -1 "${!u#http://}" /api/v1/laporan "$TMP/laporan.json")
  [ "${probe%%$'\n'*}" = 201 ] || { echo "$probe" | head -c 600 >&2; bench_die "POST /api/v1/laporan di $n tidak menjawab 201"; }
  kode=$(sed -n '2,$p' <<<"$probe" | sed -n 's/.*"kode":"\([^"]*\)".*/\1/p' | head -1)
  printf -v "KODE_$n" '%s' "${kode%%\"*}"
done

echo "  (PostgreSQL $(psql -qAtX "$PG_URL" -c 'SHOW server_version' 2>/dev/null), fsync=on; SQLite synchronous=FULL; $CONNS koneksi, $SECS detik per ukuran)"
# Reads first, on SEED varied cases (distinct terlapor, wilayah, kategori): a
# realistic case page (timeline, terlapor history) and list page.
SEED=${BENCH_PG_SEED:-300}
# seed URL N: N distinct reports over one keep-alive connection; prints how many got 201.
seed() {
  python3 - "$1" "$2" <<'PY'
import http.client, json, sys
host = sys.argv[1].split("//", 1)[1]
kat = ["asn", "kepala_desa", "perangkat_desa", "tni", "polri"]
c = http.client.HTTPConnection(host, timeout=30)
ok = 0
for i in range(int(sys.argv[2])):
    body = {"rezim": "pemilu", "anonim": True,
            "terlapor": {"nama": "Terlapor %d Wijaya" % i, "kategori": kat[i % 5], "instansi": "Dinas %d" % (i % 17)},
            "peristiwa": {"tanggal_kejadian": "2026-11-%02d" % (1 + i % 20), "tanggal_diketahui": "2026-11-21",
                          "wilayah": "35.76.0%d" % (1 + i % 3), "lokasi": "Balai desa %d" % i,
                          "uraian": "ASN ke-%d berfoto dengan calon sambil menunjukkan salam dua jari." % i}}
    c.request("POST", "/api/v1/laporan", json.dumps(body), {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    ok += r.status == 201
print(ok)
PY
}
for n in sq pg; do
  u="URL_$n"
  t0=$(date +%s.%N)
  ok=$(seed "${!u}" "$SEED")
  t1=$(date +%s.%N)
  [ "$ok" = "$SEED" ] || bench_warn "$n: hanya ${ok:-0} dari $SEED laporan awal diterima"
  printf '  %s: %s laporan awal berurutan (satu klien) dalam %s detik\n' "$n" "${ok:-0}" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.1f", b-a}')"
done

WRK_OPTS="-t2 -c16 -d${SECS}s"
for n in sq pg; do # warm-up: statement caches, connections, buffers
  u="URL_$n" s="SID_$n" k="KODE_$n"
  BENCH_WRK_OPTS="-t2 -c16 -d1s" bench_wrk "${!u}/api/v1/kasus/${!k}" -H "Cookie: netral_sid=${!s}" >/dev/null
  BENCH_WRK_OPTS="-t2 -c16 -d1s" bench_wrk "${!u}/api/v1/kasus" -H "Cookie: netral_sid=${!s}" >/dev/null
done
best_csq=0 best_cpg=0 best_lsq=0 best_lpg=0
for ((r = 1; r <= ROUNDS; r++)); do
  a=$(BENCH_WRK_OPTS=$WRK_OPTS bench_wrk "$URL_sq/api/v1/kasus/$KODE_sq" -H "Cookie: netral_sid=$SID_sq")
  b=$(BENCH_WRK_OPTS=$WRK_OPTS bench_wrk "$URL_pg/api/v1/kasus/$KODE_pg" -H "Cookie: netral_sid=$SID_pg")
  c=$(BENCH_WRK_OPTS=$WRK_OPTS bench_wrk "$URL_sq/api/v1/kasus" -H "Cookie: netral_sid=$SID_sq")
  d=$(BENCH_WRK_OPTS=$WRK_OPTS bench_wrk "$URL_pg/api/v1/kasus" -H "Cookie: netral_sid=$SID_pg")
  printf '  putaran %d baca: kasus SQLite %s | PostgreSQL %s; daftar SQLite %s | PostgreSQL %s permintaan/detik\n' \
    "$r" "$(bench_fmt "$a")" "$(bench_fmt "$b")" "$(bench_fmt "$c")" "$(bench_fmt "$d")"
  best_csq=$(bench_max "$best_csq" "$a"); best_cpg=$(bench_max "$best_cpg" "$b")
  best_lsq=$(bench_max "$best_lsq" "$c"); best_lpg=$(bench_max "$best_lpg" "$d")
done
intake() { # HOSTPORT → reports/s
  local o other
  o=$("$OUT/load" -c "$CONNS" -d "$SECS" -e 201 "$1" /api/v1/laporan "$TMP/laporan.json")
  other=$(grep '^status ' <<<"$o" | grep -v '^status 201:' | tr '\n' ' ')
  [ -n "$other" ] && bench_warn "$1: respons selain 201: $other"
  awk '/^ok\/detik:/ {print $2}' <<<"$o"
}

best_isq=0 best_ipg=0
for ((r = 1; r <= ROUNDS; r++)); do
  a=$(intake "${URL_sq#http://}"); b=$(intake "${URL_pg#http://}")
  printf '  putaran %d penerimaan: SQLite %s | PostgreSQL %s laporan/detik\n' "$r" "$(bench_fmt "${a:-0}")" "$(bench_fmt "${b:-0}")"
  best_isq=$(bench_max "$best_isq" "${a:-0}"); best_ipg=$(bench_max "$best_ipg" "${b:-0}")
done

ncase=$(psql -qAtX "$PG_URL" -c 'SELECT COUNT(*) FROM kasus' 2>/dev/null)
bench_stop "$PID_sq"

# Two instances on one (fresh) PostgreSQL database vs. one, same load in total.
bench_stop "$PID_pg"
start_db p1 "$PG2_DB"
start_db p2 "$PG2_DB"
best_one=0 best_two=0
for ((r = 1; r <= ROUNDS; r++)); do
  one=$(intake "${URL_p1#http://}")
  half=$((CONNS / 2))
  ("$OUT/load" -c "$half" -d "$SECS" -e 201 "${URL_p1#http://}" /api/v1/laporan "$TMP/laporan.json" >"$TMP/two1" &
   "$OUT/load" -c "$half" -d "$SECS" -e 201 "${URL_p2#http://}" /api/v1/laporan "$TMP/laporan.json" >"$TMP/two2"; wait)
  two=$(awk '/^ok\/detik:/ {s += $2} END {print s + 0}' "$TMP/two1" "$TMP/two2")
  printf '  putaran %d dua instans: satu %s | dua %s laporan/detik\n' "$r" "$(bench_fmt "${one:-0}")" "$(bench_fmt "$two")"
  best_one=$(bench_max "$best_one" "${one:-0}"); best_two=$(bench_max "$best_two" "$two")
done
chain=$(cd "$BENCH_ROOT" && NETRAL_DB=$PG2_DB NETRAL_DATA_DIR=$TMP NETRAL_KEY_FILE=$TMP/k "$BUILD/netral" audit verify 2>&1)

echo
echo "-- PostgreSQL dibanding SQLite (terbaik dari $ROUNDS putaran; rasio = PostgreSQL / SQLite) --"
printf '  %-36s %12s %12s %8s\n' "ukuran" "SQLite" "PostgreSQL" "rasio"
printf '  %-36s %12s %12s %8s\n' "POST /api/v1/laporan (laporan/detik)" "$(bench_fmt "$best_isq")" "$(bench_fmt "$best_ipg")" \
  "$(bench_ratio "$best_ipg" "$best_isq")"
printf '  %-36s %12s %12s %8s\n' "GET /api/v1/kasus/{kode} (per detik)" "$(bench_fmt "$best_csq")" "$(bench_fmt "$best_cpg")" \
  "$(bench_ratio "$best_cpg" "$best_csq")"
printf '  %-36s %12s %12s %8s\n' "GET /api/v1/kasus (per detik)" "$(bench_fmt "$best_lsq")" "$(bench_fmt "$best_lpg")" \
  "$(bench_ratio "$best_lpg" "$best_lsq")"
printf '  (baca atas %s kasus beragam; penerimaan menambah %s kasus sesudahnya)\n' "$((SEED + 1))" "$(( ${ncase:-0} - SEED - 1 ))"
printf '  %-36s %12s %12s %8s\n' "PostgreSQL: satu vs dua instans" "$(bench_fmt "$best_one")" "$(bench_fmt "$best_two")" \
  "$(bench_ratio "$best_two" "$best_one")"
printf '  rantai audit setelah dua instans menulis serentak: %s\n' "$chain"
bash "$CLUSTER" stop "$PG_URL" >/dev/null 2>&1
exit 0
