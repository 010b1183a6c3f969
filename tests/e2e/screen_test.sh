#!/usr/bin/env bash
# screen_test.sh — social-media screening with the real binary: a batch is screened
# (scores, hits, byte offsets into the original teks), posts at or above the threshold
# land in the review queue of the submitting officer's wilayah; relevan creates a temuan
# with the captured post as a PDF whose embedded tangkapan.json hashes to the recorded
# SHA-256; tidak_relevan counts in the precision; another region sees nothing; limits,
# CSRF, double decisions, resubmission, audit chain.
source tests/e2e/lib.sh
e2e_env
for u in "uji.bawaslu bawaslu 35.76" "uji.kediri bawaslu 35.71" "uji.pkd pkd 35.76.01" "uji.camat panwascam 35.76.01"; do
  set -- $u
  printf 'Rahasia-123!\n' | "$NETRAL" user add --username "$1" --role "$2" --wilayah "$3" >/dev/null || echo "GAGAL user $1"
done
e2e_start
login() { rm -f "$E2E_TMP/cookies"; req POST /api/v1/session "{\"username\":\"$1\",\"password\":\"Rahasia-123!\"}"; CSRF=$(jget csrf); }
py() { python3 -c "$@"; }

# Post 1: campaign with emoji and a non-ASCII name; post 2: a Bawaslu reminder (hard
# negative); post 3: money politics; post 4: plain chat.
cat >"$E2E_TMP/batch.json" <<'JSON'
{"posts":[
 {"id":"p1","platform":"facebook","akun":"budi.s","nama":"Budi Santoso","nip":"197805122005011003","waktu":"2024-11-20T08:15:00+07:00","url":"https://fb.example/p/1","teks":"Sugeng énjing 🙏 Ayo c0bl0s nomer 2 Mas Agus, Mojokerto Bangkit! ✌️"},
 {"id":"p2","platform":"x","akun":"bawaslu_mjk","waktu":"2024-11-20T09:00:00+07:00","url":"https://x.example/2","teks":"Bawaslu mengimbau ASN jangan ikut kampanye dan tetap netral dalam pilkada."},
 {"id":3,"platform":"instagram","akun":"tim.agus","nama":"Rudi","waktu":"2024-11-21T19:00:00+07:00","url":"https://ig.example/3","teks":"Besok serangan fajar ya, amplop 100rb dari tim Mas Agus, jangan lupa coblos nomor 2"},
 {"id":"p4","platform":"facebook","akun":"sari","teks":"Selamat pagi, jangan lupa sarapan"}
]}
JSON
login uji.bawaslu
req POST /api/v1/screen "@$E2E_TMP/batch.json"
check "saring tanpa CSRF → 403" 403 "$STATUS"
req POST /api/v1/screen "@$E2E_TMP/batch.json" -H "X-CSRF-Token: $CSRF"
check "saring 200" 200 "$STATUS"
echo "$BODY" >"$E2E_TMP/hasil.json"
check "jumlah pos 4" 4 "$(jget jumlah)"
check "ambang 50" 50 "$(jget ambang)"
check "diantrekan 2 (p1, 3)" 2 "$(jget diantrekan)"
check "id string dikembalikan" p1 "$(jget hasil.0.id)"
check "id angka dikembalikan" 3 "$(jget hasil.2.id)"
check "p1 skor >= 50" 1 "$(py 'import json,sys; print(int(json.load(open(sys.argv[1]))["hasil"][0]["skor"]>=50))' "$E2E_TMP/hasil.json")"
check "p2 imbauan Bawaslu < 50" 1 "$(py 'import json,sys; print(int(json.load(open(sys.argv[1]))["hasil"][1]["skor"]<50))' "$E2E_TMP/hasil.json")"
check "p2 tidak diantrekan" "" "$(jget hasil.1.antrian_id)"
check "p4 tanpa temuan" 0 "$(py 'import json,sys; print(len(json.load(open(sys.argv[1]))["hasil"][3]["hits"]))' "$E2E_TMP/hasil.json")"
# Every hit's mulai/akhir are byte offsets into the original teks; the span must
# decode and contain the matched evasion (c0bl0s, nomer 2, ✌️).
OFFS=$(py '
import json,sys
req=json.load(open(sys.argv[1]))["posts"]; res=json.load(open(sys.argv[2]))["hasil"]
bad=0; spans=[]
for p,r in zip(req,res):
  b=p["teks"].encode()
  for h in r["hits"]:
    if not (0<=h["mulai"]<h["akhir"]<=len(b)): bad+=1; continue
    spans.append(b[h["mulai"]:h["akhir"]].decode())
print(bad, "|".join(spans))' "$E2E_TMP/batch.json" "$E2E_TMP/hasil.json")
check "semua offset hit sah (bita, UTF-8 utuh)" 0 "${OFFS%% *}"
check_contains "span asli memuat c0bl0s nomer 2" "c0bl0s nomer 2" "$OFFS"
check_contains "span asli memuat emoji ✌" "✌" "$OFFS"
check_contains "span asli memuat serangan fajar" "serangan fajar" "$OFFS"
check_contains "hit politik_uang" politik_uang "$(cat "$E2E_TMP/hasil.json")"
ID1=$(jget hasil.0.antrian_id); ID3=$(jget hasil.2.antrian_id)

req POST /api/v1/screen "@$E2E_TMP/batch.json" -H "X-CSRF-Token: $CSRF"
check "kirim ulang: tetap 2 diantrekan" 2 "$(jget diantrekan)"
check "kirim ulang: tidak ada butir baru" 0 "$(jget baru)"
check "kirim ulang: id antrian sama" "$ID1" "$(jget hasil.0.antrian_id)"

py 'import json; print(json.dumps({"posts":[{"id":i,"teks":"halo"} for i in range(1001)]}))' >"$E2E_TMP/big.json"
req POST /api/v1/screen "@$E2E_TMP/big.json" -H "X-CSRF-Token: $CSRF"
check "1001 pos → 413" 413 "$STATUS"
check "galat menyebut posts" posts "$(jget error.field)"
req POST /api/v1/screen '{"posts":[{"id":"x"}]}' -H "X-CSRF-Token: $CSRF"
check "pos tanpa teks → 422" 422 "$STATUS"
check "field posts.0.teks" posts.0.teks "$(jget error.field)"
req POST /api/v1/screen '{"pos":[]}' -H "X-CSRF-Token: $CSRF"
check "tanpa posts → 422 posts" posts "$(jget error.field)"

req GET "/api/v1/screen/antrian?status=menunggu"
check "antrian menunggu 2" 2 "$(jget total)"
check "antrian: wilayah petugas" 35.76 "$(jget items.0.wilayah)"
echo "$BODY" >"$E2E_TMP/antrian.json"
SHA1=$(py 'import json,sys; print([i for i in json.load(open(sys.argv[1]))["items"] if i["id"]==int(sys.argv[2])][0]["sha256"])' "$E2E_TMP/antrian.json" "$ID1")
# SHA-256 of the captured post = compact JSON with sorted keys of the known fields
EXPECT=$(py 'import json,sys,hashlib; p=json.load(open(sys.argv[1]))["posts"][0]
print(hashlib.sha256(json.dumps(p,sort_keys=True,separators=(",",":"),ensure_ascii=False).encode()).hexdigest())' "$E2E_TMP/batch.json")
check "sha256 tangkapan = JSON kanonik pos" "$EXPECT" "$SHA1"

# another region's officer sees nothing and cannot decide
login uji.kediri
req GET "/api/v1/screen/antrian?status=menunggu"
check "Kota Kediri: antrian kosong" 0 "$(jget total)"
req POST "/api/v1/screen/antrian/$ID1/keputusan" '{"keputusan":"tidak_relevan"}' -H "X-CSRF-Token: $CSRF"
check "Kota Kediri memutus butir Mojokerto → 404" 404 "$STATUS"
login uji.pkd
req GET /api/v1/screen/antrian
check "PKD tidak berwenang → 403" 403 "$STATUS"
login uji.camat
req GET /api/v1/screen/antrian
check "panwascam 35.76.01 tidak melihat butir kab/kota 35.76" 0 "$(jget total)"

login uji.bawaslu
req POST "/api/v1/screen/antrian/$ID1/keputusan" '{"keputusan":"mungkin"}' -H "X-CSRF-Token: $CSRF"
check "keputusan salah → 422" keputusan "$(jget error.field)"
req POST "/api/v1/screen/antrian/$ID1/keputusan" '{"keputusan":"relevan","catatan":"Ajakan mencoblos oleh ASN aktif","rezim":"pilkada","terlapor":{"instansi":"Dinas Pendidikan Kota Mojokerto"},"peristiwa":{"wilayah":"35.76.01"}}' -H "X-CSRF-Token: $CSRF"
check "relevan → 200" 200 "$STATUS"
KODE=$(jget kasus.kode)
check_contains "temuan dibuat" NTR- "$KODE"
check "jenis temuan" temuan "$(jget kasus.jenis)"
check "bukti PDF" PDF "$(jget kasus.bukti.jenis)"
req POST "/api/v1/screen/antrian/$ID1/keputusan" '{"keputusan":"tidak_relevan"}' -H "X-CSRF-Token: $CSRF"
check "putus dua kali → 409" 409 "$STATUS"

req GET "/api/v1/kasus/$KODE"
check "kasus terlihat" 200 "$STATUS"
check "terlapor dari pos" "Budi Santoso" "$(jget terlapor.nama)"
check "NIP dari pos" 197805122005011003 "$(jget terlapor.nip)"
check "tanggal kejadian = waktu pos" 2024-11-20 "$(jget peristiwa.tanggal_kejadian)"
check_contains "uraian memuat url" "https://fb.example/p/1" "$(jget peristiwa.uraian)"
check_contains "uraian memuat sha256" "$SHA1" "$(jget peristiwa.uraian)"
BURL=$(jget bukti.0.url); BSHA=$(jget bukti.0.sha256)
curl -s -b "$E2E_TMP/cookies" -o "$E2E_TMP/tangkapan.pdf" "$BASE$BURL"
check "berkas bukti berawal %PDF-" "%PDF-" "$(head -c 5 "$E2E_TMP/tangkapan.pdf")"
check "hash berkas bukti" "$BSHA" "$(sha256sum "$E2E_TMP/tangkapan.pdf" | cut -d' ' -f1)"
PDFCHK=$(py '
import sys,re,hashlib
d=open(sys.argv[1],"rb").read()
m=re.search(rb"/Type /EmbeddedFile [^>]*/Length (\d+) >>\nstream\n",d)
n=int(m.group(1)); j=d[m.end():m.end()+n]
xref=int(re.search(rb"startxref\n(\d+)",d).group(1))
print(hashlib.sha256(j).hexdigest(), d[xref:xref+4].decode(), int(b"https://fb.example/p/1" in d), int(sys.argv[2].encode() in d))' "$E2E_TMP/tangkapan.pdf" "$SHA1")
check "PDF: lampiran tangkapan.json ber-hash sama" "$SHA1 xref 1 1" "$PDFCHK"
if command -v pdftotext >/dev/null; then
  check_contains "PDF terbaca pdftotext" "Mojokerto Bangkit" "$(pdftotext "$E2E_TMP/tangkapan.pdf" - 2>/dev/null)"
fi

req POST "/api/v1/screen/antrian/$ID3/keputusan" '{"keputusan":"tidak_relevan","catatan":"Akun parodi, bukan ASN"}' -H "X-CSRF-Token: $CSRF"
check "tidak_relevan → 200" 200 "$STATUS"
check "tanpa kasus" "" "$(jget kasus)"
req GET "/api/v1/screen/antrian?status=menunggu"
check "antrian menunggu kosong" 0 "$(jget total)"
req GET "/api/v1/screen/antrian?status=relevan"
check "antrian relevan 1 dengan kode kasus" "$KODE" "$(jget items.0.kasus_kode)"
req GET "/api/v1/screen/antrian?status=ditolak"
check "status filter salah → 422" 422 "$STATUS"

req GET /api/v1/screen/presisi
check "presisi: relevan 1" 1 "$(jget keseluruhan.relevan)"
check "presisi: tidak_relevan 1" 1 "$(jget keseluruhan.tidak_relevan)"
check "presisi keseluruhan 0.5" 0.5 "$(jget keseluruhan.presisi)"
check "presisi per kategori: politik_uang 0/1" "0 1" "$(py 'import json,sys; d={k["kategori"]:k for k in json.loads(sys.argv[1])["per_kategori"]}; print(d["politik_uang"]["relevan"], d["politik_uang"]["tidak_relevan"])' "$BODY")"
login uji.kediri
req GET /api/v1/screen/presisi
check "presisi Kota Kediri kosong" "" "$(jget keseluruhan.presisi)"

e2e_stop
out=$("$NETRAL" audit verify); check "audit verify setelah alur" 0 $?
n=$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action IN ('saring.kirim','saring.keputusan')")
check "audit: 2 kiriman + 2 keputusan" 4 "$n"
e2e_done
