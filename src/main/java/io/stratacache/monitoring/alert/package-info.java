/**
 * Alert rules evaluated once per cluster every 30 s on the cluster's figures, the alert state
 * machine and its store, and their REST API under {@code /api/v1/cache/monitoring} ({@code alerts},
 * {@code rules}).
 */
package io.stratacache.monitoring.alert;
