package io.stratacache.cache;

/**
 * Statistics of one tier of one cache: an immutable snapshot. Counters count since the cache was
 * created; -1 means "the tier cannot tell" (for example while its backend is down).
 *
 * @param tier {@code near}, {@code grid} or {@code store}
 * @param requests lookups in this tier ({@code hits + misses})
 * @param hits lookups that found a fresh entry here
 * @param misses lookups that found nothing, or only a stale entry
 * @param hitRate {@code hits / requests}, 0 before the first request
 * @param puts entries written to this tier (writes and promotions)
 * @param evictions entries the tier dropped for lack of room
 * @param expirations entries the tier dropped at the end of their retention
 * @param size entries held (grid: this member's share; store: rows of this cache)
 * @param bytes encoded bytes held (near: encoded size of its values)
 * @param compressionRatio uncompressed / stored bytes of the values written to this tier (1.0 for
 *     the near tier, which holds decoded values)
 * @param errors operations that failed (including timeouts) and were skipped by the failure
 *     boundary
 * @param state the tier's circuit breaker ({@code CLOSED} for the near tier)
 * @param stateReason why the breaker is not closed; empty when closed
 * @param timeouts calls that did not answer within the tier's timeout (included in {@code errors})
 * @param shortCircuits calls skipped without calling the tier because its breaker was open
 * @param breakerOpens how many times the breaker opened
 */
public record TierStats(
    String tier,
    long requests,
    long hits,
    long misses,
    double hitRate,
    long puts,
    long evictions,
    long expirations,
    long size,
    long bytes,
    double compressionRatio,
    long errors,
    BreakerState state,
    String stateReason,
    long timeouts,
    long shortCircuits,
    long breakerOpens)
    implements java.io.Serializable {}
