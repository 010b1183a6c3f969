#!/usr/bin/env bash
# foundation_test.sh — the real binary: health → login → CSRF missing 403 → logout →
# wrong password 401 → throttling 429; user CLI (add, list, disable, enable, passwd); audit
# verify and tampering; static files.
source tests/e2e/lib.sh
e2e_env
printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.bawaslu --role bawaslu --wilayah 35.76 >/dev/null
check "user add exit 0" 0 $?
out=$(printf 'pendek\n' | "$NETRAL" user add --username uji.b --role bawaslu --wilayah 35.76 2>&1); rc=$?
check "kata sandi pendek ditolak" 1 $rc
check_contains "pesan menyebut kolom" "password" "$out"
out=$(printf 'Rahasia-123!\n' | "$NETRAL" user add --username uji.c --role raja --wilayah 35.76 2>&1)
check_contains "peran tidak dikenal" "Peran tidak dikenal" "$out"
check_contains "user list" "uji.bawaslu" "$("$NETRAL" user list)"

e2e_start NETRAL_RATE_LOGIN=3
req GET /api/v1/health
check "health 200" 200 "$STATUS"
check "health status" ok "$(jget status)"
check "health db" "$E2E_BACKEND" "$(jget db)"
hdrs=$(curl -sSI "$BASE/api/v1/health")
check_contains "CSP header" "default-src 'self'" "$hdrs"
check_contains "nosniff" "nosniff" "$hdrs"
check_contains "frame-ancestors" "frame-ancestors 'none'" "$hdrs"
check_contains "referrer policy" "no-referrer" "$hdrs"

req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'
check "login 200" 200 "$STATUS"
CSRF=$(jget csrf)
check "login role" bawaslu "$(jget user.role)"
grep -q netral_sid "$E2E_TMP/cookies"; check "cookie disimpan" 0 $?
req DELETE /api/v1/session
check "logout tanpa CSRF 403" 403 "$STATUS"
check "kode csrf" csrf "$(jget error.code)"
req DELETE /api/v1/session '' -H "X-CSRF-Token: $CSRF"
check "logout 200" 200 "$STATUS"
req GET /api/v1/session
check "sesi habis 401" 401 "$STATUS"
req POST /api/v1/session '{"username":"uji.bawaslu","password":"salah-salah"}'
check "sandi salah 401" 401 "$STATUS"
req POST /api/v1/session '{"username":"uji.bawaslu","password":"salah-salah"}'
req POST /api/v1/session '{"username":"uji.bawaslu","password":"salah-salah"}'
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'
check "dibatasi 429 walau sandi benar" 429 "$STATUS"
check_contains "Retry-After" "Retry-After" "$(curl -sSi -X POST -H 'Content-Type: application/json' -d '{"username":"uji.bawaslu","password":"x"}' "$BASE/api/v1/session")"
check "isi bukan JSON → 415" 415 "$(curl -s -o /dev/null -w '%{http_code}' -X POST -d 'username=a&password=b' "$BASE/api/v1/session")"

python3 -c 'print("{\"a\":\"" + "x"*300000 + "\"}")' >"$E2E_TMP/big.json"
req POST /api/v1/session "@$E2E_TMP/big.json"
check "isi terlalu besar 413" 413 "$STATUS"
req GET /api/v1/wilayah/35.16.16
check "wilayah kecamatan" Jetis "$(jget nama)"
check "static index atau 404 rapi" 1 "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/../../etc/passwd" | grep -cE '^(404|400)$')"
e2e_stop
check "berkas kunci 0600 tanpa peringatan" 0 "$(grep -c 'berkas kunci .* dapat dibaca' "$E2E_TMP/server.log")"

# A key file others can read (a careless copy to another instance) is named at start.
chmod 644 "$NETRAL_KEY_FILE"
e2e_start
e2e_stop
check_contains "peringatan berkas kunci terbuka" "dapat dibaca pengguna lain (izin 0644)" "$(cat "$E2E_TMP/server.log")"
check_contains "peringatan memberi perintah" "chmod 600 $NETRAL_KEY_FILE" "$(cat "$E2E_TMP/server.log")"
chmod 600 "$NETRAL_KEY_FILE"

# Session expiry and fixation: a session from 9 hours ago is dead (NETRAL_SESSION_HOURS=8),
# and a cookie value the client made up is never adopted.
rm -f "$E2E_TMP/cookies"
e2e_start NETRAL_FAKE_NOW=2026-11-01T00:00:00Z NETRAL_RATE_LOGIN=0
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Rahasia-123!"}'
check "login (waktu T)" 200 "$STATUS"
e2e_stop
e2e_start NETRAL_FAKE_NOW=2026-11-01T09:00:00Z
req GET /api/v1/session
check "sesi kedaluwarsa setelah 9 jam → 401" 401 "$STATUS"
e2e_stop
e2e_start
FIXED=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: netral_sid=$FIXED" "$BASE/api/v1/session")
check "id sesi buatan klien ditolak" 401 "$STATUS"
NEW=$(curl -s -D - -o /dev/null -H "Cookie: netral_sid=$FIXED" -H 'Content-Type: application/json' \
  -d '{"username":"uji.bawaslu","password":"Rahasia-123!"}' "$BASE/api/v1/session" | sed -n 's/^Set-Cookie: netral_sid=\([^;]*\);.*/\1/p')
check "login memberi id sesi baru, bukan yang ditanam" 1 "$([ -n "$NEW" ] && [ "$NEW" != "$FIXED" ] && echo 1 || echo 0)"
e2e_stop

# Account administration from the CLI while the server runs: disable ends the
# sessions and refuses logins, enable restores, passwd resets (must change at
# the next login) and ends the sessions; an unknown account is named.
e2e_start NETRAL_RATE_LOGIN=0
LOGIN='{"username":"uji.bawaslu","password":"Rahasia-123!"}'
req POST /api/v1/session "$LOGIN"; check "login sebelum dinonaktifkan" 200 "$STATUS"
"$NETRAL" user disable --username uji.bawaslu >/dev/null; check "user disable exit 0" 0 $?
req GET /api/v1/session; check "akun nonaktif: sesinya berakhir" 401 "$STATUS"
req POST /api/v1/session "$LOGIN"; check "akun nonaktif: tidak dapat masuk" 401 "$STATUS"
check_contains "user list: nonaktif" "nonaktif" "$("$NETRAL" user list | grep uji.bawaslu)"
"$NETRAL" user enable --username uji.bawaslu >/dev/null; check "user enable exit 0" 0 $?
req POST /api/v1/session "$LOGIN"; check "akun aktif kembali: dapat masuk" 200 "$STATUS"
printf 'Sandi-Reset-789!\n' | "$NETRAL" user passwd --username uji.bawaslu >/dev/null; check "user passwd exit 0" 0 $?
req GET /api/v1/session; check "reset sandi: sesinya berakhir" 401 "$STATUS"
req POST /api/v1/session "$LOGIN"; check "reset sandi: sandi lama ditolak" 401 "$STATUS"
req POST /api/v1/session '{"username":"uji.bawaslu","password":"Sandi-Reset-789!"}'
check "reset sandi: sandi baru diterima" 200 "$STATUS"
check "reset sandi: wajib diganti saat masuk" True "$(jget user.must_change_password)"
CSRF=$(jget csrf)
req POST /api/v1/session/sandi '{"password_lama":"Sandi-Reset-789!","password_baru":"Rahasia-123!"}' -H "X-CSRF-Token: $CSRF"
check "ganti sandi sesudah reset" 200 "$STATUS"
out=$("$NETRAL" user disable --username tidak.ada 2>&1); rc=$?
check "user disable akun tak dikenal → exit 1" 1 $rc
check_contains "pesan menyebut akun" "Akun tidak.ada tidak ada" "$out"
out=$("$NETRAL" user passwd --username uji.bawaslu 2>&1 </dev/null); rc=$?
check "user passwd tanpa stdin → exit 2" 2 $rc
# Someone with write access to the database but not the key file raises an account to admin:
# its session ends, it cannot log in, `user list` shows it, administration refuses it until the
# operator has looked and accepts the row (`user segel`, audited).
req POST /api/v1/session "$LOGIN"; check "segel: masuk sebelum diubah" 200 "$STATUS"
e2e_sql "UPDATE users SET role='admin', wilayah='35' WHERE username='uji.bawaslu'" >/dev/null
req GET /api/v1/session; check "segel: akun diubah di basis data → sesinya ditolak" 401 "$STATUS"
req POST /api/v1/session "$LOGIN"; check "segel: akun diubah → tidak dapat masuk" 403 "$STATUS"
check_contains "segel: pesan menyebut segel" "segel tidak cocok" "$(jget error.message)"
check_contains "user list: SEGEL RUSAK" "SEGEL RUSAK" "$("$NETRAL" user list | grep uji.bawaslu)"
out=$("$NETRAL" audit verify); rc=$?
check "audit verify: akun bersegel rusak → exit 1" 1 $rc
check_contains "audit verify menyebut akunnya" "segel akun RUSAK: 1 dari" "$out"
check_contains "audit verify menyebut nama akun" "uji.bawaslu" "$out"
out=$("$NETRAL" user disable --username uji.bawaslu 2>&1); rc=$?
check "segel rusak: user disable ditolak → exit 1" 1 $rc
check_contains "segel rusak: pesan menyebut user segel" "netral user segel" "$out"
check_contains "user segel: diterima apa adanya" "disegel ulang" "$("$NETRAL" user segel --username uji.bawaslu)"
check_contains "user segel lagi: utuh" "utuh" "$("$NETRAL" user segel --username uji.bawaslu)"
req POST /api/v1/session "$LOGIN"; check "sesudah user segel: dapat masuk" 200 "$STATUS"
check "sesudah user segel: peran yang diterima operator" admin "$(jget user.role)"
check_contains "audit verify sesudah user segel: segel akun OK" "segel akun OK" "$("$NETRAL" audit verify)"
check "segel ulang tercatat di audit" 1 "$(e2e_sql "SELECT COUNT(*) FROM audit WHERE action='akun.segel_ulang' AND object='uji.bawaslu'")"
e2e_stop

out=$("$NETRAL" audit verify); rc=$?
check "audit verify OK" 0 $rc
check_contains "audit OK teks" "audit OK:" "$out"
TITIK=$(printf '%s\n' "$out" | sed -n 's/^ujung: \([0-9]*:[0-9a-f]\{64\}\)$/\1/p')
check "audit verify mencetak ujung log" "$(e2e_sql "SELECT id || ':' || hash FROM audit ORDER BY id DESC LIMIT 1")" "$TITIK"
out=$("$NETRAL" audit verify --titik "$TITIK"); rc=$?
check "titik periksa cocok → 0" 0 $rc
check_contains "titik periksa disebut cocok" "cocok" "$out"
"$NETRAL" audit verify --titik 12:abc >/dev/null 2>&1; check "titik periksa salah bentuk → 2" 2 $?
e2e_sql "DELETE FROM audit WHERE id=${TITIK%%:*}" >/dev/null
"$NETRAL" audit verify >/dev/null; check "ujung dihapus: rantai saja tidak tahu" 0 $?
out=$("$NETRAL" audit verify --titik "$TITIK"); rc=$?
check "ujung dihapus: titik periksa → 1" 1 $rc
check_contains "ujung dihapus: pesan" "tidak ada lagi" "$out"
e2e_sql "UPDATE audit SET actor='penyusup' WHERE id=(SELECT MIN(id) FROM audit)" >/dev/null
out=$("$NETRAL" audit verify); rc=$?
check "audit verify gagal setelah diubah" 1 $rc
check_contains "menyebut entri rusak" "entri #1" "$out"
e2e_done
