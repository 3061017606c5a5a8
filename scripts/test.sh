#!/usr/bin/env bash
# Runs every test. Integration tests need Azurite: unless EVMONITOR_TEST_STORAGE already names a
# running one, this starts a throw-away in-memory Azurite on ports 10100-10102 and stops it after,
# and a second one on 10110-10112 as a second storage account (EVMONITOR_TEST_STORAGE_2) for the
# tests of telemetry spread over two accounts, which are skipped, saying why, without it.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
if [ -z "${EVMONITOR_TEST_STORAGE:-}" ]; then
  scripts/azurite.sh start 10100 --in-memory
  scripts/azurite.sh start 10110 --in-memory
  trap 'scripts/azurite.sh stop 10100; scripts/azurite.sh stop 10110' EXIT
  export EVMONITOR_TEST_STORAGE="$(scripts/connection-string.sh 10100)"
  export EVMONITOR_TEST_STORAGE_2="${EVMONITOR_TEST_STORAGE_2:-$(scripts/connection-string.sh 10110)}"
fi

log=$(mktemp)
status=0
dotnet test EvMonitorFunctions.sln "$@" 2>&1 | tee "$log" || status=$?
# One closing line over every test project: "N passed, N failed".
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
# A project that does not build runs no test and counts as no failure: say so, and fail.
build_errors=$(grep -cE ': error [A-Z]+[0-9]+:' "$log" || true)
rm -f "$log"
[ "$build_errors" -eq 0 ] || echo "build: $build_errors compiler errors; the projects that did not build ran no test" >&2
echo "tests: $passed passed, $failed failed"
exit "$status"
