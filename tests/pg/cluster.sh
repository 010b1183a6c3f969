#!/usr/bin/env bash
# cluster.sh — a throw-away PostgreSQL cluster for tests and benchmarks.
#
#   tests/pg/cluster.sh start            → prints the URL of database "netral"
#   tests/pg/cluster.sh createdb URL NAME → creates database NAME, prints its URL
#   tests/pg/cluster.sh stop URL|DIR     → stops the cluster and removes its directory
#
# The cluster lives in a temporary directory, listens only on a unix socket
# in that directory (no TCP port, so parallel runs cannot collide) and trusts
# local connections. PostgreSQL refuses to run as root, so as root initdb and
# pg_ctl run as the unprivileged system user netral_pg (created on demand).
# As root, Debian's postgresql is installed when missing; as another user a
# missing installation exits 77 ("skip").
# NETRAL_PG_DURABLE=1 keeps fsync on (benchmarks); tests turn it off.
set -euo pipefail
PG_USER=netral_pg

pg_bindir() {
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

ensure_installed() {
  pg_bindir >/dev/null && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL tidak terpasang dan bukan root: lewati." >&2
    exit 77
  fi
  echo "memasang postgresql (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  local apt=(apt-get -o DPkg::Lock::Timeout=300 -y -q)
  "${apt[@]}" install postgresql >&2 || { "${apt[@]}" update >&2 && "${apt[@]}" install postgresql >&2; }
  pg_bindir >/dev/null || { echo "gagal memasang postgresql" >&2; exit 1; }
}

# as_pg CMD...: run as the cluster owner (root cannot run postgres).
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$PG_USER" -- "$@"
  else
    "$@"
  fi
}

dir_of() { # URL or DIR → DIR
  case "$1" in
    postgres*://*) local h=${1#*host=}; echo "${h%%&*}";;
    *) echo "$1";;
  esac
}

cmd_start() {
  ensure_installed
  local bin dir
  bin=$(pg_bindir)
  if [ "$(id -u)" -eq 0 ] && ! id "$PG_USER" >/dev/null 2>&1; then
    # Tolerate a parallel run creating it at the same moment.
    useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER" 2>/dev/null || id "$PG_USER" >/dev/null
  fi
  dir=$(mktemp -d /tmp/netral-pg-XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" -eq 0 ] && chown "$PG_USER" "$dir"
  # Locale C: byte-order sorting and ASCII-only case folding, as SQLite.
  as_pg "$bin/initdb" -D "$dir/data" -U netral --auth=trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1 ||
    { cat "$dir/initdb.log" >&2; exit 1; }
  local opts="-k $dir -c listen_addresses='' -c max_connections=200 -c shared_buffers=128MB"
  if [ "${NETRAL_PG_DURABLE:-0}" != 1 ]; then
    opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
  fi
  as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$opts" start >/dev/null ||
    { cat "$dir/server.log" >&2; exit 1; }
  "$bin/createdb" -h "$dir" -U netral netral
  echo "postgresql://netral@/netral?host=$dir"
}

cmd_createdb() {
  local url=$1 name=$2 dir bin
  dir=$(dir_of "$url")
  bin=$(pg_bindir)
  "$bin/createdb" -h "$dir" -U netral "$name"
  echo "postgresql://netral@/$name?host=$dir"
}

cmd_stop() {
  local dir bin
  dir=$(dir_of "$1")
  case "$dir" in /tmp/netral-pg-*) ;; *) echo "bukan direktori klaster uji: $dir" >&2; exit 1;; esac
  bin=$(pg_bindir || true)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) cmd_start;;
  createdb) cmd_createdb "$2" "$3";;
  stop) cmd_stop "$2";;
  *) echo "pakai: $0 start | createdb URL NAMA | stop URL" >&2; exit 2;;
esac
