#!/usr/bin/env bash
# lint.sh — fail when src/ calls a banned libc function (see src/core/banned.h).
set -u
hits=$(grep -rnE '\b(strcpy|strcat|sprintf|gets|strtok|atoi)\s*\(' src | grep -v 'core/banned.h' || true)
if [ -n "$hits" ]; then
  echo "Fungsi terlarang dipakai di src/:"; echo "$hits"; exit 1
fi
exit 0
