package io.stratacache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

/**
 * The near-hit comparison of {@link NearHitBenchmark} measured interleaved in one JVM: each round
 * times every variant once, and the medians are compared. On a machine shared with other builds,
 * JMH's one-fork-per-variant runs each variant at a different moment and the load swings the
 * ratios; interleaving exposes every variant to the same load. Run with {@code mvn -Pjmh -q
 * test-compile exec:exec -Djmh.main=io.stratacache.cache.NearHitInterleaved -Djmh.args=}.
 */
public final class NearHitInterleaved {
  private static volatile Object sink;

  private NearHitInterleaved() {}

  /**
   * Caffeine with a per-entry {@link Expiry}, the closest plain-Caffeine equivalent of the tier.
   */
  static Cache<String, BenchValue> caffeineWithExpiry(int maximumSize) {
    return Caffeine.newBuilder()
        .maximumSize(maximumSize)
        .expireAfter(
            new Expiry<String, BenchValue>() {
              @Override
              public long expireAfterCreate(String key, BenchValue value, long now) {
                return 3_600_000_000_000L;
              }

              @Override
              public long expireAfterUpdate(String key, BenchValue value, long now, long current) {
                return current;
              }

              @Override
              public long expireAfterRead(String key, BenchValue value, long now, long current) {
                return current;
              }
            })
        .build();
  }

  public static void main(String[] args) {
    int keyCount = 10_000;
    String[] keys = new String[keyCount];
    for (int i = 0; i < keyCount; i++) {
      keys[i] = "brand:" + i;
    }
    ZipfKeys zipf = new ZipfKeys(keyCount, 1 << 16, 7);
    CacheSettings settings =
        CacheSettings.builder("bench")
            .tiers(true, false, false)
            .nearMaxEntries(2 * keyCount)
            .build();
    // the registry's default clock: the coarse ticker
    TieredCache<BenchValue> tiered =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .build()
            .cache(settings, BenchValue.class);
    // before issue 16: the system clock read on every hit
    TieredCache<BenchValue> tieredSystemClock =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .clock(CacheClock.system())
            .build()
            .cache(settings, BenchValue.class);
    TieredCaches observedRegistry = TieredCaches.builder().near(CaffeineNearTier.factory()).build();
    observedRegistry.addObserver(
        new io.stratacache.monitoring.latency.LatencyStats(CacheClock.system()).observer());
    TieredCache<BenchValue> tieredObserved = observedRegistry.cache(settings, BenchValue.class);
    TieredCaches everyReadRegistry =
        TieredCaches.builder().near(CaffeineNearTier.factory()).timingSample(1).build();
    everyReadRegistry.addObserver(
        new io.stratacache.monitoring.latency.LatencyStats(CacheClock.system()).observer());
    TieredCache<BenchValue> tieredObservedEveryRead =
        everyReadRegistry.cache(settings, BenchValue.class);
    // the core's share of an observed read: an observer that does nothing
    TieredCaches noopRegistry = TieredCaches.builder().near(CaffeineNearTier.factory()).build();
    noopRegistry.addObserver(new CacheObserver() {});
    TieredCache<BenchValue> tieredNoopObserver = noopRegistry.cache(settings, BenchValue.class);
    CoarseClock coarse = CoarseClock.system();
    CaffeineNearTier nearTier =
        CaffeineNearTier.create(
            2 * keyCount, 0, null, CacheClock.system(), ForkJoinPool.commonPool());
    Cache<String, BenchValue> caffeine = Caffeine.newBuilder().maximumSize(2 * keyCount).build();
    Cache<String, BenchValue> caffeineExpiry = caffeineWithExpiry(2 * keyCount);
    List<TieredCache<BenchValue>> tieredVariants =
        List.of(
            tiered, tieredSystemClock, tieredObserved, tieredObservedEveryRead, tieredNoopObserver);
    for (int i = 0; i < keyCount; i++) {
      BenchValue value = BenchValue.of(i);
      for (TieredCache<BenchValue> t : tieredVariants) {
        t.put(keys[i], value);
      }
      nearTier.put(
          keys[i], new TierEntry<>(value, Long.MAX_VALUE, Long.MAX_VALUE, 1, Set.of(), 64));
      caffeine.put(keys[i], value);
      caffeineExpiry.put(keys[i], value);
    }
    CacheLoader<BenchValue> loader = key -> null;
    String[] names = {
      "caffeine getIfPresent",
      "caffeine with Expiry",
      "near tier, system clock",
      "near tier, coarse clock",
      "tiered get (coarse)",
      "tiered get, system clock",
      "tiered + latency 1/16",
      "tiered + latency every",
      "tiered + no-op observer"
    };
    int rounds = 31;
    int ops = 2_000_000;
    double[][] nanos = new double[names.length][rounds];
    for (int round = 0; round < rounds; round++) {
      Object x = null;
      long start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        x = caffeine.getIfPresent(keys[zipf.at(i)]);
      }
      nanos[0][round] = (System.nanoTime() - start) / (double) ops;
      start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        x = caffeineExpiry.getIfPresent(keys[zipf.at(i)]);
      }
      nanos[1][round] = (System.nanoTime() - start) / (double) ops;
      start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        x = nearTier.get(keys[zipf.at(i)], System.currentTimeMillis());
      }
      nanos[2][round] = (System.nanoTime() - start) / (double) ops;
      start = System.nanoTime();
      for (int i = 0; i < ops; i++) {
        x = nearTier.get(keys[zipf.at(i)], coarse.millis());
      }
      nanos[3][round] = (System.nanoTime() - start) / (double) ops;
      for (int v = 0; v < tieredVariants.size(); v++) {
        TieredCache<BenchValue> t = tieredVariants.get(v);
        start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          x = t.get(keys[zipf.at(i)], loader);
        }
        nanos[4 + v][round] = (System.nanoTime() - start) / (double) ops;
      }
      sink = x;
    }
    double base = median(nanos[0]);
    System.out.printf(
        "load average at the end: %.2f%n",
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    System.out.printf("%-24s %12s %16s%n", "variant", "median ns/op", "throughput ratio");
    for (int v = 0; v < names.length; v++) {
      double median = median(nanos[v]);
      System.out.printf("%-24s %12.1f %15.2fx%n", names[v], median, base / median);
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
