package io.stratacache.warmup.hotkey;

/**
 * A key that a cache's readers ask for often.
 *
 * @param cache the cache's name
 * @param key the cache key, as the cache sees it
 * @param estimate the estimated number of reads (sampled reads scaled by the sampling rate); an
 *     estimate of the frequent-items sketch, never below the true count of the sampled stream by
 *     more than the sketch's error bound
 */
public record HotKey(String cache, String key, long estimate) {}
