#!/usr/bin/env bash
# run.sh — uji peramban Netral: chromium Debian + playwright-core + node --test.
# Menjalankan server asli ($BUILD/netral serve) di port bebas 127.0.0.1 dengan data
# dan basis data sementara, membuat pengguna uji, lalu menjalankan tests/browser/*.test.mjs.
#   BUILD=build bash tests/browser/run.sh
#   NETRAL_UJI_MOCK=1 bash tests/browser/run.sh   # hanya untuk mengembangkan web/: server tiruan
#   NETRAL_UJI_BERKAS=tests/browser/jejak.test.mjs bash tests/browser/run.sh   # satu berkas uji saja
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get install -y chromium >/dev/null || { apt-get update >/dev/null && apt-get install -y chromium >/dev/null; }
  else
    echo "chromium tidak ada dan bukan root: apt-get install -y chromium" >&2; exit 1
  fi
fi
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund >/dev/null
fi

TMP=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
export NETRAL_LISTEN=127.0.0.1:$PORT
export NETRAL_DB=sqlite:$TMP/netral.db
export NETRAL_DATA_DIR=$TMP
export NETRAL_KEY_FILE=$TMP/netral.key
export NETRAL_RATE_INTAKE=0
export NETRAL_RATE_LOGIN=0

if [ "${NETRAL_UJI_MOCK:-0}" = 1 ]; then
  node tests/browser/mock-server.mjs "$NETRAL_LISTEN" >"$TMP/server.log" 2>&1 &
  PID=$!
else
  if [ ! -x "$BUILD/netral" ]; then echo "Tidak ada $BUILD/netral — jalankan make dulu." >&2; exit 1; fi
  printf 'Rahasia-123!\n' | "$BUILD/netral" user add --username uji_bawaslu --role bawaslu --wilayah 35.76 >"$TMP/user.log" 2>&1 \
    || { echo "Gagal membuat pengguna uji:" >&2; cat "$TMP/user.log" >&2; exit 1; }
  printf 'Rahasia-123!\n' | "$BUILD/netral" user add --username uji_panwascam --role panwascam --wilayah 35.76.01 >"$TMP/user.log" 2>&1 \
    || { echo "Gagal membuat pengguna uji:" >&2; cat "$TMP/user.log" >&2; exit 1; }
  # Daftar pegawai Kota Mojokerto untuk uji pemilihan penandatangan (pencegahan.test.mjs),
  # diimpor seperti oleh pemda sebelum server berjalan.
  cat >"$TMP/pegawai.csv" <<'CSV'
nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori
197805122005011003,Budi Santoso,Sekretaris Kelurahan,Pemerintah Kota Mojokerto,Kelurahan Surodinawan,35.76.01,asn
198001012006041001,Sri Wahyuni,Kepala Seksi,Pemerintah Kota Mojokerto,Kecamatan Prajuritkulon,35.76.01,asn
CSV
  "$BUILD/netral" import pegawai "$TMP/pegawai.csv" >"$TMP/impor.log" 2>&1 \
    || { echo "Gagal mengimpor daftar pegawai uji:" >&2; cat "$TMP/impor.log" >&2; exit 1; }
  "$BUILD/netral" serve >"$TMP/server.log" 2>&1 &
  PID=$!
fi

ok=
for _ in $(seq 1 100); do
  if curl -fsS "http://$NETRAL_LISTEN/api/v1/health" >/dev/null 2>&1; then ok=1; break; fi
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$ok" ]; then echo "Server tidak siap:" >&2; cat "$TMP/server.log" >&2; exit 1; fi

mkdir -p tests/browser/artifacts
set +e
NETRAL_URL="http://$NETRAL_LISTEN" NETRAL_UJI_USER=uji_bawaslu NETRAL_UJI_PASS='Rahasia-123!' \
  node --test "${NETRAL_UJI_BERKAS:-tests/browser/}"
rc=$?
set -e
if [ $rc -ne 0 ]; then echo "--- log server (akhir)"; tail -n 40 "$TMP/server.log"; fi
exit $rc
