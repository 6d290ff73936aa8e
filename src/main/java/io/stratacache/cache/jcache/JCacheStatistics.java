package io.stratacache.cache.jcache;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The JSR-107 statistics of one {@link TieredJCache}: counted by the adapter as the specification
 * defines them (a {@code putIfAbsent} that stores counts a miss and a put, and so on), beside the
 * tiered cache's own per-tier counters ({@code /api/v1/cache/stats}). Times are in microseconds.
 * Thread-safe.
 */
final class JCacheStatistics implements CacheStatisticsMXBean {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder evictions = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();

  void hits(long n) {
    hits.add(n);
  }

  void misses(long n) {
    misses.add(n);
  }

  void puts(long n) {
    puts.add(n);
  }

  void removals(long n) {
    removals.add(n);
  }

  void evictions(long n) {
    evictions.add(n);
  }

  /** Hits answered without the key's lock ({@link TieredJCache#get}'s fast path), in hits too. */
  private final LongAdder fastHits = new LongAdder();

  private final LongAdder sampledFastHits = new LongAdder();
  private final LongAdder sampledFastNanos = new LongAdder();
  private volatile boolean fastHitTimed;

  /**
   * Whether to time this fast hit: the first, then 1 in 16 at random. Two clock reads cost as much
   * as the hit itself (~25 ns each on a VM); the average of the sampled ones stands for the rest.
   */
  boolean timeFastHit() {
    return !fastHitTimed || (java.util.concurrent.ThreadLocalRandom.current().nextInt() & 15) == 0;
  }

  /** Counts a fast hit; {@code startNanos} 0 when it was not timed. */
  void fastHit(long startNanos) {
    hits.increment();
    fastHits.increment();
    if (startNanos != 0) {
      sampledFastNanos.add(System.nanoTime() - startNanos);
      sampledFastHits.increment();
      fastHitTimed = true;
    }
  }

  void getTime(long startNanos) {
    getNanos.add(System.nanoTime() - startNanos);
  }

  void putTime(long startNanos) {
    putNanos.add(System.nanoTime() - startNanos);
  }

  void removeTime(long startNanos) {
    removeNanos.add(System.nanoTime() - startNanos);
  }

  @Override
  public void clear() {
    hits.reset();
    misses.reset();
    puts.reset();
    removals.reset();
    evictions.reset();
    getNanos.reset();
    fastHits.reset();
    sampledFastHits.reset();
    sampledFastNanos.reset();
    fastHitTimed = false;
    putNanos.reset();
    removeNanos.reset();
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0f : hits.sum() * 100f / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0f : misses.sum() * 100f / gets;
  }

  @Override
  public long getCacheGets() {
    return hits.sum() + misses.sum();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  @Override
  public long getCacheEvictions() {
    return evictions.sum();
  }

  @Override
  public float getAverageGetTime() {
    long gets = getCacheGets();
    if (gets == 0) {
      return 0f;
    }
    double nanos = getNanos.sum();
    long sampled = sampledFastHits.sum();
    if (sampled > 0) {
      nanos += (double) sampledFastNanos.sum() / sampled * fastHits.sum();
    }
    return (float) (nanos / 1000 / gets);
  }

  @Override
  public float getAveragePutTime() {
    long n = puts.sum();
    return n == 0 ? 0f : putNanos.sum() / 1000f / n;
  }

  @Override
  public float getAverageRemoveTime() {
    long n = removals.sum();
    return n == 0 ? 0f : removeNanos.sum() / 1000f / n;
  }
}
