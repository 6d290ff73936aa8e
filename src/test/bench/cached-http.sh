#!/usr/bin/env bash
# Cached vs cold HTTP latency and throughput, in one run, on the full demo data set.
# Start the application with an admin token first, for example
#   ADMIN_TOKEN=bench mvn -Prun package
# wait until /health/ready says READY, then:
#   src/test/bench/cached-http.sh [base-url] [admin-token]
# 1. clears every cache (so the first pass really runs the methods),
# 2. cold pass: every brand, store and store set once (all misses),
# 3. cached pass: the same keys again, many times (all hits),
# 4. throughput at 8 connections: a cached endpoint against the trivial /api/v1/ping.
# Only loopback targets are accepted by the load tool.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BASE=${1:-http://127.0.0.1:8080}
TOKEN=${2:-${ADMIN_TOKEN:-bench}}
LOAD="java src/test/java/io/stratacache/bench/HttpLoad.java"
# the admin token exchanged for an admin JWT (README, "Authentication")
AUTH="Authorization: Bearer $(curl -sf -X POST -H 'Content-Type: application/json' \
  -d "{\"admin_token\":\"$TOKEN\"}" "$BASE/api/v1/auth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"

TO=$(date -u -d yesterday +%F)
FROM=$(date -u -d "$TO - 89 days" +%F)
mapfile -t BRANDS < <(curl -sf "$BASE/api/v1/brands?limit=200" | grep -o '"name":"[^"]*"' | cut -d'"' -f4 | sed 's/ /%20/g')
BRAND_URLS=()
for b in "${BRANDS[@]}"; do BRAND_URLS+=("$BASE/api/v1/brands/$b/stats"); done
DASH_URLS=()
for i in $(seq 1 100); do DASH_URLS+=("$BASE/api/v1/stores/$i/dashboard?from=$FROM&to=$TO"); done
DIAG_URLS=()
for i in $(seq 1 91); do DIAG_URLS+=("$BASE/api/v1/diagnosis?stores=$(seq -s, "$i" $((i + 9)))&from=$FROM&to=$TO"); done

curl -sf -X DELETE -H "$AUTH" "$BASE/api/v1/cache/clear" > /dev/null
echo "# $(date -u +%FT%TZ) $(nproc) cores, range $FROM..$TO, caches cleared"
for name in BRAND DASH DIAG; do
  declare -n urls="${name}_URLS"
  echo "## $name cold (each key once, 1 connection)"
  $LOAD --requests "${#urls[@]}" --warmup 0 --concurrency 1 "${urls[@]}"
  echo "## $name cached (1 connection)"
  $LOAD --requests 2000 --warmup 500 --concurrency 1 "${urls[@]}"
done
echo "## throughput, 8 connections: ping (uncached, trivial)"
$LOAD --requests 30000 --warmup 10000 --concurrency 8 "$BASE/api/v1/ping"
echo "## throughput, 8 connections: brand stats (cached)"
$LOAD --requests 30000 --warmup 10000 --concurrency 8 "${BRAND_URLS[@]}"
echo "## throughput, 8 connections: ping again (uncached, trivial)"
$LOAD --requests 30000 --warmup 10000 --concurrency 8 "$BASE/api/v1/ping"
