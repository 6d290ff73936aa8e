package io.stratacache.cache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.TieredCaches;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheKeyInvocationContext;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import javax.cache.annotation.GeneratedCacheKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSR-107 annotation contract on near-only tiered caches, without a container. */
class AnnotatedCachingTest {

  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String m) {
      super(m);
    }
  }

  @CacheDefaults(cacheName = "svc")
  static class Service {
    final AtomicInteger calls = new AtomicInteger();
    volatile CountDownLatch gate;

    @CacheResult
    public String greet(String name) throws InterruptedException {
      calls.incrementAndGet();
      if (gate != null) {
        gate.await();
      }
      return "hello " + name;
    }

    @CacheResult(
        cacheName = "lookup",
        exceptionCacheName = "lookup-missing",
        cachedExceptions = NotFound.class)
    public String find(long id) {
      calls.incrementAndGet();
      if (id > 100) {
        throw new NotFound("no " + id);
      }
      if (id == 0) {
        throw new IllegalStateException("boom");
      }
      return id == 42 ? null : "item " + id;
    }

    @CacheResult(cacheName = "keyed")
    public String keyed(@CacheKey String a, String ignored, @CacheKey Set<Long> ids) {
      calls.incrementAndGet();
      return a + ids;
    }

    @CacheResult(cacheName = "svc", skipGet = true)
    public String refresh(String name) {
      calls.incrementAndGet();
      return "fresh " + name;
    }

    @CachePut(cacheName = "svc")
    public void store(String name, @CacheValue String value) {
      calls.incrementAndGet();
    }

    @CacheRemove(cacheName = "svc")
    public void evict(String name) {
      calls.incrementAndGet();
    }

    @CacheRemoveAll(cacheName = "svc")
    public void evictAll() {
      calls.incrementAndGet();
    }

    @CacheRemove(cacheName = "svc", afterInvocation = true)
    public void evictFailing(String name) {
      throw new IllegalStateException("failed");
    }

    @CacheRemove(cacheName = "svc", evictFor = IllegalStateException.class)
    public void evictFailingListed(String name) {
      throw new IllegalStateException("failed");
    }

    @CachePut(cacheName = "svc")
    public void storeFailing(String name, @CacheValue String value) {
      throw new IllegalStateException("refused");
    }

    @CacheResult(cacheName = "custom", cacheKeyGenerator = Custom.class)
    public String custom(String s) {
      return s;
    }

    @CacheResult
    public String unnamed(int x) {
      return "u" + x;
    }
  }

  static final class Custom implements CacheKeyGenerator {
    @Override
    public GeneratedCacheKey generateCacheKey(
        CacheKeyInvocationContext<? extends java.lang.annotation.Annotation> ctx) {
      return null;
    }
  }

  TieredCaches caches;
  AnnotatedCaching caching;
  Service service;

  @BeforeEach
  void setUp() {
    caches = NearOnlyCaches.of(Map.of());
    caching = new AnnotatedCaching(caches);
    service = new Service();
  }

  @AfterEach
  void tearDown() {
    caches.close();
  }

  Object call(String method, Object... args) throws Exception {
    Method m = null;
    for (Method candidate : Service.class.getDeclaredMethods()) {
      if (candidate.getName().equals(method)) {
        m = candidate;
      }
    }
    Method target = m;
    AnnotatedCaching.Invocation proceed =
        () -> {
          try {
            return target.invoke(service, args);
          } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
          }
        };
    if (m.isAnnotationPresent(CacheResult.class)) {
      return caching.result(m, args, proceed);
    }
    if (m.isAnnotationPresent(CachePut.class)) {
      return caching.put(m, args, proceed);
    }
    if (m.isAnnotationPresent(CacheRemove.class)) {
      return caching.remove(m, args, proceed);
    }
    return caching.removeAll(m, args, proceed);
  }

  @Test
  void result_secondCall_servedFromCache() throws Exception {
    assertEquals("hello ann", call("greet", "ann"));
    assertEquals("hello ann", call("greet", "ann"));
    assertEquals(1, service.calls.get());
    assertEquals("hello bob", call("greet", "bob"));
    assertEquals(2, service.calls.get());
    assertTrue(caches.find("svc").isPresent(), "@CacheDefaults names the cache");
  }

  @Test
  void result_50ConcurrentMisses_oneInvocation() throws Exception {
    service.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(50);
    try {
      List<Future<Object>> answers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        answers.add(pool.submit(() -> call("greet", "zoe")));
      }
      Thread.sleep(200);
      service.gate.countDown();
      for (Future<Object> f : answers) {
        assertEquals("hello zoe", f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, service.calls.get());
  }

  @Test
  void result_null_cachedAsNotFound() throws Exception {
    assertNull(call("find", 42L));
    assertNull(call("find", 42L));
    assertEquals(1, service.calls.get());
  }

  @Test
  void result_cachedException_rethrownWithoutInvoking() throws Exception {
    NotFound first = assertThrows(NotFound.class, () -> call("find", 101L));
    NotFound second = assertThrows(NotFound.class, () -> call("find", 101L));
    assertEquals(first.getMessage(), second.getMessage());
    assertEquals(1, service.calls.get());
    assertTrue(caches.find("lookup-missing").isPresent());
  }

  /** The batch form of {@code find}: one call for many ids, exceptions returned as values. */
  private Map<Long, Object> findAll(List<Long> ids, AtomicInteger batches) {
    batches.incrementAndGet();
    Map<Long, Object> out = new java.util.HashMap<>();
    for (long id : ids) {
      out.put(id, id > 100 ? new NotFound("no " + id) : id == 42 ? null : "item " + id);
    }
    return out;
  }

  @Test
  void resultAll_oneBatch_entriesAsOneCallEachWouldStore() throws Exception {
    Method find = Service.class.getDeclaredMethod("find", long.class);
    AtomicInteger batches = new AtomicInteger();
    Map<Long, Object> results =
        caching.resultAll(find, List.of(1L, 42L, 101L), ids -> findAll(ids, batches));
    assertEquals("item 1", results.get(1L));
    assertNull(results.get(42L));
    assertNull(results.get(101L));
    assertEquals(1, batches.get());
    // what the one-key path reads now: no invocation, the cached failure rethrown
    assertEquals("item 1", call("find", 1L));
    assertNull(call("find", 42L));
    NotFound cached = assertThrows(NotFound.class, () -> call("find", 101L));
    assertEquals("no 101", cached.getMessage());
    assertEquals(0, service.calls.get());
    // a second batch finds everything cached
    caching.resultAll(find, List.of(1L, 42L, 2L), ids -> findAll(ids, batches));
    assertEquals(2, batches.get());
    assertEquals("item 2", call("find", 2L));
    assertEquals(0, service.calls.get());
  }

  @Test
  void resultAll_uncachedFailure_thrownNothingCached() throws Exception {
    Method find = Service.class.getDeclaredMethod("find", long.class);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                caching.resultAll(
                    find,
                    List.of(3L, 4L),
                    ids -> Map.of(3L, "item 3", 4L, new IllegalStateException("boom"))));
    assertEquals("boom", e.getMessage());
    assertEquals("item 3", call("find", 3L));
    assertEquals(1, service.calls.get(), "nothing of the failed batch was cached");
  }

  @Test
  void result_otherException_notCached() throws Exception {
    assertThrows(IllegalStateException.class, () -> call("find", 0L));
    assertThrows(IllegalStateException.class, () -> call("find", 0L));
    assertEquals(2, service.calls.get());
  }

  @Test
  void result_cacheKeyParameters_onlyThoseAndSetOrderIgnored() throws Exception {
    Set<Long> a = new LinkedHashSet<>(List.of(3L, 1L, 10L));
    Set<Long> b = new LinkedHashSet<>(List.of(10L, 3L, 1L));
    Object first = call("keyed", "x", "one", a);
    Object second = call("keyed", "x", "two", b);
    assertSame(first, second);
    assertEquals(1, service.calls.get());
    assertTrue(caches.find("keyed").orElseThrow().peek("x|[1, 3, 10]").orElse(null) != null);
  }

  @Test
  void result_skipGet_alwaysInvokesAndReplaces() throws Exception {
    call("greet", "kim");
    assertEquals("fresh kim", call("refresh", "kim"));
    assertEquals("fresh kim", call("greet", "kim"));
    assertEquals(2, service.calls.get());
  }

  @Test
  void put_remove_removeAll() throws Exception {
    call("store", "lee", "stored");
    assertEquals("stored", call("greet", "lee"));
    assertEquals(1, service.calls.get(), "served the put value");
    call("evict", "lee");
    assertEquals("hello lee", call("greet", "lee"));
    call("greet", "max");
    call("evictAll");
    int before = service.calls.get();
    call("greet", "max");
    assertEquals(before + 1, service.calls.get(), "cleared");
  }

  @Test
  void remove_afterInvocationFailing_keepsTheEntryByDefault() throws Exception {
    call("greet", "ola");
    assertThrows(IllegalStateException.class, () -> call("evictFailing", "ola"));
    int before = service.calls.get();
    call("greet", "ola");
    assertEquals(
        before, service.calls.get(), "JSR-107: with no evictFor, a failure evicts nothing");
  }

  @Test
  void remove_failingWithAnEvictForException_evicts() throws Exception {
    call("greet", "ola");
    assertThrows(IllegalStateException.class, () -> call("evictFailingListed", "ola"));
    int before = service.calls.get();
    call("greet", "ola");
    assertEquals(before + 1, service.calls.get());
  }

  @Test
  void put_failing_storesNothing() throws Exception {
    call("greet", "ida");
    assertThrows(IllegalStateException.class, () -> call("storeFailing", "ida", "refused value"));
    assertEquals("hello ida", call("greet", "ida"), "a refused write leaves the cached answer");
    assertEquals(1, service.calls.get());
  }

  @Test
  void result_valueOfAnotherType_treatedAsMiss() throws Exception {
    caches.cache("svc", Object.class).put("pat", 12345L);
    assertEquals("hello pat", call("greet", "pat"));
    assertEquals(1, service.calls.get());
    assertEquals("hello pat", caches.find("svc").orElseThrow().peek("pat").orElse(null));
  }

  @Test
  void result_customKeyGeneratorGivesNull_refusedClearly() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> call("custom", "s"));
    assertTrue(e.getMessage().contains("null key"), e.getMessage());
  }

  @Test
  void name_withoutNameOrDefaults_isMethodSignature() throws Exception {
    Method m = Service.class.getDeclaredMethod("unnamed", int.class);
    assertEquals("svc", CachedMethod.name(m, ""), "class defaults apply");
    Method plain = Plain.class.getDeclaredMethod("f", String.class, long.class);
    assertEquals(Plain.class.getName() + ".f(java.lang.String,long)", CachedMethod.name(plain, ""));
  }

  @Test
  void result_defaultNameNotATieredName_mappedAsTheProgrammaticApiMapsIt() throws Exception {
    Method plain = Plain.class.getDeclaredMethod("f", String.class, long.class);
    String jsr107 = Plain.class.getName() + ".f(java.lang.String,long)";
    String tiered = TieredCacheManager.tieredName(jsr107);
    assertNotEquals(jsr107, tiered);
    assertEquals(tiered, AnnotatedCaching.resultCacheName(plain));
    Plain target = new Plain();
    Object[] args = {"a", 1L};
    assertEquals("a1", caching.result(plain, args, () -> target.f("a", 1L)));
    assertEquals("a1", caches.find(tiered).orElseThrow().peek("a|1").orElse(null));
  }

  static class Plain {
    @CacheResult
    public String f(String a, long b) {
      return a + b;
    }
  }

  Method method(String name) {
    for (Method candidate : Service.class.getDeclaredMethods()) {
      if (candidate.getName().equals(name)) {
        return candidate;
      }
    }
    throw new AssertionError(name);
  }

  @Test
  void reload_cachedEntry_bodyRunsAndReplacesIt() throws Exception {
    assertEquals("item 7", call("find", 7L));
    Object[] args = {7L};
    assertEquals("item 7 v2", caching.reload(method("find"), args, () -> "item 7 v2"));
    assertEquals("item 7 v2", call("find", 7L), "the reloaded value is read");
    assertEquals(1, service.calls.get(), "reads after the reload hit the cache");
  }

  @Test
  void reload_cachedFailure_storedInTheExceptionCache() throws Exception {
    Object[] args = {500L};
    assertNull(
        caching.reload(
            method("find"),
            args,
            () -> {
              throw new NotFound("no 500");
            }));
    Object failure =
        caches.find("lookup-missing").orElseThrow().peek(CacheKeys.key(new int[] {0}, args));
    assertTrue(
        failure instanceof io.stratacache.cache.Lookup.Present<?> p
            && p.value() instanceof NotFound,
        String.valueOf(failure));
  }

  @Test
  void resultCacheName_jsr107Rule() throws Exception {
    assertEquals("lookup", AnnotatedCaching.resultCacheName(method("find")));
    assertEquals("svc", AnnotatedCaching.resultCacheName(method("greet")), "class defaults");
    assertThrows(
        IllegalArgumentException.class, () -> AnnotatedCaching.resultCacheName(method("store")));
  }
}
