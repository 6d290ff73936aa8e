package io.stratacache.http;

/**
 * One rule's counters on this instance.
 *
 * @param rule the rule's id
 * @param hits answers served fresh from the cache (304s from the cache included)
 * @param misses answers that went to the backend and may be stored
 * @param stale stale answers served (stale-while-revalidate and stale-if-error)
 * @param bypass answers the rule covered but the cache did not keep or could not use
 * @param revalidated stored answers confirmed unchanged by the backend
 * @param notModified 304 answers given from the cache
 * @param bytes body bytes served from the cache
 * @param backendCalls backend calls made under the rule
 * @param savedMillis backend time saved: cache answers times the average backend time
 */
public record RuleCounts(
    String rule,
    long hits,
    long misses,
    long stale,
    long bypass,
    long revalidated,
    long notModified,
    long bytes,
    long backendCalls,
    long savedMillis) {}
