#!/usr/bin/env bash
# Warm-up benchmarks (docs/benchmarks.md, "Warm-up"): starts and stops its own Payara Micro
# instances (port 8190, no cluster) on the FULL demo data in data/bench (H2 file), loopback only.
#   mvn -B -q package -DskipTests && src/test/bench/warmup.sh
# 1. with start-up warm-up: (a) the start-up run, then the five built-in tasks after every cache
#    was cleared (cold) and once more (warm); (b) 100,000 user-stats keys scheduled into the grid.
# 2. (c) first request of the top-20 brand stats after a restart with and without
#    (AUTO_WARMUP_ON_STARTUP=false) start-up warm-up.
# 3. (d) Zipf replay after a restart: with warm-up (20, 100, 200 popular brands) and without.
# 4. (h) (d) with saved hot keys: the saved hot keys emptied (instance down), a Zipf stream (seed 7)
#    teaches them, POST hot-keys/save (what the save timer does), restart with default settings,
#    the Zipf replay (seed 42) measured. HOT_OPTS adds -D settings to both instances.
# PHASES=abcd (default) selects the parts, e.g. PHASES=d src/test/bench/warmup.sh;
# START_OPTS adds -D settings to the instance of (a) and (b); KEYS (default 100000) is the number
# of keys (b) schedules, XMX (default 1g) the instance's heap.
# Every cache (store tier included) is cleared before each stop, so each restart starts cold, as
# after the store tier's expiry; see the doc for the restart that keeps the store tier.
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-8190}
BASE=http://127.0.0.1:$PORT
TOKEN=bench-hotkeys
JAR=${PAYARA_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar}
mkdir -p data target
PID=

admin_jwt() { # exchanges the admin token for an admin JWT (README, "Authentication")
  AUTH="Authorization: Bearer $(curl -sf -X POST -H 'Content-Type: application/json' \
    -d "{\"admin_token\":\"$TOKEN\"}" "$BASE/api/v1/auth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
}
start() { # extra -D options...
  java -Xmx${XMX:-1g} -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 "-DDB_URL=jdbc:h2:file:$PWD/data/bench;DB_CLOSE_ON_EXIT=FALSE" -DDEMO_DATA=full \
    -DADMIN_TOKEN=$TOKEN -DWARMUP_INTERVAL_MINUTES=0 "$@" -jar "$JAR" --deploy target/ROOT.war \
    --contextroot / --port "$PORT" --nocluster --interfaces 127.0.0.1 \
    --clustername "${CLUSTER:-stratacache-bench}" \
    --systemproperties server-config/grid.properties \
    --postbootcommandfile server-config/post-boot-commands.asadmin > target/bench-warmup.log 2>&1 &
  PID=$!
  local t0=$SECONDS
  until curl -sf "$BASE/health/ready" 2>/dev/null | grep -q '"state":"READY"'; do
    kill -0 $PID 2>/dev/null || { echo "Payara exited; see target/bench-warmup.log"; exit 1; }
    sleep 1
  done
  until curl -sf "$BASE/api/v1/cache/warmup/status" | grep -Eq '"startup":"(DONE|DISABLED|SKIPPED)"'; do sleep 0.5; done
  admin_jwt
  echo "# started in $((SECONDS - t0)) s: $*"
}
stop() {
  curl -sf -X DELETE -H "$AUTH" "$BASE/api/v1/cache/clear" > /dev/null
  kill "$PID"; wait "$PID" 2>/dev/null || true
}
trap '[ -n "$PID" ] && kill $PID 2>/dev/null || true' EXIT
last_run() { curl -sf "$BASE/api/v1/cache/warmup/status" | grep -o '"lastRun":{[^]]*' | grep -o '"\(trigger\|durationMillis\|tasksTotal\|tasksCompleted\|entriesWarmed\)":[^,]*' | tr '\n' ' '; echo; }
execute() { # JSON body; waits for the run and prints it
  curl -sf -X POST -H "$AUTH" -H 'Content-Type: application/json' -d "$1" "$BASE/api/v1/cache/warmup/execute" > /dev/null
  sleep 0.2
  until curl -sf "$BASE/api/v1/cache/warmup/status" | grep -q '"running":false'; do sleep 0.1; done
  last_run
}
FIVE='{"tasks":["popular_brands","recent_reports","popular_questions","user_stats","api_responses"],"concurrent":true}'

echo "# $(date -u +%FT%TZ) $(nproc) cores, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
PHASES=${PHASES:-abcd}
if [[ $PHASES == *a* || $PHASES == *b* ]]; then
start ${START_OPTS:-}
echo "## (a) start-up run (all tasks):"; last_run
for i in 1 2 3; do
  curl -sf -X DELETE -H "$AUTH" "$BASE/api/v1/cache/clear" > /dev/null
  echo "## (a) five built-in tasks, caches cleared first, run $i:"; execute "$FIVE"
done
echo "## (a) five built-in tasks, caches warm:"; execute "$FIVE"
if [[ $PHASES == *b* ]]; then
KEYS=${KEYS:-100000}
echo "## (b) $KEYS user-stats keys (ids 1..$KEYS; 1,000 users exist) scheduled, 100,000 per request:"
done_keys() { curl -sf "$BASE/api/v1/cache/warmup/status" | grep -o '"keys\(Warmed\|Failed\)":[0-9]*' | cut -d: -f2 | paste -sd+ | bc; }
for ((from = 1; from <= KEYS; from += 100000)); do
  to=$(( from + 99999 < KEYS ? from + 99999 : KEYS ))
  printf '{"cache":"user-stats","priority":1,"keys":["%s"]}' "$(seq -s '","' $from $to)" > target/bench-keys-$from.json
done
D0=$(done_keys)
T0=$(date +%s%N)
for ((from = 1; from <= KEYS; from += 100000)); do
  curl -sf -X POST -H "$AUTH" -H 'Content-Type: application/json' \
    --data-binary @target/bench-keys-$from.json "$BASE/api/v1/cache/warmup/schedule" > /dev/null
done
T1=$(date +%s%N)
until [ $(( $(done_keys) - D0 )) -ge $KEYS ]; do sleep 0.05; done
T2=$(date +%s%N)
echo "accepted in $(( (T1 - T0) / 1000000 )) ms, all $KEYS keys done in $(( (T2 - T0) / 1000000 )) ms: $(( KEYS * 1000000000 / (T2 - T0) )) keys/s"
curl -sf "$BASE/api/v1/cache/warmup/status" | grep -o '"keys\(Warmed\|Failed\)":[0-9]*' | tr '\n' ' '; echo
fi
stop
if [[ $PHASES == *b* ]]; then
  echo "## (b) baseline: plain JDBC bulk read of the same rows (server stopped)"
  java -cp "$HOME/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar" src/test/bench/JdbcBulkRead.java \
    "jdbc:h2:file:$PWD/data/bench" "${KEYS:-100000}" stratacache stratacache
fi
fi
if [[ $PHASES == *c* ]]; then
for opts in "" "-DAUTO_WARMUP_ON_STARTUP=false"; do
  start $opts
  echo "## (c) first requests, ${opts:-with start-up warm-up}:"; last_run
  java src/test/bench/ZipfReplay.java first20 "$BASE"
  stop
done
fi
if [[ $PHASES == *d* ]]; then
for opts in "" "-DWARMUP_POPULAR_BRANDS_COUNT=100" "-DWARMUP_POPULAR_BRANDS_COUNT=200" "-DAUTO_WARMUP_ON_STARTUP=false"; do
  start $opts
  echo "## (d) Zipf replay, ${opts:-with start-up warm-up}:"
  java src/test/bench/ZipfReplay.java zipf "$BASE" 1.0 42
  stop
done
fi
if [[ $PHASES == *h* ]]; then
H2=${H2_JAR:-$HOME/.m2/repository/com/h2database/h2/2.2.224/h2-2.2.224.jar}
if [ -f data/bench.mv.db ]; then
  java -cp "$H2" org.h2.tools.Shell -url "jdbc:h2:file:$PWD/data/bench" -user stratacache -password stratacache \
    -sql "DELETE FROM warmup_hot_key" | tail -1 || true # absent before the first start
fi
start ${HOT_OPTS:-}
echo "## (h) Zipf replay with no saved hot keys (teaches them; seed 7):"
java src/test/bench/ZipfReplay.java zipf "$BASE" 1.0 7
curl -sf -X POST -H "$AUTH" "$BASE/api/v1/cache/warmup/hot-keys/save"; echo
stop
start ${HOT_OPTS:-}
grep -o 'Warm-up: restored[^|]*' target/bench-warmup.log | head -1
echo "## (h) Zipf replay after the restart, saved hot keys restored (default settings):"; last_run
java src/test/bench/ZipfReplay.java zipf "$BASE" 1.0 42
stop
sleep 1 # the second instance saved at shutdown (its log ends before that): its rows
java -cp "$H2" org.h2.tools.Shell -url "jdbc:h2:file:$PWD/data/bench" -user stratacache \
  -password stratacache -sql "SELECT instance_id, COUNT(*), MAX(updated_at) FROM warmup_hot_key \
  GROUP BY instance_id" | tail -4
fi
