#!/usr/bin/env bash
# Starts Azurite from the project's pinned npm dependency and waits until it answers.
#   scripts/azurite.sh start [blob-port] [data-dir|--in-memory]   (queue and table ports follow the blob port)
#   scripts/azurite.sh stop  [blob-port]
set -euo pipefail
cd "$(dirname "$0")/.."

action=${1:?usage: azurite.sh start|stop [blob-port] [data-dir|--in-memory]}
blob_port=${2:-10000}
queue_port=$((blob_port + 1))
table_port=$((blob_port + 2))
pid_file=".azurite/azurite-$blob_port.pid"

case "$action" in
  start)
    [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
    mkdir -p .azurite
    if [ "${3:-.azurite/data}" = "--in-memory" ]; then storage=(--inMemoryPersistence); else mkdir -p "${3:-.azurite/data}"; storage=(--location "${3:-.azurite/data}"); fi
    # --disableTelemetry: Azurite otherwise reports every request to Application Insights, which costs
    # its single thread CPU per request and sends usage data off the machine.
    node_modules/.bin/azurite --silent --skipApiVersionCheck --disableTelemetry "${storage[@]}" \
      --blobHost 127.0.0.1 --blobPort "$blob_port" \
      --queueHost 127.0.0.1 --queuePort "$queue_port" \
      --tableHost 127.0.0.1 --tablePort "$table_port" > ".azurite/azurite-$blob_port.log" 2>&1 &
    echo $! > "$pid_file"
    for _ in $(seq 1 100); do
      if (echo > "/dev/tcp/127.0.0.1/$table_port") 2>/dev/null && (echo > "/dev/tcp/127.0.0.1/$queue_port") 2>/dev/null; then
        echo "Azurite listening on 127.0.0.1:$blob_port (blob), $queue_port (queue), $table_port (table)"
        exit 0
      fi
      sleep 0.2
    done
    echo "Azurite did not start; see .azurite/azurite-$blob_port.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$pid_file" ]; then
      pid=$(cat "$pid_file")
      kill "$pid" 2>/dev/null || true
      # On SIGTERM Azurite saves its data and closes its ports, but with clients still connected the
      # process can linger for good: once all three services report closed it is killed. Saving a large
      # data folder takes a while (it is written whole), so that is waited for, up to two minutes;
      # killed before, it would lose every write since its last save. Returning only when it is gone
      # lets a start right after find the ports free.
      for _ in $(seq 1 1200); do
        kill -0 "$pid" 2>/dev/null || break
        closed=$(grep -c "successfully closed" ".azurite/azurite-$blob_port.log" 2>/dev/null || true)
        [ "${closed:-0}" -ge 3 ] && break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pid_file"
    fi
    ;;
  *)
    echo "usage: azurite.sh start|stop [blob-port] [data-dir|--in-memory]" >&2
    exit 2
    ;;
esac
