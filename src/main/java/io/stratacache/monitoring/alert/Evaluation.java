package io.stratacache.monitoring.alert;

/**
 * What one alert evaluation did; the JSON answer of {@code POST
 * /api/v1/cache/monitoring/alerts/evaluate}.
 *
 * @param opened alerts opened
 * @param resolved alerts auto-resolved
 * @param active alerts active afterwards
 */
public record Evaluation(int opened, int resolved, int active) {}
