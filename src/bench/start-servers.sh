#!/bin/bash
# Starts the two servers that rest-bench.sh compares, on ONE store:
#   ours      : the packaged WAR on an Open Liberty server "benchServer" (http://localhost:$OURS_PORT/parse),
#               with its embedded MongoDB-wire-protocol database on 127.0.0.1:$DB_PORT (same JVM);
#   reference : the real Parse Server (Node) from $PARSE_REFERENCE_DIR (http://localhost:$REF_PORT/parse),
#               connected to OUR embedded database, so both read and write the same data.
#
# Needs target/parse-server.war (mvn -DskipTests -DskipITs package) and a Liberty install in
# target/liberty/wlp (made here with `mvn liberty:create` if missing). Re-running it is harmless:
# a server that already answers /health is left alone.
#
# Env (defaults): OURS_PORT=1337 REF_PORT=1338 DB_PORT=27017 DATA_DIR=/tmp/bench-data
#   PARSE_REFERENCE_DIR=/opt/parse-reference  BUILD=1 (0: do not run maven, use the WAR as it is)
#   FRESH=0 (1: delete DATA_DIR before starting, i.e. an empty store)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_PORT=${OURS_PORT:-1337}
REF_PORT=${REF_PORT:-1338}
DB_PORT=${DB_PORT:-27017}
DATA_DIR=${DATA_DIR:-/tmp/bench-data}
PARSE_REFERENCE_DIR=${PARSE_REFERENCE_DIR:-/opt/parse-reference}
BUILD=${BUILD:-1}
FRESH=${FRESH:-0}
SERVER=benchServer
WLP=$ROOT/target/liberty/wlp
SDIR=$WLP/usr/servers/$SERVER
REF_PID_FILE=${REF_PID_FILE:-/tmp/bench-ref.pid}
REF_LOG=${REF_LOG:-/tmp/ref-bench.log}

up() { curl -sf --max-time 5 "$1/health" 2>/dev/null | grep -q '"ok"'; }

wait_up() { # url seconds what
  local i
  for ((i = 0; i < $2 * 2; i++)); do up "$1" && return 0; sleep 0.5; done
  echo "ERROR: $3 did not answer $1/health within $2 s" >&2
  return 1
}

# ---- ours ----------------------------------------------------------------------------------
OURS_URL=http://localhost:$OURS_PORT/parse
if up "$OURS_URL"; then
  echo "ours already up on $OURS_URL (left as it is)"
else
  cd "$ROOT"
  if [ "$BUILD" = 1 ]; then
    echo "building the WAR (mvn package) ..."
    mvn -q -B -DskipTests -DskipITs package
  fi
  [ -f target/parse-server.war ] || { echo "ERROR: no target/parse-server.war; run: mvn -DskipTests -DskipITs package" >&2; exit 1; }
  if [ ! -x "$WLP/bin/server" ]; then
    echo "installing Open Liberty into target/liberty/wlp (mvn liberty:create) ..."
    mvn -q -B -DskipTests -DskipITs liberty:create
  fi
  [ -d "$SDIR" ] || "$WLP/bin/server" create "$SERVER" >/dev/null
  cp server-config/server.xml server-config/jvm.options "$SDIR/"
  mkdir -p "$SDIR/apps"
  cp target/parse-server.war "$SDIR/apps/"
  # server.xml reads the port from the http.port variable, which Liberty takes from HTTP_PORT.
  cat > "$SDIR/server.env" <<EOF
HTTP_PORT=$OURS_PORT
PARSE_SERVER_APPLICATION_ID=APPLICATION_ID
PARSE_SERVER_MASTER_KEY=MASTER_KEY
PARSE_SERVER_JAVASCRIPT_KEY=JS_KEY
PARSE_SERVER_REST_API_KEY=REST_KEY
PARSE_SERVER_URL=$OURS_URL
PARSE_SERVER_ALLOW_CLIENT_CLASS_CREATION=true
PARSE_SERVER_EMBEDDED_DATABASE_PORT=$DB_PORT
PARSE_SERVER_EMBEDDED_DATABASE_PATH=$DATA_DIR
PARSE_SERVER_LIVE_QUERY={"classNames":["GameScore","Message","Item","LQTest"]}
EOF
  if [ "$FRESH" = 1 ]; then rm -rf "$DATA_DIR"; fi
  "$WLP/bin/server" start "$SERVER" >/dev/null
  wait_up "$OURS_URL" 180 "our server ($SERVER)" || { tail -30 "$SDIR/logs/messages.log" >&2 || true; exit 1; }
  echo "ours up on $OURS_URL (Liberty server $SERVER, embedded store 127.0.0.1:$DB_PORT, data $DATA_DIR)"
fi

# ---- reference -----------------------------------------------------------------------------
REF_URL=http://localhost:$REF_PORT/parse
if up "$REF_URL"; then
  echo "reference already up on $REF_URL (left as it is)"
else
  [ -f "$PARSE_REFERENCE_DIR/server.js" ] && [ -d "$PARSE_REFERENCE_DIR/node_modules/parse-server" ] || {
    echo "ERROR: no Parse Server reference in $PARSE_REFERENCE_DIR (install it with the shared reference setup:" >&2
    echo "       PARSE_REFERENCE_DIR=$PARSE_REFERENCE_DIR ../shared/reference/install.sh, or set PARSE_REFERENCE_DIR)" >&2
    exit 1
  }
  # The pid recorded must be node's own (stop-servers.sh kills it), hence cd first, then one
  # background command.
  (cd "$PARSE_REFERENCE_DIR"
    DATABASE_URI=mongodb://127.0.0.1:$DB_PORT/parse PORT=$REF_PORT SERVER_URL=$REF_URL \
      nohup node server.js > "$REF_LOG" 2>&1 &
    echo $! > "$REF_PID_FILE")
  wait_up "$REF_URL" 60 "the reference Parse Server" || { tail -30 "$REF_LOG" >&2; exit 1; }
  echo "reference up on $REF_URL (pid $(cat "$REF_PID_FILE"), log $REF_LOG, store mongodb://127.0.0.1:$DB_PORT/parse)"
fi
