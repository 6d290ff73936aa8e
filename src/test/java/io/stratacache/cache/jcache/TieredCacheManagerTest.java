package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The programmatic JSR-107 view of the tiered caches. */
class TieredCacheManagerTest {

  TieredCaches caches;
  TieredCacheManager manager;

  @BeforeEach
  void setUp() {
    Map<String, String> config = Map.of("cache.default.grid.enabled", "false");
    caches =
        TieredCaches.builder()
            .near(CaffeineNearTier.factory())
            .config(k -> Optional.ofNullable(config.get(k)))
            .build();
    manager = new TieredCacheManager(caches);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  Cache<String, String> strings(String name) {
    return manager.createCache(
        name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void createCache_putGet_sharesTheTieredCache() {
    Cache<String, String> c = strings("jc");
    assertNull(c.get("a"));
    c.put("a", "1");
    assertEquals("1", c.get("a"));
    assertTrue(c.containsKey("a"));
    TieredCache<?> tiered = caches.find("jc").orElseThrow();
    assertEquals("1", tiered.peek("a").orElse(null));
    assertSame(c, manager.getCache("jc", String.class, String.class));
    assertThrows(CacheException.class, () -> strings("jc"));
  }

  @Test
  void compoundOperations_followTheContract() {
    Cache<String, String> c = strings("ops");
    assertTrue(c.putIfAbsent("k", "v1"));
    assertFalse(c.putIfAbsent("k", "v2"));
    assertEquals("v1", c.getAndPut("k", "v3"));
    assertFalse(c.replace("k", "wrong", "x"));
    assertTrue(c.replace("k", "v3", "v4"));
    assertFalse(c.replace("missing", "x"));
    assertEquals("v4", c.getAndReplace("k", "v5"));
    assertFalse(c.remove("k", "nope"));
    assertTrue(c.remove("k", "v5"));
    assertFalse(c.remove("k"));
    c.putAll(Map.of("a", "1", "b", "2"));
    assertEquals(Map.of("a", "1", "b", "2"), c.getAll(Set.of("a", "b", "c")));
    assertEquals("1", c.getAndRemove("a"));
    c.removeAll();
    assertNull(c.get("b"));
  }

  @Test
  void invoke_entryProcessor_updatesAndRemoves() {
    Cache<String, String> c = strings("proc");
    assertEquals(
        "created",
        c.invoke(
            "k",
            (e, args) -> {
              assertFalse(e.exists());
              e.setValue("v");
              return "created";
            }));
    assertEquals("v", c.get("k"));
    c.invoke(
        "k",
        (e, args) -> {
          e.remove();
          return null;
        });
    assertFalse(c.containsKey("k"));
  }

  static final AtomicInteger LOADS = new AtomicInteger();

  public static final class Loader implements CacheLoader<String, String> {
    @Override
    public String load(String key) {
      LOADS.incrementAndGet();
      return "loaded " + key;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      throw new UnsupportedOperationException("single loads only in this test");
    }
  }

  @Test
  void readThrough_loadsOnceThenServes() {
    LOADS.set(0);
    Cache<String, String> c =
        manager.createCache(
            "rt",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(Loader.class)));
    assertEquals("loaded x", c.get("x"));
    assertEquals("loaded x", c.get("x"));
    assertEquals(1, LOADS.get());
  }

  @Test
  void getCache_existingTieredCache_wrapped_namesListed() {
    caches.cache("annotated", Object.class).put("k", "v");
    Cache<Object, Object> c = manager.getCache("annotated");
    assertNotNull(c);
    assertEquals("v", c.get("k"));
    assertNull(manager.getCache("never-created"));
    assertTrue(((Set<?>) manager.getCacheNames()).contains("annotated"));
  }

  @Test
  void iteration_andClosed_followTheContract() {
    Cache<String, String> c = strings("closed");
    c.put("a", "1");
    c.put("b", "2");
    Map<String, String> seen = new java.util.TreeMap<>();
    c.forEach(e -> seen.put(e.getKey(), e.getValue()));
    assertEquals(Map.of("a", "1", "b", "2"), seen);
    c.close();
    assertTrue(c.isClosed());
    assertThrows(IllegalStateException.class, () -> c.get("a"));
    // The application's manager shares the registry: the tiered cache is still there, so a later
    // getCache hands out a new, open view of it.
    Cache<Object, Object> again = manager.getCache("closed");
    assertFalse(again.isClosed());
    assertEquals("1", again.get("a"));
    assertSame(manager, manager.getCachingProvider().getCacheManager());
  }

  @Test
  void dottedName_storedUnderADerivedTieredName() {
    Cache<String, String> c = strings("org.example.Cache");
    c.put("k", "v");
    String tiered = TieredCacheManager.tieredName("org.example.Cache");
    assertTrue(tiered.startsWith("j-org_example_Cache-"), tiered);
    assertEquals("v", caches.find(tiered).orElseThrow().peek("k").orElse(null));
    assertEquals("org.example.Cache", c.getName());
  }

  @Test
  void storeByValue_copiesThroughTheCodec_storeByReferenceKeepsTheObject() {
    Cache<String, java.util.ArrayList> byValue =
        manager.createCache(
            "by-value",
            new MutableConfiguration<String, java.util.ArrayList>()
                .setTypes(String.class, java.util.ArrayList.class));
    java.util.ArrayList<String> list = new java.util.ArrayList<>(java.util.List.of("x"));
    byValue.put("k", list);
    list.add("changed after the put");
    assertEquals(java.util.List.of("x"), byValue.get("k"));
    assertNotSame(byValue.get("k"), byValue.get("k"));

    Cache<String, java.util.ArrayList> byRef =
        manager.createCache(
            "by-ref",
            new MutableConfiguration<String, java.util.ArrayList>()
                .setTypes(String.class, java.util.ArrayList.class)
                .setStoreByValue(false));
    byRef.put("k", list);
    assertSame(list, byRef.get("k"));
  }

  /** A value of immutable parts, as the application's caches hold. */
  public record Figures(String brand, long orders, java.util.List<String> stores, Object extra)
      implements java.io.Serializable {}

  @Test
  void storeByValue_immutableRecord_handedOutWithoutACopy_mutablePartCopied() {
    Cache<String, Figures> c =
        manager.createCache(
            "figures",
            new MutableConfiguration<String, Figures>().setTypes(String.class, Figures.class));
    Figures immutable =
        new Figures("b", 3, java.util.List.of("s1", "s2"), java.util.Map.of("a", 1));
    c.put("k", immutable);
    assertSame(c.get("k"), c.get("k"), "no caller can change it: no copy");
    assertEquals(immutable, c.get("k"));

    java.util.ArrayList<String> mutable = new java.util.ArrayList<>(java.util.List.of("x"));
    c.put("m", new Figures("b", 3, java.util.List.of("s1"), mutable));
    mutable.add("changed after the put");
    assertEquals(java.util.List.of("x"), c.get("m").extra());
    assertNotSame(c.get("m"), c.get("m"));
    @SuppressWarnings("unchecked")
    java.util.List<String> handedOut = (java.util.List<String>) c.get("m").extra();
    handedOut.add("changed by a reader");
    assertEquals(java.util.List.of("x"), c.get("m").extra());

    // an immutable list holding a mutable element is copied too
    c.put("n", new Figures("b", 3, java.util.List.of("s1"), java.util.List.of(mutable)));
    assertNotSame(c.get("n"), c.get("n"));
  }

  @Test
  void createdExpiry_hitsWithoutTheLock_stillExpireAndAnnounce() throws InterruptedException {
    Cache<String, String> c =
        manager.createCache(
            "expiring-hits",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true)
                .setExpiryPolicyFactory(
                    javax.cache.expiry.CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(
                            java.util.concurrent.TimeUnit.MILLISECONDS, 80))));
    java.util.List<javax.cache.event.EventType> seen =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    c.registerCacheEntryListener(
        new javax.cache.configuration.MutableCacheEntryListenerConfiguration<String, String>(
            FactoryBuilder.factoryOf(new ExpiredListener(seen)), null, false, true));
    c.put("k", "v");
    for (int i = 0; i < 3; i++) {
      assertEquals("v", c.get("k"));
    }
    Thread.sleep(160);
    assertNull(c.get("k"));
    assertEquals(java.util.List.of(javax.cache.event.EventType.EXPIRED), seen);
    javax.cache.management.CacheStatisticsMXBean stats = ((TieredJCache<?, ?>) c).statistics();
    assertEquals(3L, stats.getCacheHits());
    assertEquals(1L, stats.getCacheMisses());
  }

  @Test
  void statistics_fastHitsSampled_averageGetTimeStandsForAll() {
    JCacheStatistics s = new JCacheStatistics();
    for (int i = 0; i < 1_000; i++) {
      s.fastHit(s.timeFastHit() ? System.nanoTime() - 2_000 : 0); // each took ~2 us
    }
    assertEquals(1_000L, s.getCacheHits());
    float average = s.getAverageGetTime();
    assertTrue(average >= 1.9f && average < 50f, "about 2 us a hit: " + average);
    s.clear();
    assertEquals(0f, s.getAverageGetTime());
    s.fastHit(s.timeFastHit() ? System.nanoTime() - 3_000 : 0);
    assertTrue(s.getAverageGetTime() >= 2.9f, "the first hit after a clear is timed");
  }

  /** Records expiry events. */
  public static final class ExpiredListener
      implements javax.cache.event.CacheEntryExpiredListener<String, String>, java.io.Serializable {
    private final transient java.util.List<javax.cache.event.EventType> seen;

    ExpiredListener(java.util.List<javax.cache.event.EventType> seen) {
      this.seen = seen;
    }

    @Override
    public void onExpired(
        Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends String>> events) {
      events.forEach(e -> seen.add(e.getEventType()));
    }
  }

  @Test
  void expiryPolicy_expiresInTheAdapterAndTheTiers() throws InterruptedException {
    Cache<String, String> c =
        manager.createCache(
            "expiring",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(
                    javax.cache.expiry.CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(
                            java.util.concurrent.TimeUnit.MILLISECONDS, 50))));
    c.put("k", "v");
    assertEquals("v", c.get("k"));
    Thread.sleep(120);
    assertNull(c.get("k"));
    assertFalse(c.containsKey("k"));
    assertTrue(caches.find("expiring").orElseThrow().peek("k") instanceof Lookup.Absent<?>);
  }

  @Test
  void statistics_registeredAsJsr107MXBean() throws Exception {
    Cache<String, String> c =
        manager.createCache(
            "counted",
            new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true));
    c.put("k", "v");
    c.get("k");
    c.get("missing");
    javax.management.ObjectName name =
        new javax.management.ObjectName(
            "javax.cache:type=CacheStatistics,CacheManager=stratacache.tiered,Cache=counted");
    javax.management.MBeanServer server =
        java.lang.management.ManagementFactory.getPlatformMBeanServer();
    assertEquals(1L, server.getAttribute(name, "CacheHits"));
    assertEquals(1L, server.getAttribute(name, "CacheMisses"));
    assertEquals(1L, server.getAttribute(name, "CachePuts"));
    manager.destroyCache("counted");
    assertFalse(server.isRegistered(name));
    assertNull(manager.getCache("counted"));
  }
}
