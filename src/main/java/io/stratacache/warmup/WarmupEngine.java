package io.stratacache.warmup;

import io.stratacache.cache.CacheTraffic;
import io.stratacache.platform.Throwables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs warm-up tasks: at most {@code parallelism} at once on an executor, started in the order
 * given, each attempt interrupted when it outlives its task's timeout, a failed attempt retried
 * once (a timed-out one is not: it would most likely time out again and double the run), and only
 * one run at a time per engine.
 *
 * <p>Thread-safe. {@link #reserve} and {@link #run} are separate so a caller can answer with the
 * run id at once and run in the background; the coordinating loop runs in the thread that calls
 * {@link #run} and only submits attempts to the executor, so the executor needs {@code parallelism}
 * free threads, not more.
 */
public final class WarmupEngine {

  private static final Logger LOG = Logger.getLogger(WarmupEngine.class.getName());

  /** A reserved or running run. */
  public record Running(String id, String trigger, Instant startedAt) {}

  private final Executor executor;
  private final Clock clock;
  private final LongSupplier nanoTicker;
  private final AtomicReference<Running> running = new AtomicReference<>();

  /**
   * @param executor runs task attempts; a managed executor in the server
   * @param clock timestamps of runs
   * @param nanoTicker monotonic nanoseconds for durations and deadlines ({@code System::nanoTime})
   */
  public WarmupEngine(Executor executor, Clock clock, LongSupplier nanoTicker) {
    this.executor = executor;
    this.clock = clock;
    this.nanoTicker = nanoTicker;
  }

  /**
   * Orders tasks: those named in {@code priorityNames} first, in that order; the others by their
   * own {@link WarmupTask#priority()}, then by name.
   */
  public static List<WarmupTask> order(Collection<WarmupTask> tasks, List<String> priorityNames) {
    Map<String, Integer> rank = new HashMap<>();
    for (int i = 0; i < priorityNames.size(); i++) {
      rank.putIfAbsent(priorityNames.get(i), i);
    }
    List<WarmupTask> ordered = new ArrayList<>(tasks);
    ordered.sort(
        Comparator.<WarmupTask>comparingInt(t -> rank.getOrDefault(t.name(), Integer.MAX_VALUE))
            .thenComparingInt(WarmupTask::priority)
            .thenComparing(WarmupTask::name));
    return ordered;
  }

  /** The run holding the engine, if any. */
  public Optional<Running> running() {
    return Optional.ofNullable(running.get());
  }

  /**
   * Reserves the engine for a new run.
   *
   * @return the new run's id; pass it to {@link #run}
   * @throws WarmupBusyException if a run is reserved or running, with that run's id
   */
  public String reserve(String trigger) {
    Running mine = new Running(UUID.randomUUID().toString(), trigger, clock.instant());
    if (!running.compareAndSet(null, mine)) {
      Running other = running.get();
      throw new WarmupBusyException(other == null ? "(just finished)" : other.id());
    }
    return mine.id();
  }

  /** Gives up a reservation that will not be run. */
  public void release(String runId) {
    Running r = running.get();
    if (r != null && r.id().equals(runId)) {
      running.compareAndSet(r, null);
    }
  }

  /**
   * Runs {@code tasks} in the calling thread's coordination, then releases the engine. Never throws
   * for a task's failure; an interrupt of the calling thread cancels the attempts in flight, marks
   * the rest failed and is restored before returning.
   *
   * @param runId the id {@link #reserve} returned
   * @param tasks in start order (see {@link #order}); a name listed twice runs once
   * @param parallelism 1 runs the tasks one after another
   * @throws IllegalStateException if {@code runId} is not the reserved run
   */
  public WarmupRun run(String runId, List<WarmupTask> tasks, int parallelism) {
    return run(runId, tasks, parallelism, finished -> {});
  }

  /**
   * Runs {@code tasks} as {@link #run(String, List, int)} does, and hands the finished run to
   * {@code publish} before the engine is released: whoever sees {@link #running()} empty after this
   * run was reserved also sees what {@code publish} stored (the last run, the history). A {@code
   * publish} that throws still releases the engine; its exception propagates.
   *
   * @param publish records the finished run; called once, in the calling thread
   * @throws IllegalStateException if {@code runId} is not the reserved run
   */
  public WarmupRun run(
      String runId, List<WarmupTask> tasks, int parallelism, Consumer<WarmupRun> publish) {
    Running r = running.get();
    if (r == null || !r.id().equals(runId)) {
      throw new IllegalStateException("run " + runId + " is not reserved");
    }
    try {
      WarmupRun finished = execute(r, tasks, Math.max(1, parallelism));
      publish.accept(finished);
      return finished;
    } finally {
      running.compareAndSet(r, null);
    }
  }

  private WarmupRun execute(Running run, List<WarmupTask> tasks, int parallelism) {
    Instant startedAt = clock.instant();
    long start = nanoTicker.getAsLong();
    Map<String, Tally> tallies = new LinkedHashMap<>();
    Deque<Attempt> pending = new ArrayDeque<>();
    for (WarmupTask t : tasks) {
      if (!tallies.containsKey(t.name())) {
        tallies.put(t.name(), new Tally(t.name()));
        pending.add(new Attempt(t, 1));
      }
    }
    ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(executor);
    Map<Future<Integer>, Attempt> inFlight = new HashMap<>();
    try {
      while (!pending.isEmpty() || !inFlight.isEmpty()) {
        while (inFlight.size() < parallelism && !pending.isEmpty()) {
          Attempt a = pending.poll();
          a.started = nanoTicker.getAsLong();
          a.deadline = a.started + a.task.timeout().toNanos();
          // counted as warm-up traffic, apart from the clients' (CacheTraffic)
          inFlight.put(completion.submit(() -> CacheTraffic.warmup(a.task::warm)), a);
        }
        long wait = Long.MAX_VALUE;
        long now = nanoTicker.getAsLong();
        for (Attempt a : inFlight.values()) {
          wait = Math.min(wait, a.deadline - now);
        }
        Future<Integer> done = completion.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
        if (done != null) {
          Attempt a = inFlight.remove(done);
          if (a != null) {
            finish(a, done, tallies.get(a.task.name()), pending);
          }
        }
        now = nanoTicker.getAsLong();
        for (Iterator<Map.Entry<Future<Integer>, Attempt>> it = inFlight.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<Future<Integer>, Attempt> e = it.next();
          Attempt a = e.getValue();
          if (now - a.deadline >= 0 && !e.getKey().isDone()) {
            e.getKey().cancel(true);
            it.remove();
            Tally t = tallies.get(a.task.name());
            t.add(a, now);
            t.outcome = WarmupTaskResult.TIMED_OUT;
            t.error = "timed out after " + format(a.task.timeout()) + " and was interrupted";
          }
        }
      }
    } catch (InterruptedException e) {
      long now = nanoTicker.getAsLong();
      for (Map.Entry<Future<Integer>, Attempt> f : inFlight.entrySet()) {
        f.getKey().cancel(true);
        tallies.get(f.getValue().task.name()).add(f.getValue(), now);
      }
      for (Tally t : tallies.values()) {
        if (t.outcome == null) {
          t.outcome = WarmupTaskResult.FAILED;
          t.error = "run interrupted";
        }
      }
      Thread.currentThread().interrupt();
    }
    List<WarmupTaskResult> results = new ArrayList<>(tallies.size());
    int completed = 0;
    long entries = 0;
    for (Tally t : tallies.values()) {
      WarmupTaskResult res = t.result();
      results.add(res);
      if (res.completed()) {
        completed++;
        entries += res.entries();
      }
    }
    int total = results.size();
    long millis = TimeUnit.NANOSECONDS.toMillis(nanoTicker.getAsLong() - start);
    double rate = total == 0 ? 100.0 : Math.round(completed * 1000.0 / total) / 10.0;
    return new WarmupRun(
        run.id(),
        run.trigger(),
        startedAt,
        clock.instant(),
        millis,
        total,
        completed,
        total - completed,
        entries,
        rate,
        results);
  }

  private void finish(Attempt a, Future<Integer> done, Tally t, Deque<Attempt> pending) {
    long now = nanoTicker.getAsLong();
    t.add(a, now);
    try {
      t.entries = done.get();
      t.outcome = WarmupTaskResult.COMPLETED;
      // A task that completed on its second attempt still says why the first one failed.
      String detail = a.task.detail();
      t.detail =
          t.error == null
              ? detail
              : "attempt 1 failed: " + t.error + (detail == null ? "" : "; " + detail);
      t.error = null;
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      t.error = describe(cause);
      LOG.log(
          Level.WARNING,
          "warm-up task " + a.task.name() + ", attempt " + a.number + " failed: " + t.error,
          cause);
      if (a.number == 1) {
        pending.addFirst(new Attempt(a.task, 2));
      } else {
        t.outcome = WarmupTaskResult.FAILED;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // unreachable: the future is done
    }
  }

  /** The failure and its root cause, for the history ("X: message; cause Y: message"). */
  static String describe(Throwable failure) {
    String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
    Throwable root = Throwables.rootCause(failure);
    return root == failure
        ? text
        : text + "; cause " + root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static String format(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static final class Attempt {
    final WarmupTask task;
    final int number;
    long started;
    long deadline;

    Attempt(WarmupTask task, int number) {
      this.task = task;
      this.number = number;
    }
  }

  private static final class Tally {
    final String name;
    String outcome;
    int entries;
    long nanos;
    int attempts;
    String error;
    String detail;

    Tally(String name) {
      this.name = name;
    }

    void add(Attempt a, long now) {
      attempts = Math.max(attempts, a.number);
      nanos += now - a.started;
    }

    WarmupTaskResult result() {
      String o = outcome == null ? WarmupTaskResult.FAILED : outcome;
      return new WarmupTaskResult(
          name,
          o,
          WarmupTaskResult.COMPLETED.equals(o) ? entries : 0,
          TimeUnit.NANOSECONDS.toMillis(nanos),
          attempts,
          error,
          WarmupTaskResult.COMPLETED.equals(o) ? detail : null);
    }
  }
}
