#!/usr/bin/env bash
# Builds and starts Portcullis with a simulated month of mainport traffic on the embedded SQLite
# database under ./data. Extra arguments go to `portcullis serve`, e.g. --urls http://0.0.0.0:8080.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET 10 SDK is missing; install it and run ./run.sh again." >&2
  exit 2
fi
# Portcullis needs no system packages beyond the SDK: SQLite ships inside the build.
# Capabilities that need native libraries add their apt installs here.

echo "Building Portcullis..."
if ! build_output=$(dotnet build src/Portcullis -c Release -nologo -v q 2>&1); then
  echo "$build_output" >&2
  exit 1
fi
exec dotnet src/Portcullis/bin/Release/net10.0/portcullis.dll serve --demo "$@"
