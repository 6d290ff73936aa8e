package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/** The registry shuts down the executors it created, never the application's. */
class TierExecutorsTest {

  @Test
  void close_givenExecutors_leftRunning() {
    ExecutorService tier = Executors.newSingleThreadExecutor();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    try {
      TierExecutors executors = new TierExecutors(tier, scheduler);
      assertSame(tier, executors.tierExecutor());
      assertSame(scheduler, executors.scheduler());
      executors.close();
      assertFalse(tier.isShutdown());
      assertFalse(scheduler.isShutdown());
    } finally {
      tier.shutdownNow();
      scheduler.shutdownNow();
    }
  }

  @Test
  void close_ownExecutors_shutDown() {
    TierExecutors executors = new TierExecutors(null, null);
    ScheduledExecutorService scheduler = executors.scheduler();
    assertSame(scheduler, executors.scheduler(), "created once");
    executors.close();
    assertTrue(scheduler.isShutdown());
    assertTrue(((ExecutorService) executors.tierExecutor()).isShutdown());
  }
}
