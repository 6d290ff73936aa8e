/**
 * The operator dashboard's JSON ({@code GET /api/v1/cache/dashboard}): per-cache figures, the
 * health score, alerts, warm-up runs, suggestions and the last hour's trend in one document.
 */
package io.stratacache.monitoring.dashboard;
