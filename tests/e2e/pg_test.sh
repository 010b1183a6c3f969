#!/usr/bin/env bash
# pg_test.sh — the same tests on PostgreSQL, and two servers on one database.
#
#  1. A throw-away cluster (tests/pg/cluster.sh: installs Debian's postgresql
#     as root when missing, runs it as an unprivileged user on a unix socket).
#  2. Every unit test built on the shared fixture (tests/unit/testutil.h) with
#     NETRAL_TEST_DB pointing at a fresh database.
#  3. The e2e suites with NETRAL_E2E_DB, one fresh database per suite.
#  4. Two netral instances on one database: a session opened on one is valid
#     on the other, concurrent reports to both get distinct tracking codes
#     that both instances can track, both list the same cases, evidence
#     sent to one is served whole by the other (shared NETRAL_DATA_DIR), and
#     `netral audit verify` finds one unbroken hash chain (no fork).
# Skips (exit 0) only when PostgreSQL is missing and we are not root.
source tests/e2e/lib.sh
PG_E2E_SUITES=${PG_E2E_SUITES:-"foundation case_flow screen tenggat prevention hostile"}
CLUSTER=tests/pg/cluster.sh
PG_URL=
PID_A= PID_B=
pg_cleanup() {
  for p in $PID_A $PID_B; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  [ -n "$PG_URL" ] && bash "$CLUSTER" stop "$PG_URL"
  e2e_cleanup
}
trap pg_cleanup EXIT

PG_URL=$(bash "$CLUSTER" start); rc=$?
if [ $rc -eq 77 ] && [ "$(id -u)" -ne 0 ]; then
  echo "ok - DILEWATI: PostgreSQL tidak terpasang dan pengujian tidak berjalan sebagai root"
  PG_URL=; exit 0
fi
if [ $rc -ne 0 ] || [ -z "$PG_URL" ]; then echo "GAGAL - klaster PostgreSQL tidak dapat dimulai"; PG_URL=; exit 1; fi
echo "ok - klaster PostgreSQL: $PG_URL"

# ---- 2. unit tests on PostgreSQL ----
for src in $(grep -l '"testutil.h"' tests/unit/*_test.c); do
  t=$(basename "$src" .c)
  bin="$BUILD/tests/$t"
  [ -x "$bin" ] || { echo "GAGAL - $bin belum dibangun"; E2E_FAILS=$((E2E_FAILS+1)); continue; }
  db=$(bash "$CLUSTER" createdb "$PG_URL" "unit_$t") || { check "createdb unit_$t" 0 1; continue; }
  out=$(NETRAL_TEST_DB="$db" "$bin" 2>&1); rc=$?
  [ $rc -eq 0 ] || echo "$out" | grep -E 'FAILED|ERROR|LINE' | head -20
  check "unit $t di PostgreSQL" 0 $rc
done

# ---- 3. e2e suites on PostgreSQL ----
for s in $PG_E2E_SUITES; do
  db=$(bash "$CLUSTER" createdb "$PG_URL" "e2e_$s") || { check "createdb e2e_$s" 0 1; continue; }
  out=$(NETRAL_E2E_DB="$db" BUILD="$BUILD" bash "tests/e2e/${s}_test.sh" 2>&1); rc=$?
  [ $rc -eq 0 ] || echo "$out" | grep -E '^GAGAL|tidak mau mulai' | head -20
  check "e2e $s di PostgreSQL ($(echo "$out" | grep -c '^ok') pemeriksaan)" 0 $rc
done

# ---- 4. two instances, one database ----
export NETRAL_DB NETRAL_DATA_DIR="$E2E_TMP" NETRAL_KEY_FILE="$E2E_TMP/netral.key" NETRAL_DEMO=0 NETRAL_RATE_INTAKE=0
NETRAL_DB=$(bash "$CLUSTER" createdb "$PG_URL" dua_instans)
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.bawaslu --role bawaslu --wilayah 35.76 >/dev/null
check "user add di PostgreSQL" 0 $?
start_one() { # port logfile → pid in STARTED
  NETRAL_LISTEN="127.0.0.1:$1" "$NETRAL" serve >"$2" 2>&1 &
  STARTED=$!
  for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$1/api/v1/health" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "server tidak mau mulai:"; cat "$2"; return 1
}
PORT_A=$(free_port); start_one "$PORT_A" "$E2E_TMP/a.log"; PID_A=$STARTED
PORT_B=$(free_port); start_one "$PORT_B" "$E2E_TMP/b.log"; PID_B=$STARTED
A="http://127.0.0.1:$PORT_A" B="http://127.0.0.1:$PORT_B"

BASE=$A; req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'
check "login di instans A" 200 "$STATUS"
CSRF=$(jget csrf)
BASE=$B; req GET /api/v1/session
check "sesi dari A berlaku di B" 200 "$STATUS"
check "pengguna sesi di B" uji.bawaslu "$(jget user.username)"

# Concurrent intake: W workers per instance, N reports each, all at once.
W=4 N=15
report() { # base worker i
  local body="{\"rezim\":\"pemilu\",\"anonim\":true,\"client_id\":\"dua-$2-$3\",\"terlapor\":{\"nama\":\"Kades $2 $3\",\"kategori\":\"kepala_desa\"},\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\",\"wilayah\":\"35.76.02\",\"lokasi\":\"Pasar\",\"uraian\":\"Kepala desa membagikan amplop kepada warga saat kampanye ($2/$3).\"}}"
  curl -sS -m 30 -H 'Content-Type: application/json' --data-binary "$body" -w '\n%{http_code}\n' "$1/api/v1/laporan"
}
worker() { # base name
  for i in $(seq 1 $N); do
    out=$(report "$1" "$2" "$i")
    code=$(echo "$out" | tail -1)
    if [ "$code" = 201 ]; then echo "$out" | head -1 | grep -o '"kode":"NTR-[^"]*"' | head -1 | cut -d'"' -f4
    else echo "GAGAL:$code:$(echo "$out" | head -1)" >&2; fi
  done >"$E2E_TMP/kode.$2"
}
t0=$(date +%s.%N)
for w in $(seq 1 $W); do worker "$A" "a$w" & worker "$B" "b$w" & done
wait $(jobs -p | grep -vE "^($PID_A|$PID_B)$") 2>/dev/null
t1=$(date +%s.%N)
cat "$E2E_TMP"/kode.* >"$E2E_TMP/semua"
total=$((2 * W * N))
check "semua laporan serentak diterima (201)" "$total" "$(grep -c '^NTR-' "$E2E_TMP/semua")"
check "kode pelacakan unik" "$total" "$(sort -u "$E2E_TMP/semua" | grep -c '^NTR-')"
echo "# $total laporan serentak ke dua instans dalam $(python3 -c "print(round($t1-$t0,2))") detik"

bad=0
for k in $(cat "$E2E_TMP"/kode.a*); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/lacak/$k")" = 200 ] || bad=$((bad+1)); done
for k in $(cat "$E2E_TMP"/kode.b*); do [ "$(curl -s -o /dev/null -w '%{http_code}' "$A/api/v1/lacak/$k")" = 200 ] || bad=$((bad+1)); done
check "setiap kode dapat dilacak di instans lain" 0 "$bad"
BASE=$A; req GET '/api/v1/kasus?limit=1'; ta=$(jget total)
BASE=$B; req GET '/api/v1/kasus?limit=1'; tb=$(jget total)
check "A melihat semua kasus" "$total" "$ta"
check "B melihat jumlah kasus yang sama" "$ta" "$tb"

# Evidence sent to A is stored under the shared NETRAL_DATA_DIR (content-
# addressed files) and its row in the shared database: B serves the same bytes.
k=$(head -1 "$E2E_TMP/kode.a1")
head -c 3000 /dev/urandom >"$E2E_TMP/acak"
{ printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89'; cat "$E2E_TMP/acak"; } >"$E2E_TMP/foto.png"
check "bukti dikirim ke A" 201 "$(curl -s -o /dev/null -w '%{http_code}' -F "berkas=@$E2E_TMP/foto.png" "$A/api/v1/laporan/$k/bukti")"
BASE=$B; req GET "/api/v1/kasus/$k"
BID=$(jget bukti.0.id)
check "B mencatat hash bukti dari A" "$(sha256sum "$E2E_TMP/foto.png" | cut -d' ' -f1)" "$(jget bukti.0.sha256)"
curl -s -b "$E2E_TMP/cookies" -o "$E2E_TMP/unduh" "$B/api/v1/kasus/$k/bukti/$BID"
check "B menyajikan bukti dari A, utuh" "$(sha256sum "$E2E_TMP/foto.png" | cut -d' ' -f1)" "$(sha256sum "$E2E_TMP/unduh" | cut -d' ' -f1)"

BASE=$B; req DELETE /api/v1/session '' -H "X-CSRF-Token: $CSRF"
check "logout di B" 200 "$STATUS"
BASE=$A; req GET /api/v1/session
check "sesi juga berakhir di A" 401 "$STATUS"

out=$("$NETRAL" audit verify); rc=$?
check "audit verify: satu rantai tanpa cabang" 0 $rc
check_contains "audit OK" "audit OK:" "$out"
# user add + login + each report + the evidence + its view on B + logout
check "jumlah entri audit" $((total + 5)) "$(psql -qAtX "$NETRAL_DB" -c 'SELECT COUNT(*) FROM audit')"
check "tidak ada dua entri dengan prev_hash sama" 0 \
  "$(psql -qAtX "$NETRAL_DB" -c 'SELECT COUNT(*) FROM (SELECT prev_hash FROM audit GROUP BY prev_hash HAVING COUNT(*)>1) t')"
# The database drops every connection (restart, failover): the servers reconnect.
psql -qAtX "$NETRAL_DB" -c "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name='netral'" >/dev/null
k=$(head -1 "$E2E_TMP/kode.a1")
check "baca setelah koneksi diputus (A)" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$A/api/v1/lacak/$k")"
check "baca setelah koneksi diputus (B)" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$B/api/v1/lacak/$k")"
report "$A" ulang 1 >"$E2E_TMP/ulang"
check "tulis setelah koneksi diputus" 201 "$(tail -1 "$E2E_TMP/ulang")"
"$NETRAL" audit verify >/dev/null; check "audit verify setelah sambung ulang" 0 $?
for p in $PID_A $PID_B; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done; PID_A= PID_B=

# ---- 5. migrate-data: an embedded deployment moves to PostgreSQL ----
M="$E2E_TMP/pindah"; mkdir -p "$M"
export NETRAL_DB="sqlite:$M/netral.db" NETRAL_DATA_DIR="$M" NETRAL_KEY_FILE="$M/netral.key"
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.bawaslu --role bawaslu --wilayah 35.76 >/dev/null
PORT_A=$(free_port); start_one "$PORT_A" "$E2E_TMP/m1.log"; PID_A=$STARTED; BASE="http://127.0.0.1:$PORT_A"
rm -f "$E2E_TMP/cookies"
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":false,"pelapor":{"nama":"Siti Rahmawati","nik":"3576014101900002","alamat":"Jl. Majapahit 10","telepon":"081234567890"},"terlapor":{"nama":"Kades Y","kategori":"kepala_desa"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.02","lokasi":"Pasar","uraian":"Kepala desa membagikan amplop kepada warga saat kampanye."}}'
check "laporan di SQLite 201" 201 "$STATUS"; KODE_LAMA=$(jget kode)
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'; CSRF=$(jget csrf)
kill "$PID_A"; wait "$PID_A" 2>/dev/null; PID_A=
# a registry of 1,234 officials: several 500-row INSERT batches and a remainder
gcc -O1 -o "$E2E_TMP/gen_pegawai" bench/gen_pegawai.c
"$E2E_TMP/gen_pegawai" 1234 data/wilayah/jatim.csv >"$M/pegawai.csv"
"$NETRAL" import pegawai "$M/pegawai.csv" >/dev/null 2>&1; check "impor 1.234 pegawai ke SQLite" 0 $?
TARGET=$(bash "$CLUSTER" createdb "$PG_URL" pindahan)
check "audit sumber bertambah oleh impor" 1 "$([ "$(sqlite3 "$M/netral.db" "SELECT count(*) FROM audit")" -gt 3 ] && echo 1)"
out=$("$NETRAL" migrate-data --from "sqlite:$M/netral.db" --to "$TARGET" 2>&1); rc=$?
check "migrate-data selesai" 0 $rc
check_contains "ringkasan: baris cocok" "jumlah baris cocok di setiap tabel" "$out"
check_contains "ringkasan: audit tujuan OK" "audit OK di tujuan: $(sqlite3 "$M/netral.db" "SELECT count(*) FROM audit") entri" "$out"
check "ringkasan: 1.234 pegawai di sumber dan tujuan" 1 "$(printf '%s\n' "$out" | grep -cE '^pegawai +1234 +1234 +cocok$')"
check "pegawai di tujuan sama persis" "$(sqlite3 "$M/netral.db" "SELECT group_concat(nip||nama||wilayah,'|') FROM (SELECT * FROM pegawai ORDER BY nip)" | sha256sum)" \
  "$(psql -qAtX "$TARGET" -c "SELECT string_agg(nip||nama||wilayah,'|' ORDER BY nip) FROM pegawai" | sha256sum)"
out=$("$NETRAL" migrate-data --from "sqlite:$M/netral.db" --to "$TARGET" 2>&1); rc=$?
check "migrate-data kedua ditolak" 1 $rc
check_contains "tujuan sudah berisi" "sudah berisi data" "$out"
export NETRAL_DB="$TARGET"
out=$("$NETRAL" audit verify); check "audit verify di tujuan" 0 $?
PORT_A=$(free_port); start_one "$PORT_A" "$E2E_TMP/m2.log"; PID_A=$STARTED; BASE="http://127.0.0.1:$PORT_A"
req GET /api/v1/session
check "sesi lama tetap berlaku setelah pindah" 200 "$STATUS"
req GET "/api/v1/lacak/$KODE_LAMA"
check "kode lama dapat dilacak" 200 "$STATUS"
req POST "/api/v1/kasus/$KODE_LAMA/identitas" '{"alasan":"Klarifikasi saksi pelapor diperlukan untuk kajian"}' -H "X-CSRF-Token: $CSRF"
check "identitas tersegel terbuka dengan kunci yang sama" "Siti Rahmawati" "$(jget pelapor.nama)"
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Kades Z","kategori":"kepala_desa"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.02","lokasi":"Pasar","uraian":"Kepala desa membagikan amplop kepada warga saat kampanye."}}'
check "laporan baru setelah pindah 201 (urutan id berlanjut)" 201 "$STATUS"
kill "$PID_A"; wait "$PID_A" 2>/dev/null; PID_A=
out=$("$NETRAL" audit verify); check "audit verify setelah penulisan baru" 0 $?
e2e_done
