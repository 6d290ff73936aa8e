package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A bounded tier call answers within its timeout or fails, counted, with a timeout exception. */
class TimedCallsTest {

  @Test
  void call_zeroTimeout_runsOnTheCallersThread() {
    TimedCalls calls = new TimedCalls(0, Runnable::run);
    assertSame(Thread.currentThread(), calls.call(Thread::currentThread, 1));
    assertEquals(0, calls.timeoutMillis());
  }

  @Test
  void call_tooSlow_timesOutAndCounts() throws InterruptedException {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    CountDownLatch never = new CountDownLatch(1);
    try {
      TimedCalls calls = new TimedCalls(20, pool);
      assertThrows(
          TimedCalls.TierTimeoutException.class,
          () ->
              calls.run(
                  () -> {
                    try {
                      never.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  1));
      assertEquals(1, calls.timeouts());
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void call_saturatedExecutor_failsAtOnceWithoutCounting() {
    TimedCalls calls =
        new TimedCalls(
            1000,
            task -> {
              throw new RejectedExecutionException("full");
            });
    TimedCalls.TierTimeoutException e =
        assertThrows(TimedCalls.TierTimeoutException.class, () -> calls.call(() -> 1, 1));
    assertEquals("the tier executor is saturated", e.getMessage());
    assertEquals(0, calls.timeouts());
  }

  @Test
  void call_tierThrows_sameException() {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      TimedCalls calls = new TimedCalls(1000, pool);
      IllegalStateException down = new IllegalStateException("down");
      assertSame(
          down,
          assertThrows(
              IllegalStateException.class,
              () ->
                  calls.call(
                      () -> {
                        throw down;
                      },
                      1)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void get_noExecutor_readsUnbounded() {
    FakeClock clock = new FakeClock();
    MemoryTier tier = new MemoryTier("grid", clock);
    TimedCalls calls = new TimedCalls(500, null);
    assertEquals(0, calls.timeoutMillis());
    assertEquals(null, calls.get(tier, "absent", clock.millis()));
    assertEquals(1, tier.gets.get());
  }
}
