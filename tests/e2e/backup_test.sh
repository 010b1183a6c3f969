#!/usr/bin/env bash
# backup_test.sh — `netral backup` while the server runs, `netral restore` into a fresh
# place: same rows (logical dump identical), same evidence hashes, audit chain verifies;
# the key stays out unless --dengan-kunci, and evidence is in the archive as stored, encrypted (a
# backup without the key does not hold it readable; restored files open with the original key,
# with another key the restore warns); a non-empty database is not overwritten
# without --paksa, nor at all while a server has it open (and nothing opens it while a
# restore holds it); a tampered or hostile archive is refused and writes nothing.
source tests/e2e/lib.sh
e2e_env
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.bawaslu --role bawaslu --wilayah 35.76 >/dev/null
e2e_start NETRAL_RATE_INTAKE=0
lapor() { # nama uraian → KODE
  req POST /api/v1/laporan "{\"rezim\":\"pemilu\",\"anonim\":false,
   \"pelapor\":{\"nama\":\"$1\",\"nik\":\"3576014101900002\",\"alamat\":\"Jl. Majapahit 10\",\"telepon\":\"081234567890\"},
   \"terlapor\":{\"nama\":\"Budi Santoso\",\"kategori\":\"asn\",\"instansi\":\"Dinas Pendidikan\"},
   \"peristiwa\":{\"tanggal_kejadian\":\"2026-11-20\",\"tanggal_diketahui\":\"2026-11-21\",\"wilayah\":\"35.76.01\",\"lokasi\":\"Balai RW\",\"uraian\":\"$2\"}}"
  KODE=$(jget kode)
}
bukti() { # kode file → sets STATUS
  STATUS=$(curl -s -o "$E2E_TMP/body" -w '%{http_code}' -F "berkas=@$2" "$BASE/api/v1/laporan/$1/bukti")
}
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89' >"$E2E_TMP/foto.png"
printf '%%PDF-1.4\n%% cadangan uji: Surat pengakuan saksi Rahmat Hidayat\n1 0 obj <<>> endobj\ntrailer <<>>\n%%%%EOF\n' >"$E2E_TMP/surat.pdf"
lapor "Siti Rahmawati" "Terlapor mengajak warga memilih calon nomor dua di balai RW."; K1=$KODE
check "laporan 1 dibuat" 201 "$STATUS"
bukti "$K1" "$E2E_TMP/foto.png"; check "bukti PNG" 201 "$STATUS"
bukti "$K1" "$E2E_TMP/surat.pdf"; check "bukti PDF" 201 "$STATUS"
lapor "Agus Wibowo" "Terlapor memasang spanduk calon di kantor dinas saat jam kerja."; K2=$KODE
bukti "$K2" "$E2E_TMP/foto.png"; check "bukti sama di laporan lain" 201 "$STATUS"
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'; CSRF=$(jget csrf)
req POST "/api/v1/kasus/$K1/transisi" '{"ke":"kajian_awal"}' -H "X-CSRF-Token: $CSRF"; check "transisi kajian_awal" 200 "$STATUS"
req POST "/api/v1/kasus/$K1/transisi" '{"ke":"diregistrasi"}' -H "X-CSRF-Token: $CSRF"; check "transisi diregistrasi" 200 "$STATUS"

# online backup while the server is up (and a reader keeps reading)
( for _ in $(seq 1 30); do curl -s -o /dev/null "$BASE/api/v1/lacak/$K1"; done ) &
READER=$!
"$NETRAL" backup "$E2E_TMP/cadangan.tar" >"$E2E_TMP/out" 2>&1; check "backup saat server jalan" 0 $?
check_contains "pesan: kunci tidak disertakan" "tidak disertakan" "$(cat "$E2E_TMP/out")"
"$NETRAL" backup "$E2E_TMP/cadangan-kunci.tar" --dengan-kunci >/dev/null 2>&1; check "backup --dengan-kunci" 0 $?
wait "$READER"
check "arsip mode 0600" 600 "$(stat -c %a "$E2E_TMP/cadangan.tar")"
MEMBERS=$(tar tf "$E2E_TMP/cadangan.tar")
check "arsip tanpa kunci" 0 "$(grep -c '^netral.key$' <<<"$MEMBERS")"
check "arsip dengan kunci memuat netral.key" 1 "$(tar tf "$E2E_TMP/cadangan-kunci.tar" | grep -c '^netral.key$')"
check "arsip memuat 2 berkas bukti (PNG sekali: dialamati isi)" 2 "$(grep -c '^bukti/' <<<"$MEMBERS")"
mkdir "$E2E_TMP/x" && (cd "$E2E_TMP/x" && tar xf ../cadangan.tar && sha256sum --quiet -c MANIFEST.sha256); check "MANIFEST cocok dengan sha256sum -c" 0 $?
# evidence is encrypted at rest, so a backup without the key does not hold it readable
grep -qa 'Rahmat Hidayat' "$E2E_TMP/surat.pdf"; check "uji bermakna: isi khas ada di berkas asli" 0 $?
grep -qa 'Rahmat Hidayat' "$E2E_TMP/cadangan.tar"; check "arsip tanpa kunci: isi bukti tidak terbaca" 1 $?
check "arsip: setiap berkas bukti terenkripsi (NTRB1)" 2 "$(cd "$E2E_TMP/x" && for f in bukti/*/*; do head -c 5 "$f"; echo; done | grep -c '^NTRB1$')"
check_contains "backup tanpa peringatan bukti rusak" "Cadangan ditulis" "$(cat "$E2E_TMP/out")"
case "$(cat "$E2E_TMP/out")" in *peringatan*) check "backup: tidak ada peringatan" ok "$(cat "$E2E_TMP/out")";; *) check "backup: tidak ada peringatan" ok ok;; esac
# restore under a running server is refused, even with --paksa, and changes nothing
BEFORE=$(sqlite3 "$E2E_TMP/netral.db" "SELECT count(*) FROM audit")
"$NETRAL" restore "$E2E_TMP/cadangan.tar" --paksa >"$E2E_TMP/out" 2>&1; check "restore saat server jalan → ditolak" 1 $?
check_contains "pesan: basis data sedang dipakai" "sedang dipakai server atau perintah Netral lain" "$(cat "$E2E_TMP/out")"
req GET "/api/v1/lacak/$K1"; check "server tetap melayani" 200 "$STATUS"
check "basis data tidak disentuh" "$BEFORE" "$(sqlite3 "$E2E_TMP/netral.db" "SELECT count(*) FROM audit")"
e2e_stop
# while a restore holds the file, a command that opens the database waits for nothing: it refuses
flock -x "$E2E_TMP/netral.db" -c "sleep 3" &
HOLDER=$!
sleep 0.5
out=$("$NETRAL" user list 2>&1); rc=$?
check "perintah saat pemulihan → gagal" 1 "$rc"
check_contains "pesan: sedang dipulihkan" "sedang dipulihkan (netral restore)" "$out"
wait "$HOLDER"

dump() { sqlite3 "$1" .dump | sha256sum | cut -d' ' -f1; }
counts() { sqlite3 "$1" "SELECT (SELECT count(*) FROM kasus)||' '||(SELECT count(*) FROM bukti)||' '||(SELECT count(*) FROM audit)"; }
ORIG_DUMP=$(dump "$E2E_TMP/netral.db"); ORIG_COUNTS=$(counts "$E2E_TMP/netral.db")
ORIG_AUDIT=$("$NETRAL" audit verify)

# 1. restore into a fresh place, key copied separately (the documented way)
NEW=$E2E_TMP/baru; mkdir -p "$NEW"
at_new() { NETRAL_DB="sqlite:$NEW/netral.db" NETRAL_DATA_DIR="$NEW" NETRAL_KEY_FILE="$NEW/netral.key" "$@"; }
at_new "$NETRAL" restore "$E2E_TMP/cadangan.tar" >"$E2E_TMP/out" 2>&1; check "restore ke tempat baru" 0 $?
check_contains "restore mengingatkan kunci" "salin berkas kunci asli" "$(cat "$E2E_TMP/out")"
# encrypted members do not hash to their names: no false "rusak" warning, only a note that
# they are checked once the key is in place
case "$(cat "$E2E_TMP/out")" in *peringatan*) check "restore tanpa kunci: tidak ada peringatan" ok "$(cat "$E2E_TMP/out")";; *) check "restore tanpa kunci: tidak ada peringatan" ok ok;; esac
check_contains "restore tanpa kunci: bukti belum diperiksa" "2 berkas bukti terenkripsi belum diperiksa" "$(cat "$E2E_TMP/out")"
[ -e "$NEW/netral.key" ]; check "restore tanpa kunci tidak membuat kunci" 1 $?
install -m 600 "$E2E_TMP/netral.key" "$NEW/netral.key"
check "isi basis data identik (dump logis)" "$ORIG_DUMP" "$(dump "$NEW/netral.db")"
check "jumlah kasus/bukti/audit sama" "$ORIG_COUNTS" "$(counts "$NEW/netral.db")"
ok=0; n=0
for f in $(cd "$E2E_TMP" && find bukti -type f); do
  n=$((n+1)); cmp -s "$E2E_TMP/$f" "$NEW/$f" && ok=$((ok+1))
done
check "semua berkas bukti pulih bita demi bita" "$n" "$ok"
check "ada berkas bukti" 2 "$n"
out=$(at_new "$NETRAL" bukti verify); check "bukti verify pada salinan (dengan kunci asli)" 0 $?
check_contains "bukti verify pada salinan: ringkasan" "2 utuh, 0 rusak, 0 hilang" "$out"
check "audit verify pada salinan" "$ORIG_AUDIT" "$(at_new "$NETRAL" audit verify)"

# 1b. restored where another key is in place: the evidence does not open, and the restore says so
L=$E2E_TMP/kunci-lain; mkdir -p "$L"
NETRAL_DB="sqlite:$E2E_TMP/lain.db" NETRAL_KEY_FILE="$L/netral.key" "$NETRAL" user list >/dev/null 2>&1
NETRAL_DB="sqlite:$L/netral.db" NETRAL_DATA_DIR="$L" NETRAL_KEY_FILE="$L/netral.key" "$NETRAL" restore "$E2E_TMP/cadangan.tar" >"$E2E_TMP/out" 2>&1
check "restore dengan kunci lain: selesai" 0 $?
check "restore dengan kunci lain: setiap bukti diperingatkan" 2 "$(grep -c 'peringatan: bukti/.* dalam arsip: Berkas bukti rusak: .*disimpan dengan kunci lain' "$E2E_TMP/out")"

# 2. a non-empty database is not overwritten without --paksa
at_new "$NETRAL" restore "$E2E_TMP/cadangan.tar" >"$E2E_TMP/out" 2>&1; check "restore ke basis data berisi → ditolak" 1 $?
check_contains "penolakan menyebut --paksa" "--paksa" "$(cat "$E2E_TMP/out")"
at_new "$NETRAL" restore "$E2E_TMP/cadangan.tar" --paksa >/dev/null 2>&1; check "restore --paksa" 0 $?
check "isi tetap identik setelah --paksa" "$ORIG_DUMP" "$(dump "$NEW/netral.db")"

# 3. backup with the key: the restored copy opens sealed identities through the API
K=$E2E_TMP/dengan-kunci; mkdir -p "$K"
at_k() { NETRAL_DB="sqlite:$K/netral.db" NETRAL_DATA_DIR="$K" NETRAL_KEY_FILE="$K/netral.key" "$@"; }
at_k "$NETRAL" restore "$E2E_TMP/cadangan-kunci.tar" >"$E2E_TMP/out" 2>&1; check "restore --dengan-kunci" 0 $?
case "$(cat "$E2E_TMP/out")" in *peringatan*|*catatan*) check "restore dengan kunci: bukti diperiksa, utuh" ok "$(cat "$E2E_TMP/out")";; *) check "restore dengan kunci: bukti diperiksa, utuh" ok ok;; esac
cmp -s "$E2E_TMP/netral.key" "$K/netral.key"; check "kunci pulih identik" 0 $?
check "kunci pulih mode 0600" 600 "$(stat -c %a "$K/netral.key")"
check "audit verify (kunci dari arsip)" "$ORIG_AUDIT" "$(at_k "$NETRAL" audit verify)"
OLD_TMP=$E2E_TMP
E2E_TMP=$K; rm -f "$K/cookies"; e2e_start NETRAL_RATE_INTAKE=0; E2E_TMP=$OLD_TMP
rm -f "$E2E_TMP/cookies"
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'; CSRF=$(jget csrf)
check "masuk ke salinan" 200 "$STATUS"
req POST "/api/v1/kasus/$K1/identitas" '{"alasan":"Uji pemulihan cadangan: identitas harus tetap terbuka"}' -H "X-CSRF-Token: $CSRF"
check "identitas tersegel terbuka dengan kunci pulihan" "Siti Rahmawati" "$(jget pelapor.nama)"
req GET "/api/v1/kasus/$K1"
BID=$(jget bukti.0.id)
curl -s -b "$E2E_TMP/cookies" -o "$E2E_TMP/unduh" "$BASE/api/v1/kasus/$K1/bukti/$BID"
check "bukti dari salinan utuh" "$(jget bukti.0.sha256)" "$(sha256sum "$E2E_TMP/unduh" | cut -d' ' -f1)"
e2e_stop

# 4. tampered and hostile archives are refused and leave nothing behind
cp "$E2E_TMP/cadangan.tar" "$E2E_TMP/rusak.tar"
printf '\xff' | dd of="$E2E_TMP/rusak.tar" bs=1 seek=$((512 + 4096)) conv=notrunc 2>/dev/null
R=$E2E_TMP/rusak; mkdir -p "$R"
NETRAL_DB="sqlite:$R/netral.db" NETRAL_DATA_DIR="$R" NETRAL_KEY_FILE="$R/netral.key" "$NETRAL" restore "$E2E_TMP/rusak.tar" >"$E2E_TMP/out" 2>&1
check "arsip diubah → ditolak" 1 $?
check_contains "alasan: sidik tidak cocok" "tidak cocok" "$(cat "$E2E_TMP/out")"
check "tidak ada basis data setengah jadi" "" "$(find "$R" -name 'netral.db*' -o -name '*.pulih-*')"
head -c $(( $(stat -c %s "$E2E_TMP/cadangan.tar") / 2 )) "$E2E_TMP/cadangan.tar" >"$E2E_TMP/potong.tar"
NETRAL_DB="sqlite:$R/netral.db" NETRAL_DATA_DIR="$R" NETRAL_KEY_FILE="$R/netral.key" "$NETRAL" restore "$E2E_TMP/potong.tar" >/dev/null 2>&1
check "arsip terpotong → ditolak" 1 $?
python3 - "$E2E_TMP/jahat.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1], "w", format=tarfile.USTAR_FORMAT) as t:
    d = b"jahat"; i = tarfile.TarInfo("../../jahat.txt"); i.size = len(d); t.addfile(i, io.BytesIO(d))
PY
NETRAL_DB="sqlite:$R/netral.db" NETRAL_DATA_DIR="$R" NETRAL_KEY_FILE="$R/netral.key" "$NETRAL" restore "$E2E_TMP/jahat.tar" >"$E2E_TMP/out" 2>&1
check "anggota ../ → ditolak" 1 $?
[ -e "$E2E_TMP/../jahat.txt" ] || [ -e "$R/../../jahat.txt" ]; check "tidak ada berkas di luar tujuan" 1 $?
check "tidak ada sisa di tujuan" "" "$(find "$R" -type f)"
# a manifest that hides a missing member behind a NUL byte (found by fuzz_restore)
python3 - "$E2E_TMP/cadangan.tar" "$E2E_TMP/nul.tar" <<'PY'
import io, sys, tarfile
with tarfile.open(sys.argv[1]) as a, tarfile.open(sys.argv[2], "w", format=tarfile.USTAR_FORMAT) as b:
    for m in a.getmembers():
        d = a.extractfile(m).read()
        if m.name == "MANIFEST.sha256": d += b"\0" + b"0" * 64 + b"  bukti/00/" + b"0" * 64 + b"\n"
        m.size = len(d); b.addfile(m, io.BytesIO(d))
PY
NETRAL_DB="sqlite:$R/netral.db" NETRAL_DATA_DIR="$R" NETRAL_KEY_FILE="$R/netral.key" "$NETRAL" restore "$E2E_TMP/nul.tar" >"$E2E_TMP/out" 2>&1
check "MANIFEST dengan bita NUL → ditolak" 1 $?
check_contains "alasan: bita NUL" "NUL" "$(cat "$E2E_TMP/out")"
check "tidak ada sisa setelah MANIFEST NUL" "" "$(find "$R" -type f)"
e2e_done
