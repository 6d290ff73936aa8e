/**
 * Latency of every cache's get, put and load: a lock-free log-bucket recorder per cache and
 * operation, fed by the cache core as an observer, with percentiles over about the last minute.
 */
package io.stratacache.monitoring.latency;
