package io.stratacache.cache;

import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * 1,000 callers released at once on one missing key whose loader takes 50 ms: the time until all
 * have their value, and how many loads ran (the {@code loads} counter; it must be 1 per round, the
 * benchmark fails otherwise).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(1)
public class StampedeBenchmark {
  private static final int CALLERS = 1_000;

  private ExecutorService callers;
  private TieredCache<BenchValue> cache;
  private final AtomicInteger round = new AtomicInteger();

  /** Loads per round, reported next to the time. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Loads {
    public long loads;
  }

  @Setup(Level.Trial)
  public void setUp() {
    callers = Executors.newFixedThreadPool(CALLERS);
    cache =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .build()
            .cache(
                CacheSettings.builder("stampede").tiers(true, false, false).build(),
                BenchValue.class);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    callers.shutdownNow();
  }

  @Benchmark
  public void thousandMissesOnOneKey(Loads counter) throws Exception {
    String key = "hot:" + round.incrementAndGet();
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<BenchValue>> results = new ArrayList<>(CALLERS);
    for (int i = 0; i < CALLERS; i++) {
      results.add(
          callers.submit(
              () -> {
                start.await();
                return cache.get(
                    key,
                    k -> {
                      loads.incrementAndGet();
                      Thread.sleep(50);
                      return BenchValue.of(1);
                    });
              }));
    }
    start.countDown();
    for (Future<BenchValue> result : results) {
      result.get();
    }
    counter.loads += loads.get();
    if (loads.get() != 1) {
      throw new IllegalStateException(loads.get() + " loads for one key");
    }
  }
}
