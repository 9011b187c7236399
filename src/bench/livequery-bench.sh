#!/bin/bash
# LiveQuery fan-out benchmark: our server against the real Parse Server (Node). For each N, N WebSocket
# clients (one subscription each, all matching) in ONE node process (livequery-bench.js), then REST
# writes whose object matches all of them; time from the write's HTTP response to the last
# subscriber's event, events/s of a burst, server memory per connection. One server at a time.
# See src/bench/README.md. Start the two servers first (src/bench/start-servers.sh does it).
#
# Env (defaults):
#   OURS_URL=http://localhost:1337/parse   REF_URL=http://localhost:1338/parse
#   NS="1000 10000" (subscriber counts)  SERVERS="ours ref floor" (which to run, in that order for each N;
#        floor: lq-floor-server.c on FLOOR_PORT=1339, a server that only writes the events, built and
#        started here: what any server would at least take on this machine)
#   WRITES=30 GAP_MS=250 (series: writes one at a time, each after the previous one's last event + GAP_MS)
#   BURST=20 (writes back-to-back for events/s)  WARMUP_WRITES=5 (before the series, not reported)
#   CLIENT=c (c: the subscribers are native processes, lq-subscribers.c built with gcc; node: worker threads)
#   WORKERS=1 (subscriber processes or worker threads holding the connections)  CONCURRENCY=200 (handshakes in flight)
#   MASTER=0 (1: the subscribers connect with the master key)  PAUSE=5 (seconds between runs)
#   OURS_PID / REF_PID (server pids for RSS and CPU; found from the listening ports by default)
#   OUT_DIR=<repo>/target/bench-results/livequery-<date> (one JSON per run, the logs and results.md)
#   CLIENT_HEAP_MB=2048 (node --max-old-space-size of the client)
#   HEAP=0 (1: for a JVM server, full GC before each RSS reading and the live heap per connection)
#   QUIET_PCT=25 QUIET_MAX_S=300 (before each run, wait up to QUIET_MAX_S for the machine to use at
#                most QUIET_PCT % of one core over 3 s; other work on 2 cores distorts everything)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_URL=${OURS_URL:-http://localhost:1337/parse}
REF_URL=${REF_URL:-http://localhost:1338/parse}
NS=${NS:-"1000 10000"}
SERVERS=${SERVERS:-"ours ref floor"}
FLOOR_PORT=${FLOOR_PORT:-1339}
FLOOR_URL=http://127.0.0.1:$FLOOR_PORT/parse
PAUSE=${PAUSE:-5}
CLIENT_HEAP_MB=${CLIENT_HEAP_MB:-2048}
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_DIR=${OUT_DIR:-$ROOT/target/bench-results/livequery-$STAMP}
export WRITES=${WRITES:-30} GAP_MS=${GAP_MS:-250} BURST=${BURST:-20} WARMUP_WRITES=${WARMUP_WRITES:-5}
export WORKERS=${WORKERS:-1} CONCURRENCY=${CONCURRENCY:-200} MASTER=${MASTER:-0} CLIENT=${CLIENT:-c}
export CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)

die() { echo "ERROR: $*" >&2; exit 1; }
log() { echo "# $*" >&2; }

command -v node >/dev/null || die "node not found (Node 20+)"
command -v curl >/dev/null || die "curl not found"
[ "$CLIENT" = node ] || command -v "${CC:-gcc}" >/dev/null || die "gcc not found: it builds the native subscribers (or CLIENT=node)"
for s in $SERVERS; do case $s in ours|ref|floor) ;; *) die "unknown server '$s' (servers: ours ref floor)";; esac; done
case " $SERVERS " in *" floor "*) command -v "${CC:-gcc}" >/dev/null || die "gcc not found: it builds the floor server (or leave floor out of SERVERS)";; esac

# One file descriptor per connection, in the client process: as many as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
max_n=0; for n in $NS; do [ "$n" -gt "$max_n" ] && max_n=$n; done
[ "$(ulimit -n)" = unlimited ] || [ "$(ulimit -n)" -gt $((max_n + 100)) ] ||
  die "ulimit -n is $(ulimit -n) (hard limit $(ulimit -Hn)): too low for $max_n connections"

port_of() { sed -E 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#; t; s#^https://.*#443#; s#^http://.*#80#' <<<"$1"; }
pid_of_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
OURS_PID=${OURS_PID:-$(pid_of_port "$(port_of "$OURS_URL")" || true)}
REF_PID=${REF_PID:-$(pid_of_port "$(port_of "$REF_URL")" || true)}
[ -z "$REF_PID" ] && [ -f /tmp/bench-ref.pid ] && REF_PID=$(cat /tmp/bench-ref.pid)
SPID=$ROOT/target/liberty/wlp/usr/servers/.pid/benchServer.pid
[ -z "$OURS_PID" ] && [ -f "$SPID" ] && OURS_PID=$(cat "$SPID")

# The floor: lq-floor-server.c, started here for the runs and stopped at the end.
FLOOR_PID=
case " $SERVERS " in *" floor "*)
  mkdir -p "$ROOT/target"
  "${CC:-gcc}" -O2 -pthread -o "$ROOT/target/lq-floor-server" "$HERE/lq-floor-server.c"
  "$ROOT/target/lq-floor-server" "$FLOOR_PORT" "$(nproc)" 2>/dev/null &
  FLOOR_PID=$!
  trap 'kill $FLOOR_PID 2>/dev/null || true' EXIT
  for _ in 1 2 3 4 5 6 7 8 9 10; do curl -sf --max-time 1 "$FLOOR_URL/health" >/dev/null && break; sleep 0.3; done;;
esac
url_of() { case $1 in ours) echo "$OURS_URL";; ref) echo "$REF_URL";; floor) echo "$FLOOR_URL";; esac; }
pid_of() { case $1 in ours) echo "$OURS_PID";; ref) echo "$REF_PID";; floor) echo "$FLOOR_PID";; esac; }

for s in $SERVERS; do
  u=$(url_of "$s")
  curl -sf --max-time 5 "$u/health" | grep -q '"ok"' || die "$s does not answer $u/health (start the servers: src/bench/start-servers.sh)"
done

mkdir -p "$OUT_DIR"
log "results in $OUT_DIR"
log "ours: $OURS_URL (pid ${OURS_PID:-?}); reference: $REF_URL (pid ${REF_PID:-?}); N: $NS"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
files=()
first=1
for n in $NS; do
  for s in $SERVERS; do
    u=$(url_of "$s"); p=$(pid_of "$s")
    [ "$first" = 1 ] || { log "pause ${PAUSE}s"; sleep "$PAUSE"; }
    first=0
    f=$OUT_DIR/$s-$n.json
    log "---- $s, N=$n ----"
    # In the reference's runs our JVM is the store: its CPU is reported apart (the floor has no store).
    store=$OURS_PID; [ "$s" = floor ] && store=
    URL=$u LABEL=$s N=$n SERVER_PID=$p STORE_PID=$store OUT_JSON=$f \
      node --max-old-space-size="$CLIENT_HEAP_MB" "$HERE/livequery-bench.js" run 2> >(tee "$OUT_DIR/$s-$n.log" >&2) ||
      die "the run for $s N=$n failed (see $OUT_DIR/$s-$n.log)"
    files+=("$f")
  done
done

{
  echo "# LiveQuery fan-out benchmark: ours vs the reference Parse Server"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory; load average before the runs: $LOAD_BEFORE"
  WAR=$ROOT/target/liberty/wlp/usr/servers/benchServer/apps/parse-server.war
  echo "- ours: $OURS_URL (pid ${OURS_PID:-?}; deployed WAR $( [ -f "$WAR" ] && date -u -r "$WAR" '+%Y-%m-%d %H:%M UTC' || echo '?'); git HEAD $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$ROOT" status --porcelain src/main 2>/dev/null)" ] && echo ', src/main has uncommitted changes')); floor: lq-floor-server.c$( [ -n "$FLOOR_PID" ] && echo " on $FLOOR_URL (pid $FLOOR_PID)" || echo ' (not run)'); reference: $REF_URL (pid ${REF_PID:-?}, $(curl -s --max-time 5 "$REF_URL/serverInfo" -H "X-Parse-Application-Id: APPLICATION_ID" -H "X-Parse-Master-Key: MASTER_KEY" | sed -n 's/.*"parseServerVersion":"\([^"]*\)".*/Parse Server \1/p'))"
  if [ "$CLIENT" = c ]; then
    client="$WORKERS native subscriber process(es) (lq-subscribers.c: epoll, one read per event) started by one node $(node --version) process that writes and times the HTTP responses"
  else
    client="one node $(node --version) process, $WORKERS worker thread(s) with a minimal WebSocket client on raw sockets (raw-websocket.js)"
  fi
  echo "- client, on the same machine: $client; no extensions; one connection and one subscription per subscriber, all on LQTest where {\"bench\": <run id>}, connecting $([ "$MASTER" = 1 ] && echo with || echo without) the master key"
  echo "- per server and N: $WARMUP_WRITES warm-up writes, then $WRITES writes one at a time (each after all events of the previous one + ${GAP_MS} ms), then a burst of $BURST writes back-to-back"
  echo "- time-to-last: from the write's HTTP response to the last subscriber's event; per-subscriber: each event's arrival - the write's HTTP response (negative when the event came first); events/s: burst events / (last event - first burst write's response); kB/connection: (server VmRSS after all N subscribed - before connecting) / N"
  echo
  node "$HERE/livequery-bench.js" report "${files[@]}"
} | tee "$OUT_DIR/results.md"
log "results: $OUT_DIR/results.md"
