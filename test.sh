#!/usr/bin/env bash
# Installs what the tests need, starts a throwaway PostgreSQL cluster on a free loopback port,
# runs the whole test suite against SQLite and PostgreSQL, stops the cluster, and ends with
# "N passed, N failed". `./test.sh security` runs only the security category (docs/SECURITY.md);
# `./test.sh screenshots` runs only the browser tests and lets them save the README's screenshots
# in docs/screenshots.
set -euo pipefail
filter=()
cd "$(dirname "$0")"
if [ "${1:-}" = "security" ]; then
  filter=(--filter-trait "Category=security")
elif [ "${1:-}" = "screenshots" ]; then
  filter=(--filter-namespace "Portcullis.Tests.Browser")
  export PORTCULLIS_SCREENSHOTS="$PWD/docs/screenshots"
elif [ -n "${1:-}" ]; then
  echo "Unknown argument '$1'; run ./test.sh for every test, ./test.sh security for the security category, or ./test.sh screenshots for the browser tests and the README's screenshots."
  exit 2
fi

packages=()
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ] || packages+=(postgresql)
[ -x /usr/bin/chromium ] || packages+=(chromium)
# The MQTT tests start their own Mosquitto brokers (tests/Portcullis.Tests/Infrastructure/MosquittoBroker.cs).
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || packages+=(mosquitto)
# OpenCV's official Linux runtime (scan decoding, src/Portcullis.Imaging) links against GTK 3.
dpkg -s libgtk-3-0 >/dev/null 2>&1 || packages+=(libgtk-3-0)
if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${packages[*]} with apt..."
    apt-get update -o DPkg::Lock::Timeout=300 >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 "${packages[@]}" >/dev/null
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "Missing system packages. Install them, then run ./test.sh again:"
    echo "  sudo apt-get install -y --no-install-recommends ${packages[*]}"
    exit 2
  fi
fi

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

work=$(mktemp -d /tmp/portcullis-test.XXXXXX)
pg_port=$(free_port)
as_pg=()
if [ "$(id -u)" -eq 0 ]; then
  # initdb refuses to run as root; the cluster belongs to the postgres user.
  chown postgres:postgres "$work"
  as_pg=(runuser -u postgres --)
fi

stop_cluster() {
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop_cluster EXIT

"${as_pg[@]}" "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --no-instructions >/dev/null
"${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
export PORTCULLIS_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
echo "PostgreSQL test cluster on 127.0.0.1:$pg_port"

dotnet tool restore >/dev/null
dotnet build Portcullis.slnx -nologo -v q -clp:ErrorsOnly
set +e
# libpng reports every corrupt PNG that the scan-format tests feed OpenCV on stderr; those lines are
# expected and bury the failures, so they are left out of the output (the tests assert the refusals).
dotnet test --solution Portcullis.slnx --no-build "${filter[@]}" 2>&1 | grep --line-buffered -v '^\s*libpng \(error\|warning\): ' | tee "$work/test.log"
status=${PIPESTATUS[0]}
set -e

total=$(grep -E '^\s+total: [0-9]+' "$work/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
failed=$(grep -E '^\s+failed: [0-9]+' "$work/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
passed=$(grep -E '^\s+succeeded: [0-9]+' "$work/test.log" | tail -n 1 | grep -oE '[0-9]+' || echo 0)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed before counting (build or crash): count it as a failure.
  failed=1
fi
if [ "$failed" -gt 0 ]; then
  # Repeated at the end, where a CI log's tail shows it: each failed test and the first lines of why.
  echo "Failed tests:"
  grep -E -A 12 '^\s*failed [A-Za-z]' "$work/test.log" || true
fi
echo "$passed passed, $failed failed"
[ "$status" -eq 0 ] && [ "$total" -gt 0 ]
