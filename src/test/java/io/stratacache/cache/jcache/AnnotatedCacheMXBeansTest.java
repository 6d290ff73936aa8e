package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCaches;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JSR-107 MXBeans of annotation-driven caches, enabled by configuration and read as a JMX
 * console reads them: through the platform {@code MBeanServer}.
 */
class AnnotatedCacheMXBeansTest {

  static class Service {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult(cacheName = "mx-counted")
    public String greet(String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }

    @CachePut(cacheName = "mx-counted")
    public void set(String name, @CacheValue String value) {}

    @CacheRemove(cacheName = "mx-counted")
    public void forget(String name) {}

    @CacheResult(cacheName = "mx-quiet")
    public String quiet(String name) {
      return name;
    }
  }

  final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  final Service service = new Service();
  TieredCaches caches;
  AnnotatedCaching caching;

  @BeforeEach
  void setUp() {
    Map<String, String> config =
        Map.of(
            "cache.default.grid.enabled", "false",
            "cache.mx-counted.jcache.statistics", "true",
            "cache.mx-counted.jcache.management", "true");
    caches = NearOnlyCaches.of(config);
    caching =
        new AnnotatedCaching(
            caches, AnnotatedCacheMXBeans.fromConfig(key -> Optional.ofNullable(config.get(key))));
  }

  @AfterEach
  void tearDown() {
    caching.unregisterMXBeans();
    caches.close();
  }

  static ObjectName name(String type, String cache) throws Exception {
    return new ObjectName(
        "javax.cache:type=" + type + ",CacheManager=stratacache.tiered,Cache=" + cache);
  }

  Object call(String method, Object... args) throws Exception {
    for (Method m : Service.class.getDeclaredMethods()) {
      if (m.getName().equals(method)) {
        AnnotatedCaching.Invocation proceed = () -> m.invoke(service, args);
        if (m.isAnnotationPresent(CacheResult.class)) {
          return caching.result(m, args, proceed);
        }
        if (m.isAnnotationPresent(CachePut.class)) {
          return caching.put(m, args, proceed);
        }
        return caching.remove(m, args, proceed);
      }
    }
    throw new IllegalArgumentException(method);
  }

  long attribute(String cache, String attribute) throws Exception {
    return (Long) server.getAttribute(name("CacheStatistics", cache), attribute);
  }

  @Test
  void result_statisticsEnabled_hitsAndMissesInThePlatformMBeanServer() throws Exception {
    call("greet", "ann");
    call("greet", "ann");
    call("greet", "bob");
    assertEquals(2, service.calls.get());
    assertEquals(1, attribute("mx-counted", "CacheHits"));
    assertEquals(2, attribute("mx-counted", "CacheMisses"));
    assertEquals(3, attribute("mx-counted", "CacheGets"));
    assertEquals(2, attribute("mx-counted", "CachePuts"), "the two results stored");
    float hitPercentage =
        (Float) server.getAttribute(name("CacheStatistics", "mx-counted"), "CacheHitPercentage");
    assertEquals(100f / 3, hitPercentage, 0.01f);
    assertTrue(
        (Float) server.getAttribute(name("CacheStatistics", "mx-counted"), "AverageGetTime") > 0);
  }

  @Test
  void putAndRemove_statisticsEnabled_counted() throws Exception {
    call("set", "ann", "hi");
    call("forget", "ann");
    assertEquals(1, attribute("mx-counted", "CachePuts"));
    assertEquals(1, attribute("mx-counted", "CacheRemovals"));
  }

  @Test
  void management_enabled_cacheMXBeanShowsTheAnnotationsConfiguration() throws Exception {
    call("greet", "ann");
    ObjectName configuration = name("CacheConfiguration", "mx-counted");
    assertEquals(true, server.getAttribute(configuration, "ReadThrough"));
    assertEquals(true, server.getAttribute(configuration, "StatisticsEnabled"));
    assertEquals(true, server.getAttribute(configuration, "ManagementEnabled"));
    assertEquals(false, server.getAttribute(configuration, "WriteThrough"));
  }

  @Test
  void clear_throughJmx_resetsTheFigures() throws Exception {
    call("greet", "ann");
    server.invoke(name("CacheStatistics", "mx-counted"), "clear", null, null);
    assertEquals(0, attribute("mx-counted", "CacheMisses"));
    call("greet", "ann");
    assertEquals(1, attribute("mx-counted", "CacheHits"));
  }

  @Test
  void result_notEnabled_noMXBean() throws Exception {
    call("quiet", "x");
    assertFalse(server.isRegistered(name("CacheStatistics", "mx-quiet")));
    assertFalse(server.isRegistered(name("CacheConfiguration", "mx-quiet")));
  }

  @Test
  void unregisterMXBeans_removesThem() throws Exception {
    call("greet", "ann");
    assertTrue(server.isRegistered(name("CacheStatistics", "mx-counted")));
    caching.unregisterMXBeans();
    assertFalse(server.isRegistered(name("CacheStatistics", "mx-counted")));
    assertFalse(server.isRegistered(name("CacheConfiguration", "mx-counted")));
  }
}
