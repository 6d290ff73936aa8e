package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCaches;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheInvocationContext;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A custom {@code cacheResolverFactory} (JSR-107 §11) chooses the cache the annotations use. */
class CustomCacheResolverTest {

  static volatile CacheManager manager;
  static final List<String> detailsSeen = new CopyOnWriteArrayList<>();
  static final List<CacheInvocationContext<? extends Annotation>> calls =
      new CopyOnWriteArrayList<>();

  /** Resolves every method to the cache "resolved", its exceptions to "resolved-failures". */
  public static final class ToResolved implements CacheResolverFactory {
    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      detailsSeen.add(details.getCacheName());
      return resolverOf("resolved");
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
      return resolverOf("resolved-failures");
    }

    private static CacheResolver resolverOf(String name) {
      return new CacheResolver() {
        @Override
        public <K, V> Cache<K, V> resolveCache(
            CacheInvocationContext<? extends Annotation> context) {
          calls.add(context);
          return manager.getCache(name);
        }
      };
    }
  }

  /** Resolves to a cache of another provider. */
  public static final class Foreign implements CacheResolverFactory {
    @Override
    public CacheResolver getCacheResolver(CacheMethodDetails<? extends Annotation> details) {
      return new CacheResolver() {
        @Override
        @SuppressWarnings("unchecked")
        public <K, V> Cache<K, V> resolveCache(
            CacheInvocationContext<? extends Annotation> context) {
          return (Cache<K, V>)
              Proxy.newProxyInstance(
                  Cache.class.getClassLoader(),
                  new Class<?>[] {Cache.class},
                  (self, m, args) -> {
                    throw new IllegalArgumentException("not " + m.getName());
                  });
        }
      };
    }

    @Override
    public CacheResolver getExceptionCacheResolver(CacheMethodDetails<CacheResult> details) {
      return getCacheResolver(details);
    }
  }

  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @CacheDefaults(cacheName = "named", cacheResolverFactory = ToResolved.class)
  static class Service {
    final AtomicInteger calls = new AtomicInteger();

    @CacheResult
    public String greet(String name) {
      calls.incrementAndGet();
      return "hello " + name;
    }

    @CacheResult(exceptionCacheName = "named-failures")
    public String find(String name) {
      calls.incrementAndGet();
      throw new NotFound();
    }

    @CacheRemoveAll
    public void clear() {}

    @CacheResult(cacheName = "foreign", cacheResolverFactory = Foreign.class)
    public String foreign(String name) {
      return name;
    }
  }

  TieredCaches caches;
  AnnotatedCaching caching;
  final Service service = new Service();

  @BeforeEach
  void setUp() {
    caches = NearOnlyCaches.of(Map.of());
    manager = new TieredCacheManager(caches);
    manager.createCache("resolved", new MutableConfiguration<>());
    manager.createCache("resolved-failures", new MutableConfiguration<>());
    caching = new AnnotatedCaching(caches);
    detailsSeen.clear();
    calls.clear();
  }

  @AfterEach
  void tearDown() {
    manager.close();
    caches.close();
  }

  Object call(String name, Object... args) throws Exception {
    Method m =
        Arrays.stream(Service.class.getDeclaredMethods())
            .filter(c -> c.getName().equals(name))
            .findFirst()
            .orElseThrow();
    AnnotatedCaching.Invocation proceed =
        () -> {
          try {
            return m.invoke(service, args);
          } catch (java.lang.reflect.InvocationTargetException e) {
            throw (Exception) e.getCause();
          }
        };
    if (m.isAnnotationPresent(CacheRemoveAll.class)) {
      return caching.removeAll(service, m, args, proceed);
    }
    return caching.result(service, m, args, proceed);
  }

  @Test
  void result_classDefaultResolverFactory_usesTheResolvedCache() throws Exception {
    assertEquals("hello ann", call("greet", "ann"));
    assertEquals("hello ann", call("greet", "ann"));
    assertEquals(1, service.calls.get());
    assertEquals("hello ann", caches.find("resolved").orElseThrow().peek("ann").orElse(null));
    assertTrue(caches.find("named").isEmpty(), "the name's own cache is not used");
  }

  @Test
  void resolver_createdOncePerMethod_seesEachInvocation() throws Exception {
    call("greet", "ann");
    call("greet", "bob");
    assertEquals(List.of("named"), detailsSeen, "one resolver per method, from its details");
    assertEquals(2, calls.size());
    assertSame(service, calls.get(1).getTarget());
    assertEquals("bob", calls.get(1).getAllParameters()[0].getValue());
  }

  @Test
  void result_exceptionCache_fromTheExceptionResolver() throws Exception {
    assertThrows(NotFound.class, () -> call("find", "x"));
    assertThrows(NotFound.class, () -> call("find", "x"));
    assertEquals(1, service.calls.get(), "the cached exception is rethrown");
    assertTrue(
        caches.find("resolved-failures").orElseThrow().peek("x").orElse(null) instanceof NotFound);
  }

  @Test
  void removeAll_resolvedCache_cleared() throws Exception {
    call("greet", "ann");
    call("clear");
    call("greet", "ann");
    assertEquals(2, service.calls.get());
  }

  @Test
  void result_resolverGivesAnotherProvidersCache_refusedClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> call("foreign", "x"));
    assertTrue(e.getMessage().contains("Stratacache CacheManager"), e.getMessage());
  }
}
