#!/usr/bin/env bash
# prevention_test.sh — the real binary: `netral import pegawai` (good and bad rows,
# reject file, re-import), pakta integritas and kegiatan over HTTP with roles and
# wilayah scope, coverage, `netral kerawanan` table and JSON, the kerawanan API,
# admin weight change visible in the breakdown, audit chain intact.
source tests/e2e/lib.sh
e2e_env
for u in "uji.panwascam panwascam 35.16.16" "uji.bawaslu bawaslu 35.16" "uji.admin admin 35" "uji.pemda pemda 35.16"; do
  set -- $u
  printf 'Rahasia-123!\n' | "$NETRAL" user add --username "$1" --role "$2" --wilayah "$3" >/dev/null || echo "GAGAL user $1"
done
login() { rm -f "$E2E_TMP/cookies"; req POST /api/v1/session "{\"username\":\"$1\",\"password\":\"Rahasia-123!\"}"; CSRF=$(jget csrf); }

CSV=$E2E_TMP/pegawai.csv
cat >"$CSV" <<'CSV'
nip,nama,jabatan,instansi,unit_kerja,wilayah,kategori,relasi,relasi_calon
197805122005011003,"Budi Santoso, S.Pd.",Guru,Pemerintah Kabupaten Mojokerto,Dinas Pendidikan,35.16.16.2001,asn,keluarga,Calon Nomor 1
198001012006041001,Sri Wahyuni,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,
19800101200604100X,Rusak,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Jetis,35.16.16,asn,,
198203032008012002,Ani,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Pacet,35.16.03,asn,,
198203032008012003,Tono,Staf,Pemerintah Kabupaten Mojokerto,Kecamatan Pacet,99.99,asn,,
CSV
out=$("$NETRAL" import pegawai "$CSV" 2>"$E2E_TMP/err"); rc=$?
check "impor: baris akhir" "Selesai: 3 baris diimpor (3 baru, 0 diperbarui), 2 ditolak" "$out"
check "impor dengan baris ditolak → kode keluar 3" 3 "$rc"
check "berkas ditolak ada" 1 "$([ -f "$E2E_TMP/pegawai.ditolak.csv" ] && echo 1)"
check_contains "baris 4 ditolak dengan alasan NIP" "4,nip: NIP harus terdiri dari 18 angka." "$(cat "$E2E_TMP/pegawai.ditolak.csv")"
check_contains "baris 6 ditolak: wilayah" '6,"wilayah ""99.99"" tidak dikenal' "$(cat "$E2E_TMP/pegawai.ditolak.csv")"
check_contains "stderr bukan tty: tanpa bilah kemajuan" "Waktu:" "$(cat "$E2E_TMP/err")"
out=$("$NETRAL" import pegawai "$CSV" 2>/dev/null)
check "impor ulang memperbarui per NIP" "Selesai: 3 baris diimpor (0 baru, 3 diperbarui), 2 ditolak" "$out"
"$NETRAL" import pegawai /tidak/ada.csv >/dev/null 2>&1; check "berkas tidak ada → 1" 1 $?

e2e_start
login uji.pemda
req POST /api/v1/pakta '{"tanggal":"2024-09-20","tempat":"Pendopo","wilayah":"35.16.16","penandatangan":[{"nama":"A"}]}' -H "X-CSRF-Token: $CSRF"
check "pemda tidak boleh mencatat pakta" 403 "$STATUS"
login uji.panwascam
req POST /api/v1/pakta '{"tanggal":"2024-09-20","tempat":"Pendopo Kecamatan Jetis","wilayah":"35.16.16","dokumen":{"nama":"ikrar.pdf","sha256":"'"$(printf ikrar | sha256sum | cut -d' ' -f1)"'"},"penandatangan":[{"nip":"197805122005011003"},{"nama":"Kepala Desa Jetis","jabatan":"Kades"}]}' -H "X-CSRF-Token: $CSRF"
check "pakta dicatat 201" 201 "$STATUS"
check "satu penandatangan terdaftar" 1 "$(jget terdaftar)"
check_contains "butir 4: politik uang" "politik uang" "$(jget butir.3)"
req POST /api/v1/pakta '{"tanggal":"2024-09-20","tempat":"X","wilayah":"35.16.03","penandatangan":[{"nama":"A"}]}' -H "X-CSRF-Token: $CSRF"
check "pakta di luar wilayah → 403" 403 "$STATUS"
check "field wilayah" wilayah "$(jget error.field)"
req POST /api/v1/pakta '{"tanggal":"2999-01-01","tempat":"X","wilayah":"35.16.16","penandatangan":[{"nama":"A"}]}' -H "X-CSRF-Token: $CSRF"
check "tanggal masa depan → 422 tanggal" tanggal "$(jget error.field)"
req POST /api/v1/kegiatan '{"jenis":"surat_edaran","tanggal":"2024-09-01","wilayah":"35.16.16","judul":"SE Camat tentang netralitas","nomor":"100/123/416.316/2024","peserta":0}' -H "X-CSRF-Token: $CSRF"
check "surat edaran 201" 201 "$STATUS"
req GET "/api/v1/pakta/cakupan?tingkat=kecamatan&wilayah=35.16.16"
check "cakupan 200" 200 "$STATUS"
check "cakupan Jetis: 2 pegawai" 2 "$(jget pegawai)"
check "cakupan Jetis: 50%" 50.0 "$(jget cakupan_persen)"
req GET "/api/v1/kerawanan?tingkat=kecamatan&wilayah=35.16"
check "kerawanan di luar wilayah panwascam → 403" 403 "$STATUS"

login uji.bawaslu
req GET "/api/v1/kerawanan?tingkat=kecamatan&wilayah=35.16"
check "kerawanan 200" 200 "$STATUS"
check "18 kecamatan" 18 "$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["unit"]))' "$BODY")"
check_contains "rincian per indikator" '"kontribusi"' "$BODY"
req PUT /api/v1/kerawanan/petahana '{"wilayah":"35.16","pemilihan":"pilkada2024","calon":"Bupati petahana"}' -H "X-CSRF-Token: $CSRF"
check "petahana ditandai" 200 "$STATUS"
login uji.admin
req PUT /api/v1/kerawanan/bobot '{"bobot":{"relasi_calon":4}}' -H "X-CSRF-Token: $CSRF"
check "bobot diubah admin" 200 "$STATUS"
req PUT /api/v1/kerawanan/bobot '{"bobot":{"relasi_calon":9}}' -H "X-CSRF-Token: $CSRF"
check "bobot 9 → 422" 422 "$STATUS"
e2e_stop

out=$("$NETRAL" kerawanan --tingkat kecamatan --wilayah 35.16)
check_contains "tabel kerawanan: judul" "Indeks kerawanan netralitas" "$out"
check_contains "tabel: Jetis peringkat 1 (relasi calon, bobot 4)" "   1  35.16.16       Jetis" "$out"
check_contains "bobot baru tampil" "relasi_calon=4" "$out"
json=$("$NETRAL" kerawanan --tingkat kecamatan --wilayah 35.16 --json)
check "JSON: unit pertama Jetis" 35.16.16 "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["unit"][0]["kode"])' "$json")"
"$NETRAL" kerawanan --tingkat rt --wilayah 35.16 >/dev/null 2>&1; check "tingkat salah → 2" 2 $?
out=$("$NETRAL" audit verify); check_contains "rantai audit utuh" "audit OK" "$out"
e2e_done
