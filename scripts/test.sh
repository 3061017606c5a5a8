#!/usr/bin/env bash
# Runs every test. Integration tests need Azurite: unless EVMONITOR_TEST_STORAGE already names a
# running one, this starts a throw-away in-memory Azurite on ports 10100-10102 and stops it after.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
if [ -z "${EVMONITOR_TEST_STORAGE:-}" ]; then
  scripts/azurite.sh start 10100 --in-memory
  trap 'scripts/azurite.sh stop 10100' EXIT
  export EVMONITOR_TEST_STORAGE="$(scripts/connection-string.sh 10100)"
fi
dotnet test EvMonitorFunctions.sln "$@"
