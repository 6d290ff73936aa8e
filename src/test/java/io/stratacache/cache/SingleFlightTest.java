package io.stratacache.cache;

import static io.stratacache.cache.CacheFixture.brand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.cache.CacheFixture.Brand;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Concurrent callers for a missing key wait for one load and share its outcome. */
class SingleFlightTest {

  @ParameterizedTest(name = "{0} threads")
  @ValueSource(ints = {50, 1000})
  void get_concurrentMissesOnOneKey_loadOnce(int threads) throws Exception {
    CacheFixture f = new CacheFixture(CacheFixture.allTiers());
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    CacheLoader<Brand> slowLoader =
        key -> {
          loads.incrementAndGet();
          Thread.sleep(200);
          return brand(key);
        };
    ConcurrentLinkedQueue<Object> results = new ConcurrentLinkedQueue<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  start.await();
                  results.add(f.cache.get("hot", slowLoader));
                } catch (Throwable t) {
                  results.add(t);
                }
              });
      caller.start();
      callers.add(caller);
    }
    start.countDown();
    for (Thread caller : callers) {
      caller.join(TimeUnit.SECONDS.toMillis(30));
    }
    assertEquals(1, loads.get(), "loader calls");
    assertEquals(threads, results.size());
    results.forEach(result -> assertEquals(brand("hot"), result));
    CacheStats stats = f.cache.stats();
    assertEquals(threads, stats.requests());
    assertEquals(1, stats.loads());
  }

  @Test
  void get_loaderThrows_everyWaiterGetsTheExceptionAndNothingIsCached() throws Exception {
    CacheFixture f = new CacheFixture(CacheFixture.allTiers());
    AtomicInteger loads = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    IllegalStateException failure = new IllegalStateException("source down");
    CacheLoader<Brand> failing =
        key -> {
          loads.incrementAndGet();
          Thread.sleep(200);
          throw failure;
        };
    ConcurrentLinkedQueue<Throwable> thrown = new ConcurrentLinkedQueue<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  start.await();
                  f.cache.get("k", failing);
                } catch (Throwable t) {
                  thrown.add(t);
                }
              });
      caller.start();
      callers.add(caller);
    }
    start.countDown();
    for (Thread caller : callers) {
      caller.join(10_000);
    }
    assertEquals(1, loads.get());
    assertEquals(20, thrown.size());
    thrown.forEach(t -> assertSame(failure, t));
    assertTrue(f.cache.peek("k").isAbsent(), "a failure is not cached");
    assertEquals(brand("k"), f.cache.get("k", f.counting()));
    assertEquals(1, f.loads.get(), "the next get loads again");
    assertEquals(1, f.cache.stats().loadFailures());
  }

  @Test
  void get_checkedLoaderException_wrappedInCacheLoadException() {
    CacheFixture f = new CacheFixture(CacheFixture.allTiers());
    Exception cause = new java.io.IOException("disk");
    CacheLoadException e =
        assertThrows(
            CacheLoadException.class,
            () ->
                f.cache.get(
                    "k",
                    key -> {
                      throw cause;
                    }));
    assertSame(cause, e.getCause());
  }

  @Test
  void get_loaderAsksForItsOwnKey_illegalState() {
    CacheFixture f = new CacheFixture(CacheFixture.allTiers());
    CacheLoader<Brand>[] self = new CacheLoader[1];
    self[0] = key -> f.cache.get(key, self[0]);
    assertThrows(IllegalStateException.class, () -> f.cache.get("k", self[0]));
  }

  @Test
  void get_differentKeys_loadIndependently() {
    CacheFixture f = new CacheFixture(CacheFixture.allTiers());
    f.cache.get("a", f.counting());
    f.cache.get("b", f.counting());
    f.cache.get("a", f.counting());
    assertEquals(2, f.loads.get());
  }
}
