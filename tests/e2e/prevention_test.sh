#!/usr/bin/env bash
# prevention_test.sh — the real binary: `netral import pegawai` (good and bad rows,
# reject file, re-import), pakta integritas and kegiatan over HTTP with roles and
# wilayah scope, the signed document uploaded and downloaded byte-identical,
# registry search within scope, petahana list, coverage, `netral kerawanan` table and JSON, the kerawanan API,
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
req POST /api/v1/pakta '{"tanggal":"2024-09-20","tempat":"Pendopo Kecamatan Jetis","wilayah":"35.16.16","dokumen":{"nama":"ikrar.pdf","sha256":"'"$(printf ikrar | sha256sum | cut -d' ' -f1)"'"},"penandatangan":[{"nama":"A"}]}' -H "X-CSRF-Token: $CSRF"
check "hash dokumen tanpa berkas ditolak → 422 dokumen" "422 dokumen" "$STATUS $(jget error.field)"
req POST /api/v1/pakta '{"tanggal":"2024-09-20","tempat":"Pendopo Kecamatan Jetis","wilayah":"35.16.16","penandatangan":[{"nip":"197805122005011003"},{"nama":"Kepala Desa Jetis","jabatan":"Kades"}]}' -H "X-CSRF-Token: $CSRF"
check "pakta dicatat 201" 201 "$STATUS"
check "satu penandatangan terdaftar" 1 "$(jget terdaftar)"
check_contains "butir 4: politik uang" "politik uang" "$(jget butir.3)"
PAKTA=$(jget id)

# The signed document: multipart upload, content-addressed, download byte-identical.
printf '%%PDF-1.4\n%% pakta integritas Jetis\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' >"$E2E_TMP/ikrar.pdf"
SHA=$(sha256sum "$E2E_TMP/ikrar.pdf" | cut -d' ' -f1)
up() { # path field file → STATUS, BODY
  STATUS=$(curl -sS -o "$E2E_TMP/body" -w '%{http_code}' -b "$E2E_TMP/cookies" -H "X-CSRF-Token: $CSRF" \
           -F "$2=@$3" "$BASE$1"); BODY=$(cat "$E2E_TMP/body"); }
printf '<html><body>bukan pdf</body></html>' >"$E2E_TMP/palsu.pdf"
up "/api/v1/pakta/$PAKTA/dokumen" dokumen "$E2E_TMP/palsu.pdf"
check "HTML berganti nama .pdf → 415" 415 "$STATUS"
check "galat menyebut medan dokumen" dokumen "$(jget error.field)"
check_contains "pesan: jenis yang boleh" "PDF, JPEG atau PNG" "$(jget error.message)"
up "/api/v1/pakta/$PAKTA/dokumen" dokumen "$E2E_TMP/ikrar.pdf"
check "dokumen pakta diunggah 201" 201 "$STATUS"
check "sha256 dokumen = sha256sum" "$SHA" "$(jget dokumen.sha256)"
check "berkas tersimpan berdasarkan isinya" 1 "$([ -f "$E2E_TMP/bukti/${SHA:0:2}/$SHA" ] && echo 1)"
check "dokumen di disk terenkripsi (NTRB1)" NTRB1 "$(head -c 5 "$E2E_TMP/bukti/${SHA:0:2}/$SHA")"
grep -qa -e 'pakta integritas Jetis' -e '%PDF' "$E2E_TMP/bukti/${SHA:0:2}/$SHA"; check "dokumen di disk tidak terbaca" 1 $?
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[-1]^=1; open(p,"wb").write(d)' "$E2E_TMP/bukti/${SHA:0:2}/$SHA"
STATUS=$(curl -sS -o "$E2E_TMP/body" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/pakta/$PAKTA/dokumen")
check "dokumen diubah di disk: tidak disajikan" 500 "$STATUS"
check_contains "dokumen diubah di disk: pesan" "rusak" "$(cat "$E2E_TMP/body")"
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[-1]^=1; open(p,"wb").write(d)' "$E2E_TMP/bukti/${SHA:0:2}/$SHA"
curl -sS -D "$E2E_TMP/hdr" -o "$E2E_TMP/unduh.pdf" -b "$E2E_TMP/cookies" "$BASE/api/v1/pakta/$PAKTA/dokumen"
check "unduhan sama persis" "$SHA" "$(sha256sum "$E2E_TMP/unduh.pdf" | cut -d' ' -f1)"
check_contains "Content-Type PDF" "Content-Type: application/pdf" "$(cat "$E2E_TMP/hdr")"
check_contains "Content-Disposition attachment" 'Content-Disposition: attachment; filename="ikrar.pdf"' "$(cat "$E2E_TMP/hdr")"
req GET /api/v1/pakta
check "daftar pakta: tautan unduh" "/api/v1/pakta/$PAKTA/dokumen" "$(jget pakta.0.dokumen.url)"
check "daftar pakta: sha256" "$SHA" "$(jget pakta.0.dokumen.sha256)"
check "audit pakta.dokumen" 1 "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='pakta.dokumen' AND object='pakta:$PAKTA'")"

# Registry browsing within the officer's wilayah.
req GET "/api/v1/pegawai?q=budi"
check "cari pegawai: Budi di Jetis" 197805122005011003 "$(jget pegawai.0.nip)"
req GET "/api/v1/pegawai?nip=198203032008012002"
check "pegawai Pacet tidak terlihat dari Jetis" 0 "$(jget total)"
req GET "/api/v1/instansi?pemda=35.16"
check "instansi Kab. Mojokerto" "Pemerintah Kabupaten Mojokerto" "$(jget instansi.0.nama)"
req GET "/api/v1/instansi?pemda=35.71"
check "pemda lain → 404" 404 "$STATUS"
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
req GET /api/v1/kerawanan/petahana
check "daftar petahana" "35.16 pilkada2024" "$(jget petahana.0.wilayah) $(jget petahana.0.pemilihan)"
curl -sS -o /dev/null -b "$E2E_TMP/cookies" "$BASE/api/v1/pakta/$PAKTA/dokumen" -w '%{http_code}' >"$E2E_TMP/st"
check "bawaslu kab mengunduh dokumen pakta Jetis" 200 "$(cat "$E2E_TMP/st")"
login uji.admin
req GET "/api/v1/kerawanan?tingkat=kecamatan&wilayah=35.16"
SKOR0=$(python3 -c 'import json,sys; print({u["kode"]:u["skor"] for u in json.loads(sys.argv[1])["unit"]}["35.16.16"])' "$BODY")
req PUT /api/v1/kerawanan/bobot '{"bobot":{"relasi_calon":4}}' -H "X-CSRF-Token: $CSRF"
check "bobot diubah admin" 200 "$STATUS"
req GET "/api/v1/kerawanan?tingkat=kecamatan&wilayah=35.16"
SKOR1=$(python3 -c 'import json,sys; print({u["kode"]:u["skor"] for u in json.loads(sys.argv[1])["unit"]}["35.16.16"])' "$BODY")
check "skor Jetis naik dengan bobot relasi calon 4" 1 "$(python3 -c "print(int($SKOR1 > $SKOR0))")"
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
