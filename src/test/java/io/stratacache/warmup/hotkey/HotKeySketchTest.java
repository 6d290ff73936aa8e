package io.stratacache.warmup.hotkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hot-key sketch: accuracy on Zipf traffic, hourly windows, the hour-of-day profile, bounds.
 */
class HotKeySketchTest {

  private static final long HOUR = 3_600_000L;
  private static final long T0 = 1_700_000_000_000L / HOUR * HOUR; // on the hour, UTC

  private static Set<String> exactTop(Map<String, Integer> counts, int k) {
    return counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(k)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static double recall(Set<String> truth, List<HotKeySketch.Estimate> found) {
    Set<String> keys = found.stream().map(HotKeySketch.Estimate::key).collect(Collectors.toSet());
    return truth.stream().filter(keys::contains).count() / (double) truth.size();
  }

  @ParameterizedTest(name = "zipf s={0}, {1} keys, map size {2}")
  @CsvSource({
    "1.0, 100000, 256",
    "1.1, 10000, 256",
    "1.2, 1000000, 256",
    "0.9, 100000, 1024",
    "0.8, 100000, 2048"
  })
  void top20_zipfStream_recallAtLeast90Percent(double s, int keys, int capacity) {
    HotKeySketch sketch = new HotKeySketch(4, capacity, 64, ZoneOffset.UTC);
    ZipfStream zipf = new ZipfStream(keys, s, 42);
    Map<String, Integer> exact = new HashMap<>();
    for (int i = 0; i < 300_000; i++) {
      String key = zipf.next();
      exact.merge(key, 1, Integer::sum);
      assertTrue(sketch.offer(key, T0 + i));
    }
    double recall = recall(exactTop(exact, 20), sketch.top(20, T0 + 300_000));
    assertTrue(recall >= 0.9, "top-20 recall " + recall);
  }

  @Test
  void top20_zipfFromFourThreads_recallAtLeast90Percent() throws Exception {
    HotKeySketch sketch = new HotKeySketch(4, 256, 64, ZoneOffset.UTC);
    int threads = 4;
    List<Map<String, Integer>> counts = new ArrayList<>();
    List<Thread> workers = new ArrayList<>();
    CountDownLatch go = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      Map<String, Integer> mine = new HashMap<>();
      counts.add(mine);
      ZipfStream zipf = new ZipfStream(50_000, 1.0, 7 + t);
      workers.add(
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 100_000; i++) {
                  String key = zipf.next();
                  mine.merge(key, 1, Integer::sum);
                  sketch.offer(key, T0 + 1000);
                }
              }));
    }
    workers.forEach(Thread::start);
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    Map<String, Integer> exact = new HashMap<>();
    counts.forEach(m -> m.forEach((k, v) -> exact.merge(k, v, Integer::sum)));
    double recall = recall(exactTop(exact, 20), sketch.top(20, T0 + 2000));
    assertTrue(recall >= 0.9, "top-20 recall " + recall + ", dropped " + sketch.dropped());
  }

  @Test
  void top_countsCurrentAndPreviousHourOnly() {
    HotKeySketch sketch = new HotKeySketch(1, 64, 64, ZoneOffset.UTC);
    for (int i = 0; i < 10; i++) {
      sketch.offer("old", T0 + i);
    }
    for (int i = 0; i < 5; i++) {
      sketch.offer("new", T0 + HOUR + i);
    }
    assertEquals(
        List.of(new HotKeySketch.Estimate("old", 10), new HotKeySketch.Estimate("new", 5)),
        sketch.top(5, T0 + HOUR + 10));
    assertEquals(
        List.of(new HotKeySketch.Estimate("new", 5)),
        sketch.top(5, T0 + 2 * HOUR + 10),
        "two hours later the first hour is out");
    assertEquals(List.of(), sketch.top(5, T0 + 3 * HOUR), "nothing read for two hours");
  }

  @Test
  void profile_keyPeaksInItsBusiestHourOfDay() {
    HotKeySketch sketch = new HotKeySketch(2, 64, 64, ZoneOffset.UTC);
    int t0Hour = (int) ((T0 / HOUR) % 24);
    for (int day = 0; day < 3; day++) {
      long dayStart = T0 + day * 24 * HOUR;
      for (int i = 0; i < 30; i++) {
        sketch.offer("morning", dayStart + i);
        sketch.offer("evening", dayStart + 5 * HOUR + i);
      }
      for (int i = 0; i < 10; i++) {
        sketch.offer("morning", dayStart + 5 * HOUR + 100 + i);
      }
    }
    HotKeySketch.HourProfile profile = sketch.profile();
    assertEquals(t0Hour, profile.peakHour("morning"));
    assertEquals((t0Hour + 5) % 24, profile.peakHour("evening"));
    assertEquals(90, profile.estimate("morning", t0Hour));
    assertEquals(30, profile.estimate("morning", (t0Hour + 5) % 24));
    assertEquals(-1, profile.peakHour("never"));
    assertEquals("evening", profile.top((t0Hour + 5) % 24, 1).get(0).key());
  }

  @Test
  void memory_boundedWhateverTheKeySpace() {
    int stripes = 2;
    int capacity = 64;
    HotKeySketch sketch = new HotKeySketch(stripes, capacity, 32, ZoneOffset.UTC);
    for (int i = 0; i < 200_000; i++) {
      sketch.offer("distinct-" + i, T0 + i * 40L); // spans more than two hours
    }
    int tracked = sketch.top(Integer.MAX_VALUE, T0 + 200_000 * 40L).size();
    assertTrue(tracked <= 2 * stripes * capacity * 3 / 4, "tracked " + tracked);
    Set<String> profiled = new HashSet<>();
    HotKeySketch.HourProfile p = sketch.profile();
    for (int h = 0; h < 24; h++) {
      p.top(h, Integer.MAX_VALUE).forEach(e -> profiled.add(e.key()));
    }
    assertTrue(profiled.size() <= 24 * 32 * 3 / 4, "profiled " + profiled.size());
    assertFalse(profiled.isEmpty());
  }

  @Test
  void constructor_sizeNotPowerOfTwo_rejected() {
    assertThrows(
        IllegalArgumentException.class, () -> new HotKeySketch(2, 100, 64, ZoneOffset.UTC));
  }
}
