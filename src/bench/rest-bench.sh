#!/bin/bash
# REST benchmark: our server against the real Parse Server (Node), both on the SAME store, with wrk.
# See src/bench/README.md. Start the two servers first (src/bench/start-servers.sh does it).
#
# Env (defaults):
#   OURS_URL=http://localhost:1337/parse   REF_URL=http://localhost:1338/parse
#   DURATION=20s  WARMUP=10s (per server, test and connection count; not reported; 0 = none)
#   WARMUP_FIRST=30s (before the series: every test once per server at 16 connections; 0 = none)
#   CONNECTIONS="2 16"  TESTS="get create find"  THREADS=2 (wrk -t, capped at the connection count)
#   TIMEOUT=2s (wrk --timeout: slower answers count as timeouts; wrk takes s, m or h, not ms)
#   OUT_DIR=<repo>/target/bench-results/<date> (raw wrk outputs and results.md)
#   RESEED=0 (1: purge BenchFind/BenchGet and seed them again even if they look right)
#   DIAG_ON_ERROR=1 (after a run with non-2xx answers or socket errors, a short extra run that
#                    prints the status codes and the first failing answer)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
OURS_URL=${OURS_URL:-http://localhost:1337/parse}
REF_URL=${REF_URL:-http://localhost:1338/parse}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
WARMUP_FIRST=${WARMUP_FIRST:-30s}
CONNECTIONS=${CONNECTIONS:-"2 16"}
TESTS=${TESTS:-"get create find"}
THREADS=${THREADS:-2}
TIMEOUT=${TIMEOUT:-2s}
RESEED=${RESEED:-0}
DIAG_ON_ERROR=${DIAG_ON_ERROR:-1}
WRK=${WRK:-$(command -v wrk || echo /usr/bin/wrk)}
STAMP=$(date +%Y%m%d-%H%M%S)
OUT_DIR=${OUT_DIR:-$ROOT/target/bench-results/$STAMP}
LUA=$HERE/request.lua
case $WARMUP in 0|0s|"") WARMUP=0; WARMUP_DESC="no warm-up" ;; *) WARMUP_DESC="a $WARMUP warm-up" ;; esac

APP_ID=APPLICATION_ID
REST_KEY=REST_KEY
MASTER_KEY=MASTER_KEY
SEED_COUNT=1000
CREATE_BODY='{"score":123,"playerName":"bench","cheatMode":false}'
FIND_WHERE='{"score":{"$gte":100}}'
FIND_ORDER='-score,playerName'
FIND_LIMIT=100

die() { echo "ERROR: $*" >&2; exit 1; }
log() { echo "# $*" >&2; }

[ -x "$WRK" ] || die "wrk not found (install it: apt-get install wrk)"
command -v curl >/dev/null || die "curl not found"
for t in $TESTS; do case $t in get|create|find) ;; *) die "unknown test '$t' (tests: get create find)";; esac; done

urlencode() { # RFC 3986: everything but unreserved characters is %-encoded
  local s=$1 out= c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in [A-Za-z0-9._~-]) out+=$c ;; *) printf -v c '%%%02X' "'$c"; out+=$c ;; esac
  done
  printf '%s' "$out"
}
FIND_QUERY="where=$(urlencode "$FIND_WHERE")&order=$(urlencode "$FIND_ORDER")&limit=$FIND_LIMIT"

# curl with the client keys (or the master key with -m); prints the body, then a last line with the status.
api() { # [-m] METHOD URL [BODY]
  local keys=(-H "X-Parse-Application-Id: $APP_ID" -H "X-Parse-REST-API-Key: $REST_KEY")
  if [ "$1" = -m ]; then keys+=(-H "X-Parse-Master-Key: $MASTER_KEY"); shift; fi
  local method=$1 url=$2 body=${3:-}
  if [ -n "$body" ]; then
    curl -s --max-time 60 -w '\n%{http_code}' -X "$method" "${keys[@]}" -H 'Content-Type: application/json' --data-binary "$body" "$url"
  else
    curl -s --max-time 60 -w '\n%{http_code}' -X "$method" "${keys[@]}" "$url"
  fi
}
# Runs api and fails unless the status is 2xx; prints the body only.
api_ok() {
  local out status
  out=$(api "$@") || die "request failed: $*"
  status=${out##*$'\n'}
  case $status in 2??) printf '%s' "${out%$'\n'*}" ;; *) die "$* -> HTTP $status: ${out%$'\n'*}" ;; esac
}
count_of() { api_ok GET "$1/classes/$2?count=1&limit=0" | sed -n 's/.*"count":\([0-9]*\).*/\1/p'; }
object_ids() { { grep -o '"objectId":"[^"]*"' || true; } | cut -d'"' -f4; }

# ---- 1. both servers up? -----------------------------------------------------------------------
check_health() { # url name how-to-start
  local h
  h=$(curl -s --max-time 5 "$1/health" || true)
  case $h in
    *'"ok"'*) log "$2 up: $1" ;;
    *) die "$2 does not answer $1/health (got: '${h:-no answer}').
Start it: $3" ;;
  esac
}
check_health "$OURS_URL" "our server" "src/bench/start-servers.sh (starts both servers), or by hand: mvn -DskipTests -DskipITs package, then a Liberty
server 'benchServer' with server-config/*, target/parse-server.war in apps/ and a server.env (HTTP_PORT=1337,
PARSE_SERVER_* keys, PARSE_SERVER_EMBEDDED_DATABASE_PORT=27017): see src/bench/README.md."
check_health "$REF_URL" "the reference Parse Server" "src/bench/start-servers.sh, or by hand, against our embedded store:
  cd \${PARSE_REFERENCE_DIR:-/opt/parse-reference} && DATABASE_URI=mongodb://127.0.0.1:27017/parse PORT=1338 nohup node server.js > /tmp/ref-bench.log 2>&1 &"

# ---- 2. same store? ----------------------------------------------------------------------------
probe=$(api_ok -m POST "$OURS_URL/classes/BenchProbe" '{"probe":true}' | object_ids | head -1)
[ -n "$probe" ] || die "could not create a probe object on our server"
api -m GET "$REF_URL/classes/BenchProbe/$probe" | tail -1 | grep -q '^200$' ||
  die "the reference does not see an object written by our server: the two servers are not on the same store.
Start the reference with DATABASE_URI=mongodb://127.0.0.1:<our embedded database port>/parse."
api_ok -m DELETE "$REF_URL/classes/BenchProbe/$probe" >/dev/null
api -m GET "$OURS_URL/classes/BenchProbe/$probe" | tail -1 | grep -q '^404$' ||
  die "our server still sees an object the reference deleted: not the same store?"
log "same store: an object written by ours is read and deleted by the reference"

# ---- 3. data ---------------------------------------------------------------------------------
seed_find() {
  log "seeding BenchFind with $SEED_COUNT objects (batches of 50, master key, through our server)"
  api_ok -m DELETE "$OURS_URL/purge/BenchFind" >/dev/null
  local i j reqs res
  for ((i = 0; i < SEED_COUNT; i += 50)); do
    reqs=
    for ((j = i; j < i + 50 && j < SEED_COUNT; j++)); do
      reqs+="${reqs:+,}{\"method\":\"POST\",\"path\":\"/parse/classes/BenchFind\",\"body\":{\"score\":$j,\"playerName\":\"player$((j % 100))\",\"cheatMode\":$([ $((j % 2)) = 0 ] && echo true || echo false),\"level\":$((j % 10)),\"tags\":[\"bench\",\"t$((j % 7))\"]}}"
    done
    res=$(api_ok -m POST "$OURS_URL/batch" "{\"requests\":[$reqs]}")
    [ "$(grep -o '"success"' <<<"$res" | wc -l)" = "$((j - i))" ] || die "seeding batch at $i failed: ${res:0:500}"
  done
}
if [[ " $TESTS " == *" find "* ]]; then
  n_ours=$(count_of "$OURS_URL" BenchFind); n_ref=$(count_of "$REF_URL" BenchFind)
  if [ "$RESEED" = 1 ] || [ "$n_ours" != "$SEED_COUNT" ] || [ "$n_ref" != "$SEED_COUNT" ]; then
    seed_find
    n_ours=$(count_of "$OURS_URL" BenchFind); n_ref=$(count_of "$REF_URL" BenchFind)
  fi
  [ "$n_ours" = "$SEED_COUNT" ] && [ "$n_ref" = "$SEED_COUNT" ] ||
    die "BenchFind count after seeding: ours $n_ours, reference $n_ref (expected $SEED_COUNT)"
  ids_ours=$(api_ok GET "$OURS_URL/classes/BenchFind?$FIND_QUERY" | object_ids)
  ids_ref=$(api_ok GET "$REF_URL/classes/BenchFind?$FIND_QUERY" | object_ids)
  [ "$(wc -l <<<"$ids_ours")" = "$FIND_LIMIT" ] || die "the find on our server did not answer $FIND_LIMIT objects"
  [ "$ids_ours" = "$ids_ref" ] || die "the find answers different objects (or order) on the two servers"
  log "BenchFind: $SEED_COUNT objects, the find answers the same $FIND_LIMIT objects in the same order on both"
fi
if [[ " $TESTS " == *" get "* ]]; then
  [ "$RESEED" = 1 ] && api_ok -m DELETE "$OURS_URL/purge/BenchGet" >/dev/null
  GET_ID=$(api_ok GET "$OURS_URL/classes/BenchGet?limit=1&order=createdAt" | object_ids | head -1)
  if [ -z "$GET_ID" ]; then
    GET_ID=$(api_ok -m POST "$OURS_URL/classes/BenchGet" \
      '{"score":1337,"playerName":"bench-get","cheatMode":false,"level":3,"tags":["bench","get"]}' | object_ids | head -1)
  fi
  g_ours=$(api_ok GET "$OURS_URL/classes/BenchGet/$GET_ID"); g_ref=$(api_ok GET "$REF_URL/classes/BenchGet/$GET_ID")
  [[ $g_ours == *"\"$GET_ID\""* && $g_ref == *"\"$GET_ID\""* ]] || die "BenchGet/$GET_ID is not readable on both servers"
  log "BenchGet: object $GET_ID readable on both"
fi
if [[ " $TESTS " == *" create "* ]]; then
  # Make sure the class exists on both (so that no run measures class creation), then empty it.
  for u in "$OURS_URL" "$REF_URL"; do api_ok POST "$u/classes/BenchCreate" "$CREATE_BODY" >/dev/null; done
  api_ok -m DELETE "$OURS_URL/purge/BenchCreate" >/dev/null
fi

# ---- 4. runs -------------------------------------------------------------------------------------
to_ms() { # "1.23ms" / "850.00us" / "1.05s" / "2.00m" -> milliseconds
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "h") n *= 3600000
    printf "%.2f", n }'
}
declare -A RPS P50 P99 NON2XX SOCKERR REQS CPU_OURS CPU_NODE
# CPU time of the two server processes (when they run here): our JVM also hosts the store, so during
# the reference's runs its CPU is the store's work for the reference.
port_of() { sed -E 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#; t; s#^https://.*#443#; s#^http://.*#80#' <<<"$1"; }
pid_of_port() { ss -ltnpH "sport = :$1" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2; }
OURS_PID=$(pid_of_port "$(port_of "$OURS_URL")" || true)
REF_PID=$(pid_of_port "$(port_of "$REF_URL")" || true)
HZ=$(getconf CLK_TCK 2>/dev/null || echo 100)
cpu_ticks() { [ -n "$1" ] && [ -r "/proc/$1/stat" ] && awk '{print $14 + $15}' "/proc/$1/stat" || echo ""; }
cpu_per_req() { # ticks-before ticks-after requests -> ms of CPU per request
  [ -n "$1" ] && [ -n "$2" ] && [ "${3:-0}" -gt 0 ] && awk -v a="$1" -v b="$2" -v n="$3" -v hz="$HZ" 'BEGIN { printf "%.2f", (b - a) * 1000 / hz / n }' || echo "n/a"
}
wrk_run() { # name url conns duration [diag]
  local name=$1 url=$2 conns=$3 dur=$4 diag=${5:-0} threads=$THREADS body=
  [ "$threads" -gt "$conns" ] && threads=$conns
  [ "$CUR_TEST" = create ] && body=$CREATE_BODY
  BENCH_BODY=$body BENCH_DIAG=$diag "$WRK" -t"$threads" -c"$conns" -d"$dur" --timeout "$TIMEOUT" --latency -s "$LUA" \
    -H "X-Parse-Application-Id: $APP_ID" -H "X-Parse-REST-API-Key: $REST_KEY" "$url"
}
url_of() { # test base-url -> the test's request URL
  case $1 in
    get) echo "$2/classes/BenchGet/$GET_ID" ;;
    create) echo "$2/classes/BenchCreate" ;;
    find) echo "$2/classes/BenchFind?$FIND_QUERY" ;;
  esac
}
measure() { # test server(ours|ref) base-url conns
  local test=$1 srv=$2 base=$3 c=$4 url raw k
  url=$(url_of "$test" "$base")
  CUR_TEST=$test
  if [ "$WARMUP" != 0 ]; then
    log "$test $srv c=$c: warm-up $WARMUP"
    wrk_run "$test-$srv" "$url" "$c" "$WARMUP" > "$OUT_DIR/$test-$srv-c$c.warmup.txt" 2>&1 || true
  fi
  # Each measured create run starts from an empty class (the warm-up's objects are purged).
  [ "$test" = create ] && api_ok -m DELETE "$base/purge/BenchCreate" >/dev/null
  log "$test $srv c=$c: measuring $DURATION"
  raw=$OUT_DIR/$test-$srv-c$c.txt
  local o0 n0 o1 n1
  o0=$(cpu_ticks "$OURS_PID"); n0=$(cpu_ticks "$REF_PID")
  wrk_run "$test-$srv" "$url" "$c" "$DURATION" > "$raw" 2>&1 || { cat "$raw" >&2; die "wrk failed ($test $srv c=$c)"; }
  o1=$(cpu_ticks "$OURS_PID"); n1=$(cpu_ticks "$REF_PID")
  k="$test|$srv|$c"
  RPS[$k]=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$raw")
  P50[$k]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$raw")")
  P99[$k]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$raw")")
  REQS[$k]=$(awk '/requests in/ {print $1}' "$raw")
  NON2XX[$k]=$(awk -F': ' '/Non-2xx or 3xx responses/ {print $2}' "$raw"); NON2XX[$k]=${NON2XX[$k]:-0}
  # "Socket errors: connect 0, read 0, write 0, timeout 0" -> total
  SOCKERR[$k]=$(awk '/Socket errors/ {gsub(/,/, ""); print $4 + $6 + $8 + $10}' "$raw"); SOCKERR[$k]=${SOCKERR[$k]:-0}
  [ -n "${RPS[$k]}" ] || { cat "$raw" >&2; die "could not read wrk's output ($raw)"; }
  CPU_OURS[$k]=$(cpu_per_req "$o0" "$o1" "${REQS[$k]}"); CPU_NODE[$k]=$(cpu_per_req "$n0" "$n1" "${REQS[$k]}")
  log "  -> ${RPS[$k]} req/s, p50 ${P50[$k]} ms, p99 ${P99[$k]} ms, non-2xx ${NON2XX[$k]}, socket errors ${SOCKERR[$k]}"
  if [ "$DIAG_ON_ERROR" = 1 ] && [ $((${NON2XX[$k]} + ${SOCKERR[$k]})) -gt 0 ]; then
    log "  errors in this run: a 3 s diagnosis run with status counts ($OUT_DIR/$test-$srv-c$c.diag.txt)"
    [ "$test" = create ] && api_ok -m DELETE "$base/purge/BenchCreate" >/dev/null
    wrk_run "$test-$srv" "$url" "$c" 3s 1 > "$OUT_DIR/$test-$srv-c$c.diag.txt" 2>&1 || true
    grep '^DIAG' "$OUT_DIR/$test-$srv-c$c.diag.txt" | sed 's/^/#   /' >&2 || true
  fi
}

mkdir -p "$OUT_DIR"
# A JVM compiles its hot code over minutes, not seconds (a server in production is warm): before
# the series, every test runs once on each server, at 16 connections, for WARMUP_FIRST.
if [ "$WARMUP_FIRST" != 0 ]; then
  for test in $TESTS; do
    for srv in ours ref; do
      base=$OURS_URL; [ $srv = ref ] && base=$REF_URL
      CUR_TEST=$test
      log "first warm-up: $test $srv c=16 for $WARMUP_FIRST"
      wrk_run "$test-$srv" "$(url_of "$test" "$base")" 16 "$WARMUP_FIRST" > "$OUT_DIR/$test-$srv.first-warmup.txt" 2>&1 || true
    done
  done
  [[ " $TESTS " == *" create "* ]] && api_ok -m DELETE "$OURS_URL/purge/BenchCreate" >/dev/null
fi
n_runs=$(($(wc -w <<<"$TESTS") * $(wc -w <<<"$CONNECTIONS") * 2))
log "$n_runs measured runs of $DURATION, each after $WARMUP_DESC; raw wrk outputs in $OUT_DIR"
for test in $TESTS; do
  for c in $CONNECTIONS; do
    measure "$test" ours "$OURS_URL" "$c"
    measure "$test" ref "$REF_URL" "$c"
  done
done
# Leave the store as we found it: the created objects go.
[[ " $TESTS " == *" create "* ]] && api_ok -m DELETE "$OURS_URL/purge/BenchCreate" >/dev/null

# ---- 5. report -----------------------------------------------------------------------------------
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }
describe() {
  case $1 in
    get) echo "GET one object by id: GET /parse/classes/BenchGet/<id>" ;;
    create) echo "create one object: POST /parse/classes/BenchCreate $CREATE_BODY" ;;
    find) echo "find: GET /parse/classes/BenchFind?where=$FIND_WHERE&order=$FIND_ORDER&limit=$FIND_LIMIT ($SEED_COUNT objects)" ;;
  esac
}
errs() { # key -> "" or "N non-2xx, M socket errors"
  local s=
  [ "${NON2XX[$1]}" != 0 ] && s="${NON2XX[$1]} non-2xx"
  [ "${SOCKERR[$1]}" != 0 ] && s="${s:+$s, }${SOCKERR[$1]} socket err"
  printf '%s' "$s"
}
{
  echo "# REST benchmark: ours vs the reference Parse Server, same store"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory; load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- ours: $OURS_URL; reference: $REF_URL ($(curl -s --max-time 5 "$REF_URL/serverInfo" -H "X-Parse-Application-Id: $APP_ID" -H "X-Parse-Master-Key: $MASTER_KEY" | sed -n 's/.*"parseServerVersion":"\([^"]*\)".*/Parse Server \1/p'))"
  echo "- wrk -t$THREADS (at most one per connection) --latency --timeout $TIMEOUT, $DURATION per run, each after $WARMUP_DESC (per server, test and connection count); load generator on the same machine"
  echo "- throughput x = ours req/s / reference req/s; p99 x = reference p99 / our p99 (both > 1 is better for us); goal: throughput x >= 3 and p99 x > 1"
  flagged=0
  for test in $TESTS; do
    echo
    echo "## $test: $(describe "$test")"
    echo
    echo "| conns | ours req/s | ref req/s | throughput x | ours p50 ms | ref p50 ms | ours p99 ms | ref p99 ms | p99 x | errors | goal |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
    for c in $CONNECTIONS; do
      ko="$test|ours|$c"; kr="$test|ref|$c"
      tx=$(div "${RPS[$ko]}" "${RPS[$kr]}"); px=$(div "${P99[$kr]}" "${P99[$ko]}")
      eo=$(errs "$ko"); er=$(errs "$kr"); e=
      [ -n "$eo" ] && e="**ours: $eo**"
      [ -n "$er" ] && e="${e:+$e; }ref: $er"
      if [ -n "$eo" ] || [ -n "$er" ]; then goal="**INVALID (errors)**"; flagged=1
      elif awk -v t="$tx" -v p="$px" 'BEGIN { exit !(t >= 3 && p > 1) }'; then goal="met"
      else goal="not met"; fi
      echo "| $c | ${RPS[$ko]} | ${RPS[$kr]} | $tx | ${P50[$ko]} | ${P50[$kr]} | ${P99[$ko]} | ${P99[$kr]} | $px | ${e:-0} | $goal |"
    done
  done
  echo
  echo "## CPU per request (ms), from /proc of the server processes"
  echo
  echo "Our JVM also runs the store, so in the reference's runs its CPU is the store's share of the reference's requests."
  echo "Our JVM: pid ${OURS_PID:-not found}; reference: pid ${REF_PID:-not found}."
  echo
  echo "| test | conns | ours: our JVM | ref: node | ref: store (our JVM) | ref: total |"
  echo "|---|---:|---:|---:|---:|---:|"
  for test in $TESTS; do
    for c in $CONNECTIONS; do
      ko="$test|ours|$c"; kr="$test|ref|$c"
      tot=$(awk -v a="${CPU_NODE[$kr]}" -v b="${CPU_OURS[$kr]}" 'BEGIN { if (a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a + b }')
      echo "| $test | $c | ${CPU_OURS[$ko]} | ${CPU_NODE[$kr]} | ${CPU_OURS[$kr]} | $tot |"
    done
  done
  if [ "$flagged" = 1 ]; then
    echo
    echo "**Some runs had non-2xx answers or socket errors (connect/read/write/timeout): their req/s counts"
    echo "failed requests too and is not a valid throughput. See the *.txt and *.diag.txt files in $OUT_DIR.**"
  fi
} | tee "$OUT_DIR/results.md"
log "results: $OUT_DIR/results.md"
