# lib.sh — helpers for e2e tests: start the real binary on a free port with a
# temporary database, call it with curl, assert, clean up.
set -u
BUILD=${BUILD:-build}
NETRAL=$PWD/$BUILD/netral
E2E_FAILS=0
E2E_TMP=$(mktemp -d /tmp/netral-e2e-XXXXXX)
E2E_PID=
e2e_env() {
  export NETRAL_DB="sqlite:$E2E_TMP/netral.db" NETRAL_DATA_DIR="$E2E_TMP" NETRAL_KEY_FILE="$E2E_TMP/netral.key"
  export NETRAL_DEMO=0
}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }
e2e_start() { # extra env assignments may be given as args
  e2e_env
  E2E_PORT=$(free_port)
  export NETRAL_LISTEN="127.0.0.1:$E2E_PORT"
  BASE="http://127.0.0.1:$E2E_PORT"
  env "$@" "$NETRAL" serve >"$E2E_TMP/server.log" 2>&1 &
  E2E_PID=$!
  for _ in $(seq 1 100); do
    curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "server tidak mau mulai:"; cat "$E2E_TMP/server.log"; return 1
}
e2e_stop() { [ -n "$E2E_PID" ] && kill "$E2E_PID" 2>/dev/null && wait "$E2E_PID" 2>/dev/null; E2E_PID=; }
e2e_cleanup() { e2e_stop; rm -rf "$E2E_TMP"; }
trap e2e_cleanup EXIT
# req METHOD PATH [BODY] [extra curl args...] → sets STATUS and BODY
req() {
  local m=$1 p=$2 b=${3:-}; shift 3 2>/dev/null || shift $#
  local out
  out=$(curl -sS -o "$E2E_TMP/body" -w '%{http_code}' -X "$m" -b "$E2E_TMP/cookies" -c "$E2E_TMP/cookies" \
        -H 'Content-Type: application/json' ${b:+--data-binary "$b"} "$@" "$BASE$p")
  STATUS=$out
  BODY=$(cat "$E2E_TMP/body")
}
check() { # name expected actual
  if [ "$2" = "$3" ]; then echo "ok - $1"; else echo "GAGAL - $1: diharapkan '$2', didapat '$3'"; E2E_FAILS=$((E2E_FAILS+1)); fi
}
check_contains() { # name needle haystack
  case "$3" in *"$2"*) echo "ok - $1";; *) echo "GAGAL - $1: '$2' tidak ada dalam: ${3:0:300}"; E2E_FAILS=$((E2E_FAILS+1));; esac
}
jget() { python3 -c 'import json,sys; d=json.loads(sys.argv[1]); 
for k in sys.argv[2].split("."): d=d[int(k)] if isinstance(d,list) else d.get(k)
print("" if d is None else d)' "$BODY" "$1"; }
e2e_done() { echo "e2e $(basename "$0"): $E2E_FAILS gagal"; [ "$E2E_FAILS" -eq 0 ]; }
