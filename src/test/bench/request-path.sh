#!/usr/bin/env bash
# The request path in one run (docs/benchmarks.md, "Request path"): starts its own Payara Micro
# (port 8190, no cluster, loopback only) on the FULL demo data in data/bench (H2 file, made on the
# first start), with a bare JAX-RS WAR beside the application (src/test/bench/bare, compiled here
# against the Jakarta EE API, deployed at /bare: no filter, interceptor or metric of ours), then
# measures with wrk (apt-get install wrk) the static file /bench/ping.json, the bare endpoint
# /bare/api/ping, the application's /api/v1/ping, the JCache-cached GET /api/v1/ping/annotated
# (@CacheResult through JAX-RS), the bare endpoint again with MicroProfile JWT on (/bare-jwt,
# src/test/bench/bare-jwt: what the server's authentication layer adds to every request), one
# brand's stats (a response-cache hit under the default rules) and /health/live (a response-cache
# hit too): per path one unmeasured round, then ROUNDS
# (default 3) interleaved rounds of DURATION (default 10) seconds each, THREADS (2) wrk threads
# and, for each count in CONNECTIONS (default "32"; for example "32 4"), that many connections.
# ONLY (a regular expression) keeps the paths it matches, for example ONLY='ping$' with
# START_OPTS=-XX:StartFlightRecording=... to profile the bare and the application's ping.
#   mvn -B -q package -DskipTests && src/test/bench/request-path.sh
set -euo pipefail
cd "$(dirname "$0")/../../.."
PORT=${PORT:-8190}
BASE=http://127.0.0.1:$PORT
JAR=${PAYARA_JAR:-$HOME/.m2/repository/fish/payara/extras/payara-micro/6.2025.10/payara-micro-6.2025.10.jar}
ROUNDS=${ROUNDS:-3}
SECONDS_EACH=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
command -v wrk > /dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
mkdir -p data target
API=${JAKARTAEE_API:-$HOME/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0/jakarta.jakartaee-api-10.0.0.jar}
JWT_API=${JWT_API:-$HOME/.m2/repository/org/eclipse/microprofile/jwt/microprofile-jwt-auth-api/2.1/microprofile-jwt-auth-api-2.1.jar}
rm -rf target/bench-bare target/bench-bare-jwt
mkdir -p target/bench-bare/WEB-INF/classes target/bench-bare-jwt/WEB-INF/classes/META-INF
javac -d target/bench-bare/WEB-INF/classes -cp "$API" src/test/bench/bare/*.java
(cd target/bench-bare && jar cf ../bench-bare.war WEB-INF)
# the same resource with @LoginConfig(authMethod = "MP-JWT") and a throw-away verification key
javac -d target/bench-bare-jwt/WEB-INF/classes -cp "$API:$JWT_API" src/test/bench/bare/BarePing.java \
  src/test/bench/bare-jwt/*.java
key=$(openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 2>/dev/null | openssl pkey -pubout | grep -v '^-----' | tr -d '\n')
printf 'mp.jwt.verify.publickey=%s\nmp.jwt.verify.issuer=bench\n' "$key" \
  > target/bench-bare-jwt/WEB-INF/classes/META-INF/microprofile-config.properties
# every class a bean: Payara's MP-JWT extension finds @LoginConfig only on a discovered class
printf '<beans xmlns="https://jakarta.ee/xml/ns/jakartaee" bean-discovery-mode="all" version="4.0"/>\n' \
  > target/bench-bare-jwt/WEB-INF/beans.xml
(cd target/bench-bare-jwt && jar cf ../bench-bare-jwt.war WEB-INF)
java -Xmx${XMX:-1g} -Djava.util.concurrent.ForkJoinPool.common.parallelism=4 \
  "-DDB_URL=jdbc:h2:file:$PWD/data/bench;DB_CLOSE_ON_EXIT=FALSE" -DDEMO_DATA=full \
  -DADMIN_TOKEN=bench-request-path -DWARMUP_INTERVAL_MINUTES=0 ${START_OPTS:-} \
  -jar "$JAR" --deploy target/ROOT.war --contextroot / --deploy target/bench-bare.war:bare \
  --deploy target/bench-bare-jwt.war:bare-jwt --port "$PORT" --nocluster \
  --interfaces 127.0.0.1 --clustername stratacache-bench \
  --systemproperties server-config/grid.properties \
  --postbootcommandfile server-config/post-boot-commands.asadmin > target/bench-request-path.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "$BASE/health/ready" 2>/dev/null | grep -q '"state":"READY"'; do
  kill -0 $PID 2>/dev/null || { echo "Payara exited; see target/bench-request-path.log"; exit 1; }
  sleep 1
done
until curl -sf "$BASE/api/v1/cache/warmup/status" | grep -Eq '"startup":"(DONE|DISABLED|SKIPPED)"'; do sleep 0.5; done
BRAND=$(curl -sf "$BASE/api/v1/brands?limit=1" | grep -o '"name":"[^"]*"' | head -1 | cut -d'"' -f4 | sed 's/ /%20/g')
PATHS=(/bench/ping.json /bare/api/ping /bare-jwt/api/ping /api/v1/ping /api/v1/ping/annotated "/api/v1/brands/$BRAND/stats" /health/live)
if [[ -n "${ONLY:-}" ]]; then # a regular expression: only the paths it matches
  kept=(); for p in "${PATHS[@]}"; do [[ "$p" =~ $ONLY ]] && kept+=("$p"); done; PATHS=("${kept[@]}")
fi
for p in "${PATHS[@]}"; do
  curl -sf -o /dev/null "$BASE$p" || { echo "$p does not answer 200"; exit 1; }
done
# MP-JWT must be on in /bare-jwt as in the application: both refuse a malformed token
for p in /bare-jwt/api/ping /api/v1/ping; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer not.a.jwt' "$BASE$p")
  [[ "$code" == 401 ]] || { echo "$p answered $code to a malformed token: MP-JWT is not on"; exit 1; }
done
for c in $CONNECTIONS; do
  echo "# $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), wrk -t$THREADS -c$c -d${SECONDS_EACH}s"
  for p in "${PATHS[@]}"; do wrk -t"$THREADS" -c"$c" -d5s "$BASE$p" > /dev/null; done
  for r in $(seq 1 "$ROUNDS"); do
    for p in "${PATHS[@]}"; do
      out=$(wrk -t"$THREADS" -c"$c" -d"${SECONDS_EACH}"s --latency "$BASE$p")
      rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
      p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
      p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
      errors=$(echo "$out" | grep -E 'Non-2xx|Socket errors' | tr '\n' ' ' || true)
      echo "c$c round $r $p: $rps req/s, p50 $p50, p99 $p99 $errors"
    done
  done
done
