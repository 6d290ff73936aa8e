package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The coordinator's transactional wrapper is the task to the engine: nothing of it is lost. */
class TransactionalTaskTest {

  @Test
  void inTransaction_passesNamePriorityTimeoutCountAndDetail() throws Exception {
    WarmupCoordinator coordinator = new WarmupCoordinator();
    coordinator.transactional = new TransactionalCalls();
    WarmupTask task =
        new WarmupTask() {
          private String detail;

          @Override
          public String name() {
            return "staged";
          }

          @Override
          public int priority() {
            return 55;
          }

          @Override
          public Duration timeout() {
            return Duration.ofMinutes(5);
          }

          @Override
          public int warm() {
            detail = "global 1 ms, 2 stores, 3 entries";
            return 3;
          }

          @Override
          public String detail() {
            return detail;
          }
        };
    WarmupTask wrapped = coordinator.inTransaction(task);
    assertEquals(3, wrapped.warm());
    assertEquals("global 1 ms, 2 stores, 3 entries", wrapped.detail());
    assertEquals("staged", wrapped.name());
    assertEquals(55, wrapped.priority());
    assertEquals(Duration.ofMinutes(5), wrapped.timeout());
  }
}
