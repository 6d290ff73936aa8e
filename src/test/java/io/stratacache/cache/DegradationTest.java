package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A failing or stalled tier: calls bounded by its timeout, its breaker opens and the tier is
 * skipped, nothing reaches the caller; on rejoin the tier is repaired and the near tier flushed.
 */
class DegradationTest {
  /** A registry on {@code clock} over these grid and store tiers, with the Caffeine near tier. */
  private static TieredCaches registry(
      FakeClock clock, io.stratacache.cache.tier.Tier<byte[]> grid, MemoryTier store) {
    return TieredCaches.builder()
        .near(CaffeineNearTier.factory())
        .clock(clock)
        .grid((n, c) -> grid)
        .store((n, c) -> store)
        .build();
  }

  private static CacheSettings.Builder settings() {
    return CacheFixture.allTiers()
        .gridTimeout(Duration.ofMillis(100))
        .breaker(new CacheSettings.Breaker(0.5, 5, Duration.ofSeconds(10), Duration.ofSeconds(5)));
  }

  private static void openGrid(CacheFixture f) {
    f.grid.failing = true;
    for (int i = 0; i < 5; i++) {
      f.cache.get("other-" + i, f.counting());
    }
    assertEquals(BreakerState.OPEN, f.cache.stats().tier("grid").orElseThrow().state());
  }

  @Test
  void get_gridStalled_answeredFromStoreWithinTheTimeout() {
    FakeClock clock = new FakeClock();
    StallingTier grid = new StallingTier("grid", clock);
    MemoryTier store = new MemoryTier("store", clock);
    try (TieredCaches caches = registry(clock, grid, store)) {
      TieredCache<Brand> cache = caches.cache(settings().build(), Brand.class);
      cache.put("k", brand("k"));
      ((ChainedCache<Brand>) cache).nearTier().clear();
      grid.stall();
      long start = System.nanoTime();
      Brand value = cache.get("k", key -> brand("loaded"));
      long millis = (System.nanoTime() - start) / 1_000_000;
      grid.release();
      assertEquals(brand("k"), value, "from the store, not the loader");
      assertTrue(millis >= 190 && millis < 2_000, "bounded by 2 × the 100 ms timeout: " + millis);
      TierStats gridStats = cache.stats().tier("grid").orElseThrow();
      assertEquals(2, gridStats.timeouts(), "the read, then the promotion of the store hit");
      assertEquals(2, gridStats.errors());
      assertEquals(1, cache.stats().tier("store").orElseThrow().hits());
    }
  }

  @Test
  void get_gridStalledRepeatedly_breakerOpensAndStopsCallingIt() {
    FakeClock clock = new FakeClock();
    StallingTier grid = new StallingTier("grid", clock);
    MemoryTier store = new MemoryTier("store", clock);
    try (TieredCaches caches = registry(clock, grid, store)) {
      TieredCache<Brand> cache = caches.cache(settings().build(), Brand.class);
      grid.stall();
      for (int i = 0; i < 5; i++) {
        assertEquals(brand("k" + i), cache.get("k" + i, CacheFixture::brand));
      }
      int calls = grid.calls.get();
      long start = System.nanoTime();
      for (int i = 5; i < 50; i++) {
        assertEquals(brand("k" + i), cache.get("k" + i, CacheFixture::brand));
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      grid.release();
      assertEquals(calls, grid.calls.get(), "an open breaker does not call the tier");
      assertTrue(millis < 1_000, "45 gets without waiting for the grid: " + millis + " ms");
      TierStats stats = cache.stats().tier("grid").orElseThrow();
      assertEquals(BreakerState.OPEN, stats.state());
      assertTrue(stats.stateReason().contains("timeout after 100 ms"), stats.stateReason());
      assertTrue(stats.shortCircuits() >= 45);
      assertEquals(1, stats.breakerOpens());
    }
  }

  @Test
  void tierStatuses_gridOpen_degradedWithReason() {
    CacheFixture f = new CacheFixture(settings());
    assertTrue(f.caches.tierStatuses().stream().noneMatch(TierStatus::degraded));
    openGrid(f);
    List<TierStatus> statuses = f.caches.tierStatuses();
    assertEquals(2, statuses.size(), "grid and store");
    TierStatus grid = statuses.get(0);
    assertEquals("grid", grid.tier());
    assertEquals("brands", grid.cache());
    assertTrue(grid.degraded());
    assertTrue(grid.reason().contains("grid is down"), grid.reason());
    assertFalse(statuses.get(1).degraded());
  }

  @Test
  void readsAndWrites_gridOpen_goOnThroughTheOtherTiers() {
    CacheFixture f = new CacheFixture(settings());
    openGrid(f);
    int gets = f.grid.gets.get();
    f.cache.put("k", brand("k"));
    f.cache.nearTier().clear();
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertEquals(5, f.loads.get(), "from the store, not the loader");
    f.cache.invalidate("k");
    f.cache.clear();
    assertEquals(gets, f.grid.gets.get());
  }

  @Test
  void checkTiers_gridBackAfterCoolDown_rejoinsRepairsAndFlushesNear() {
    CacheFixture f = new CacheFixture(settings(), b -> b.tierExecutor(Runnable::run));
    f.cache.put("x", brand("x1"));
    f.cache.put("k", brand("k1"));
    openGrid(f);
    f.cache.put("k", brand("k2")); // the grid misses it: it still holds k1
    // Meanwhile another instance changed x in the grid (to the bytes of k2); our near copy is old.
    f.grid.entries.put("x", f.store.entries.get("k"));
    assertEquals(brand("x1"), f.cache.get("x", f.counting()), "near still serves");

    f.grid.failing = false;
    f.caches.checkTiers();
    assertEquals(BreakerState.OPEN, f.cache.stats().tier("grid").orElseThrow().state());
    f.clock.advance(Duration.ofSeconds(5));
    f.caches.checkTiers();

    TierStats grid = f.cache.stats().tier("grid").orElseThrow();
    assertEquals(BreakerState.CLOSED, grid.state());
    assertFalse(f.nearHolds("x"), "near flushed on rejoin");
    assertFalse(f.nearHolds("k"));
    assertNull(f.grid.entries.get("k"), "the key written while away was removed from the grid");
    assertEquals(brand("k2"), f.cache.get("k", f.counting()), "from the store");
    assertEquals(brand("k2"), f.cache.get("x", f.counting()), "what the grid holds now");
  }

  @Test
  void checkTiers_clearMissedWhileOpen_probeStillClosesAndClearRepairs() {
    CacheFixture f = new CacheFixture(settings(), b -> b.tierExecutor(Runnable::run));
    f.cache.put("x", brand("x1"));
    openGrid(f);
    f.cache.clear(); // the grid misses it: every key of the cache now awaits repair there

    f.grid.failing = false;
    f.clock.advance(Duration.ofSeconds(5));
    f.caches.checkTiers();

    assertEquals(
        BreakerState.CLOSED,
        f.cache.stats().tier("grid").orElseThrow().state(),
        "the probe got through although every key awaited repair");
    f.caches.checkTiers();
    assertNull(f.grid.entries.get("x"), "the missed clear was repaired");
  }

  /**
   * A read of a key awaiting repair, after the cool-down, took the half-open probe's slot and made
   * no call: no outcome was reported, so no other probe (traffic or the tier check) was let through
   * for another cool-down, and the tier showed half-open (DEGRADED) instead of open (DOWN) or
   * rejoining.
   */
  @Test
  void get_keyAwaitingRepair_doesNotTakeTheProbe() throws Exception {
    // Tier calls off the caller's thread, as in production: the read's fill (written back to the
    // grid under the publication guard) may be the probe that closes the breaker, and the rejoin's
    // near flush, which needs the guard's write lock, runs on the tier executor. Run inline
    // (Runnable::run) it would wait for the caller's own read lock.
    java.util.concurrent.ExecutorService tiers =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      keyAwaitingRepair(tiers);
    } finally {
      tiers.shutdownNow();
    }
  }

  private void keyAwaitingRepair(java.util.concurrent.ExecutorService tiers) {
    CacheFixture f = new CacheFixture(settings(), b -> b.tierExecutor(tiers));
    openGrid(f);
    f.cache.put("k", brand("k")); // the grid misses it: k awaits repair there
    f.cache.nearTier().clear();
    f.grid.failing = false;
    f.clock.advance(Duration.ofSeconds(5));
    int gets = f.grid.gets.get();

    assertEquals(brand("k"), f.cache.get("k", f.counting()), "from the store");
    assertEquals(gets, f.grid.gets.get(), "a key awaiting repair is not read from the grid");
    f.caches.checkTiers();

    assertEquals(
        BreakerState.CLOSED,
        f.cache.stats().tier("grid").orElseThrow().state(),
        "the tier check's probe got through at once");
  }

  /**
   * A bulk read whose keys all await repair made no call but reported a success: as the half-open
   * probe it closed the breaker of a tier that was still failing.
   */
  @Test
  void getAll_onlyKeysAwaitingRepair_doNotCloseTheBreaker() {
    CacheFixture f = new CacheFixture(settings(), b -> b.tierExecutor(Runnable::run));
    openGrid(f);
    f.cache.put("k", brand("k"));
    f.cache.put("m", brand("m"));
    f.cache.nearTier().clear();
    f.clock.advance(Duration.ofSeconds(5));
    BulkLoader<Brand> none = keys -> java.util.Map.of();

    f.cache.getAll(List.of("k", "m"), none);

    assertTrue(f.grid.failing);
    assertFalse(
        f.cache.stats().tier("grid").orElseThrow().state() == BreakerState.CLOSED,
        "no call reached the failing grid, so nothing closed its breaker");
  }

  @Test
  void get_probeAfterCoolDown_trafficRejoinsByItself() {
    CacheFixture f = new CacheFixture(settings(), b -> b.tierExecutor(Runnable::run));
    f.cache.put("x", brand("x"));
    openGrid(f);
    f.grid.failing = false;
    f.clock.advance(Duration.ofSeconds(5));
    f.cache.get("y", f.counting());
    assertEquals(BreakerState.CLOSED, f.cache.stats().tier("grid").orElseThrow().state());
    assertFalse(f.nearHolds("x"), "near flushed on rejoin");
  }

  /**
   * The frozen-member run's deadlock: the half-open probe was a write holding the publication guard
   * (an invalidation under its stripe lock and the global read lock); its success closed the
   * breaker, and the rejoin's near flush, run on the same thread, waited for the guard's write lock
   * for ever (a read lock cannot be upgraded), and with it every later invalidation, publication
   * and the bus listener of the cache. The flush now runs off the caller's thread.
   */
  @Test
  void invalidate_isTheHalfOpenProbe_rejoinsWithoutDeadlock() throws Exception {
    CacheFixture f = new CacheFixture(settings());
    f.cache.put("x", brand("x1"));
    openGrid(f);
    f.grid.failing = false;
    f.clock.advance(Duration.ofSeconds(5));

    java.util.concurrent.CompletableFuture<Void> write =
        java.util.concurrent.CompletableFuture.runAsync(() -> f.cache.invalidate("k"));
    write.get(5, java.util.concurrent.TimeUnit.SECONDS); // deadlocked before the fix

    assertEquals(BreakerState.CLOSED, f.cache.stats().tier("grid").orElseThrow().state());
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    while (f.nearHolds("x") && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertFalse(f.nearHolds("x"), "near flushed on rejoin");
    java.util.concurrent.CompletableFuture.runAsync(() -> f.cache.invalidateByTag("t"))
        .get(5, java.util.concurrent.TimeUnit.SECONDS); // the guard's write lock is free
  }
}
