package io.stratacache.cache;

import java.util.concurrent.Callable;

/**
 * Who is asking: client traffic (the default) or a warm-up. A warm-up runs its work inside {@link
 * #warmup}; while it does, its lookups that go past the near tier (grid and store hits, misses and
 * the loads they start) are counted in {@link CacheStats#warmupRequests()} instead of the cache's
 * and the tiers' requests, hits and misses, so the hit rate and the alerts judge client traffic
 * only. A warm-up's near hit is still counted as a client hit: the near hit path reads nothing but
 * the near map, by design. The mark is per thread: work a warm-up hands to another thread must be
 * wrapped there too. Thread-safe.
 */
public final class CacheTraffic {
  private static final ThreadLocal<Boolean> WARMUP = new ThreadLocal<>();

  private CacheTraffic() {}

  /**
   * Runs {@code work} on this thread as warm-up traffic, then restores the previous mark.
   *
   * @throws Exception what {@code work} throws
   */
  public static <T> T warmup(Callable<T> work) throws Exception {
    Boolean before = WARMUP.get();
    WARMUP.set(Boolean.TRUE);
    try {
      return work.call();
    } finally {
      if (before == null) {
        WARMUP.remove();
      } else {
        WARMUP.set(before);
      }
    }
  }

  /** Whether this thread runs warm-up work now. */
  public static boolean isWarmup() {
    return WARMUP.get() != null;
  }
}
