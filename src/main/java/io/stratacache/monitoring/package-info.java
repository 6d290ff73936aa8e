/**
 * Monitoring of the tiered caches: MicroProfile Metrics per cache and tier (counters fed by the
 * growth of the core's totals, gauges, get/put/load latency from a lock-free observer), alert rules
 * evaluated once per cluster every 30 s on the cluster's figures with their REST API, tuning
 * suggestions, the operator dashboard's JSON and the health checks. The trend series live in {@code
 * monitoring.trend}.
 */
package io.stratacache.monitoring;
