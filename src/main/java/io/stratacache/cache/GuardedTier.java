package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failure boundary around one tier: a tier that throws or does not answer within its timeout is
 * counted in {@link #errors} (and {@link #timeouts}), logged (one line, at most every {@value
 * #LOG_EVERY_MILLIS} ms per tier) and skipped, so the read goes on to the next tier or the loader
 * and writes go on to the other tiers. The core keeps the per-tier hit/miss/put counters here too.
 *
 * <p><b>Circuit breaker</b> (remote tiers only): every call's outcome feeds a {@link
 * CircuitBreaker}; while it is open the tier is skipped without being called ({@link #available()}
 * is false, counted in {@link #shortCircuits}). When a probe succeeds and the breaker closes, the
 * tier is first <em>repaired</em> (keys whose write or removal was skipped or failed meanwhile are
 * removed from it, or the cache's part of it is cleared if too many or a bulk invalidation was
 * missed) and the cache's near tier is flushed (the rejoin), so neither this tier nor the near tier
 * can serve a value that changed while the tier was away.
 *
 * <p><b>Timeouts</b>: with a positive timeout each call runs on the tier executor and the caller
 * waits at most that long (bulk operations: ten times as long); a tier offering {@link
 * Tier#getAsync} is read without changing threads, waiting on its own future. A timed-out call is
 * cancelled (its thread interrupted) and counted as a failure.
 */
final class GuardedTier<P> {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final long LOG_EVERY_MILLIS = 10_000;

  /** Above this many keys to repair, the tier's part of the cache is cleared on rejoin instead. */
  static final int MAX_REPAIR_KEYS = 10_000;

  /**
   * The absent key a probe reads: a control character keeps it apart from real keys, and it is not
   * NUL, which PostgreSQL refuses in text (the probe failed there and the tier never rejoined).
   */
  static final String PROBE_KEY = "\u0001stratacache-probe";

  final Tier<P> tier;
  final String cacheName;
  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder puts = new LongAdder();
  final LongAdder errors = new LongAdder();
  final LongAdder timeouts = new LongAdder();
  final LongAdder shortCircuits = new LongAdder();
  private final CacheClock clock;
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
  private final CircuitBreaker breaker;
  private final long timeoutMillis;
  private final Executor executor;
  private final Set<String> repairKeys = ConcurrentHashMap.newKeySet();
  private volatile boolean repairByClear;
  private volatile Runnable onRejoin = () -> {};

  /** A tier without breaker or timeout (the near tier). */
  GuardedTier(Tier<P> tier, String cacheName, CacheClock clock) {
    this(tier, cacheName, clock, null, Duration.ZERO, null);
  }

  /**
   * A remote tier.
   *
   * @param breaker settings of its breaker, or null for none
   * @param timeout bound of each call; zero calls the tier on the caller's thread, unbounded
   * @param executor runs calls bounded by the timeout
   */
  GuardedTier(
      Tier<P> tier,
      String cacheName,
      CacheClock clock,
      CacheSettings.Breaker breaker,
      Duration timeout,
      Executor executor) {
    this.tier = tier;
    this.cacheName = cacheName;
    this.clock = clock;
    this.timeoutMillis = executor == null ? 0 : timeout.toMillis();
    this.executor = executor;
    this.breaker =
        breaker == null
            ? null
            : new CircuitBreaker(
                cacheName,
                tier.name(),
                clock,
                breaker.failureRate(),
                breaker.minimumCalls(),
                breaker.window(),
                breaker.coolDown(),
                this::rejoined);
  }

  String name() {
    return tier.name();
  }

  /** What to do after the breaker closed again and the tier was repaired (flush the near tier). */
  void onRejoin(Runnable action) {
    onRejoin = action;
  }

  /**
   * Whether the tier may be called now: false while its breaker is open (and for every caller but
   * the probe while half-open). A caller that gets true must make exactly one call.
   */
  boolean available() {
    if (breaker == null || breaker.allow()) {
      return true;
    }
    shortCircuits.increment();
    return false;
  }

  /** Whether the breaker is closed, without probing. */
  boolean isClosed() {
    return breaker == null || breaker.isClosed();
  }

  /** The tier's entry, or null if none, the tier failed or is open. Counts nothing but errors. */
  TierEntry<P> get(String key, long now) {
    if (!available() || awaitsRepair(key)) {
      return null;
    }
    try {
      TierEntry<P> entry = timeoutMillis > 0 ? boundedGet(key, now) : tier.get(key, now);
      succeeded();
      return entry;
    } catch (RuntimeException e) {
      failed("get", e);
      return null;
    }
  }

  private TierEntry<P> boundedGet(String key, long now) {
    CompletionStage<TierEntry<P>> async = tier.getAsync(key, now);
    if (async == null) {
      return call(() -> tier.get(key, now), timeoutMillis);
    }
    try {
      return async.toCompletableFuture().get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      async.toCompletableFuture().cancel(true);
      timeouts.increment();
      throw new TierTimeoutException(timeoutMillis);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TierTimeoutException(0);
    }
  }

  void put(String key, TierEntry<P> entry) {
    if (!available()) {
      markForRepair(key);
      return;
    }
    try {
      run(() -> tier.put(key, entry), timeoutMillis);
      puts.increment();
      succeeded();
      repairKeys.remove(key);
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("put", e);
    }
  }

  /** {@link #tryPut} outcomes. */
  static final int WRITTEN = 1;

  static final int SKIPPED = 0;
  static final int FAILED = -1;

  /**
   * Writes {@code entry} for the write-behind flusher: {@link #WRITTEN}; {@link #SKIPPED} while the
   * breaker is open (unless {@code force}, at shutdown); {@link #FAILED} if the tier failed
   * (counted like any failure, but the key is not marked for repair: the caller retries).
   */
  int tryPut(String key, TierEntry<P> entry, boolean force) {
    if (!force && !available()) {
      return SKIPPED;
    }
    try {
      run(() -> tier.put(key, entry), timeoutMillis);
      puts.increment();
      succeeded();
      repairKeys.remove(key);
      return WRITTEN;
    } catch (RuntimeException e) {
      failed("put", e);
      return FAILED;
    }
  }

  void remove(String key) {
    if (!available()) {
      markForRepair(key);
      return;
    }
    try {
      run(() -> tier.remove(key), timeoutMillis);
      succeeded();
      repairKeys.remove(key);
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("remove", e);
    }
  }

  void removeByTag(String tag) {
    bulk("remove by tag", () -> tier.removeByTag(tag));
  }

  void removeByPattern(KeyPattern pattern) {
    bulk("remove by pattern", () -> tier.removeByPattern(pattern));
  }

  void clear() {
    bulk("clear", tier::clear);
  }

  private void bulk(String operation, Runnable change) {
    if (!available()) {
      repairByClear = true;
      return;
    }
    try {
      run(change, timeoutMillis * 10);
      succeeded();
    } catch (RuntimeException e) {
      repairByClear = true;
      failed(operation, e);
    }
  }

  long purgeExpired() {
    if (!available()) {
      return 0;
    }
    try {
      long purged = call(tier::purgeExpired, timeoutMillis * 10);
      succeeded();
      return purged;
    } catch (RuntimeException e) {
      failed("purge", e);
      return 0;
    }
  }

  /** The tier's metrics, or unknown if it fails or is open (not counted: stats are not traffic). */
  TierMetrics metrics() {
    if (!isClosed()) {
      return TierMetrics.UNKNOWN;
    }
    try {
      return call(tier::metrics, timeoutMillis * 10);
    } catch (RuntimeException e) {
      return TierMetrics.UNKNOWN;
    }
  }

  void close() {
    try {
      tier.close();
    } catch (RuntimeException e) {
      failed("close", e);
    }
  }

  // ---------------------------------------------------------------- breaker, probe, repair

  /** The breaker's view; a tier without breaker is always closed. */
  TierStatus status() {
    return breaker == null
        ? new TierStatus(cacheName, tier.name(), BreakerState.CLOSED, "", 0, 0)
        : breaker.status();
  }

  /**
   * If the breaker is open past its cool-down, probes the tier with a read of an absent key (the
   * probe closes or reopens the breaker); if it is closed with keys still to repair, repairs them.
   */
  void check() {
    if (!isClosed()) {
      probe();
    } else if (repairByClear || !repairKeys.isEmpty()) {
      repair();
    }
  }

  /**
   * One read of an absent key to see whether the tier answers again. Unlike {@link #get}, it does
   * not skip keys awaiting repair: after a missed clear every key awaits repair, and the repair
   * itself waits for the breaker to close, so the probe must get through.
   */
  private void probe() {
    if (!available()) {
      return;
    }
    try {
      if (timeoutMillis > 0) {
        boundedGet(PROBE_KEY, clock.millis());
      } else {
        tier.get(PROBE_KEY, clock.millis());
      }
      succeeded();
    } catch (RuntimeException e) {
      failed("probe", e);
    }
  }

  /** Keys (and whether a clear is) waiting for repair, for tests and stats. */
  int pendingRepairs() {
    return repairByClear ? Integer.MAX_VALUE : repairKeys.size();
  }

  private void markForRepair(String key) {
    if (breaker == null) {
      return;
    }
    if (repairKeys.size() >= MAX_REPAIR_KEYS) {
      repairByClear = true;
    } else {
      repairKeys.add(key);
    }
  }

  /**
   * Whether {@code key} may be stale in the tier (a write or removal of it was skipped): such keys
   * read as misses until repaired.
   */
  private boolean awaitsRepair(String key) {
    return repairByClear || (!repairKeys.isEmpty() && repairKeys.contains(key));
  }

  /** The breaker closed: repair in the background (stale keys read as misses meanwhile), flush. */
  private void rejoined() {
    if (repairByClear || !repairKeys.isEmpty()) {
      try {
        executor.execute(this::repair);
      } catch (RuntimeException e) {
        repair();
      }
    }
    onRejoin.run();
  }

  /** Removes from the tier what it may hold stale; what fails stays for the next attempt. */
  private void repair() {
    try {
      if (repairByClear) {
        repairKeys.clear();
        run(tier::clear, timeoutMillis * 10);
        repairByClear = false;
        LOG.log(
            Level.INFO,
            "cache {0}: {1} tier cleared on rejoin",
            new Object[] {cacheName, tier.name()});
        return;
      }
      int repaired = 0;
      for (String key : repairKeys) {
        run(() -> tier.remove(key), timeoutMillis);
        repairKeys.remove(key);
        repaired++;
      }
      if (repaired > 0) {
        LOG.log(
            Level.INFO,
            "cache {0}: {1} tier repaired on rejoin: {2} keys written meanwhile removed",
            new Object[] {cacheName, tier.name(), repaired});
      }
    } catch (RuntimeException e) {
      failed("repair", e);
    }
  }

  // ---------------------------------------------------------------- calls

  private void succeeded() {
    if (breaker != null) {
      breaker.onSuccess();
    }
  }

  private void run(Runnable action, long timeout) {
    call(
        () -> {
          action.run();
          return null;
        },
        timeout);
  }

  private <T> T call(Callable<T> action, long timeout) {
    if (timeout <= 0) {
      try {
        return action.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    FutureTask<T> task = new FutureTask<>(action);
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      throw new TierTimeoutException("the tier executor is saturated");
    }
    try {
      return task.get(timeout, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      timeouts.increment();
      throw new TierTimeoutException(timeout);
    } catch (ExecutionException e) {
      throw unwrap(e);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new TierTimeoutException("interrupted while waiting");
    }
  }

  private static RuntimeException unwrap(ExecutionException e) {
    Throwable cause = e.getCause();
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new IllegalStateException(cause);
  }

  private void failed(String operation, RuntimeException e) {
    errors.increment();
    if (breaker != null) {
      breaker.onFailure(operation + ": " + e.getMessage());
    }
    long now = clock.millis();
    long last = lastLogged.get();
    if ((last == Long.MIN_VALUE || now - last >= LOG_EVERY_MILLIS)
        && lastLogged.compareAndSet(last, now)) {
      LOG.log(
          Level.WARNING,
          "cache {0}: {1} tier {2} failed and was skipped ({3} errors so far): {4}",
          new Object[] {cacheName, tier.name(), operation, errors.sum(), describe(e)});
    }
    LOG.log(Level.FINE, "cache " + cacheName + ": " + tier.name() + " " + operation, e);
  }

  /** The exception and its root cause, on one line (the full trace is logged at DEBUG). */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (cause: " + root + ")";
  }

  /** A tier call that did not answer in time (or could not be started). */
  static final class TierTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TierTimeoutException(long millis) {
      this("timeout after " + millis + " ms");
    }

    TierTimeoutException(String message) {
      super(message, null, false, false);
    }
  }
}
