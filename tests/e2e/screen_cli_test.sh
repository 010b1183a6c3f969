#!/usr/bin/env bash
# screen_cli_test.sh — `netral screen` as a user runs it: JSONL in, one JSONL
# result per post in input order; --threads N gives the same bytes as one
# thread (and is screen's own option, not the HTTP pool's); every hit's
# mulai/akhir are byte offsets into the original teks; a malformed line is
# reported by its number and skipped with exit 1; stdin works; --eval prints
# the quality table; usage errors exit 2 with an Indonesian message.
source tests/e2e/lib.sh
e2e_env
export NETRAL_DATA_DIR="$E2E_TMP" # the rule cache goes here
py() { python3 -c "$@"; }
POSTS=tests/data/screen/pos_berlabel.jsonl
# eleven copies (4,499 lines): more than one batch of 4,096 lines
cat "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" "$POSTS" >"$E2E_TMP/in.jsonl"
n_in=$(grep -c . "$E2E_TMP/in.jsonl")

"$NETRAL" screen --json --threads 1 "$E2E_TMP/in.jsonl" >"$E2E_TMP/t1.jsonl" 2>"$E2E_TMP/t1.err"
check "1 thread: exit 0" 0 $?
check "1 thread: satu hasil per pos" "$n_in" "$(wc -l <"$E2E_TMP/t1.jsonl")"
check_contains "ringkasan di stderr" "Selesai: $n_in pos" "$(cat "$E2E_TMP/t1.err")"
"$NETRAL" screen --json --threads 3 "$E2E_TMP/in.jsonl" >"$E2E_TMP/t3.jsonl" 2>/dev/null
check "3 thread: bita sama dengan 1 thread" "$(sha256sum <"$E2E_TMP/t1.jsonl")" "$(sha256sum <"$E2E_TMP/t3.jsonl")"
"$NETRAL" screen --json --threads 2 - <"$E2E_TMP/in.jsonl" >"$E2E_TMP/stdin.jsonl" 2>/dev/null
check "stdin (-): bita sama" "$(sha256sum <"$E2E_TMP/t1.jsonl")" "$(sha256sum <"$E2E_TMP/stdin.jsonl")"

# ids in input order; offsets cut the original teks (bytes) at the hit
res=$(py 'import json,sys
posts=[json.loads(l) for l in open(sys.argv[1],encoding="utf-8") if l.strip()]
outs=[json.loads(l) for l in open(sys.argv[2],encoding="utf-8")]
order=all(str(p["id"])==str(o["id"]) for p,o in zip(posts,outs))
bad=0; hits=0; campaign_flagged=0; campaign=0
for p,o in zip(posts,outs):
    t=p["teks"].encode()
    if p.get("label")=="kampanye":
        campaign+=1; campaign_flagged+=o["skor"]>=50
    for h in o["hits"]:
        hits+=1
        s=t[h["mulai"]:h["akhir"]]
        if not (0<=h["mulai"]<h["akhir"]<=len(t)) or not s.strip(): bad+=1
        try: s.decode()
        except UnicodeDecodeError: bad+=1
print(order, hits>1000, bad, campaign_flagged*100//campaign>=95)' "$E2E_TMP/in.jsonl" "$E2E_TMP/t1.jsonl")
check "urutan id, hits ada, offset memotong teks utuh, kampanye tertandai" "True True 0 True" "$res"
# a known post: the hit covers the obfuscated word in the original text
printf '%s\n' '{"id":"k1","teks":"Bsk jgn lupa c0bl0sss no urut 2 ya gaes!!"}' | "$NETRAL" screen --json - >"$E2E_TMP/k1.jsonl" 2>/dev/null
check "istilah coblos dan jgn dipetakan ke teks asli" "c0bl0sss|jgn lupa c0bl0sss" "$(py 'import json,sys; o=json.loads(open(sys.argv[1]).read()); t="Bsk jgn lupa c0bl0sss no urut 2 ya gaes!!".encode(); d={h["istilah"]:t[h["mulai"]:h["akhir"]].decode() for h in o["hits"]}; print(d["coblos"]+"|"+d["jangan lupa … coblos"])' "$E2E_TMP/k1.jsonl")"

# malformed line 2: reported by number, others still screened, exit 1
printf '%s\n%s\n%s\n' '{"id":"a","teks":"Ayo coblos nomor 2"}' '{"id":"b","teks":' '{"id":"c","teks":"Rapat dinas pagi ini"}' >"$E2E_TMP/bad.jsonl"
"$NETRAL" screen --json --threads 2 "$E2E_TMP/bad.jsonl" >"$E2E_TMP/bad.out" 2>"$E2E_TMP/bad.err"
check "baris rusak: exit 1" 1 $?
check "baris rusak: dua hasil tetap ditulis" "a c" "$(py 'import json,sys; print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$E2E_TMP/bad.out")"
check_contains "baris rusak: nomor baris" "Baris 2: JSON tidak sah" "$(cat "$E2E_TMP/bad.err")"
check_contains "baris rusak: jumlah dilewati" "1 baris tidak sah dilewati." "$(cat "$E2E_TMP/bad.err")"

out=$("$NETRAL" screen --threads 0 "$E2E_TMP/bad.jsonl" 2>&1); rc=$?
check "--threads 0: exit 2" 2 "$rc"
check_contains "--threads 0: pesan" "--threads harus 1–64" "$out"
out=$("$NETRAL" screen --json /tidak/ada.jsonl 2>&1); rc=$?
check "berkas tidak ada: exit 1" 1 "$rc"
check_contains "berkas tidak ada: pesan" "tidak dapat membuka /tidak/ada.jsonl" "$out"
out=$("$NETRAL" screen --eval tests/data/screen/pos_uji2.jsonl 2>/dev/null)
check_contains "--eval: tabel" "keseluruhan" "$out"
check_contains "--eval: negatif sulit" "Negatif sulit: 48 pos" "$out"
e2e_done
