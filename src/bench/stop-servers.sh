#!/bin/bash
# Stops what start-servers.sh started: the reference node process (by the pid it recorded) and
# the Liberty server benchServer. The store's data (DATA_DIR, default /tmp/bench-data) is kept.
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
REF_PID_FILE=${REF_PID_FILE:-/tmp/bench-ref.pid}

if [ -f "$REF_PID_FILE" ]; then
  pid=$(cat "$REF_PID_FILE")
  # Only if that pid is still a node process (not a reused pid).
  if ps -o args= -p "$pid" 2>/dev/null | grep -q node && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    echo "stopped the reference (pid $pid)"
  fi
  rm -f "$REF_PID_FILE"
fi

if [ -x "$ROOT/target/liberty/wlp/bin/server" ] && [ -d "$ROOT/target/liberty/wlp/usr/servers/benchServer" ]; then
  "$ROOT/target/liberty/wlp/bin/server" stop benchServer >/dev/null && echo "stopped benchServer"
fi
exit 0
