#!/usr/bin/env bash
# tenggat_test.sh — the deadline CLI prints due date and source; admin edits a rule and
# the holiday calendar through the API; a new case's deadline follows the edit; only
# admin may edit; every edit is audited.
source tests/e2e/lib.sh
e2e_env
out=$("$NETRAL" tenggat --rezim pemilu --tahap laporan --mulai 2024-02-08 --json)
check "CLI tenggat JSON" '{"jatuh_tempo":"2024-02-21","dasar":"UU 7/2017 Ps 454 ayat (6)"' "${out%%,\"jumlah\"*}"
out=$("$NETRAL" tenggat --rezim pilkada --tahap laporan --mulai 2024-11-25)
check_contains "CLI pilkada hari kalender" "2 Desember 2024" "$out"
"$NETRAL" tenggat --rezim pemilu --tahap laporan --mulai 2024-02-30 >/dev/null 2>&1; check "tanggal mustahil exit 2" 2 $?
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.admin --role admin --wilayah 35 >/dev/null
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.bawaslu --role bawaslu --wilayah 35.76 >/dev/null
e2e_start NETRAL_FAKE_NOW=2026-12-21T02:00:00Z
login() { rm -f "$E2E_TMP/cookies"; req POST /api/v1/session "{\"username\":\"$1\",\"password\":\"Rahasia-123!\"}"; CSRF=$(jget csrf); }
login uji.bawaslu
req GET /api/v1/tenggat
check_contains "aturan menampilkan dasar" "Perbawaslu 7/2022" "$BODY"
req PUT /api/v1/tenggat/pemilu/kajian_awal '{"jumlah":3,"satuan":"hari_kerja","dasar":"Perbawaslu 7/2022 Ps 15 ayat (1)"}' -H "X-CSRF-Token: $CSRF"
check "bawaslu tidak boleh mengubah aturan" 403 "$STATUS"
login uji.admin
req PUT /api/v1/tenggat/pemilu/kajian_awal '{"jumlah":3,"satuan":"minggu","dasar":"x"}' -H "X-CSRF-Token: $CSRF"
check "satuan salah 422" 422 "$STATUS"
check "field satuan" satuan "$(jget error.field)"
req PUT /api/v1/tenggat/pemilu/kajian_awal '{"jumlah":3,"satuan":"hari_kerja","dasar":"Perbawaslu 7/2022 Ps 15 ayat (1) (diperiksa)","verifikasi":false}' -H "X-CSRF-Token: $CSRF"
check "admin ubah aturan 200" 200 "$STATUS"
# 2026-12-23 (Wed) is a working day in the shipped calendar; make it cuti bersama.
req POST /api/v1/kalender '{"tanggal":"2026-12-23","jenis":"cuti_bersama","nama":"Uji cuti bersama"}' -H "X-CSRF-Token: $CSRF"
check "admin tambah hari libur" 200 "$STATUS"
req POST /api/v1/kalender '{"tanggal":"2026-12-23","jenis":"cuti_bersama","nama":"lagi"}' -H "X-CSRF-Token: $CSRF"
check "tanggal ganda 409" 409 "$STATUS"
rm -f "$E2E_TMP/cookies"
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":false,"pelapor":{"nama":"Warga","nik":"3576014101900002","alamat":"Mojokerto","telepon":"0812345678"},"terlapor":{"nama":"Pak Camat","kategori":"asn"},"peristiwa":{"tanggal_kejadian":"2026-12-20","tanggal_diketahui":"2026-12-20","wilayah":"35.76.01","lokasi":"Kantor","uraian":"Camat mengajak perangkat desa memilih calon tertentu."}}'
KODE=$(jget kode)
req GET "/api/v1/lacak/$KODE"
# received Mon 2026-12-21 09:00 WIB; 3 working days: 22 (Tue); 23 cuti (added), 24 cuti
# bersama Natal, 25 Natal, 26-27 weekend; 28 (Mon); 29 (Tue). Without the edit: 2026-12-28.
check "tenggat kajian awal mengikuti aturan dan kalender baru" 2026-12-29 "$(jget tenggat.jatuh_tempo | cut -c1-10)"
check_contains "dasar yang diubah ditampilkan" "(diperiksa)" "$(jget tenggat.dasar)"
login uji.admin
req DELETE /api/v1/kalender/2026-12-23 '' -H "X-CSRF-Token: $CSRF"
check "admin hapus hari libur" 200 "$STATUS"
e2e_stop

# Two servers on one database: an edit made through A reaches B's deadline engine
# (B compares the rules version at most every 15 s and reloads).
e2e_start
A=$BASE
PORT_B=$(free_port)
NETRAL_LISTEN=127.0.0.1:$PORT_B "$NETRAL" serve >"$E2E_TMP/server-b.log" 2>&1 &
BPID=$!
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$PORT_B/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done
LAPOR_B='{"rezim":"pemilu","anonim":false,"pelapor":{"nama":"Warga","nik":"3576014101900002","alamat":"Mojokerto","telepon":"0812345678"},"terlapor":{"nama":"Pak Lurah","kategori":"asn"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-20","wilayah":"35.76.01","lokasi":"Kantor","uraian":"Lurah mengajak warga memilih calon tertentu di pengajian."}}'
BASE=http://127.0.0.1:$PORT_B
req POST /api/v1/laporan "$LAPOR_B"   # B has loaded and used the rules before the edit
req GET "/api/v1/lacak/$(jget kode)"
check "server B sebelum perubahan: dasar lama" 0 "$(jget tenggat.dasar | grep -c 'versi server A')"
BASE=$A
login uji.admin
req PUT /api/v1/tenggat/pemilu/kajian_awal '{"jumlah":2,"satuan":"hari_kerja","dasar":"Perbawaslu 7/2022 Ps 15 ayat (1) (versi server A)"}' -H "X-CSRF-Token: $CSRF"
check "admin ubah aturan di server A" 200 "$STATUS"
sleep 16
BASE=http://127.0.0.1:$PORT_B
rm -f "$E2E_TMP/cookies"
req POST /api/v1/laporan "$LAPOR_B"
req GET "/api/v1/lacak/$(jget kode)"
check_contains "server B memakai aturan yang diubah di A" "(versi server A)" "$(jget tenggat.dasar)"
kill "$BPID"; wait "$BPID" 2>/dev/null
BASE=$A
e2e_stop
e2e_sql "SELECT action FROM audit" >"$E2E_TMP/acts"
check_contains "perubahan aturan diaudit" "tenggat.ubah" "$(cat "$E2E_TMP/acts")"
check_contains "hari libur diaudit" "kalender.hapus" "$(cat "$E2E_TMP/acts")"
e2e_done
