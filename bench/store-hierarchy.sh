#!/usr/bin/env bash
# The store hierarchy's benchmark (docs/benchmarks.md, "Store hierarchy"), in one command:
#   bench/store-hierarchy.sh            # DEMO_DATA=full: 100 stores, 1,000,000 orders
#   bench/store-hierarchy.sh large      # DEMO_DATA=large: 1,000 stores, 10,000,000 orders
#   bench/store-hierarchy.sh small      # DEMO_DATA=small: 10 stores, 20,000 orders (a check that it runs)
# Builds the WAR (unless SKIP_BUILD=1), starts Payara Micro alone on loopback (no cluster) with its
# own H2 database under target/bench-<profile>/ (generated on the first run, reused after), runs
# StoreHierarchyBench against it, and stops it. Bounded: fixed request counts, every request times
# out after 120 s, demo data must be ready within 30 min and the warm-up done within 15 min.
# Needs a JDK 17 and the local Maven repository (mvn -o); the admin token is made up per run and
# exchanged for a JWT. On a shared machine, run it under the CPU lock:
#   flock /tmp/stratacache-it.lock bench/store-hierarchy.sh
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-full}"
port="${BENCH_PORT:-8089}"
token="bench-$RANDOM$RANDOM"
dir="$PWD/target/bench-$profile"
mkdir -p "$dir"
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  mvn -o -q -B package -DskipTests -Dspotless.check.skip=true
fi
war=target/ROOT.war  # the Payara WAR (target/ROOT-wildfly.war is the WildFly build)
DB_URL="jdbc:h2:file:$dir/stratacache;DB_CLOSE_ON_EXIT=FALSE" DEMO_DATA="$profile" ADMIN_TOKEN="$token" \
  AUTH_KEY_FILE="$dir/jwt-signing-key.pem" AUTO_WARMUP_ON_STARTUP=false SCHEDULED_WARMUP_ENABLED=false \
  java ${BENCH_JAVA_OPTS:--Xmx2g} -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 -jar target/payara-micro.jar --deploy "$war" --contextroot / \
  --port "$port" --nocluster --interfaces 127.0.0.1 \
  --postbootcommandfile server-config/post-boot-commands.asadmin > "$dir/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
echo "server pid $server, log $dir/server.log; waiting for demo data ($profile)"
java src/test/java/io/stratacache/bench/StoreHierarchyBench.java "http://127.0.0.1:$port" "$token" \
  | tee "$dir/bench-$(date -u +%Y%m%dT%H%M%SZ).txt"
grep -E "Demo data: (ready|[0-9]+%)" "$dir/server.log" | tail -3 || true
