package io.stratacache.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Arrays;

/**
 * The grid-hit comparison of {@link GridHitBenchmark} measured interleaved in one JVM (see {@link
 * NearHitInterleaved} for why): tiered get with the near tier off against a raw {@code IMap.get} of
 * the same value on the same embedded member. Run with {@code mvn -Pjmh -q test-compile exec:exec
 * -Djmh.main=io.stratacache.cache.GridHitInterleaved -Djmh.args=}.
 */
public final class GridHitInterleaved {
  private static volatile Object sink;

  private GridHitInterleaved() {}

  public static void main(String[] args) {
    HazelcastInstance hazelcast = GridHitBenchmark.member();
    try {
      int keyCount = 1_000;
      String[] keys = new String[keyCount];
      for (int i = 0; i < keyCount; i++) {
        keys[i] = "brand:" + i;
      }
      ZipfKeys zipf = new ZipfKeys(keyCount, 1 << 16, 7);
      TieredCache<BenchValue> tiered =
          TieredCaches.builder()
              .near(CaffeineNearTier.factory())
              .grid(HazelcastGridTier.factory(hazelcast))
              .build()
              .cache(
                  CacheSettings.builder("bench").tiers(false, true, false).build(),
                  BenchValue.class);
      IMap<String, BenchValue> raw = hazelcast.getMap("raw");
      for (int i = 0; i < keyCount; i++) {
        tiered.put(keys[i], BenchValue.of(i));
        raw.set(keys[i], BenchValue.of(i));
      }
      CacheLoader<BenchValue> loader = key -> null;
      int rounds = 31;
      int ops = 20_000;
      double[][] micros = new double[2][rounds];
      for (int round = 0; round < rounds; round++) {
        Object x = null;
        long start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          x = raw.get(keys[zipf.at(i)]);
        }
        micros[0][round] = (System.nanoTime() - start) / 1e3 / ops;
        start = System.nanoTime();
        for (int i = 0; i < ops; i++) {
          x = tiered.get(keys[zipf.at(i)], loader);
        }
        micros[1][round] = (System.nanoTime() - start) / 1e3 / ops;
        sink = x;
      }
      double base = median(micros[0]);
      System.out.printf("%-28s %14s %14s%n", "variant", "median us/op", "latency ratio");
      System.out.printf("%-28s %14.2f %13.2fx%n", "IMap.get (Java serialized)", base, 1.0);
      System.out.printf(
          "%-28s %14.2f %13.2fx%n",
          "tiered get, grid hit", median(micros[1]), median(micros[1]) / base);
      System.out.println("tiered stats: " + tiered.stats().tier("grid").orElseThrow());
    } finally {
      hazelcast.shutdown();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
