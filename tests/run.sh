#!/usr/bin/env bash
# run.sh BUILD — run every test suite and end with one summary line:
#   "N passed, N failed"   (N counts suites: cmocka binaries, e2e scripts, browser tests)
# Each suite's own output (cmocka's, node's runner) is shown as it runs.
set -u
BUILD=${1:-build}
pass=0; fail=0; failed=()
run_suite() { # name cmd...
  local name=$1; shift
  echo "=== $name"
  if "$@"; then pass=$((pass+1)); else fail=$((fail+1)); failed+=("$name"); fi
}
bash scripts/lint.sh && pass=$((pass+1)) || { fail=$((fail+1)); failed+=(lint); }
for t in "$BUILD"/tests/*_test; do
  [ -x "$t" ] || continue
  run_suite "unit/$(basename "$t")" "$t"
done
for t in tests/e2e/*_test.sh tests/crash/*_test.sh; do
  [ -f "$t" ] || continue
  run_suite "$(basename "$(dirname "$t")")/$(basename "$t" .sh)" env BUILD="$BUILD" bash "$t"
done
# fuzz smoke: each libFuzzer target over its committed corpus, then a few seconds of fuzzing
if [ "${NETRAL_SKIP_FUZZ:-0}" != 1 ]; then
  run_suite "fuzz" make --no-print-directory fuzz-smoke BUILD="$BUILD"
fi
if [ -f tests/browser/run.sh ] && [ "${NETRAL_SKIP_BROWSER:-0}" != 1 ]; then
  run_suite "browser" env BUILD="$BUILD" bash tests/browser/run.sh
fi
[ ${#failed[@]} -gt 0 ] && echo "Gagal: ${failed[*]}"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
