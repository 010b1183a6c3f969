#!/usr/bin/env bash
# screen_bench.sh BUILD_DIR — build and run the screening benchmark
# (bench/screen_bench.c) on a generated corpus, then, when BUILD_DIR/netral
# has the screen command, the CLI on the same corpus with 1 and 2 threads.
# Prints figures only; SCREEN_BENCH_MB overrides the corpus size (200 MB).
set -euo pipefail
BUILD=${1:-build}
MB=${SCREEN_BENCH_MB:-200}
cd "$(dirname "$0")/.."
work=$(mktemp -d "${TMPDIR:-/tmp}/netral-screen-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$BUILD/bench"
bin="$BUILD/bench/screen_bench"
# Every core and screening source, so a module the engine starts to use is
# linked without editing this line (tests/e2e/bench_smoke_test.sh builds and
# runs this script on a small corpus, so a broken bench fails make test).
# shellcheck disable=SC2046
gcc -std=c11 -D_GNU_SOURCE -pthread -Wall -Wextra -Wno-unused-parameter -O2 -g -DNDEBUG -Isrc \
  $(pkg-config --cflags libhs jansson libsodium 2>/dev/null || echo -I/usr/include/hs) \
  bench/screen_bench.c src/screen/*.c src/core/*.c \
  -o "$bin" $(pkg-config --libs libhs jansson libsodium 2>/dev/null || echo -lhs -ljansson -lsodium) -lstdc++ -lm
echo "== screen: pipeline penyaringan (korpus ${MB} MB)"
"$bin" "$work" "$MB"
if [ -x "$BUILD/netral" ] && "$BUILD/netral" screen --help >/dev/null 2>&1; then
  for th in 1 2; do
    echo "== netral screen --threads $th (CLI, korpus yang sama)"
    /usr/bin/time -f "memori puncak CLI: %M KB" "$BUILD/netral" screen --json --threads "$th" \
      --paslon "$work/paslon_bench.csv" --cache "$work" "$work/pos_bench.jsonl" >/dev/null
  done
fi
