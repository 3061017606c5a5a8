#!/usr/bin/env bash
# Starts the whole service locally: Azurite (data kept in .azurite/), then the API on
# http://127.0.0.1:7071/api/… with the queue-triggered normalizer, without Azure Functions Core Tools.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/azurite.sh start 10000 .azurite/data
trap 'scripts/azurite.sh stop 10000' EXIT
export AzureWebJobsStorage="${AzureWebJobsStorage:-UseDevelopmentStorage=true}"
dotnet run --project src/EvMonitor.LocalHost -- "$@"
