/**
 * Trends: a snapshot of every cache's key figures each minute (taken by one instance of the
 * cluster), rolled up to hourly points after 24 hours and kept 30 days, served as series by {@link
 * io.stratacache.monitoring.trend.Trends} and {@code GET /api/v1/cache/monitoring/metrics}.
 */
package io.stratacache.monitoring.trend;
