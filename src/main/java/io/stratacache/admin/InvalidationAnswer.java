package io.stratacache.admin;

/**
 * The answer of an invalidation: which entries of which cache were removed from every tier.
 *
 * @param cache the cache
 * @param scope {@code key}, {@code tag} or {@code pattern}
 * @param subject the key, tag or pattern
 */
public record InvalidationAnswer(String cache, String scope, String subject) {}
