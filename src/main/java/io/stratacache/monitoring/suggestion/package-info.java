/**
 * Tuning suggestions (TTL too short, near tier too small, flapping breaker, slow loads, write-only
 * cache) derived from each cache's last hour and its settings, served at {@code GET
 * /api/v1/cache/monitoring/suggestions} and on the dashboard.
 */
package io.stratacache.monitoring.suggestion;
