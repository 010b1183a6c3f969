#!/usr/bin/env bash
# run.sh FUZZDIR SECONDS — run every built fuzz target (FUZZDIR/bin/fuzz_*):
# first over its committed corpus (tests/fuzz/corpus/<target>/, every input
# once: a regression check), then fuzzing for SECONDS seconds starting from
# that corpus. New inputs go to FUZZDIR/corpus/<target>/ (copy interesting
# ones into tests/fuzz/corpus/ by hand, `-merge=1` keeps it small); a crash is
# saved as FUZZDIR/crash-<target>-<hash> and fails the run.
#   tests/fuzz/run.sh build/fuzz 60     # what `make fuzz FUZZ_SECONDS=60` runs
#   build/fuzz/bin/fuzz_csv build/fuzz/crash-fuzz_csv-…   # replay one crash
set -u
DIR=${1:?FUZZDIR}; SECS=${2:-60}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=0
fails=0
for bin in "$DIR"/bin/fuzz_*; do
  [ -x "$bin" ] || continue
  t=$(basename "$bin")
  seeds=tests/fuzz/corpus/$t
  work=$DIR/corpus/$t
  mkdir -p "$work" "$seeds"
  log=$DIR/$t.log
  dict=(); [ -f "tests/fuzz/$t.dict" ] && dict=(-dict="tests/fuzz/$t.dict")
  # 1. regression: every committed input once
  if ! "$bin" -runs=0 "${dict[@]}" -artifact_prefix="$DIR/crash-$t-" "$seeds" >"$log" 2>&1; then
    echo "GAGAL - $t: korpus tersimpan memicu galat"; tail -40 "$log"; fails=$((fails+1)); continue
  fi
  # 2. fuzz for SECS seconds
  if "$bin" -max_total_time="$SECS" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
       "${dict[@]}" -artifact_prefix="$DIR/crash-$t-" "$work" "$seeds" >>"$log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$')
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    echo "ok - $t: ${runs:-?} masukan dalam ${SECS} dtk, ${cov:-cov ?}"
  else
    echo "GAGAL - $t (lihat $log)"; grep -A30 -m1 'ERROR\|==ERROR\|runtime error\|deadly signal' "$log" | head -40
    ls "$DIR"/crash-"$t"-* 2>/dev/null | head -3
    fails=$((fails+1))
  fi
done
echo "fuzz: $fails target gagal"
[ "$fails" -eq 0 ]
