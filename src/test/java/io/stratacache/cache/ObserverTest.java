package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link CacheObserver}s see every get, peek, put and load, with durations; one failing is
 * harmless.
 */
class ObserverTest {
  private final FakeClock clock = new FakeClock();
  private final TieredCaches caches =
      TieredCaches.builder()
          .near(CaffeineNearTier.factory())
          .clock(clock)
          .executor(Runnable::run)
          .timingSample(1)
          .build();

  @AfterEach
  void close() {
    caches.close();
  }

  private TieredCache<String> near(String name) {
    return caches.cache(
        CacheSettings.builder(name).tiers(true, false, false).ttlJitter(0).build(), String.class);
  }

  record Event(String kind, String cache, String key, long nanos, boolean failed) {}

  static final class Recorder implements CacheObserver {
    final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void onGet(String cache, String key, long nanos) {
      events.add(new Event("get", cache, key, nanos, false));
    }

    @Override
    public void onPut(String cache, String key, long nanos) {
      events.add(new Event("put", cache, key, nanos, false));
    }

    @Override
    public void onLoad(String cache, String key, long nanos, boolean failed) {
      events.add(new Event("load", cache, key, nanos, failed));
    }
  }

  @Test
  void seesReadsWritesAndLoadsWithTheirDurations() {
    TieredCache<String> cache = near("obs");
    Recorder recorder = new Recorder();
    caches.addObserver(recorder);
    cache.get(
        "k",
        k -> {
          clock.advance(java.time.Duration.ofMillis(7));
          return "v";
        });
    cache.get("k", k -> "never");
    cache.peek("k");
    cache.put("p", "x");
    assertThrows(
        RuntimeException.class,
        () ->
            cache.get(
                "bad",
                k -> {
                  throw new IllegalStateException("boom");
                }));

    List<String> kinds = recorder.events.stream().map(e -> e.kind() + ":" + e.key()).toList();
    assertEquals(
        List.of("load:k", "get:k", "get:k", "get:k", "put:p", "load:bad", "get:bad"), kinds);
    assertEquals(7_000_000, recorder.events.get(0).nanos(), "load time");
    assertTrue(recorder.events.get(1).nanos() >= 7_000_000, "the get includes its load");
    assertTrue(recorder.events.get(5).failed(), "the failed load is marked");
    assertTrue(recorder.events.stream().allMatch(e -> e.cache().equals("obs")));
  }

  @Test
  void aFailingObserverNeverFailsTheCallAndOthersStillHear() {
    TieredCache<String> cache = near("obs2");
    caches.addObserver(
        new CacheObserver() {
          @Override
          public void onGet(String c, String key, long nanos) {
            throw new IllegalStateException("observer bug");
          }
        });
    Recorder recorder = new Recorder();
    caches.addObserver(recorder);
    assertEquals("v", cache.get("k", k -> "v"));
    assertEquals(2, recorder.events.size(), "load and get");
  }

  @Test
  void removedObserverHearsNothingMore() {
    TieredCache<String> cache = near("obs3");
    Recorder recorder = new Recorder();
    caches.addObserver(recorder);
    cache.get("a", k -> "v");
    assertTrue(caches.removeObserver(recorder));
    assertFalse(caches.removeObserver(recorder));
    cache.get("b", k -> "v");
    assertEquals(2, recorder.events.size());
  }

  @Test
  void defaultTimingSample_everyReadSeen_aboutOneIn16Timed() {
    TieredCaches sampled =
        TieredCaches.builder().near(CaffeineNearTier.factory()).clock(clock).build();
    try {
      TieredCache<String> cache =
          sampled.cache(
              CacheSettings.builder("sampled").tiers(true, false, false).ttlJitter(0).build(),
              String.class);
      Recorder recorder = new Recorder();
      sampled.addObserver(recorder);
      cache.put("k", "v");
      for (int i = 0; i < 16_000; i++) {
        cache.get("k", k -> "never");
      }
      long gets = recorder.events.stream().filter(e -> e.kind().equals("get")).count();
      long timed =
          recorder.events.stream()
              .filter(e -> e.kind().equals("get") && e.nanos() != CacheObserver.UNTIMED)
              .count();
      assertEquals(16_000, gets, "every read is reported");
      assertTrue(timed > 600 && timed < 1_400, "about one read in 16 is timed: " + timed);
      assertEquals(1, recorder.events.stream().filter(e -> e.kind().equals("put")).count());
    } finally {
      sampled.close();
    }
  }

  @Test
  void timingSample_notAPowerOfTwo_refused() {
    assertThrows(IllegalArgumentException.class, () -> TieredCaches.builder().timingSample(3));
    assertThrows(IllegalArgumentException.class, () -> TieredCaches.builder().timingSample(0));
  }
}
