package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WarmupEngineTest {

  final ExecutorService pool = Executors.newFixedThreadPool(4);
  final WarmupEngine engine = new WarmupEngine(pool, Clock.systemUTC(), System::nanoTime);
  final List<String> started = Collections.synchronizedList(new ArrayList<>());

  @AfterEach
  void shutdown() {
    pool.shutdownNow();
  }

  interface Work {
    int warm() throws Exception;
  }

  WarmupTask task(String name, int priority, Duration timeout, Work work) {
    return new WarmupTask() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int priority() {
        return priority;
      }

      @Override
      public Duration timeout() {
        return timeout;
      }

      @Override
      public int warm() throws Exception {
        started.add(name);
        return work.warm();
      }
    };
  }

  WarmupTask quick(String name, int priority) {
    return task(name, priority, Duration.ofSeconds(5), () -> 1);
  }

  WarmupRun run(List<WarmupTask> tasks, int parallelism) {
    return engine.run(engine.reserve("test"), tasks, parallelism);
  }

  @Test
  void order_priorityListFirst_thenOwnPriority_thenName() {
    List<WarmupTask> tasks =
        List.of(quick("c", 1), quick("b", 5), quick("a", 5), quick("listed", 99), quick("d", 0));
    List<String> names =
        WarmupEngine.order(tasks, List.of("listed", "b")).stream().map(WarmupTask::name).toList();
    assertEquals(List.of("listed", "b", "d", "c", "a"), names);
  }

  @Test
  void run_sequential_startsInPriorityOrder() {
    List<WarmupTask> ordered =
        WarmupEngine.order(
            List.of(quick("low", 30), quick("high", 10), quick("mid", 20)), List.of());
    WarmupRun run = run(ordered, 1);
    assertEquals(List.of("high", "mid", "low"), started);
    assertEquals(
        List.of("high", "mid", "low"), run.tasks().stream().map(WarmupTaskResult::name).toList());
    assertEquals(3, run.tasksCompleted());
    assertEquals(3, run.entriesWarmed());
    assertEquals(100.0, run.successRate());
  }

  @Test
  void run_timeout_interruptsTheTask() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    WarmupTask slow =
        task(
            "slow",
            1,
            Duration.ofMillis(200),
            () -> {
              try {
                Thread.sleep(30_000);
                return 1;
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
              }
            });
    long t0 = System.nanoTime();
    WarmupRun run = run(List.of(slow, quick("next", 2)), 1);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(interrupted.await(2, TimeUnit.SECONDS), "the timed-out task was interrupted");
    assertTrue(millis < 5_000, "the run did not wait for the task: " + millis + " ms");
    WarmupTaskResult r = run.tasks().get(0);
    assertEquals(WarmupTaskResult.TIMED_OUT, r.outcome());
    assertEquals(1, r.attempts(), "a timed-out task is not retried");
    assertEquals(WarmupTaskResult.COMPLETED, run.tasks().get(1).outcome());
    assertEquals(1, run.tasksFailed());
    assertEquals(50.0, run.successRate());
  }

  @Test
  void run_failedTask_retriedOnce() {
    AtomicInteger calls = new AtomicInteger();
    WarmupTask flaky =
        task(
            "flaky",
            1,
            Duration.ofSeconds(5),
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails");
              }
              return 7;
            });
    WarmupRun run = run(List.of(flaky), 1);
    WarmupTaskResult r = run.tasks().get(0);
    assertEquals(WarmupTaskResult.COMPLETED, r.outcome());
    assertEquals(2, r.attempts());
    assertEquals(7, r.entries());
    assertNull(r.error());
    assertTrue(
        r.detail().startsWith("attempt 1 failed: IllegalStateException: first attempt fails"),
        r.detail());
  }

  @Test
  void run_failureWithCause_historyNamesTheRootCause() {
    WarmupTask broken =
        task(
            "wrapped",
            1,
            Duration.ofSeconds(5),
            () -> {
              throw new IllegalStateException(
                  "loading 6000 keys failed",
                  new RuntimeException(
                      "wrapper", new java.sql.SQLException("statement timed out")));
            });
    WarmupTaskResult r = run(List.of(broken), 1).tasks().get(0);
    assertEquals(
        "IllegalStateException: loading 6000 keys failed; cause SQLException: statement timed out",
        r.error());
  }

  @Test
  void run_alwaysFailing_triedTwiceThenFailed() {
    AtomicInteger calls = new AtomicInteger();
    WarmupTask broken =
        task(
            "broken",
            1,
            Duration.ofSeconds(5),
            () -> {
              calls.incrementAndGet();
              throw new IllegalStateException("database down");
            });
    WarmupRun run = run(List.of(broken, quick("other", 2)), 2);
    assertEquals(2, calls.get());
    WarmupTaskResult r = run.tasks().get(0);
    assertEquals(WarmupTaskResult.FAILED, r.outcome());
    assertEquals(2, r.attempts());
    assertTrue(r.error().contains("database down"), r.error());
    assertEquals(1, run.tasksCompleted());
    assertEquals(1, run.tasksFailed());
  }

  @Test
  void run_parallelism_boundsTasksInFlight() {
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<WarmupTask> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(
          task(
              "t" + i,
              i,
              Duration.ofSeconds(5),
              () -> {
                peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                Thread.sleep(50);
                inFlight.decrementAndGet();
                return 1;
              }));
    }
    WarmupRun run = run(tasks, 2);
    assertEquals(8, run.tasksCompleted());
    assertEquals(2, peak.get());
  }

  @Test
  void reserve_whileRunning_busyWithTheRunningId() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    WarmupTask blocking =
        task(
            "blocking",
            1,
            Duration.ofSeconds(10),
            () -> {
              inside.countDown();
              release.await();
              return 1;
            });
    String id = engine.reserve("first");
    Thread runner = new Thread(() -> engine.run(id, List.of(blocking), 1));
    runner.start();
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    WarmupBusyException busy =
        assertThrows(WarmupBusyException.class, () -> engine.reserve("second"));
    assertEquals(id, busy.runningRunId());
    assertEquals(id, engine.running().orElseThrow().id());
    release.countDown();
    runner.join(5_000);
    assertFalse(engine.running().isPresent());
    engine.release(engine.reserve("third")); // free again
  }

  @Test
  void run_duplicateNames_runOnce() {
    WarmupRun run = run(List.of(quick("a", 1), quick("a", 1)), 2);
    assertEquals(1, run.tasksTotal());
    assertEquals(List.of("a"), started);
  }

  @Test
  void run_interruptedCoordinator_cancelsAndRestoresFlag() throws Exception {
    AtomicBoolean taskInterrupted = new AtomicBoolean();
    CountDownLatch inside = new CountDownLatch(1);
    WarmupTask blocking =
        task(
            "blocking",
            1,
            Duration.ofSeconds(30),
            () -> {
              inside.countDown();
              try {
                Thread.sleep(30_000);
              } catch (InterruptedException e) {
                taskInterrupted.set(true);
                throw e;
              }
              return 1;
            });
    AtomicBoolean flag = new AtomicBoolean();
    List<WarmupRun> out = new ArrayList<>();
    String id = engine.reserve("x");
    Thread runner =
        new Thread(
            () -> {
              out.add(engine.run(id, List.of(blocking), 1));
              flag.set(Thread.currentThread().isInterrupted());
            });
    runner.start();
    assertTrue(inside.await(5, TimeUnit.SECONDS));
    runner.interrupt();
    runner.join(5_000);
    assertTrue(flag.get(), "interrupt restored");
    assertEquals(WarmupTaskResult.FAILED, out.get(0).tasks().get(0).outcome());
    Thread.sleep(200);
    assertTrue(taskInterrupted.get(), "the task in flight was cancelled");
  }

  @Test
  void run_publishesTheFinishedRunBeforeTheEngineIsReleased() {
    String id = engine.reserve("manual");
    List<String> seenWhilePublishing = new ArrayList<>();
    WarmupRun run =
        engine.run(
            id,
            List.of(quick("a", 1)),
            1,
            finished ->
                seenWhilePublishing.add(
                    engine.running().map(WarmupEngine.Running::id).orElse("released")));
    assertEquals(List.of(id), seenWhilePublishing, "still reserved while publishing");
    assertEquals(id, run.id());
    assertTrue(engine.running().isEmpty(), "released after publishing");
  }

  @Test
  void run_publishThrows_engineReleased() {
    String id = engine.reserve("manual");
    assertThrows(
        IllegalStateException.class,
        () ->
            engine.run(
                id,
                List.of(quick("a", 1)),
                1,
                finished -> {
                  throw new IllegalStateException("history down");
                }));
    assertTrue(engine.running().isEmpty());
  }
}
