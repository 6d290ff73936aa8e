#!/usr/bin/env bash
# Cold (uncached) HTTP latency of the heaviest read endpoints on the full demo data set.
# Start the application first (mvn -Prun package) and wait until /health/ready says READY, then:
#   src/test/bench/cold-http.sh [base-url] [requests] [concurrency]
# Every request names a different brand, store or store set, so no answer can be served twice
# from any cache. Only loopback targets are accepted by the load tool.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BASE=${1:-http://127.0.0.1:8080}
REQUESTS=${2:-400}
CONCURRENCY=${3:-1}
LOAD="java src/test/java/io/stratacache/bench/HttpLoad.java --requests $REQUESTS --warmup 100 --concurrency $CONCURRENCY"

# The newest day with orders is yesterday (UTC); take the 90 days ending there.
TO=$(date -u -d yesterday +%F)
FROM=$(date -u -d "$TO - 89 days" +%F)

mapfile -t BRANDS < <(curl -sf "$BASE/api/v1/brands?limit=200" | grep -o '"name":"[^"]*"' | cut -d'"' -f4 | sed 's/ /%20/g')
BRAND_URLS=()
for b in "${BRANDS[@]}"; do BRAND_URLS+=("$BASE/api/v1/brands/$b/stats"); done
DIAG_URLS=()
for i in $(seq 1 91); do
  DIAG_URLS+=("$BASE/api/v1/diagnosis?stores=$(seq -s, "$i" $((i + 9)))&from=$FROM&to=$TO")
done

echo "# $(date -u +%FT%TZ) $(nproc) cores, requests=$REQUESTS concurrency=$CONCURRENCY, range $FROM..$TO"
echo "## brand stats (${#BRAND_URLS[@]} brands)"
$LOAD "${BRAND_URLS[@]}"
echo "## store dashboard, 90 days (100 stores)"
$LOAD "$BASE/api/v1/stores/{1..100}/dashboard?from=$FROM&to=$TO"
echo "## diagnosis, 10 stores, 90 days (91 store sets)"
$LOAD "${DIAG_URLS[@]}"
