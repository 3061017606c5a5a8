#!/usr/bin/env bash
# Load run against the local service (see docs/performance.md). Builds the local host and the load
# tool in Release; the tool starts its own Azurite (blob port 10500, queue and table on the next two)
# and the local host on 127.0.0.1:7500, runs the apps, checks what was stored, and stops both.
#   scripts/load.sh [--clients 16] [--seconds 20] [--batch 10] [--fault none|storage-restart|kill-worker] [--cpu dedicated|shared]
#                   [--port 7500] [--blob-port 10500] [--service-setting KEY=VALUE]...
# Each service phase also prints the service's storage requests per push and per snapshot, exact, by
# kind and table, and the push path's stage times (docs/performance.md).
# Logs of the service processes are kept in .load/.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
dotnet build -c Release -nologo -v quiet src/EvMonitor.LocalHost
dotnet build -c Release -nologo -v quiet bench/EvMonitor.LoadTest
exec dotnet bench/EvMonitor.LoadTest/bin/Release/net10.0/EvMonitor.LoadTest.dll "$@"
