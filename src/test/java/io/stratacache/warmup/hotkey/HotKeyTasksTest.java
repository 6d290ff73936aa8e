package io.stratacache.warmup.hotkey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheSettings;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.AnnotatedCaching;
import io.stratacache.cache.tier.near.CaffeineNearTier;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.annotation.CacheResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code traffic_based} and {@code predictive}, end to end without a container: reads through a
 * {@code @CacheResult} method (intercepted as the container does) feed the sketch and the reload
 * recipes; the planner picks keys at a fake time; the warmer loads them through the cache.
 */
class HotKeyTasksTest {

  /** 2026-03-02 11:00 UTC. */
  static final long MORNING = Instant.parse("2026-03-02T11:00:00Z").toEpochMilli();

  /** A cached service: each load returns the key and a version number. */
  public static class Catalog {
    final AtomicInteger loads = new AtomicInteger();

    @CacheResult(cacheName = "catalog")
    public String item(String id) {
      return id + "@v" + loads.incrementAndGet();
    }
  }

  /** The catalog as the container gives it out: every call through the two interceptors. */
  public static class InterceptedCatalog extends Catalog {
    final AnnotatedCaching caching;

    InterceptedCatalog(AnnotatedCaching caching) {
      this.caching = caching;
    }

    @Override
    public String item(String id) {
      Object[] args = {id};
      try {
        return (String)
            KeyReloaders.around(
                this, ITEM, args, () -> caching.result(ITEM, args, () -> super.item(id)));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final Method ITEM;

  static {
    try {
      ITEM = Catalog.class.getMethod("item", String.class);
    } catch (NoSuchMethodException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final AtomicLong now = new AtomicLong(MORNING);
  final HotKeySettings settings =
      HotKeySettings.from(
          k -> k.equals("WARMUP_HOT_KEYS_SAMPLE") ? Optional.of("1") : Optional.empty());
  TieredCaches caches;
  TieredCache<Object> cache;
  HotKeys hotKeys;
  KeyReloaders reloaders;
  HotKeyPlanner planner;
  HotKeyWarmer warmer;
  AnnotatedCaching caching;
  InterceptedCatalog catalog;

  @BeforeEach
  void setUp() {
    caches =
        TieredCaches.builder().near(CaffeineNearTier.factory()).executor(Runnable::run).build();
    cache =
        caches.cache(
            CacheSettings.builder("catalog").tiers(true, false, false).ttlJitter(0).build(),
            Object.class);
    hotKeys = new HotKeys(settings, now::get, ZoneOffset.UTC);
    reloaders = new KeyReloaders(100);
    caches.addObserver(hotKeys);
    caches.addObserver(reloaders);
    planner = new HotKeyPlanner(hotKeys);
    caching = new AnnotatedCaching(caches);
    warmer = new HotKeyWarmer(caches, reloaders, caching);
    catalog = new InterceptedCatalog(caching);
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  private void read(String id, int times) {
    for (int i = 0; i < times; i++) {
      catalog.item(id);
      now.addAndGet(10);
    }
  }

  @Test
  void traffic_topKeysEvicted_reloadedThroughTheirRecordedCall() throws Exception {
    read("a", 10);
    read("b", 5);
    read("c", 1);
    cache.clear();
    int loadsBefore = catalog.loads.get();

    List<HotKey> top = planner.traffic(2);
    assertEquals(List.of("a", "b"), top.stream().map(HotKey::key).toList());
    assertEquals(10, top.get(0).estimate());
    HotKeyWarmer.Outcome o = warmer.warm(top, false);

    assertEquals(new HotKeyWarmer.Outcome(2, 0, 0), o);
    assertEquals(loadsBefore + 2, catalog.loads.get());
    assertInstanceOf(Lookup.Present.class, cache.peek("a"));
    assertInstanceOf(Lookup.Present.class, cache.peek("b"));
    assertInstanceOf(Lookup.Absent.class, cache.peek("c"), "c is not in the top 2");
  }

  @Test
  void traffic_topKeysStillCached_notLoadedAgain() throws Exception {
    read("a", 3);
    int loadsBefore = catalog.loads.get();
    assertEquals(new HotKeyWarmer.Outcome(1, 0, 0), warmer.warm(planner.traffic(5), false));
    assertEquals(loadsBefore, catalog.loads.get());
  }

  @Test
  void traffic_keyReadWithoutAnnotatedCall_skipped() throws Exception {
    for (int i = 0; i < 3; i++) {
      cache.peek("raw"); // an administrator's lookup: hot, but no call to replay
    }
    assertEquals(new HotKeyWarmer.Outcome(0, 1, 0), warmer.warm(planner.traffic(5), false));
  }

  @Test
  void traffic_plainTargetRecorded_resultStoredByWarmer() throws Exception {
    Catalog plain = new Catalog();
    reloaders.record("catalog", "p", new KeyReloaders.Reload(plain, ITEM, new Object[] {"p"}));
    warmer.warm(List.of(new HotKey("catalog", "p", 1)), false);
    assertEquals(new Lookup.Present<Object>("p@v1"), cache.peek("p"));
  }

  @Test
  void predictive_keyPeakingInTheNextHour_warmedAheadOfIt() throws Exception {
    // Yesterday "lunch" was read at 12:00-12:05 and "breakfast" at 08:00, each a little at 11:00.
    now.set(MORNING - 24 * 3_600_000L - 3 * 3_600_000L);
    read("breakfast", 20);
    now.set(MORNING - 24 * 3_600_000L);
    read("lunch", 2);
    read("breakfast", 2);
    now.set(MORNING - 23 * 3_600_000L);
    read("lunch", 30);
    cache.clear();

    now.set(MORNING + Duration.ofMinutes(55).toMillis()); // 11:55
    List<HotKey> soon = planner.peakingSoon(10, Duration.ofMinutes(10));
    assertEquals(List.of("lunch"), soon.stream().map(HotKey::key).toList());
    assertEquals(new HotKeyWarmer.Outcome(1, 0, 0), warmer.warm(soon, false));
    assertInstanceOf(Lookup.Present.class, cache.peek("lunch"));

    now.set(MORNING + Duration.ofMinutes(30).toMillis()); // 11:30: 12:00 is 30 min away
    assertEquals(List.of(), planner.peakingSoon(10, Duration.ofMinutes(10)));
  }

  @Test
  void predictive_hotKeyAboutToExpire_reloadedWithAFreshValue() throws Exception {
    read("a", 5); // loaded once at MORNING: a@v1
    Duration life = Duration.ofMinutes(10);
    now.set(MORNING + Duration.ofMinutes(5).toMillis());
    assertEquals(List.of(), planner.expiringSoon(10, Duration.ofMinutes(2), c -> life));

    now.set(MORNING + Duration.ofMinutes(9).toMillis());
    List<HotKey> expiring = planner.expiringSoon(10, Duration.ofMinutes(2), c -> life);
    assertEquals(List.of("a"), expiring.stream().map(HotKey::key).toList());
    assertEquals(new HotKeyWarmer.Outcome(1, 0, 0), warmer.warm(expiring, true));
    assertEquals(new Lookup.Present<Object>("a@v2"), cache.peek("a"), "replaced, not re-read");
    assertEquals(2, catalog.loads.get());
    assertEquals(
        List.of(),
        planner.expiringSoon(10, Duration.ofMinutes(2), c -> life),
        "the reload restarted its lifetime");
  }

  @Test
  void predictive_task_combinesPeaksAndExpiries() throws Exception {
    read("a", 5);
    now.set(MORNING + Duration.ofMinutes(58).toMillis());
    // A day ahead covers a's own peak hour (11:00 tomorrow) and its expiry.
    HotKeyTracking tracking = new HotKeyTracking();
    tracking.settings = settings;
    tracking.caches = caches;
    tracking.caching = caching;
    tracking.clock = java.time.Clock.fixed(Instant.ofEpochMilli(now.get()), ZoneOffset.UTC);
    tracking.init();
    // the tracking built its own observers; feed them the same reads
    for (int i = 0; i < 5; i++) {
      tracking.hotKeys().onGet("catalog", "a", 1);
    }
    tracking.hotKeys().onLoad("catalog", "a", 1, false);
    reloadersOf(tracking).record("catalog", "a", reloaders.find("catalog", "a").orElseThrow());
    int warmed = tracking.warmAhead(Duration.ofDays(1));
    assertEquals(2, warmed, "a warmed ahead of its peak (still cached) and refreshed");
    assertEquals(new Lookup.Present<Object>("a@v2"), cache.peek("a"));
    tracking.stop();
  }

  private static KeyReloaders reloadersOf(HotKeyTracking tracking) throws Exception {
    var f = HotKeyTracking.class.getDeclaredField("reloaders");
    f.setAccessible(true);
    return (KeyReloaders) f.get(tracking);
  }

  @Test
  void settings_sizeNotPowerOfTwo_namesTheVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                HotKeySettings.from(
                    k -> Optional.ofNullable(Map.of("WARMUP_HOT_KEYS_CAPACITY", "300").get(k))));
    assertTrue(e.getMessage().startsWith("WARMUP_HOT_KEYS_CAPACITY='300'"), e.getMessage());
  }
}
