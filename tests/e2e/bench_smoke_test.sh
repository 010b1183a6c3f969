#!/usr/bin/env bash
# bench_smoke_test.sh — `make bench` keeps working: every bench helper
# compiles, and the screening bench runs end to end on a 2 MB corpus (one
# round). No timing is asserted (benchmarks are not tests); what is checked
# is that the figures are printed and that the bench's pipeline, its raw
# baselines and the CLI saw the same posts. (The screening bench once
# stopped linking after a core module was added, and nothing noticed.)
source tests/e2e/lib.sh
e2e_env
export NETRAL_DATA_DIR="$E2E_TMP"

# the standalone helpers, compiled as bench/lib.sh compiles them
cc_helper() { # name src [flags...]
  local name=$1; shift
  (. bench/lib.sh && bench_cc "$E2E_TMP/$name" "$@") >"$E2E_TMP/$name.log" 2>&1
  check "bench: $name terkompilasi" 0 $?
}
# shellcheck disable=SC2046
cc_helper bare_mhd bench/bare_mhd.c $(pkg-config --cflags --libs libmicrohttpd)
cc_helper load bench/load.c
cc_helper gen_pegawai bench/gen_pegawai.c
# shellcheck disable=SC2046
cc_helper intake_baseline bench/intake_baseline.c $(pkg-config --cflags --libs sqlite3)

out=$(TMPDIR="$E2E_TMP" SCREEN_BENCH_MB=2 SCREEN_BENCH_ROUNDS=1 bash bench/screen_bench.sh "$BUILD" 2>&1)
check "screen_bench.sh: exit 0" 0 $?
check_contains "screen: rasio dari berkas" "rasio" "$(grep '^1\. dari berkas' <<<"$out")"
check_contains "screen: rasio dari memori" "rasio" "$(grep '^2\. dari memori' <<<"$out")"
check_contains "screen: memori puncak" "memori puncak pipeline" "$out"
posts=$(sed -n 's/^pos: \([0-9]*\),.*/\1/p' <<<"$out")
flagged=$(sed -n 's/^pos: .*ditandai (skor>=[0-9]*): \([0-9]*\),.*/\1/p' <<<"$out")
check "screen: pos dihitung (> 5000)" 1 "$([ "${posts:-0}" -gt 5000 ] && echo 1)"
check "screen: sebagian pos ditandai" 1 "$([ "${flagged:-0}" -gt 0 ] && [ "$flagged" -lt "$posts" ] && echo 1)"
raw=$(sed -n 's/^kecocokan mentah: hs_scan \([0-9]*\),.*/\1/p' <<<"$out")
check "screen: hs_scan per berkas dan per blok 1 MiB melihat kecocokan yang sama" \
  "$raw $raw" "$(sed -n 's/^3\..*(\([0-9]*\) kecocokan).*/\1/p' <<<"$out" | tr '\n' ' ' | sed 's/ $//')"
check "screen: CLI (1 dan 2 thread) menandai pos yang sama dengan pipeline bench" \
  "Selesai: $posts pos, $flagged dengan temuan
Selesai: $posts pos, $flagged dengan temuan" "$(grep '^Selesai:' <<<"$out" | sed 's/, [0-9.]* MB\/detik//')"
e2e_done
