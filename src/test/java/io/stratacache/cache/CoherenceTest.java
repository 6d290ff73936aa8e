package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.InvalidationEvent.Kind;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Remote invalidations: per-origin sequence gaps flush the near tier, loss notices flush every
 * cache, staleness is measured, and a remote invalidation stops an overlapping load's publication.
 */
class CoherenceTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  private InvalidationEvent key(String key, long sequence, String origin) {
    return new InvalidationEvent("brands", Kind.KEY, key, sequence, origin, f.clock.millis());
  }

  @Test
  void remoteEvents_inSequence_dropOnlyTheirKeys() {
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.bus.deliver(key("a", 1, "other"));
    f.bus.deliver(key("x", 2, "other"));
    assertFalse(f.nearHolds("a"));
    assertTrue(f.nearHolds("b"));
    assertEquals(0, f.cache.stats().coherence().gapFlushes());
    assertEquals(2, f.cache.stats().coherence().received());
  }

  @Test
  void remoteEvent_sequenceGap_flushesTheNearTier() {
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.bus.deliver(key("x", 1, "other"));
    f.bus.deliver(key("y", 3, "other")); // 2 was lost: it may have been about a or b
    assertFalse(f.nearHolds("a"));
    assertFalse(f.nearHolds("b"));
    assertEquals(1, f.cache.stats().coherence().gapFlushes());
    assertTrue(f.grid.entries.containsKey("a"), "only the near tier is flushed");
  }

  @Test
  void remoteEvent_firstOfAnUnknownOrigin_isNoGap() {
    f.cache.put("a", brand("a"));
    f.bus.deliver(key("x", 57, "joined-late"));
    f.bus.deliver(key("y", 58, "joined-late"));
    assertTrue(f.nearHolds("a"));
    assertEquals(0, f.cache.stats().coherence().gapFlushes());
  }

  @Test
  void remoteEvent_olderThanExpected_appliedButNoGap() {
    f.cache.put("a", brand("a"));
    f.bus.deliver(key("x", 5, "other"));
    f.bus.deliver(key("a", 3, "other"));
    assertFalse(f.nearHolds("a"), "applied");
    f.cache.put("b", brand("b"));
    f.bus.deliver(key("y", 6, "other"));
    assertTrue(f.nearHolds("b"), "the expectation stayed at 6");
    assertEquals(0, f.cache.stats().coherence().gapFlushes());
  }

  @Test
  void gapsAreTrackedPerOrigin() {
    f.cache.put("a", brand("a"));
    f.bus.deliver(key("x", 1, "one"));
    f.bus.deliver(key("x", 1, "two"));
    f.bus.deliver(key("x", 2, "one"));
    f.bus.deliver(key("x", 2, "two"));
    assertTrue(f.nearHolds("a"));
  }

  @Test
  void lossNotice_flushesEveryCache() {
    f.cache.put("a", brand("a"));
    TieredCache<String> other =
        f.caches.cache(
            CacheSettings.builder("other").tiers(true, false, false).build(), String.class);
    other.put("o", "v");
    f.bus.deliver(InvalidationEvent.lost("test-bus"));
    assertFalse(f.nearHolds("a"));
    assertTrue(other.peek("o").isAbsent());
    assertEquals(1, f.cache.stats().coherence().gapFlushes());
  }

  @Test
  void stats_staleness_measuredFromPublicationToReceipt() {
    long now = f.clock.millis();
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "a", 1, "o", now - 40));
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "a", 2, "o", now - 10));
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "a", 3, "o", now - 20));
    CoherenceStats c = f.cache.stats().coherence();
    assertEquals(20, c.lastStalenessMillis());
    assertEquals(40, c.maxStalenessMillis());
    assertEquals(20, c.p50StalenessMillis());
    assertEquals(40, c.p99StalenessMillis());
    assertEquals(
        CoherenceStats.NONE, new CacheFixture(CacheFixture.allTiers()).cache.stats().coherence());
  }

  @Test
  void publishedEvents_carryPublicationTime() {
    f.cache.put("a", brand("a"));
    assertEquals(f.clock.millis(), f.bus.published.get(0).publishedAt());
  }

  /** The invalidate-during-load race, with the invalidation coming from another instance. */
  @Test
  void remoteInvalidation_duringLoad_olderValueIsNotPublished() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Brand> loaded = new AtomicReference<>();
    Thread loader =
        new Thread(
            () ->
                loaded.set(
                    f.cache.get(
                        "k",
                        key -> {
                          loading.countDown();
                          release.await();
                          return brand("old");
                        })));
    loader.start();
    loading.await();
    f.bus.deliver(key("k", 1, "other"));
    release.countDown();
    loader.join(5000);
    assertEquals(brand("old"), loaded.get(), "the load still answers its own caller");
    assertFalse(f.nearHolds("k"), "but did not publish into the near tier");
    assertFalse(f.grid.entries.containsKey("k"), "nor into the shared tiers");
  }

  @Test
  void remoteGap_duringLoad_olderValueIsNotPublished() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    f.bus.deliver(key("x", 1, "other"));
    Thread loader =
        new Thread(
            () ->
                f.cache.get(
                    "k",
                    key -> {
                      loading.countDown();
                      release.await();
                      return brand("old");
                    }));
    loader.start();
    loading.await();
    f.bus.deliver(key("y", 9, "other"));
    release.countDown();
    loader.join(5000);
    assertFalse(f.nearHolds("k"));
  }
}
