package io.stratacache.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A near hit of the tiered cache against raw Caffeine {@code getIfPresent} and a {@code
 * ConcurrentHashMap}, a Caffeine cache with a per-entry {@code Expiry} (what per-entry TTLs cost in
 * Caffeine itself) and the near tier alone (to split the cost), keys drawn from a Zipf distribution
 * over 10,000 cached keys (all hits).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NearHitBenchmark {
  private static final int KEYS = 10_000;

  @Param({"tiered", "nearTier", "caffeine", "caffeineExpiry", "chm"})
  String cache;

  private String[] keys;
  private ZipfKeys zipf;
  private TieredCache<BenchValue> tiered;
  private Cache<String, BenchValue> caffeine;
  private Cache<String, BenchValue> caffeineExpiry;
  private CaffeineNearTier nearTier;
  private ConcurrentHashMap<String, BenchValue> map;
  private final CacheLoader<BenchValue> loader = key -> BenchValue.of(key.length());

  @State(Scope.Thread)
  public static class Cursor {
    int n;
  }

  @Setup
  public void setUp() {
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "brand:" + i;
    }
    zipf = new ZipfKeys(KEYS, 1 << 16, 7);
    tiered =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .build()
            .cache(
                CacheSettings.builder("bench")
                    .tiers(true, false, false)
                    .nearMaxEntries(2 * KEYS)
                    .build(),
                BenchValue.class);
    caffeine = Caffeine.newBuilder().maximumSize(2 * KEYS).build();
    caffeineExpiry = NearHitInterleaved.caffeineWithExpiry(2 * KEYS);
    map = new ConcurrentHashMap<>();
    nearTier =
        CaffeineNearTier.create(2 * KEYS, 0, null, CacheClock.system(), ForkJoinPool.commonPool());
    long forever = Long.MAX_VALUE;
    for (int i = 0; i < KEYS; i++) {
      BenchValue value = BenchValue.of(i);
      tiered.put(keys[i], value);
      caffeine.put(keys[i], value);
      caffeineExpiry.put(keys[i], value);
      map.put(keys[i], value);
      nearTier.put(keys[i], new TierEntry<>(value, forever, forever, 1, Set.of(), 64));
    }
  }

  @Benchmark
  public Object get(Cursor cursor) {
    String key = keys[zipf.at(cursor.n++)];
    switch (cache) {
      case "tiered":
        return tiered.get(key, loader);
      case "nearTier":
        return nearTier.get(key, System.currentTimeMillis());
      case "caffeine":
        return caffeine.getIfPresent(key);
      case "caffeineExpiry":
        return caffeineExpiry.getIfPresent(key);
      default:
        return map.get(key);
    }
  }
}
