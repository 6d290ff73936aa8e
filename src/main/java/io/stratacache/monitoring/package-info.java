/**
 * Monitoring of the tiered caches: the metrics binding (MicroProfile Metrics per cache and tier,
 * counters fed by the growth of the core's totals, gauges, latency) started by {@link
 * io.stratacache.monitoring.CacheMonitoring}, and what each cache did in a recent window ({@link
 * io.stratacache.monitoring.CacheHistory}). Sub-packages hold the features built on it: {@code
 * latency}, {@code alert}, {@code suggestion}, {@code health}, {@code dashboard}, {@code trend}.
 */
package io.stratacache.monitoring;
