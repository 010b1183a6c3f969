#!/usr/bin/env bash
# crash_test.sh — concurrent clients post reports with evidence while the server is
# killed with SIGKILL at random moments and restarted. Afterwards every report that got
# a 201 must exist with exactly the text that was sent, every evidence file that got a 201
# must be stored (encrypted) and still belong to its report, and `netral audit verify` and
# `netral bukti verify` (which opens each file and checks its hash) must pass. CRASH_ROUNDS (default 3) and CRASH_WORKERS (4) tune it;
# `make soak` runs a longer form.
source tests/e2e/lib.sh
ROUNDS=${CRASH_ROUNDS:-3}
WORKERS=${CRASH_WORKERS:-4}
e2e_env
export NETRAL_RATE_INTAKE=0
PORT=$(free_port)
export NETRAL_LISTEN="127.0.0.1:$PORT"
BASE="http://127.0.0.1:$PORT"
start() {
  "$NETRAL" serve >>"$E2E_TMP/server.log" 2>&1 &
  E2E_PID=$!
  for _ in $(seq 1 100); do curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && return 0; sleep 0.05; done
  echo "server tidak mau mulai"; cat "$E2E_TMP/server.log"; exit 1
}
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' >"$E2E_TMP/base.png"
worker() { # id
  local i=0 out code kode
  while [ ! -f "$E2E_TMP/stop" ]; do
    i=$((i+1))
    body="{\"rezim\":\"pemilu\",\"anonim\":true,\"terlapor\":{\"nama\":\"Pegawai $1-$i\",\"kategori\":\"asn\"},\"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\",\"wilayah\":\"35.76.01\",\"lokasi\":\"Kantor\",\"uraian\":\"Uji ketahanan $1-$i: ASN berkampanye di media sosial.\"}}"
    out=$(curl -s -m 5 -w '\n%{http_code}' -H 'Content-Type: application/json' --data-binary "$body" "$BASE/api/v1/laporan" 2>/dev/null) || continue
    code=${out##*$'\n'}
    [ "$code" = 201 ] || continue
    kode=$(printf '%s' "${out%$'\n'*}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["kode"])')
    echo "$kode $1-$i" >>"$E2E_TMP/ok.$1"
    # unique evidence per report: PNG header + trailing bytes
    cp "$E2E_TMP/base.png" "$E2E_TMP/e.$1.png"; printf 'w%s-%s' "$1" "$i" >>"$E2E_TMP/e.$1.png"
    code=$(curl -s -m 5 -o /dev/null -w '%{http_code}' -F "berkas=@$E2E_TMP/e.$1.png" "$BASE/api/v1/laporan/$kode/bukti" 2>/dev/null)
    [ "$code" = 201 ] && echo "$kode $(sha256sum "$E2E_TMP/e.$1.png" | cut -d' ' -f1)" >>"$E2E_TMP/bukti.$1"
  done
}
start
for w in $(seq 1 "$WORKERS"); do worker "$w" & done
for r in $(seq 1 "$ROUNDS"); do
  sleep "$(python3 -c 'import random; print(round(random.uniform(0.8, 2.5), 2))')"
  kill -9 "$E2E_PID"; wait "$E2E_PID" 2>/dev/null
  echo "putaran $r: server dibunuh (SIGKILL), dimulai ulang"
  start
done
sleep 1
touch "$E2E_TMP/stop"; wait $(jobs -p | grep -v "^$E2E_PID$") 2>/dev/null
total=$(cat "$E2E_TMP"/ok.* 2>/dev/null | wc -l)
missing=0
while read -r k _; do
  c=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/api/v1/lacak/$k"); [ "$c" = 200 ] || { missing=$((missing+1)); echo "hilang: $k"; }
done < <(cat "$E2E_TMP"/ok.* 2>/dev/null)
bad=0; nb=0
# Stored encrypted (evidence.h): here present and encrypted; that each opens and its
# plaintext matches its hash is `netral bukti verify` below (every one is linked to a report).
while read -r k h; do
  nb=$((nb+1)); f="$E2E_TMP/bukti/${h:0:2}/$h"
  [ -f "$f" ] && [ "$(head -c 5 "$f")" = NTRB1 ] || { bad=$((bad+1)); echo "bukti rusak/hilang: $h"; }
done < <(cat "$E2E_TMP"/bukti.* 2>/dev/null)
e2e_stop
# Content, not only existence: the stored text of every accepted report is what was sent,
# and every accepted evidence file is linked to its own report.
sqlite3 -separator ' ' "$E2E_TMP/netral.db" "SELECT kode, terlapor_nama, uraian FROM kasus" >"$E2E_TMP/kasus.txt"
sqlite3 -separator ' ' "$E2E_TMP/netral.db" "SELECT k.kode, b.sha256 FROM bukti b JOIN kasus k ON k.id=b.kasus_id" >"$E2E_TMP/tautan.txt"
beda=$(python3 - "$E2E_TMP" <<'PY'
import glob, sys
d = sys.argv[1]
stored = {}
for line in open(d + "/kasus.txt", encoding="utf-8"):
    kode, rest = line.rstrip("\n").split(" ", 1)
    stored[kode] = rest
links = set(tuple(l.split()) for l in open(d + "/tautan.txt"))
bad = 0
for f in glob.glob(d + "/ok.*"):
    for line in open(f):
        kode, tag = line.split()
        want = "Pegawai %s Uji ketahanan %s: ASN berkampanye di media sosial." % (tag, tag)
        if stored.get(kode) != want:
            print("isi berubah: %s %r" % (kode, stored.get(kode)), file=sys.stderr); bad += 1
for f in glob.glob(d + "/bukti.*"):
    for line in open(f):
        kode, sha = line.split()
        if (kode, sha) not in links:
            print("bukti lepas dari laporannya: %s %s" % (kode, sha), file=sys.stderr); bad += 1
print(bad)
PY
)
echo "laporan 201: $total, hilang: $missing; bukti 201: $nb, rusak: $bad"
check "isi setiap laporan 201 sama dengan yang dikirim, bukti tetap pada laporannya" 0 "$beda"
check "ada laporan yang diterima" 1 "$([ "$total" -gt 0 ] && echo 1 || echo 0)"
check "tidak ada laporan hilang setelah SIGKILL" 0 "$missing"
check "tidak ada bukti rusak" 0 "$bad"
out=$("$NETRAL" audit verify); check "audit verify setelah crash" 0 $?
out=$("$NETRAL" bukti verify); check "bukti verify setelah crash" 0 $?
e2e_done
