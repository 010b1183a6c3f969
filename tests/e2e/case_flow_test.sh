#!/usr/bin/env bash
# case_flow_test.sh — public report → evidence → track → staff kajian awal → registrasi →
# klarifikasi → kajian → putusan → diteruskan → sanction recorded → public tracking shows
# selesai; receipts; sealed identity; wilayah scoping; field errors; idempotent resend.
source tests/e2e/lib.sh
e2e_env
for u in "uji.bawaslu bawaslu 35.76" "uji.kediri bawaslu 35.71" "uji.pemda pemda 35.76" "uji.pkd pkd 35.76.01"; do
  set -- $u
  printf 'Rahasia-123!\n' | "$NETRAL" user add --username "$1" --role "$2" --wilayah "$3" >/dev/null || echo "GAGAL user $1"
done
e2e_start NETRAL_RATE_INTAKE=0
login() { rm -f "$E2E_TMP/cookies"; req POST /api/v1/session "{\"username\":\"$1\",\"password\":\"Rahasia-123!\"}"; CSRF=$(jget csrf); }

REPORT='{"rezim":"pemilu","anonim":false,"client_id":"uji-0001",
 "pelapor":{"nama":"Siti Rahmawati","nik":"3576014101900002","alamat":"Jl. Majapahit 10, Mojokerto","telepon":"081234567890"},
 "terlapor":{"nama":"Drs. H. Budi Santoso, M.Si.","nip":"197805122005011003","kategori":"asn","instansi":"Dinas Pendidikan Kota Mojokerto","jabatan":"Kepala Bidang","wilayah":"35.76.01"},
 "peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"Balai RW 03","uraian":"Terlapor berfoto bersama calon dan mengajak warga memilih nomor 2 <img src=x onerror=alert(1)>."},
 "saksi":[{"nama":"Agus","keterangan":"melihat langsung"}]}'
rm -f "$E2E_TMP/cookies"
req POST /api/v1/laporan "$REPORT"
check "laporan 201" 201 "$STATUS"
KODE=$(jget kode)
check_contains "kode berformat NTR" "NTR-" "$KODE"
echo "$BODY" >"$E2E_TMP/receipt.json"
check "jenis laporan" laporan "$(jget jenis)"
req POST /api/v1/laporan "$REPORT"
check "kirim ulang client_id sama → 200" 200 "$STATUS"
check "kirim ulang kode sama" "$KODE" "$(jget kode)"

req POST /api/v1/tanda-terima/verifikasi "@$E2E_TMP/receipt.json"
check "tanda terima sah (API)" True "$(jget sah)"
"$NETRAL" receipt verify "$E2E_TMP/receipt.json" >/dev/null; check "netral receipt verify sah" 0 $?
sed 's/"diterima":"20/"diterima":"19/' "$E2E_TMP/receipt.json" >"$E2E_TMP/bad.json"
"$NETRAL" receipt verify "$E2E_TMP/bad.json" >/dev/null 2>&1; check "tanda terima diubah → tidak sah" 1 $?

# evidence: a 1×1 PNG whose text chunk says where it was taken (as phone
# apps write it), then a forbidden HTML
python3 - "$E2E_TMP/foto.png" <<'PY'
import struct, sys, zlib
def chunk(t, d): return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d))
png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
       + chunk(b"tEXt", b"Location\x00GPS -7.4706,112.4401 Jl. Melati 5") + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00\xff"))
       + chunk(b"IEND", b""))
open(sys.argv[1], "wb").write(png)
PY
STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -F "berkas=@$E2E_TMP/foto.png" "$BASE/api/v1/laporan/$KODE/bukti"); BODY=$(cat "$E2E_TMP/body")
check "bukti PNG 201" 201 "$STATUS"
SHA=$(jget sha256)
check "hash bukti" "$(sha256sum "$E2E_TMP/foto.png" | cut -d' ' -f1)" "$SHA"
# a phone video: where (udta/©xyz) and when (mvhd times) it was recorded, as phone cameras write it
python3 - "$E2E_TMP/video.mp4" <<'PY'
import struct, sys
def box(t, d): return struct.pack(">I", 8 + len(d)) + t + d
mvhd = box(b"mvhd", b"\x00\x00\x00\x00" + struct.pack(">II", 3846736000, 3846736012) + struct.pack(">II", 1000, 5000) + b"\x00" * 80)
udta = box(b"udta", box(b"\xa9xyz", struct.pack(">HH", 19, 0x15c7) + b"-07.4706+112.4401/") + box(b"\xa9mod", b"SM-A515F"))
mp4 = box(b"ftyp", b"isom\x00\x00\x02\x00isommp41") + box(b"moov", mvhd + udta) + box(b"mdat", b"\x00\x00\x00\x02\x09\xf0")
open(sys.argv[1], "wb").write(mp4)
PY
STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -F "berkas=@$E2E_TMP/video.mp4" "$BASE/api/v1/laporan/$KODE/bukti")
check "bukti video MP4 201" 201 "$STATUS"
# a PDF saved from a word processor names its author (the reporter); one whose Info sits in an
# object stream under a filter the cleaner does not decode (LZW) cannot be cleaned in place
printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n3 0 obj\n<< /Author (Siti Rahmawati) /Creator (Microsoft Word) /CreationDate (D:20261121080102+07) >>\nendobj\ntrailer\n<< /Root 1 0 R /Info 3 0 R /Size 4 >>\n%%%%EOF\n' >"$E2E_TMP/surat.pdf"
printf '%%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /LZWDecode /Length 25 >>\nstream\n3 0 << /Author (Siti) >>\nendstream\nendobj\ntrailer\n<< /Root 1 0 R /Info 3 0 R >>\n%%%%EOF\n' >"$E2E_TMP/padat.pdf"
for f in surat padat; do
  STATUS=$(curl -s -o /dev/null -w '%{http_code}' -F "berkas=@$E2E_TMP/$f.pdf" "$BASE/api/v1/laporan/$KODE/bukti")
  check "bukti PDF ($f) 201" 201 "$STATUS"
done
echo '<html><script>alert(1)</script></html>' >"$E2E_TMP/x.jpg"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -F "berkas=@$E2E_TMP/x.jpg" "$BASE/api/v1/laporan/$KODE/bukti")
check "HTML menyamar jpg → 415" 415 "$STATUS"

req GET "/api/v1/lacak/$KODE"
check "lacak 200" 200 "$STATUS"
check "lacak tahap diterima" diterima "$(jget tahap)"
check_contains "lacak menyebut dasar tenggat" "Perbawaslu" "$(jget tenggat.dasar)"
case "$BODY" in *Siti*|*3576014101900002*) check "lacak tanpa data pribadi" ok bocor;; *) check "lacak tanpa data pribadi" ok ok;; esac
req GET "/api/v1/lacak/$(echo "$KODE" | tr 'A-Z' 'a-z')"
check "lacak huruf kecil tetap ketemu" 200 "$STATUS"

# validation errors name the field
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":false,"pelapor":{"nama":"A","nik":"123","alamat":"x","telepon":"0812"},"terlapor":{"nama":"B","kategori":"asn"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"x","uraian":"cukup panjang untuk lolos ya"}}'
check "NIK salah 422" 422 "$STATUS"
check "field pelapor.nik" pelapor.nik "$(jget error.field)"
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"B","kategori":"asn"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.01","lokasi":"x","uraian":"pendek"}}'
check "uraian pendek field" peristiwa.uraian "$(jget error.field)"
req POST /api/v1/laporan '{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Kades X","kategori":"kepala_desa"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.02","lokasi":"Pasar","uraian":"Kepala desa membagikan amplop kepada warga saat kampanye."}}'
check "anonim 201" 201 "$STATUS"
check "anonim jadi informasi awal" informasi_awal "$(jget jenis)"
KODE_ANON=$(jget kode)

# identity sealed at rest: no name or NIK in the database file
if e2e_db_bytes | grep -qa -e 'Siti Rahmawati' -e '3576014101900002'; then
  check "identitas pelapor tersegel di basis data" tersegel terbaca; else check "identitas pelapor tersegel di basis data" ok ok; fi

# scoping: Kota Kediri officer cannot see a Kota Mojokerto case
login uji.kediri
req GET "/api/v1/kasus/$KODE"
check "petugas Kota Kediri → 404" 404 "$STATUS"
req GET /api/v1/kasus
check "daftar Kediri kosong" 0 "$(jget total)"

login uji.bawaslu
STATUS=$(curl -s -o /dev/null -D "$E2E_TMP/hdr" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1")
check "bukti dilihat petugas" 200 "$STATUS"
check_contains "bukti dilihat: inline" "inline" "$(grep -i '^content-disposition' "$E2E_TMP/hdr")"
STATUS=$(curl -s -o "$E2E_TMP/unduhan" -D "$E2E_TMP/hdr" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1?unduh=1")
check "bukti diunduh petugas" 200 "$STATUS"
check_contains "bukti diunduh: attachment" "attachment" "$(grep -i '^content-disposition' "$E2E_TMP/hdr")"
check "bukti diunduh: isi sama" "$SHA" "$(sha256sum "$E2E_TMP/unduhan" | cut -d' ' -f1)"
check "bukti asli memuat lokasi" 1 "$(grep -c 'Jl. Melati' "$E2E_TMP/unduhan")"
cmp -s "$E2E_TMP/foto.png" "$E2E_TMP/unduhan"; check "bukti diunduh: bita demi bita sama dengan unggahan" 0 $?
# at rest the file is encrypted: neither the reporter's location nor the PNG structure is on disk
F_DISK="$E2E_TMP/bukti/${SHA:0:2}/$SHA"
check "bukti di disk: berkas terenkripsi (NTRB1)" NTRB1 "$(head -c 5 "$F_DISK")"
grep -qa -e 'Jl. Melati' -e 'GPS -7.4706' -e 'IHDR' "$F_DISK"; check "bukti di disk: isi tidak terbaca" 1 $?
# a stored file changed on disk is not served (each read opens and re-hashes it)
cp "$F_DISK" "$E2E_TMP/asli.enc"
python3 -c 'import sys; p=sys.argv[1]; d=bytearray(open(p,"rb").read()); d[40]^=1; open(p,"wb").write(d)' "$F_DISK"
STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1?unduh=1")
check "bukti diubah di disk: tidak disajikan" 500 "$STATUS"
check_contains "bukti diubah di disk: pesan" "rusak" "$(cat "$E2E_TMP/body")"
cp "$E2E_TMP/asli.enc" "$F_DISK"
STATUS=$(curl -s -o "$E2E_TMP/bersih" -D "$E2E_TMP/hdr" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1?unduh=1&bersih=1")
check "salinan tanpa metadata diminta petugas" 200 "$STATUS"
check_contains "salinan tanpa metadata: nama berkas" "bukti-1-bersih" "$(grep -i '^content-disposition' "$E2E_TMP/hdr")"
check "salinan tanpa metadata: lokasi hilang" 0 "$(grep -c -e 'Melati' -e 'GPS' "$E2E_TMP/bersih")"
check "salinan tanpa metadata: gambar yang sama" "IHDR IDAT IEND" \
  "$(python3 -c 'import struct,sys,zlib
d=open(sys.argv[1],"rb").read(); p=8; t=[]
while p < len(d):
    n=struct.unpack(">I",d[p:p+4])[0]; k=d[p+4:p+8]; assert zlib.crc32(k+d[p+8:p+8+n])==struct.unpack(">I",d[p+8+n:p+12+n])[0]; t.append(k.decode()); p+=12+n
print(" ".join(t))' "$E2E_TMP/bersih")"
req GET "/api/v1/kasus/$KODE"
check "bawaslu melihat kasus" 200 "$STATUS"
check "catatan penjagaan bukti: unggah, lihat, unduh, unduh tanpa metadata" \
  "publik/unggah uji.bawaslu/lihat uji.bawaslu/unduh uji.bawaslu/unduh_bersih" \
  "$(python3 -c 'import json,sys; print(" ".join(a["aktor"]+"/"+a["aksi"] for a in json.loads(sys.argv[1])["bukti"][0]["akses"]))' "$BODY")"
check "bawaslu: waktu diterima lengkap sampai detik" 20 "$(jget diterima | tr -d '\n' | wc -c)"
check "bawaslu: foto asli tersaji, salinan bersih dapat diminta (bersih, dapat_dibersihkan)" "False True" \
  "$(python3 -c 'import json,sys; b=json.loads(sys.argv[1])["bukti"][0]; print(b["bersih"], b["dapat_dibersihkan"])' "$BODY")"
check_contains "uraian apa adanya (teks)" "<img src=x onerror=alert(1)>" "$(jget peristiwa.uraian)"
check "identitas disegel" True "$(jget pelapor.disegel)"
check "wilayah kerja terlapor bernama" "35.76.01 Prajuritkulon" "$(jget terlapor.wilayah) $(jget terlapor.wilayah_nama)"
req GET /api/v1/kasus
check "daftar Mojokerto 2 kasus" 2 "$(jget total)"
req GET "/api/v1/terlapor?q=Budi%20Santoso"
check_contains "riwayat terlapor tanpa gelar" "$KODE" "$BODY"

req POST "/api/v1/kasus/$KODE/identitas" '{"alasan":"pendek"}' -H "X-CSRF-Token: $CSRF"
check "buka identitas perlu alasan" 422 "$STATUS"
req POST "/api/v1/kasus/$KODE/identitas" '{"alasan":"Klarifikasi saksi pelapor diperlukan untuk kajian"}' -H "X-CSRF-Token: $CSRF"
check "buka identitas 200" 200 "$STATUS"
check "nama pelapor terbuka" "Siti Rahmawati" "$(jget pelapor.nama)"
req GET "/api/v1/audit?aksi=identitas.buka"
check "log audit: pembukaan identitas oleh petugas sendiri" "uji.bawaslu $KODE Klarifikasi saksi pelapor diperlukan untuk kajian" \
  "$(jget 0.pelaku) $(jget 0.objek) $(jget 0.rincian.alasan)"
check "log audit: label aksi" "Membuka identitas pelapor" "$(jget 0.aksi_label)"
req GET "/api/v1/audit?sejak=2026-13-01"
check "log audit: tanggal salah → 422 sejak" "422 sejak" "$STATUS $(jget error.field)"
login uji.kediri
req GET "/api/v1/audit?aksi=identitas.buka"
check "log audit: Bawaslu lain tidak melihat petugas Mojokerto" "[]" "$BODY"
login uji.pemda
req GET /api/v1/audit
check "log audit: pemda → 403" 403 "$STATUS"
login uji.bawaslu

T() { req POST "/api/v1/kasus/$KODE/transisi" "$1" -H "X-CSRF-Token: $CSRF"; }
T '{"ke":"putusan","jenis_putusan":"bukan_pelanggaran"}'
check "transisi tidak sah → 409" 409 "$STATUS"
check_contains "409 menyebut tahap yang boleh" "kajian" "$(jget error.message)"
T '{"ke":"kajian_awal"}';   check "→ kajian_awal" kajian_awal "$(jget status)"
T '{"ke":"diregistrasi"}';  check "→ diregistrasi" diregistrasi "$(jget status)"
check_contains "tenggat penanganan UU 7/2017" "454" "$(jget tenggat.dasar)"
T '{"ke":"klarifikasi"}';   check "→ klarifikasi" klarifikasi "$(jget status)"
T '{"ke":"kajian"}';        check "→ kajian" kajian "$(jget status)"
check_contains "tenggat penanganan tetap berjalan saat kajian" "454" "$(jget tenggat.dasar)"
KAJIAN='"fakta":"Terlapor mengakui berfoto dengan calon; dua saksi membenarkan.","analisis":"Unsur ASN dan keberpihakan terpenuhi."'
T '{"ke":"putusan","jenis_putusan":"pelanggaran_perundangan_lain","katalog":["ETK-01"]}'
check "putusan tanpa kajian → 422 fakta" "422 fakta" "$STATUS $(jget error.field)"
T "{\"ke\":\"putusan\",\"jenis_putusan\":\"pelanggaran_perundangan_lain\",$KAJIAN}"
check "putusan tanpa katalog → 422" "422 katalog" "$STATUS $(jget error.field)"
KAT=$(curl -s "$BASE/api/v1/katalog?kategori=asn" | python3 -c 'import json,sys; print(json.load(sys.stdin)[0]["kode"])')
T "{\"ke\":\"putusan\",\"jenis_putusan\":\"pelanggaran_perundangan_lain\",\"katalog\":[\"$KAT\"],$KAJIAN}"
check "→ putusan" putusan "$(jget status)"
check "kajian tercatat di putusan" "Unsur ASN dan keberpihakan terpenuhi." "$(jget putusan.analisis)"
T '{"ke":"diteruskan","penerima":"bkn_ppk","nomor":"001/PP.01/K.JI-33/11/2026","tanggal":"2026-11-24"}'
check "→ diteruskan" diteruskan "$(jget status)"
check "rekomendasi tercatat" menunggu "$(jget rekomendasi.0.status)"

login uji.pemda
req GET /api/v1/rekomendasi?menunggu=1
check_contains "pemda melihat rekomendasi menunggu" "$KODE" "$BODY"
T '{"ke":"ditindaklanjuti","jenis_sanksi":"potong_tukin_6_bulan","nomor_sk":"800/123/417.302/2026","tanggal_sk":"2026-11-25","pejabat":"Wali Kota Mojokerto"}'
check "pemda catat sanksi" ditindaklanjuti "$(jget status)"
check "rekomendasi ditindaklanjuti" ditindaklanjuti "$(jget rekomendasi.0.status)"
login uji.bawaslu
T '{"ke":"selesai"}'
check "→ selesai" selesai "$(jget status)"
rm -f "$E2E_TMP/cookies"
req GET "/api/v1/lacak/$KODE"
check "lacak publik: selesai" selesai "$(jget tahap)"

login uji.pkd
T '{"ke":"kajian_awal"}'
check "pkd tak berwenang di kasus selesai → 409/403/404" 1 "$(echo "$STATUS" | grep -cE '^(403|404|409)$')"
login uji.bawaslu
req GET /api/v1/rekap
check "rekap total 2" 2 "$(jget total)"
check "rekap ditindaklanjuti 1" 1 "$(jget tindak_lanjut.ditindaklanjuti)"
check "rekap rasio 1.0" 1.0 "$(jget tindak_lanjut.rasio)"
check "tindak lanjut per wilayah: Kota Mojokerto" "Kota Mojokerto" "$(jget tindak_lanjut_per_wilayah.0.nama)"
check "tindak lanjut per kategori: asn 1 ditindaklanjuti" 1 "$(jget tindak_lanjut_per_kategori.0.ditindaklanjuti)"
req GET "/api/v1/ekspor/kasus.csv?kategori=kepala_desa"
check "ekspor CSV mengikuti filter" 0 "$(printf '%s' "$BODY" | grep -c "$KODE")"
req GET "/api/v1/terlapor?q=budi%20santoso&instansi=Dinas%20Lain"
check "riwayat terlapor dibatasi instansi" "[]" "$BODY"
req GET "/api/v1/kasus?tenggat=terlambat"
check "filter tenggat terlambat (belum ada)" 0 "$(jget total)"
req GET "/api/v1/kasus?tenggat=3hari"
check "filter tenggat 3 hari: informasi awal tanpa tenggat tidak ikut" 0 "$(jget total)"
req GET "/api/v1/kasus?tenggat=besok"
check "filter tenggat salah → 422" 422 "$STATUS"
req GET /api/v1/ekspor/kasus.csv
check_contains "ekspor CSV berisi kode" "$KODE" "$BODY"
check_contains "ekspor CSV berkepala Indonesia" "Nama terlapor" "$BODY"
req GET /api/v1/ekspor/rekap.csv
check "ekspor rekap CSV: kepala" "Bagian,Kode,Nama,Jumlah" "$(printf '%s' "$BODY" | head -1 | tr -d '\r')"
check "ekspor rekap CSV: ditindaklanjuti 1" "Tindak lanjut rekomendasi,ditindaklanjuti,,1" "$(printf '%s' "$BODY" | grep ',ditindaklanjuti,,' | tr -d '\r')"
check "ekspor rekap CSV: per kabupaten/kota" "Per kabupaten/kota,35.76,Kota Mojokerto,2" "$(printf '%s' "$BODY" | grep '^Per kabupaten/kota,' | tr -d '\r')"
curl -s -b "$E2E_TMP/cookies" -o "$E2E_TMP/rekap.xlsx" "$BASE/api/v1/ekspor/rekap.xlsx"
check "ekspor XLSX adalah zip" "PK" "$(head -c 2 "$E2E_TMP/rekap.xlsx")"
curl -s -b "$E2E_TMP/cookies" -o "$E2E_TMP/kasus.xlsx" "$BASE/api/v1/ekspor/kasus.xlsx"
check_contains "XLSX daftar kasus memuat kode" "$KODE" "$(unzip -p "$E2E_TMP/kasus.xlsx" xl/sharedStrings.xml 2>/dev/null || python3 -c 'import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read("xl/sharedStrings.xml").decode())' "$E2E_TMP/kasus.xlsx")"
ls "$E2E_TMP"/ekspor-* >/dev/null 2>&1; check "tidak ada berkas ekspor tertinggal" 2 $?

# the reporter's identity is in no staff view but the unseal answer: detail, list, CSV, XLSX
no_identity() { # name text
  case "$2" in *Siti*|*3576014101900002*|*081234567890*) check "$1 tanpa identitas pelapor" ok bocor;; *) check "$1 tanpa identitas pelapor" ok ok;; esac
}
req GET "/api/v1/kasus/$KODE"; no_identity "detail kasus" "$BODY"
req GET /api/v1/kasus; no_identity "daftar kasus" "$BODY"
req GET /api/v1/ekspor/kasus.csv; no_identity "ekspor CSV" "$BODY"
no_identity "ekspor XLSX" "$(python3 -c 'import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(b"".join(z.read(n) for n in z.namelist()).decode("utf-8","replace"))' "$E2E_TMP/kasus.xlsx")"

# pemda sees only cases a rekomendasi reached: a fresh report about the same
# official appears in none of its views (not even as a kode in the history)
rm -f "$E2E_TMP/cookies"
req POST /api/v1/laporan "$(printf '%s' "$REPORT" | sed 's/"anonim":false/"anonim":true/; s/uji-0001/uji-0002/')"
check "laporan kedua tentang terlapor yang sama 201" 201 "$STATUS"
KODE2=$(jget kode)
login uji.bawaslu
req GET "/api/v1/kasus/$KODE"
check_contains "bawaslu: riwayat terlapor memuat laporan baru" "$KODE2" "$(jget riwayat_terlapor)"
login uji.pemda
req GET "/api/v1/kasus/$KODE2"
check "pemda: kasus tahap awal → 404" 404 "$STATUS"
req GET "/api/v1/kasus/$KODE"
check "pemda melihat kasus yang diteruskan" 200 "$STATUS"
for q in "" "?unduh=1"; do # the employer never gets where and when the reporter took the photo
  STATUS=$(curl -s -o "$E2E_TMP/pemda.png" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1$q")
  check "pemda: bukti$q tersaji" 200 "$STATUS"
  check "pemda: bukti$q tanpa lokasi pelapor" "$(sha256sum <"$E2E_TMP/bersih")" "$(sha256sum <"$E2E_TMP/pemda.png")"
done
req GET "/api/v1/kasus/$KODE"
check "pemda: catatan penjagaan mencatat salinan tanpa metadata" "uji.pemda/lihat_bersih uji.pemda/unduh_bersih" \
  "$(python3 -c 'import json,sys; print(" ".join(a["aktor"]+"/"+a["aksi"] for a in json.loads(sys.argv[1])["bukti"][0]["akses"] if a["aktor"]=="uji.pemda"))' "$BODY")"
check "penjagaan diulang di rantai audit (bukti.akses)" 2 \
  "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='bukti.akses' AND actor='uji.pemda' AND object='$KODE' AND details LIKE '%_bersih%'")"
STATUS=$(curl -s -o "$E2E_TMP/pemda.mp4" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/2?unduh=1")
check "pemda: video tersaji" 200 "$STATUS"
check "pemda: video tanpa lokasi, perangkat dan waktu rekam; panjang sama" "0 0 0 $(wc -c <"$E2E_TMP/video.mp4")" \
  "$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(); i=d.index(b"mvhd")
print(d.count(b"-07.4706"), d.count(b"SM-A515F"), struct.unpack(">I", d[i+8:i+12])[0], len(d))' "$E2E_TMP/pemda.mp4")"
check "pemda: video masih memuat gambarnya (mdat utuh)" 1 "$(grep -c -a 'mdat' "$E2E_TMP/pemda.mp4")"
STATUS=$(curl -s -o "$E2E_TMP/pemda.pdf" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/3")
check "pemda: PDF tersaji" 200 "$STATUS"
check "pemda: PDF tanpa nama penulis, pembuat dan tanggal; panjang sama" "0 0 0 $(wc -c <"$E2E_TMP/surat.pdf")" \
  "$(grep -c -a -e Siti -e Microsoft -e D:2026 "$E2E_TMP/pemda.pdf") $(grep -c -a 'Rahmawati' "$E2E_TMP/pemda.pdf") $(grep -c -a 'Word' "$E2E_TMP/pemda.pdf") $(wc -c <"$E2E_TMP/pemda.pdf")"
STATUS=$(curl -s -o "$E2E_TMP/galat.json" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/4")
check "pemda: PDF yang tidak dapat dibersihkan tidak disajikan" 422 "$STATUS"
PESAN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["message"])' "$E2E_TMP/galat.json")
check_contains "pemda: alasannya" "tidak dapat dibuat: Info dokumen PDF" "$PESAN"
check_contains "pemda: jalan keluarnya" "minta pengawas Bawaslu" "$PESAN"
check "pemda: bukti foto ditandai selalu bersih" "True" \
  "$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["bukti"][0]["bersih"])' "$BODY")"
check "pemda: riwayat terlapor tanpa kasus tahap awal" "[]" "$(jget riwayat_terlapor)"
# when the public acted (report, upload) is shown as a date only: a time to the second, matched
# with an office-network log, can name the reporter; the supervisors' own steps keep their time
check "pemda: waktu tindakan publik hanya tanggal, langkah petugas lengkap" "diterima=10 bukti=10 unggah=10 publik=10 petugas=20" \
  "$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); b=d["bukti"][0]
print("diterima=%d bukti=%d unggah=%d publik=%d petugas=%d" % (len(d["diterima"]), len(b["diterima"]),
  len([a for a in b["akses"] if a["aktor"]=="publik"][0]["waktu"]), len([r for r in d["riwayat"] if r["aktor"]=="publik"][0]["waktu"]),
  len([r for r in d["riwayat"] if r["aktor"]=="uji.bawaslu"][0]["waktu"])))' "$BODY")"
req GET /api/v1/kasus
check "pemda: daftar hanya kasus tindak lanjut" 1 "$(jget total)"
check "pemda: daftar memuat tanggal diterima saja" 10 "$(python3 -c 'import json,sys; print(len(json.loads(sys.argv[1])["items"][0]["diterima"]))' "$BODY")"
req GET /api/v1/rekap
check "pemda: rekap hanya menghitung kasus tindak lanjut" 1 "$(jget total)"
case "$(jget per_tahap)" in *diterima*|*informasi_awal*|"[]") check "pemda: rekap per tahap hanya tahap tindak lanjut" ok "$(jget per_tahap)";;
  *) check "pemda: rekap per tahap hanya tahap tindak lanjut" ok ok;; esac
req GET "/api/v1/terlapor?q=197805122005011003"
case "$STATUS $BODY" in 200*"$KODE2"*) check "pemda: cari terlapor tanpa kasus tahap awal" ok bocor;; *) check "pemda: cari terlapor tanpa kasus tahap awal" ok ok;; esac

# The sealed identity is bound to its case: a blob copied into another case's row (by
# someone who can write the database) does not open there.
login uji.bawaslu
e2e_sql "UPDATE kasus SET pelapor_sealed=(SELECT pelapor_sealed FROM kasus WHERE kode='$KODE') WHERE kode='$KODE2'" >/dev/null
req POST "/api/v1/kasus/$KODE2/identitas" '{"alasan":"Uji segel yang dipindah dari kasus lain"}' -H "X-CSRF-Token: $CSRF"
case "$BODY" in *Siti*) check "segel yang dipindah ke kasus lain tidak terbuka" ok bocor;;
  *) check "segel yang dipindah ke kasus lain tidak terbuka" ok ok;; esac
check_contains "segel dipindah: pesannya" "bukan milik kasus ini" "$(jget error.message)"
e2e_sql "UPDATE kasus SET pelapor_sealed=NULL WHERE kode='$KODE2'" >/dev/null

# Case seals: rows changed in the database behind the application's back (no key file) are
# marked for supervisors, hidden from the employer, never the basis of a step, and named by
# audit verify until the operator accepts them (`netral kasus segel`).
req GET "/api/v1/kasus/$KODE2"; check "segel kasus: utuh setelah isinya dikembalikan" False "$(jget segel_rusak)"
e2e_sql "UPDATE kasus SET status='diteruskan' WHERE kode='$KODE2'" >/dev/null
req GET "/api/v1/kasus/$KODE2"
check "segel kasus: tahap diubah di basis data → ditandai" "True True []" "$(jget segel_rusak) $(jget segel_kasus_rusak) $(jget transisi)"
req POST "/api/v1/kasus/$KODE2/transisi" '{"ke":"ditindaklanjuti","jenis_sanksi":"teguran_lisan","nomor_sk":"1","tanggal_sk":"2026-11-30","pejabat":"X"}' -H "X-CSRF-Token: $CSRF"
check "segel kasus: langkah dari baris yang diubah → 409" 409 "$STATUS"
check_contains "segel kasus: pesan menyebut perintah admin" "netral kasus segel --kode $KODE2" "$(jget error.message)"
req GET "/api/v1/kasus?q=$KODE2"; check "segel kasus: daftar menandainya" True "$(jget items.0.segel_rusak)"
req GET "/api/v1/lacak/$KODE2"; check "segel kasus: pelapor diberi tahu tahapnya sedang diperiksa" True "$(jget segel_rusak)"
req GET "/api/v1/lacak/$KODE"; check "segel kasus utuh: halaman lacak tanpa tanda" False "$(jget segel_rusak)"
REKOM_STATUS=$(e2e_sql "SELECT status FROM rekomendasi WHERE kasus_id=(SELECT id FROM kasus WHERE kode='$KODE')")
BUKTI_SHA=$(e2e_sql "SELECT sha256 FROM bukti WHERE id=1")
e2e_sql "UPDATE rekomendasi SET status='menunggu' WHERE kasus_id=(SELECT id FROM kasus WHERE kode='$KODE')" >/dev/null
e2e_sql "UPDATE bukti SET sha256=(SELECT sha256 FROM bukti WHERE id=2) WHERE id=1" >/dev/null
STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -b "$E2E_TMP/cookies" "$BASE/api/v1/kasus/$KODE/bukti/1")
check "segel bukti: baris diarahkan ke berkas lain → tidak disajikan (409)" 409 "$STATUS"
req GET "/api/v1/kasus/$KODE"
check "segel bukti dan rekomendasi: ditandai di rincian" "True False True False True" \
  "$(jget segel_rusak) $(jget segel_kasus_rusak) $(jget bukti.0.segel_rusak) $(jget bukti.1.segel_rusak) $(jget rekomendasi.0.segel_rusak)"
login uji.pemda
req GET "/api/v1/kasus/$KODE2"; check "segel kasus: pemda tidak melihat kasus yang tahapnya dipalsukan" 404 "$STATUS"
req GET /api/v1/kasus; check "segel kasus: daftar pemda tanpa kasus itu" 1 "$(jget total)"
req GET /api/v1/rekomendasi?menunggu=1
check "segel rekomendasi: pemda melihatnya ditandai" "$KODE True" "$(jget 0.kode_kasus) $(jget 0.segel_rusak)"
login uji.bawaslu
e2e_stop
out=$("$NETRAL" audit verify); check "audit verify: segel kasus rusak → 1" 1 $?
check_contains "audit verify: ringkasan segel kasus" "segel kasus RUSAK: 1 dari 3 kasus, 1 dari 4 bukti, 1 dari 1 rekomendasi" "$out"
check_contains "audit verify: menyebut kasus yang tahapnya diubah" "$KODE2" "$(printf '%s' "$out" | grep 'segel kasus RUSAK')"
check_contains "audit verify: menyebut kasus yang bukti dan rekomendasinya diubah" "$KODE" "$(printf '%s' "$out" | grep 'segel kasus RUSAK')"
check_contains "kasus segel: diterima apa adanya" "1 baris disegel ulang" "$("$NETRAL" kasus segel --kode "$KODE2")"
check_contains "kasus segel lagi: utuh" "utuh" "$("$NETRAL" kasus segel --kode "$KODE2")"
check "kasus segel: tercatat di audit dengan tahap yang diterima" 1 \
  "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='kasus.segel_ulang' AND object='$KODE2' AND details LIKE '%diteruskan%'")"
# the seal is over the content: putting the values back mends it without resealing
e2e_sql "UPDATE rekomendasi SET status='$REKOM_STATUS' WHERE kasus_id=(SELECT id FROM kasus WHERE kode='$KODE')" >/dev/null
e2e_sql "UPDATE bukti SET sha256='$BUKTI_SHA' WHERE id=1" >/dev/null
out=$("$NETRAL" audit verify); check "audit verify: isi dikembalikan → 0" 0 $?
check_contains "audit verify: segel kasus OK" "segel kasus OK: 3 kasus, 4 bukti, 1 rekomendasi" "$out"
# rows from before case seals are sealed once at start, audited
e2e_sql "UPDATE kasus SET segel='belum'" >/dev/null
e2e_start
check "segel awal: kasus lama disegel saat server mulai" 1 \
  "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='kasus.segel_awal' AND details LIKE '%\"kasus\":3%'")"
e2e_stop
out=$("$NETRAL" audit verify); check "audit verify setelah alur" 0 $?
out=$("$NETRAL" audit list --aksi identitas.buka)
check_contains "audit list: siapa membuka identitas" "uji.bawaslu" "$out"
check_contains "audit list: alasannya" "Klarifikasi saksi pelapor" "$out"
check "audit list: hanya pembukaan identitas" 1 "$(printf '%s\n' "$out" | grep -c 'identitas.buka')"
check "buka identitas tercatat di audit (pelaku, kode, alasan)" 1 \
  "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='identitas.buka' AND actor='uji.bawaslu' AND object='$KODE' AND details LIKE '%Klarifikasi saksi%'")"

# Abuse limits per address (in memory, per instance): NETRAL_RATE_INTAKE new reports per
# hour, and public evidence files up to intake × NETRAL_MAX_FILES per hour, whichever
# reports they go to (the kode is the only credential of the public upload route).
e2e_start NETRAL_RATE_INTAKE=1 NETRAL_MAX_FILES=2
up() { curl -s -o "$E2E_TMP/body" -D "$E2E_TMP/hdr" -w '%{http_code}' -F "berkas=@$E2E_TMP/foto.png" "$BASE/api/v1/laporan/$1/bukti"; }
check "unggah publik 1 dari 2 per jam" 201 "$(up "$KODE2")"
check "unggah publik 2 dari 2 per jam" 201 "$(up "$KODE2")"
check "unggah publik ke-3 (laporan lain) → 429" 429 "$(up "$KODE_ANON")"
check_contains "429 unggah memberi Retry-After" "retry-after" "$(tr 'A-Z' 'a-z' <"$E2E_TMP/hdr")"
BODY=$(cat "$E2E_TMP/body"); check_contains "429 unggah berbahasa Indonesia" "Terlalu banyak berkas bukti" "$(jget error.message)"
rm -f "$E2E_TMP/cookies"
ANON='{"rezim":"pemilu","anonim":true,"terlapor":{"nama":"Kades Y","kategori":"kepala_desa"},"peristiwa":{"tanggal_kejadian":"2026-11-20","tanggal_diketahui":"2026-11-21","wilayah":"35.76.02","lokasi":"Pasar","uraian":"Kepala desa membagikan kaos calon kepada warga di pasar."}}'
req POST /api/v1/laporan "$ANON"; check "laporan publik 1 dari 1 per jam" 201 "$STATUS"
req POST /api/v1/laporan "$ANON"; check "laporan publik ke-2 → 429" 429 "$STATUS"
check_contains "429 laporan berbahasa Indonesia" "Terlalu banyak laporan" "$(jget error.message)"
login uji.bawaslu
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "$E2E_TMP/cookies" -H "X-CSRF-Token: $CSRF" -F "berkas=@$E2E_TMP/foto.png" "$BASE/api/v1/kasus/$KODE_ANON/bukti")
check "unggah petugas tidak terkena batas publik" 201 "$STATUS"
e2e_stop

# Evidence on disk re-verified: intact, then one byte appended (every case naming the file is
# listed), then removed.
out=$("$NETRAL" bukti verify); check "bukti verify: utuh → 0" 0 $?
check_contains "bukti verify: ringkasan" "0 rusak, 0 hilang" "$out"
case "$out" in *"belum dienkripsi"*) check "bukti verify: semua terenkripsi" ok "$out";; *) check "bukti verify: semua terenkripsi" ok ok;; esac
F=$(find "$E2E_TMP/bukti" -type f -name "$SHA")
# a file stored before encryption (plaintext on disk) still verifies, is counted, and
# `netral bukti enkripsi` rewrites it encrypted
cp "$E2E_TMP/foto.png" "$F"
out=$("$NETRAL" bukti verify); check "bukti lama tanpa enkripsi: verify → 0" 0 $?
check_contains "bukti lama dihitung" "(1 belum dienkripsi), 0 rusak, 0 hilang" "$out"
check_contains "bukti lama: saran perintah" "netral bukti enkripsi" "$out"
out=$("$NETRAL" bukti enkripsi); check "bukti enkripsi → 0" 0 $?
check_contains "bukti enkripsi: ringkasan" ": 1 dienkripsi sekarang," "$out"
check "bukti lama kini terenkripsi" NTRB1 "$(head -c 5 "$F")"
grep -qa -e 'Jl. Melati' -e 'IHDR' "$F"; check "bukti lama kini tidak terbaca di disk" 1 $?
out=$("$NETRAL" bukti verify); check "verify setelah enkripsi → 0" 0 $?
case "$out" in *"belum dienkripsi"*) check "verify setelah enkripsi: tidak ada yang lama" ok "$out";; *) check "verify setelah enkripsi: tidak ada yang lama" ok ok;; esac
out=$("$NETRAL" bukti enkripsi); check_contains "enkripsi kedua tidak mengubah apa pun" ": 0 dienkripsi sekarang," "$out"
# without the real key file the commands refuse (and make no new key)
out=$(NETRAL_KEY_FILE="$E2E_TMP/tidak-ada.key" "$NETRAL" bukti verify 2>&1); check "bukti verify tanpa berkas kunci → 1" 1 $?
check_contains "tanpa berkas kunci: pesan" "salin kunci asli" "$out"
[ -e "$E2E_TMP/tidak-ada.key" ]; check "tanpa berkas kunci: tidak dibuat kunci baru" 1 $?
printf 'x' >>"$F"
out=$("$NETRAL" bukti verify); check "bukti diubah → 1" 1 $?
check_contains "bukti diubah: kasus pertama disebut" "RUSAK  $SHA  (kasus $KODE)" "$out"
check_contains "bukti diubah: kasus kedua disebut" "RUSAK  $SHA  (kasus $KODE2)" "$out"
check_contains "bukti diubah: ringkasan" "1 rusak, 0 hilang" "$out"
rm -f "$F"
out=$("$NETRAL" bukti verify); check "bukti hilang → 1" 1 $?
check_contains "bukti hilang: disebut" "HILANG $SHA  (kasus $KODE)" "$out"
e2e_done
