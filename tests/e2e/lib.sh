# lib.sh — helpers for e2e tests: start the real binary on a free port with a
# temporary database, call it with curl, assert, clean up.
set -u
BUILD=${BUILD:-build}
NETRAL=$PWD/$BUILD/netral
E2E_FAILS=0
E2E_TMP=$(mktemp -d /tmp/netral-e2e-XXXXXX)
E2E_PID=
# NETRAL_E2E_DB=postgres://… runs the suite on that (fresh) database instead (tests/e2e/pg_test.sh).
E2E_BACKEND=sqlite; case "${NETRAL_E2E_DB:-}" in postgres*) E2E_BACKEND=postgres;; esac
e2e_env() {
  export NETRAL_DB="${NETRAL_E2E_DB:-sqlite:$E2E_TMP/netral.db}" NETRAL_DATA_DIR="$E2E_TMP" NETRAL_KEY_FILE="$E2E_TMP/netral.key"
  export NETRAL_DEMO=0
}
# e2e_sql SQL: run SQL on the suite's database, rows as "a|b" lines.
e2e_sql() { if [ "$E2E_BACKEND" = postgres ]; then psql -qAtX "$NETRAL_E2E_DB" -c "$1"; else sqlite3 "$E2E_TMP/netral.db" "$1"; fi; }
# e2e_db_bytes: everything the database holds at rest, for grepping (blobs unencoded).
e2e_db_bytes() {
  if [ "$E2E_BACKEND" = postgres ]; then PGOPTIONS='-c bytea_output=escape' pg_dump -a "$NETRAL_E2E_DB" 2>/dev/null
  else sqlite3 "$E2E_TMP/netral.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null; cat "$E2E_TMP/netral.db" "$E2E_TMP"/netral.db-wal 2>/dev/null; fi
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
