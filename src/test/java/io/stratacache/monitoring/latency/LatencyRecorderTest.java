package io.stratacache.monitoring.latency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.FakeClock;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Buckets, percentiles within the stated error, windows, and concurrent recording. */
class LatencyRecorderTest {

  static final double ERROR = LatencyRecorder.RELATIVE_ERROR_PERCENT / 100;

  @Test
  void buckets_areContiguousAndIncreasing() {
    for (int i = 1; i < LatencyRecorder.BUCKETS; i++) {
      assertTrue(LatencyRecorder.lowerBound(i) > LatencyRecorder.lowerBound(i - 1), "bucket " + i);
      assertEquals(i, LatencyRecorder.index(LatencyRecorder.lowerBound(i)), "bucket " + i);
      assertEquals(i - 1, LatencyRecorder.index(LatencyRecorder.lowerBound(i) - 1), "bucket " + i);
    }
    assertEquals(LatencyRecorder.BUCKETS - 1, LatencyRecorder.index(Long.MAX_VALUE));
  }

  @Test
  void everyValue_reportedWithinTheStatedError() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 100_000; i++) {
      long v = 8 + (long) Math.exp(random.nextDouble() * Math.log(1e11));
      double reported = LatencyRecorder.middle(LatencyRecorder.index(v));
      assertTrue(Math.abs(reported - v) / v <= ERROR, () -> v + " reported as " + reported);
    }
  }

  @Test
  void quantiles_matchTheExactOnes_withinTheStatedError() {
    SplittableRandom random = new SplittableRandom(42);
    LatencyRecorder r = new LatencyRecorder();
    long[] values = new long[50_000];
    for (int i = 0; i < values.length; i++) {
      // log-normal around 0.5 ms, with a slow tail
      values[i] = (long) (500_000 * Math.exp(random.nextGaussian()));
      r.record(values[i]);
    }
    Arrays.sort(values);
    LatencySnapshot s = r.snapshot();
    for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
      double exact = values[(int) Math.ceil(q * values.length) - 1] / 1e6;
      double got = s.quantileMillis(q);
      assertEquals(exact, got, exact * ERROR, "q" + q);
    }
    assertEquals(values.length, s.count());
    assertEquals(Arrays.stream(values).sum() / 1e6 / values.length, s.meanMillis(), 1e-9);
    assertEquals(
        values[values.length - 1] / 1e6, s.maxMillis(), values[values.length - 1] / 1e6 * ERROR);
  }

  @Test
  void empty_readsZero() {
    LatencySnapshot s = new LatencyRecorder().snapshot();
    assertEquals(0, s.quantileMillis(0.99));
    assertEquals(0, s.meanMillis());
    assertEquals(0, s.maxMillis());
  }

  @Test
  void minus_isTheWindowBetweenTwoSnapshots() {
    LatencyRecorder r = new LatencyRecorder();
    for (int i = 0; i < 100; i++) {
      r.record(100_000_000); // 100 ms
    }
    LatencySnapshot before = r.snapshot();
    for (int i = 0; i < 100; i++) {
      r.record(1_000_000); // 1 ms
    }
    LatencySnapshot window = r.snapshot().minus(before);
    assertEquals(100, window.count());
    assertEquals(1.0, window.quantileMillis(0.99), ERROR);
    assertEquals(1.0, window.meanMillis(), 1e-9);
  }

  @Test
  void concurrentRecording_losesNothing() throws InterruptedException {
    LatencyRecorder r = new LatencyRecorder();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                for (int i = 0; i < 100_000; i++) {
                  r.record(1000 + i);
                }
              });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(400_000, r.snapshot().count());
  }

  @Test
  void latencyStats_percentilesOfTheLastMinute() {
    FakeClock clock = new FakeClock();
    LatencyStats stats = new LatencyStats(clock);
    assertTrue(stats.of("c").isEmpty());
    for (int i = 0; i < 100; i++) {
      stats.onGet("c", "k", 200_000_000); // 200 ms, an old slow period
    }
    stats.rotate();
    clock.advance(Duration.ofSeconds(61));
    stats.rotate();
    for (int i = 0; i < 100; i++) {
      stats.onGet("c", "k", 2_000_000);
      stats.onLoad("c", "k", 10_000_000, false);
    }
    LatencyStats.Latency l = stats.of("c").orElseThrow();
    assertEquals(200, l.gets(), "counts are totals");
    assertEquals(2.0, l.getP99Millis(), 2.0 * ERROR, "percentiles forget the old period");
    assertEquals(2.0, l.getP50Millis(), 2.0 * ERROR);
    assertEquals(10.0, l.loadAvgMillis(), 1e-9);
    assertEquals(100, l.loads());
    assertEquals(0, l.puts());
  }
}
