package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.InvalidationEvent.Kind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Invalidation by key, tag and pattern reaches every tier, and no load can undo it. */
class InvalidationTest {
  private final CacheFixture f = new CacheFixture(CacheFixture.allTiers());

  private boolean anywhere(String key) {
    return f.nearHolds(key) || f.grid.entries.containsKey(key) || f.store.entries.containsKey(key);
  }

  private boolean everywhere(String key) {
    return f.nearHolds(key) && f.grid.entries.containsKey(key) && f.store.entries.containsKey(key);
  }

  @Test
  void invalidate_key_removedFromEveryTier() {
    f.cache.put("brand:1", brand("a"));
    f.cache.put("brand:2", brand("b"));
    assertTrue(everywhere("brand:1"));
    f.cache.invalidate("brand:1");
    assertFalse(anywhere("brand:1"));
    assertTrue(everywhere("brand:2"));
    assertEquals(brand("brand:1"), f.cache.get("brand:1", f.counting()));
    assertEquals(1, f.loads.get());
  }

  @Test
  void invalidateByTag_removesTaggedEntriesFromEveryTier() {
    f.cache.put("brand:1", brand("a"), null, Set.of("region-north", "top"));
    f.cache.put("brand:2", brand("b"), null, Set.of("top"));
    f.cache.put("brand:3", brand("c"), null, Set.of("region-south"));
    f.cache.invalidateByTag("top");
    assertFalse(anywhere("brand:1"));
    assertFalse(anywhere("brand:2"));
    assertTrue(everywhere("brand:3"));
  }

  @Test
  void invalidateByPattern_removesMatchingKeysFromEveryTier() {
    for (String key : List.of("brand:1", "brand:2", "brand-stats:1", "store:1")) {
      f.cache.put(key, brand(key));
    }
    f.cache.invalidateByPattern("brand:*");
    assertFalse(anywhere("brand:1"));
    assertFalse(anywhere("brand:2"));
    assertTrue(everywhere("brand-stats:1"));
    assertTrue(everywhere("store:1"));
    f.cache.invalidateByPattern("store:?");
    assertFalse(anywhere("store:1"));
  }

  @Test
  void clear_removesEverythingFromEveryTier() {
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.cache.clear();
    assertFalse(anywhere("a"));
    assertFalse(anywhere("b"));
  }

  @Test
  void writesAndInvalidations_publishedWithIncreasingSequence() {
    f.cache.put("a", brand("a"));
    f.cache.invalidate("a");
    f.cache.invalidateByTag("t");
    f.cache.invalidateByPattern("x*");
    f.cache.clear();
    List<InvalidationEvent> events = f.bus.published;
    assertEquals(
        List.of(Kind.KEY, Kind.KEY, Kind.TAG, Kind.PATTERN, Kind.CLEAR),
        events.stream().map(InvalidationEvent::kind).toList());
    for (int i = 0; i < events.size(); i++) {
      assertEquals(i + 1, events.get(i).sequence());
      assertEquals("self", events.get(i).origin());
      assertEquals("brands", events.get(i).cacheName());
    }
  }

  @Test
  void remoteInvalidation_dropsOnlyTheNearCopy() {
    f.cache.put("a", brand("a"));
    f.cache.put("b", brand("b"));
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "a", 1, "other"));
    assertFalse(f.nearHolds("a"));
    assertTrue(f.grid.entries.containsKey("a"), "the shared tiers were changed by the sender");
    f.bus.deliver(new InvalidationEvent("brands", Kind.KEY, "b", 1, "self"));
    assertTrue(f.nearHolds("b"), "own events are ignored");
    f.bus.deliver(new InvalidationEvent("brands", Kind.CLEAR, "", 2, "other"));
    assertFalse(f.nearHolds("b"));
  }

  /** The race Hazelcast's near cache guards with reservations. */
  @Test
  void invalidate_duringLoad_olderValueIsNotPublished() throws Exception {
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
    f.cache.invalidate("k");
    release.countDown();
    loader.join(5000);
    assertEquals(brand("old"), loaded.get(), "the load still answers its own caller");
    assertTrue(f.cache.peek("k").isAbsent(), "but its value was not cached");
    assertFalse(anywhere("k"));
  }

  @Test
  void put_duringLoad_loadDoesNotOverwriteTheNewerValue() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
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
    f.cache.put("k", brand("new"));
    release.countDown();
    loader.join(5000);
    assertEquals(brand("new"), f.cache.peek("k").orElse(null));
    assertEquals(
        brand("new").name(), f.cacheNearEntry("k").payload() instanceof Brand b ? b.name() : null);
  }

  @Test
  void invalidateByTag_duringLoad_olderValueIsNotPublished() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
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
    f.cache.invalidateByTag("anything");
    release.countDown();
    loader.join(5000);
    assertFalse(anywhere("k"));
  }

  @Test
  void get_afterInvalidationWhileOldLoadInFlight_loadsAgainInsteadOfJoining() throws Exception {
    CountDownLatch loading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    CacheLoader<Brand> loaderFn =
        key -> {
          if (calls.incrementAndGet() == 1) {
            loading.countDown();
            release.await();
            return brand("old");
          }
          return brand("new");
        };
    Thread first = new Thread(() -> f.cache.get("k", loaderFn));
    first.start();
    loading.await();
    f.cache.invalidate("k");
    Brand second = f.cache.get("k", loaderFn);
    release.countDown();
    first.join(5000);
    assertEquals(brand("new"), second);
    assertEquals(2, calls.get());
    assertEquals(brand("new"), f.cache.peek("k").orElse(null));
  }

  @Test
  void put_withTtl_expiresEverywhereAfterIt() {
    f.cache.put("k", brand("k"), Duration.ofSeconds(10), Set.of());
    f.clock.advance(Duration.ofSeconds(9));
    assertEquals(brand("k"), f.cache.peek("k").orElse(null));
    f.clock.advance(Duration.ofSeconds(2));
    assertTrue(f.cache.peek("k").isAbsent());
    assertNull(f.cache.nearTier().get("k", f.clock.millis()));
  }
}
