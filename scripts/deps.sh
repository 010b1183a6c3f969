#!/usr/bin/env bash
# deps.sh PKG... — install the Debian packages that are missing.
# As root: apt-get installs them. Otherwise: print the list and the command.
set -euo pipefail
missing=()
# Packages that may come from elsewhere (e.g. Node.js from NodeSource ships npm):
# satisfied when their command exists.
declare -A cmd_of=([nodejs]=node [npm]=npm [curl]=curl [chromium]=chromium [sqlite3]=sqlite3 [wrk]=wrk)
for p in "$@"; do
  c=${cmd_of[$p]:-}
  if [ -n "$c" ] && command -v "$c" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Paket Debian belum terpasang: ${missing[*]}" >&2
  echo "Pasang sebagai root: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Memasang paket Debian: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq || true
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
