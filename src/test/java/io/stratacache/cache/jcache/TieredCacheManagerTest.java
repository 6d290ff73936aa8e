package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  void unsupported_andClosed_refusedClearly() {
    Cache<String, String> c = strings("closed");
    assertThrows(UnsupportedOperationException.class, c::iterator);
    c.close();
    assertTrue(c.isClosed());
    assertThrows(IllegalStateException.class, () -> c.get("a"));
    assertSame(manager, manager.getCachingProvider().getCacheManager());
  }
}
