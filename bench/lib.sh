# shellcheck shell=bash
# bench/lib.sh — helpers shared by bench/run.sh and bench/*_bench.sh.
# Source it:  . "$(dirname "$0")/lib.sh"
# It installs an EXIT/INT/TERM trap that stops every server started with
# bench_start and removes every directory made with bench_tmpdir, so a
# script that sources it must not install its own trap for those signals.
# User-facing text is Bahasa Indonesia.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BENCH_ROOT=$(cd "$BENCH_DIR/.." && pwd)
BENCH_PIDS=()
BENCH_TMPS=()

bench_cleanup() {
  local p i
  for p in "${BENCH_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
  for p in "${BENCH_PIDS[@]}"; do
    for ((i = 0; i < 50; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  BENCH_PIDS=()
  for p in "${BENCH_TMPS[@]}"; do rm -rf -- "$p"; done
  BENCH_TMPS=()
}
trap bench_cleanup EXIT
trap 'echo; echo "dihentikan; membersihkan server dan folder sementara" >&2; bench_cleanup; trap - EXIT; exit 130' INT
trap 'bench_cleanup; trap - EXIT; exit 143' TERM

bench_die() { echo "bench: $*" >&2; exit 1; }
bench_warn() { echo "  PERINGATAN: $*" >&2; }

# bench_build_dir DIR -> absolute path of the build directory (default build)
bench_build_dir() {
  local b=${1:-build}
  case $b in /*) ;; *) b=$BENCH_ROOT/$b ;; esac
  [ -d "$b" ] || bench_die "folder build tidak ada: $b (jalankan make dulu)"
  (cd "$b" && pwd)
}

# bench_tmpdir VAR -> makes a temp dir (removed on exit) and stores its path in VAR.
# (Not `$(bench_tmpdir)`: a command substitution is a subshell and the
# registration for cleanup would be lost.)
bench_tmpdir() {
  local d
  d=$(mktemp -d "${TMPDIR:-/tmp}/netral-bench.XXXXXX") || bench_die "mktemp gagal"
  BENCH_TMPS+=("$d")
  printf -v "$1" '%s' "$d"
}

# bench_free_port -> a TCP port on 127.0.0.1 nobody listens on right now
# Ports are drawn below the kernel's ephemeral range: a port in that range can
# be unconnectable yet still held by an outgoing socket in TIME_WAIT (wrk and
# the load generator leave thousands), so a server could not bind it.
bench_free_port() {
  local p i lo=32768
  read -r lo _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || lo=32768
  [ "$lo" -gt 12000 ] || lo=32768
  for ((i = 0; i < 200; i++)); do
    p=$((10000 + (RANDOM * 32768 + RANDOM) % (lo - 10000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  bench_die "tidak menemukan port bebas"
}

# bench_start LOG CMD... -> starts CMD in the background (stdout+stderr to LOG),
# registers it for cleanup, sets BENCH_LAST_PID.
bench_start() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  BENCH_LAST_PID=$!
  BENCH_PIDS+=("$BENCH_LAST_PID")
}

# bench_stop PID -> TERM, wait up to 5 s, then KILL
bench_stop() {
  local p=$1 i
  kill -TERM "$p" 2>/dev/null
  for ((i = 0; i < 50; i++)); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$p" 2>/dev/null
  wait "$p" 2>/dev/null
  local keep=() q
  for q in "${BENCH_PIDS[@]}"; do [ "$q" = "$p" ] || keep+=("$q"); done
  BENCH_PIDS=("${keep[@]}")
}

# bench_http_status URL -> prints the HTTP status code (000 when unreachable)
bench_http_status() {
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "$1" 2>/dev/null || true
    return
  fi
  # No curl (it is not a bench dependency): HTTP/1.0 over bash's /dev/tcp.
  local rest=${1#http://} hostport path line
  hostport=${rest%%/*}; path=/${rest#*/}
  if ! exec 3<>"/dev/tcp/${hostport%:*}/${hostport##*:}" 2>/dev/null; then echo 000; return; fi
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$hostport" >&3
  IFS=' ' read -r -t 5 _ line _ <&3 || line=000
  exec 3<&- 3>&-
  echo "${line:-000}"
}

# bench_wait_http URL PID [SECONDS] -> waits until URL answers 200; fails if PID dies
bench_wait_http() {
  local url=$1 pid=$2 secs=${3:-15} i
  for ((i = 0; i < secs * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || return 1
    [ "$(bench_http_status "$url")" = 200 ] && return 0
    sleep 0.1
  done
  return 1
}

# bench_start_netral BUILD TMP -> starts `netral serve` on a free port with a
# throwaway database and data dir; sets NETRAL_PID and NETRAL_URL.
bench_start_netral() {
  local build=$1 tmp=$2 port
  port=$(bench_free_port)
  (cd "$BENCH_ROOT" &&
    NETRAL_LISTEN=127.0.0.1:$port NETRAL_DB=sqlite:$tmp/n.db NETRAL_DATA_DIR=$tmp NETRAL_KEY_FILE=$tmp/k \
      NETRAL_DEMO=0 NETRAL_RATE_LOGIN=0 NETRAL_RATE_LOGIN_IP=0 NETRAL_RATE_INTAKE=0 NETRAL_THREADS=4 \
      exec "$build/netral" serve) >"$tmp/netral.log" 2>&1 &
  NETRAL_PID=$!
  BENCH_PIDS+=("$NETRAL_PID")
  NETRAL_URL=http://127.0.0.1:$port
  if ! bench_wait_http "$NETRAL_URL/api/v1/health" "$NETRAL_PID" 30; then
    echo "--- log server ---" >&2; tail -n 20 "$tmp/netral.log" >&2
    bench_die "server netral tidak siap di $NETRAL_URL"
  fi
}

# bench_peak_rss_kb PID -> VmHWM in kB (empty if unknown)
bench_peak_rss_kb() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null; }

# bench_wrk URL [wrk options...] -> prints requests/s (0 on failure); warnings to stderr.
# Defaults: -t2 -c32 -d8s. Non-2xx responses or socket errors make the figure suspect.
BENCH_WRK_OPTS=${BENCH_WRK_OPTS:--t2 -c32 -d8s}
bench_wrk() {
  local url=$1; shift
  local out rps
  # shellcheck disable=SC2086
  out=$(wrk $BENCH_WRK_OPTS "$@" "$url" 2>&1) || { bench_warn "wrk gagal untuk $url"; echo 0; return; }
  rps=$(awk '/^Requests\/sec:/ {print $2}' <<<"$out")
  if grep -q 'Non-2xx or 3xx responses' <<<"$out"; then
    bench_warn "$url: $(grep 'Non-2xx' <<<"$out" | sed 's/^ *//') — angka tidak sahih"
  fi
  if grep -q 'Socket errors' <<<"$out"; then
    bench_warn "$url: $(grep 'Socket errors' <<<"$out" | sed 's/^ *//')"
  fi
  echo "${rps:-0}"
}

# bench_max A B -> the larger number
bench_max() { awk -v a="$1" -v b="$2" 'BEGIN { print (a + 0 >= b + 0) ? a : b }'; }

# bench_ratio NUM DEN -> NUM/DEN with 2 decimals ("-" if DEN is 0)
bench_ratio() { awk -v n="$1" -v d="$2" 'BEGIN { if (d + 0 <= 0) print "-"; else printf "%.2f\n", n / d }'; }

# bench_verdict RATIO GOAL -> "tercapai" / "belum tercapai"
bench_verdict() {
  awk -v r="$1" -v g="$2" 'BEGIN { if (r != "-" && r + 0 >= g + 0) print "tercapai"; else print "belum tercapai" }'
}

# bench_fmt NUMBER -> rounded integer for display
bench_fmt() { awk -v n="$1" 'BEGIN { printf "%.0f\n", n }'; }

# bench_cc OUT SRC [extra flags/libs...] -> compiles a bench helper with gcc
bench_cc() {
  local out=$1 src=$2; shift 2
  mkdir -p "$(dirname "$out")"
  gcc -std=c11 -D_GNU_SOURCE -O2 -g -pthread -Wall -Wextra -Werror -o "$out" "$src" "$@" ||
    bench_die "gagal mengompilasi $src"
}
