package io.stratacache.cache.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.CacheStats;
import io.stratacache.cache.InvalidationEvent;
import io.stratacache.cache.LoadCoordinator;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.grid.HazelcastGridTier;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two registries on two embedded Hazelcast members (one cluster on loopback): invalidations travel
 * over the reliable topic, and concurrent misses of one key on both instances load once.
 */
class ClusterTest {
  private static final AtomicInteger CACHES = new AtomicInteger();
  private static TwoMembers members;
  private final List<AutoCloseable> closing = new ArrayList<>();
  private String cacheName;
  private TieredCaches onA;
  private TieredCaches onB;

  @BeforeAll
  static void cluster() {
    members = new TwoMembers();
  }

  @AfterAll
  static void stop() {
    members.close();
  }

  @BeforeEach
  void registries() {
    cacheName = "cluster-" + CACHES.incrementAndGet();
    onA = registry(members.a, "A");
    onB = registry(members.b, "B");
  }

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing) {
      c.close();
    }
  }

  private TieredCaches registry(HazelcastInstance member, String id) {
    HazelcastLoadCoordinator coordinator = HazelcastLoadCoordinator.create(member);
    TieredCaches caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .grid(HazelcastGridTier.factory(member))
            .invalidationBus(HazelcastInvalidationBus.create(member))
            .loadCoordinator(coordinator)
            .instanceId(id)
            .build();
    closing.add(caches);
    closing.add(coordinator);
    return caches;
  }

  private TieredCache<String> cache(TieredCaches caches) {
    return caches.cache(
        CacheSettings.builder(cacheName).tiers(true, true, false).ttlJitter(0).build(),
        String.class);
  }

  @Test
  void coordinator_withTwoMembers_isNotAlone() {
    HazelcastLoadCoordinator coordinator = HazelcastLoadCoordinator.create(members.a);
    try {
      org.junit.jupiter.api.Assertions.assertFalse(coordinator.alone());
    } finally {
      coordinator.close();
    }
  }

  @Test
  void put_onA_removesTheNearCopyOnB() throws Exception {
    TieredCache<String> a = cache(onA);
    TieredCache<String> b = cache(onB);
    a.put("k", "v1");
    assertEquals("v1", b.get("k", key -> "loaded"));
    a.put("k", "v2");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    String seen = b.get("k", key -> "loaded");
    while (!"v2".equals(seen) && System.nanoTime() < deadline) {
      Thread.sleep(5);
      seen = b.get("k", key -> "loaded");
    }
    assertEquals("v2", seen, "B's near copy was dropped and v2 read from the grid");
    CacheStats stats = b.stats();
    assertTrue(stats.coherence().received() >= 1);
    assertTrue(stats.coherence().maxStalenessMillis() >= 0);
    assertTrue(stats.coherence().maxStalenessMillis() < 5_000);
    assertEquals(0, stats.coherence().gapFlushes());
  }

  @Test
  void invalidateAndClear_onA_reachBsNearTier() throws Exception {
    TieredCache<String> a = cache(onA);
    TieredCache<String> b = cache(onB);
    a.put("x", "1");
    a.put("y", "2");
    b.get("x", key -> "loaded");
    b.get("y", key -> "loaded");
    a.invalidate("x");
    awaitAbsent(b, "x");
    assertTrue(b.peek("y") instanceof Lookup.Present<String>);
    a.clear();
    awaitAbsent(b, "y");
  }

  private static void awaitAbsent(TieredCache<String> cache, String key) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!cache.peek(key).isAbsent() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertTrue(cache.peek(key).isAbsent(), key + " still cached");
  }

  @Test
  void get_concurrentMissesOnBothInstances_loadOnce() throws Exception {
    TieredCache<String> a = cache(onA);
    TieredCache<String> b = cache(onB);
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        TieredCache<String> cache = i % 2 == 0 ? a : b;
        results.add(
            callers.submit(
                () -> {
                  start.await();
                  return cache.get(
                      "hot",
                      key -> {
                        loads.incrementAndGet();
                        Thread.sleep(300);
                        return "value";
                      });
                }));
      }
      start.countDown();
      for (Future<String> result : results) {
        assertEquals("value", result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      callers.shutdownNow();
    }
    assertEquals(1, loads.get(), "one load in the whole cluster");
    long waits = a.stats().remoteLoadWaits() + b.stats().remoteLoadWaits();
    long served = a.stats().remoteLoadsServed() + b.stats().remoteLoadsServed();
    assertEquals(1, waits, "the other instance waited once (its local slot held its callers)");
    assertEquals(1, served);
  }

  @Test
  void get_otherInstanceLoadsTooLong_waiterLoadsAfterTheBoundedWait() throws Exception {
    CacheSettings settings =
        CacheSettings.builder(cacheName)
            .tiers(true, true, false)
            .clusterLoad(
                new CacheSettings.ClusterLoad(true, Duration.ofMillis(200), Duration.ofSeconds(30)))
            .build();
    TieredCache<String> a = onA.cache(settings, String.class);
    TieredCache<String> b = onB.cache(settings, String.class);
    CountDownLatch aLoading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread slow =
        new Thread(
            () ->
                a.get(
                    "k",
                    key -> {
                      aLoading.countDown();
                      release.await();
                      return "from-a";
                    }));
    slow.start();
    assertTrue(aLoading.await(5, TimeUnit.SECONDS));
    long begin = System.nanoTime();
    String value = b.get("k", key -> "from-b");
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);
    release.countDown();
    slow.join(5_000);
    assertEquals("from-b", value);
    assertTrue(millis >= 150 && millis < 3_000, "waited about 200 ms: " + millis);
    assertEquals(1, b.stats().remoteLoadTimeouts());
  }

  @Test
  void get_notFoundLoadedOnA_waiterOnBGetsNullWithoutLoading() throws Exception {
    TieredCache<String> a = cache(onA);
    TieredCache<String> b = cache(onB);
    CountDownLatch aLoading = new CountDownLatch(1);
    Thread loader =
        new Thread(
            () ->
                a.get(
                    "missing",
                    key -> {
                      aLoading.countDown();
                      Thread.sleep(300);
                      return null;
                    }));
    loader.start();
    assertTrue(aLoading.await(5, TimeUnit.SECONDS));
    AtomicInteger bLoads = new AtomicInteger();
    assertNull(
        b.get(
            "missing",
            key -> {
              bLoads.incrementAndGet();
              return "wrong";
            }));
    loader.join(5_000);
    assertEquals(0, bLoads.get());
  }

  @Test
  void messages_roundTripThroughTheTopicFormat() {
    InvalidationEvent event =
        new InvalidationEvent(
            "c", InvalidationEvent.Kind.PATTERN, "a\u001fb:*", 42, "member-1", 1_700_000_000_123L);
    assertEquals(event, HazelcastInvalidationBus.decode(HazelcastInvalidationBus.encode(event)));
  }

  /**
   * Every lease a bulk load takes is released when the load closes it, however many are closed at
   * once: releases used to share the coordinator's call executor (32 threads, no queue), which
   * refused the ones beyond its 32nd, and those leases then blocked every later miss of their keys
   * until they expired (30 s).
   */
  @Test
  void tryAcquireAll_thousandLeasesClosedAtOnce_everyOneReleased() throws Exception {
    HazelcastLoadCoordinator coordinator = HazelcastLoadCoordinator.create(members.a);
    try {
      IMap<String, String> leases = members.a.getMap(HazelcastLoadCoordinator.MAP);
      List<LoadCoordinator.Lease> all = new ArrayList<>();
      for (int batch = 0; batch < 4; batch++) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
          keys.add("k" + batch + "-" + i);
        }
        Map<String, LoadCoordinator.Lease> granted =
            coordinator.tryAcquireAll(
                "release-test", keys, Duration.ofSeconds(30), Duration.ofSeconds(2));
        assertEquals(256, granted.size());
        all.addAll(granted.values());
      }
      assertEquals(1_024, leases.size());

      all.forEach(LoadCoordinator.Lease::close);

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((leases.size() > 0 || coordinator.pendingReleases() > 0)
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertEquals(0, leases.size(), "leases left held (they would block misses for 30 s)");
      // and a key released is free for the next load at once
      assertNotNull(
          coordinator.tryAcquire(
              "release-test", "k0-0", Duration.ofSeconds(30), Duration.ofSeconds(2)));
    } finally {
      coordinator.close();
    }
  }
}
