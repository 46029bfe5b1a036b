#!/usr/bin/env bash
# Regenerates EF Core's compiled models of both providers (Storage/CompiledModels/Sqlite and
# Postgres). Run it after every change to an entity, its configuration or a migration's model:
# CompiledModelTests fails until the compiled models match the model OnModelCreating builds.
# Why compiled models: every CLI command is a new process, and building the model at start-up
# cost about a third of a short command's CPU time (docs/BENCHMARKS.md, "CLI start-up").
set -euo pipefail
cd "$(dirname "$0")/../../../.."
rm -rf src/Portcullis/Storage/CompiledModels/Sqlite src/Portcullis/Storage/CompiledModels/Postgres
dotnet tool restore >/dev/null
dotnet build src/Portcullis -nologo -v q -clp:ErrorsOnly
for provider in Sqlite Postgres; do
  dotnet ef dbcontext optimize --no-build -p src/Portcullis -s src/Portcullis -c "${provider}PortcullisDb" \
    -o "Storage/CompiledModels/$provider" -n "Portcullis.Storage.CompiledModels.$provider" 2>&1 | grep -v NU1603
done
