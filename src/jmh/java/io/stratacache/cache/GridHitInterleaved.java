package io.stratacache.cache;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Arrays;
import java.util.List;

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
      // the bulk read of every key: 1,000 single IMap.gets, one IMap.getAll, one tiered getAll
      int batches = 10;
      double[][] batchMicros = new double[3][rounds];
      List<String> all = Arrays.asList(keys);
      java.util.Set<String> allSet = new java.util.HashSet<>(all);
      BulkLoader<BenchValue> bulkLoader = k -> java.util.Map.of();
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
        start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
          for (String key : keys) {
            x = raw.get(key);
          }
        }
        batchMicros[0][round] = (System.nanoTime() - start) / 1e3 / batches;
        start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
          x = raw.getAll(allSet);
        }
        batchMicros[1][round] = (System.nanoTime() - start) / 1e3 / batches;
        start = System.nanoTime();
        for (int b = 0; b < batches; b++) {
          x = tiered.getAll(all, bulkLoader);
        }
        batchMicros[2][round] = (System.nanoTime() - start) / 1e3 / batches;
        sink = x;
      }
      double base = median(micros[0]);
      System.out.printf("%-28s %14s %14s%n", "variant", "median us/op", "latency ratio");
      System.out.printf("%-28s %14.2f %13.2fx%n", "IMap.get (Java serialized)", base, 1.0);
      System.out.printf(
          "%-28s %14.2f %13.2fx%n",
          "tiered get, grid hit", median(micros[1]), median(micros[1]) / base);
      double single = median(batchMicros[0]);
      System.out.printf(
          "%-28s %14s %14s%n", "bulk read of 1,000 keys", "median us/batch", "vs 1,000 gets");
      System.out.printf("%-28s %14.0f %13.2fx%n", "1,000 IMap.get", single, 1.0);
      System.out.printf(
          "%-28s %14.0f %13.2fx%n",
          "IMap.getAll(1,000)", median(batchMicros[1]), median(batchMicros[1]) / single);
      System.out.printf(
          "%-28s %14.0f %13.2fx%n",
          "tiered getAll(1,000), grid", median(batchMicros[2]), median(batchMicros[2]) / single);
      System.out.printf(
          "load average at the end: %.2f%n",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
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
