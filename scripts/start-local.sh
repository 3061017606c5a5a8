#!/usr/bin/env bash
# Starts the whole service locally: Azurite (data kept in .azurite/), then the API on
# http://127.0.0.1:7071/api/… with the queue-triggered normalizer, without Azure Functions Core Tools.
# To run beside another copy: EVMONITOR_AZURITE_PORT=10300 (Azurite's blob port; queue and table
# take the next two) and the API's address as an argument, e.g. --Urls=http://127.0.0.1:7300.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${EVMONITOR_AZURITE_PORT:-10000}"
if [ "$port" = 10000 ]; then
  scripts/azurite.sh start 10000 .azurite/data
  export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
else
  scripts/azurite.sh start "$port" ".azurite/data-$port"
  export AzureWebJobsStorage="${AzureWebJobsStorage:-$(scripts/connection-string.sh "$port")}"
fi
trap 'scripts/azurite.sh stop "$port"' EXIT
dotnet run --project src/EvMonitor.LocalHost -- "$@"
