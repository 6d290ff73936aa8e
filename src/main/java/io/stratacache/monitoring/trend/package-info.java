/**
 * Trends: every member of the cluster stores each cache's key figures once a minute; the series
 * served by {@link io.stratacache.monitoring.trend.Trends} and {@code GET
 * /api/v1/cache/monitoring/metrics} sums the members, is rolled up to hourly points after 24 hours
 * and kept 30 days.
 */
package io.stratacache.monitoring.trend;
