package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A load takes the cluster's lease, or waits for its holder and reads the grid; never blocks. */
class ClusterLoadsTest {
  private final FakeClock clock = new FakeClock();
  private final CacheCounters counters = new CacheCounters();
  private final AtomicInteger loadsHere = new AtomicInteger();
  private final AtomicInteger released = new AtomicInteger();
  private final Deque<Object> grid = new ArrayDeque<>();

  /** Grants the lease or not, as scripted; awaiting a release answers {@code releases}. */
  private LoadCoordinator coordinator(boolean grant, boolean releases) {
    return new LoadCoordinator() {
      @Override
      public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
        return grant ? released::incrementAndGet : null;
      }

      @Override
      public boolean awaitRelease(String cache, String key, Duration timeout) {
        return releases;
      }
    };
  }

  private Object load(LoadCoordinator coordinator) {
    ClusterLoads loads =
        new ClusterLoads(CacheSettings.defaults("brands"), coordinator, clock, counters);
    return loads.load("k", grid::poll, () -> "loaded-" + loadsHere.incrementAndGet());
  }

  @Test
  void load_leaseGranted_loadsHereAndReleases() {
    assertEquals("loaded-1", load(coordinator(true, true)));
    assertEquals(1, released.get());
  }

  @Test
  void load_leaseGrantedButGridHasIt_noLoad() {
    grid.add("theirs");
    assertEquals("theirs", load(coordinator(true, true)));
    assertEquals(0, loadsHere.get());
  }

  @Test
  void load_leaseHeldElsewhere_readsTheirValueAfterRelease() {
    grid.add("theirs");
    assertEquals("theirs", load(coordinator(false, true)));
    CacheStats stats = counters.stats("brands", java.util.List.of(), null, encoder(), null, null);
    assertEquals(1, stats.remoteLoadWaits());
    assertEquals(1, stats.remoteLoadsServed());
    assertEquals(0, loadsHere.get());
  }

  @Test
  void load_holderNeverReleases_loadsHereAfterTheWait() {
    assertEquals("loaded-1", load(coordinator(false, false)));
    CacheStats stats = counters.stats("brands", java.util.List.of(), null, encoder(), null, null);
    assertEquals(1, stats.remoteLoadTimeouts());
  }

  @Test
  void load_coordinatorFails_loadsHere() {
    LoadCoordinator broken =
        new LoadCoordinator() {
          @Override
          public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
            throw new IllegalStateException("grid down");
          }

          @Override
          public boolean awaitRelease(String cache, String key, Duration timeout) {
            return true;
          }
        };
    assertEquals("loaded-1", load(broken));
  }

  @Test
  void applies_onlyWithCoordinatorAndGridUp() {
    ClusterLoads none =
        new ClusterLoads(CacheSettings.defaults("brands"), LoadCoordinator.none(), clock, counters);
    GuardedTier<byte[]> up = new GuardedTier<>(new MemoryTier("grid", clock), "brands", clock);
    assertFalse(none.applies(up));
    ClusterLoads some =
        new ClusterLoads(
            CacheSettings.defaults("brands"), coordinator(true, true), clock, counters);
    assertTrue(some.applies(up));
    assertFalse(some.applies(null));
  }

  private static PayloadEncoder<String> encoder() {
    return new PayloadEncoder<>(
        io.stratacache.cache.codec.Codecs.named("binary", String.class, java.util.List.of()), 0);
  }

  /** A bulk loader of brands that counts one load per key. */
  private static BulkLoader<CacheFixture.Brand> bulk(CacheFixture f) {
    return keys -> {
      java.util.Map<String, CacheFixture.Brand> found = new java.util.HashMap<>();
      for (String key : keys) {
        f.loads.incrementAndGet();
        found.put(key, CacheFixture.brand(key));
      }
      return found;
    };
  }

  /** A coordinator that grants every lease and counts the requests, alone or not. */
  private static LoadCoordinator counting(boolean alone, AtomicInteger asked) {
    return new LoadCoordinator() {
      @Override
      public boolean alone() {
        return alone;
      }

      @Override
      public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
        asked.incrementAndGet();
        return () -> {};
      }

      @Override
      public boolean awaitRelease(String cache, String key, Duration timeout) {
        return true;
      }
    };
  }

  /** Alone in the cluster, a miss (one key or a batch) loads without asking for a lease. */
  @Test
  void alone_missesTakeNoLease_exclusiveStillDoes() {
    AtomicInteger asked = new AtomicInteger();
    CacheFixture f =
        new CacheFixture(CacheFixture.allTiers(), b -> b.loadCoordinator(counting(true, asked)));
    f.cache.get("a", f.counting());
    f.cache.getAll(java.util.List.of("b", "c"), bulk(f));
    assertEquals(0, asked.get(), "no lease while alone");
    assertEquals(3, f.loads.get());
    f.cache.exclusive("a", () -> null);
    assertEquals(1, asked.get(), "an exclusive section is still leased");
  }

  @Test
  void notAlone_missesTakeLeases() {
    AtomicInteger asked = new AtomicInteger();
    CacheFixture f =
        new CacheFixture(CacheFixture.allTiers(), b -> b.loadCoordinator(counting(false, asked)));
    f.cache.get("a", f.counting());
    f.cache.getAll(java.util.List.of("b", "c"), bulk(f));
    assertEquals(3, asked.get(), "one lease per missed key");
  }
}
