#!/usr/bin/env bash
# Runs one bench command alternately on a baseline checkout and on this one, round by round, so
# that machine drift hits both alike. Build both first: dotnet build -c Release bench/Portcullis.Bench
# Usage: bench/compare.sh BASELINE_CHECKOUT ROUNDS COMMAND [ARGS...]
#   e.g. git worktree add /tmp/base 2392e2d && (cd /tmp/base && dotnet build -c Release bench/Portcullis.Bench)
#        bench/compare.sh /tmp/base 3 select-plan
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
base=$(cd "$1" && pwd)
rounds=$2
shift 2
for round in $(seq 1 "$rounds"); do
  for side in before now; do
    dir=$base
    [ "$side" = now ] && dir=$here
    echo "### $side, round $round ($dir)"
    (cd "$dir" && dotnet bench/Portcullis.Bench/bin/Release/net10.0/Portcullis.Bench.dll "$@")
  done
done
