#!/usr/bin/env bash
# import_live_test.sh — the first registry load while a server uses the same
# SQLite database: the import must not take the database over (no bulk
# journal switch while another process has it open), and the server keeps
# accepting reports throughout. Alone, the same load uses the bulk mode.
source tests/e2e/lib.sh
e2e_env
[ "${E2E_BACKEND:-sqlite}" = sqlite ] || { echo "ok - DILEWATI: khusus SQLite"; e2e_done; exit $?; }

# A registry of 60,000 officials (generated; every NIP valid and distinct:
# born 1970–1999 on day/month from the row number, TMT CPNS 2020-01).
python3 - >"$E2E_TMP/pegawai.csv" <<'PY'
print("nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori")
for i in range(60000):
    y, m, d, urut = 1970 + i % 30, 1 + (i // 30) % 12, 1 + (i // 360) % 28, 1 + i // 10080
    print(f"{y:04d}{m:02d}{d:02d}202001{1 + i % 2}{urut:03d},Pegawai {i},Staf,"
          f"Pemerintah Kabupaten Mojokerto,Dinas {i % 7},35.16.16,asn")
PY
ROWS=$(($(wc -l <"$E2E_TMP/pegawai.csv") - 1))

e2e_start
"$NETRAL" import pegawai "$E2E_TMP/pegawai.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err" &
IMP=$!
ok=0 bad=0 n=0
while kill -0 "$IMP" 2>/dev/null || [ $n -lt 3 ]; do
  n=$((n + 1))
  body='{"rezim":"pemilu","anonim":true,"client_id":"impor-'$n'","terlapor":{"nama":"Uji Selama Impor","kategori":"asn"},
   "peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.16.16","lokasi":"Balai desa",
   "uraian":"Laporan uji yang dikirim selama impor register pegawai berjalan di proses lain."}}'
  req POST /api/v1/laporan "$body"
  if [ "$STATUS" = 201 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "  laporan $n: $STATUS $BODY"; fi
  [ $n -ge 200 ] && break
done
wait "$IMP"; rc=$?
check "impor selesai" 0 "$rc"
check "semua baris baru" "Selesai: $ROWS baris diimpor ($ROWS baru, 0 diperbarui), 0 ditolak" "$(cat "$E2E_TMP/out")"
check_contains "server membuka basis data: tanpa muat massal" "muat massal tidak aktif" "$(cat "$E2E_TMP/err")"
check "laporan selama impor diterima semua ($ok diterima)" 0 "$bad"
check "mode jurnal tetap WAL" wal "$(e2e_sql 'PRAGMA journal_mode')"
check "indeks NIP ada" 1 "$(e2e_sql "SELECT COUNT(*) FROM sqlite_master WHERE name='pegawai_nip'")"
e2e_stop

# Alone on a new database: the bulk mode is used, and the database is WAL again afterwards.
rm -f "$E2E_TMP"/netral.db*
"$NETRAL" migrate >/dev/null 2>&1
"$NETRAL" import pegawai "$E2E_TMP/pegawai.csv" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
check "impor sendirian selesai" "Selesai: $ROWS baris diimpor ($ROWS baru, 0 diperbarui), 0 ditolak" "$(cat "$E2E_TMP/out")"
check_contains "sendirian: muat massal aktif" "muat massal aktif" "$(cat "$E2E_TMP/err")"
check "sesudahnya WAL lagi" wal "$(e2e_sql 'PRAGMA journal_mode')"
e2e_done
