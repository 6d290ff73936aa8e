/**
 * Stores and their orders: daily sales dashboards and multi-store diagnosis (totals, ranking,
 * day-over-day trend, anomalies), aggregated in SQL and analysed in plain Java.
 */
package io.stratacache.store;
