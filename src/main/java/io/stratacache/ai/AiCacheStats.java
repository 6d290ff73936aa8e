package io.stratacache.ai;

/**
 * AI cache figures of the whole cluster or of one instance (snake_case, as the API's members).
 *
 * @param hits requests answered without generating here (from the cache, or by waiting for the same
 *     key's generation)
 * @param misses requests that generated
 * @param sets answers stored
 * @param errors requests that got no answer (failed generation); bad input is not counted
 * @param total_requests hits + misses + errors
 * @param hit_rate hits / total_requests as a percentage text, {@code "75.00%"}
 * @param hit_ratio the same as a number 0..1
 * @param tokens_spent tokens of the generations this instance made (prompt + completion)
 * @param tokens_saved tokens of the answers served as hits: what repeating them would have cost
 * @param upstream_calls attempts made upstream (retries included; 0 in mock mode)
 * @param retries retried attempts
 * @param upstream_latency_avg_ms mean time of an upstream attempt that got an answer or failed in
 *     the upstream (refusals by the open breaker or the bulkhead are not timed), milliseconds
 * @param generator {@code mock} or {@code upstream}
 */
public record AiCacheStats(
    long hits,
    long misses,
    long sets,
    long errors,
    long total_requests,
    String hit_rate,
    double hit_ratio,
    long tokens_spent,
    long tokens_saved,
    long upstream_calls,
    long retries,
    double upstream_latency_avg_ms,
    String generator) {}
