package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The failure boundary around one tier: a tier that throws or does not answer within its timeout is
 * counted in {@link #errors()} (and {@link #timeouts()}), logged (one line, at most every {@value
 * #LOG_EVERY_MILLIS} ms per tier) and skipped, so the read goes on to the next tier or the loader
 * and writes go on to the other tiers. The core counts the tier's hits and misses here too ({@link
 * #hit()}, {@link #miss()}).
 *
 * <p><b>Circuit breaker</b> (remote tiers only): every call's outcome feeds a {@link
 * CircuitBreaker}; while it is open the tier is skipped without being called ({@link #available()}
 * is false, counted in {@link #shortCircuits()}). When a probe succeeds and the breaker closes, the
 * tier is first <em>repaired</em> ({@link RejoinRepair}: keys whose write or removal was skipped or
 * failed meanwhile are removed from it, or the cache's part of it is cleared if too many or a bulk
 * invalidation was missed) and the cache's near tier is flushed (the rejoin), so neither this tier
 * nor the near tier can serve a value that changed while the tier was away.
 *
 * <p><b>Timeouts</b>: calls go through {@link TimedCalls} (bulk operations get ten times the
 * timeout). A timed-out call is counted as a failure.
 */
final class GuardedTier<P> {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final long LOG_EVERY_MILLIS = 10_000;
  private static final int BULK = 10;

  /**
   * The absent key a probe reads: a control character keeps it apart from real keys, and it is not
   * NUL, which PostgreSQL refuses in text.
   */
  static final String PROBE_KEY = "\u0001stratacache-probe";

  /** {@link #tryPut} outcomes. */
  static final int WRITTEN = 1;

  static final int SKIPPED = 0;
  static final int FAILED = -1;

  /** A {@link #putIfVersion} the tier refused: the key changed since its reader saw it. */
  static final int REFUSED = 2;

  final Tier<P> tier;
  final String cacheName;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder shortCircuits = new LongAdder();
  private final CacheClock clock;
  private final AtomicLong lastLogged = new AtomicLong(Long.MIN_VALUE);
  private final CircuitBreaker breaker;
  private final TimedCalls calls;
  private final Executor executor;
  private final RejoinRepair repair;
  private final boolean local;
  private volatile Runnable onRejoin = () -> {};
  private volatile RepairFence<P> repairFence;

  /**
   * How a repair fences what was in flight while the tier was away (set by the cache, which owns
   * versions, epochs and the bus): without it a repair clears and removes plainly, and a fill or
   * load that read its source before a missed invalidation and writes after the repair lands in a
   * tier the repair had just made clean.
   */
  interface RepairFence<P> {
    /**
     * Before the tier's part of the cache is cleared: moves the cache-wide epoch (so fenced fills
     * opened before the clear write nothing after it) and notes the clear for late entries.
     *
     * @throws RuntimeException if the fence could not be set (the repair then waits for the next
     *     attempt)
     */
    void beforeClear();

    /** After the clear: tells the other instances (their near copies and fills are cleaned). */
    void afterClear();

    /**
     * The tombstone a repaired key gets instead of a plain removal (a load in flight then misses).
     */
    TierEntry<P> tombstone();
  }

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
    this.calls = new TimedCalls(timeout.toMillis(), executor);
    this.executor = executor;
    this.repair = new RejoinRepair(cacheName, tier.name());
    this.local = breaker == null && calls.timeoutMillis() == 0;
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

  /** How repairs fence fills and loads in flight ({@link RepairFence}). */
  void repairFence(RepairFence<P> fence) {
    repairFence = fence;
  }

  /**
   * {@link Tier#moveEpoch}, for a repair: unlike {@link #moveEpoch} a failure is thrown (and
   * counted), since the repair must not clear without the fence.
   */
  void moveEpochForRepair(String subject, long epoch, long retainUntil) {
    try {
      calls.run(() -> tier.moveEpoch(subject, epoch, retainUntil), 1);
      succeeded();
    } catch (RuntimeException e) {
      failed("move epoch", e);
      throw e;
    }
  }

  // ---------------------------------------------------------------- the core's counters

  /** Counts a hit of this tier. */
  void hit() {
    hits.increment();
  }

  /** Counts a miss of this tier. */
  void miss() {
    misses.increment();
  }

  /** Turns a miss counted before into a hit (the entry appeared meanwhile). */
  void missTurnedHit() {
    misses.decrement();
    hits.increment();
  }

  long hits() {
    return hits.sum();
  }

  long misses() {
    return misses.sum();
  }

  long puts() {
    return puts.sum();
  }

  long errors() {
    return errors.sum();
  }

  long timeouts() {
    return calls.timeouts();
  }

  long shortCircuits() {
    return shortCircuits.sum();
  }

  /** The tier's statistics; {@code compressionRatio} is the cache's (1 for decoded values). */
  TierStats stats(TierMetrics metrics, double compressionRatio) {
    long tierHits = hits();
    long tierMisses = misses();
    TierStatus status = status();
    return new TierStats(
        name(),
        tierHits + tierMisses,
        tierHits,
        tierMisses,
        tierHits + tierMisses == 0 ? 0 : (double) tierHits / (tierHits + tierMisses),
        puts(),
        metrics.evictions(),
        metrics.expirations(),
        metrics.size(),
        metrics.bytes(),
        compressionRatio,
        errors(),
        status.state(),
        status.reason(),
        timeouts(),
        shortCircuits(),
        status.opens());
  }

  // ---------------------------------------------------------------- calls

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
    if (local) {
      // the near tier: no breaker, no timeout, nothing to repair; the hit path
      try {
        return tier.get(key, now);
      } catch (RuntimeException e) {
        failed("get", e);
        return null;
      }
    }
    // Repair first: a caller that gets true from available() must make its call (after the
    // cool-down it is the half-open probe; a probe that makes no call reports nothing, and no
    // other probe is let through for another cool-down).
    if (repair.awaits(key)) {
      if (!isClosed()) {
        shortCircuits.increment();
      }
      return null;
    }
    if (!available()) {
      return null;
    }
    try {
      TierEntry<P> entry = calls.get(tier, key, now);
      succeeded();
      return entry;
    } catch (RuntimeException e) {
      failed("get", e);
      return null;
    }
  }

  /**
   * The entries of {@code keys} in one bulk call (ten times the timeout); keys awaiting repair are
   * not asked. Empty if the tier failed or is open. Counts nothing but errors.
   */
  Map<String, TierEntry<P>> getAll(Collection<String> keys, long now) {
    List<String> asked = new ArrayList<>(keys.size());
    for (String key : keys) {
      if (!repair.awaits(key)) {
        asked.add(key);
      }
    }
    // Nothing to ask: no call, so no outcome (a success reported without a call closed the
    // breaker of a failing tier when this was the half-open probe).
    if (asked.isEmpty() || !available()) {
      return new HashMap<>();
    }
    try {
      Map<String, TierEntry<P>> found = calls.call(() -> tier.getAll(asked, now), BULK);
      succeeded();
      return found;
    } catch (RuntimeException e) {
      failed("get all", e);
      return new HashMap<>();
    }
  }

  /** Writes a batch in one bulk call; on failure or while open every key is marked for repair. */
  void putAll(Map<String, TierEntry<P>> entries) {
    if (entries.isEmpty()) {
      return;
    }
    if (!available()) {
      entries.keySet().forEach(this::markForRepair);
      return;
    }
    try {
      calls.run(() -> tier.putAll(entries), BULK);
      puts.add(entries.size());
      succeeded();
      entries.keySet().forEach(repair::written);
    } catch (RuntimeException e) {
      entries.keySet().forEach(this::markForRepair);
      failed("put all", e);
    }
  }

  /** Removes a batch in one bulk call; on failure or while open every key is marked for repair. */
  void removeAll(Collection<String> keys) {
    if (keys.isEmpty()) {
      return;
    }
    if (!available()) {
      keys.forEach(this::markForRepair);
      return;
    }
    try {
      calls.run(() -> tier.removeAll(keys), BULK);
      succeeded();
      keys.forEach(repair::written);
    } catch (RuntimeException e) {
      keys.forEach(this::markForRepair);
      failed("remove all", e);
    }
  }

  void put(String key, TierEntry<P> entry) {
    if (!available()) {
      markForRepair(key);
      return;
    }
    try {
      write(key, entry);
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("put", e);
    }
  }

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
      write(key, entry);
      return WRITTEN;
    } catch (RuntimeException e) {
      failed("put", e);
      return FAILED;
    }
  }

  private void write(String key, TierEntry<P> entry) {
    calls.run(() -> tier.put(key, entry), 1);
    puts.increment();
    succeeded();
    repair.written(key);
  }

  void remove(String key) {
    if (!available()) {
      markForRepair(key);
      return;
    }
    try {
      calls.run(() -> tier.remove(key), 1);
      succeeded();
      repair.written(key);
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("remove", e);
    }
  }

  /** {@link Tier#fence}: as {@link #remove}, leaving a tombstone. */
  void fence(String key, TierEntry<P> tombstone) {
    if (!available()) {
      markForRepair(key);
      return;
    }
    try {
      calls.run(() -> tier.fence(key, tombstone), 1);
      succeeded();
      repair.written(key);
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("fence", e);
    }
  }

  /** {@link Tier#fenceAll} in one bulk call: as {@link #removeAll}, leaving tombstones. */
  void fenceAll(Collection<String> keys, TierEntry<P> tombstone) {
    if (keys.isEmpty()) {
      return;
    }
    if (!available()) {
      keys.forEach(this::markForRepair);
      return;
    }
    try {
      calls.run(() -> tier.fenceAll(keys, tombstone), BULK);
      succeeded();
      keys.forEach(repair::written);
    } catch (RuntimeException e) {
      keys.forEach(this::markForRepair);
      failed("fence all", e);
    }
  }

  /**
   * A conditional publication ({@link Tier#putIfVersion}): {@link #WRITTEN}, {@link #REFUSED} (the
   * key changed since its reader saw it), or {@link #SKIPPED} while the breaker is open or when the
   * call failed (the key is then marked for repair, as a skipped {@link #put} is).
   */
  int putIfVersion(String key, TierEntry<P> entry, long seenVersion) {
    if (!available()) {
      markForRepair(key);
      return SKIPPED;
    }
    try {
      boolean stored = calls.call(() -> tier.putIfVersion(key, entry, seenVersion), 1);
      succeeded();
      if (!stored) {
        return REFUSED;
      }
      puts.increment();
      repair.written(key);
      return WRITTEN;
    } catch (RuntimeException e) {
      markForRepair(key);
      failed("conditional put", e);
      return SKIPPED;
    }
  }

  /**
   * {@link Tier#putAllIfVersion} in one bulk call.
   *
   * @return the keys written, or null if the tier was skipped (open, or the call failed: every key
   *     is marked for repair)
   */
  java.util.Set<String> putAllIfVersion(Map<String, TierEntry<P>> entries, Map<String, Long> seen) {
    if (entries.isEmpty()) {
      return new java.util.HashSet<>();
    }
    if (!available()) {
      entries.keySet().forEach(this::markForRepair);
      return null;
    }
    try {
      java.util.Set<String> stored = calls.call(() -> tier.putAllIfVersion(entries, seen), BULK);
      succeeded();
      puts.add(stored.size());
      stored.forEach(repair::written);
      return stored;
    } catch (RuntimeException e) {
      entries.keySet().forEach(this::markForRepair);
      failed("conditional put all", e);
      return null;
    }
  }

  /**
   * {@link Tier#moveEpoch}. A failure (or an open breaker) marks the whole tier for repair, as a
   * failed bulk invalidation does: the invalidation that moves the epoch could not fence fills.
   *
   * @return whether the epoch moved
   */
  boolean moveEpoch(String subject, long epoch, long retainUntil) {
    if (!available()) {
      repair.markAll();
      return false;
    }
    try {
      calls.run(() -> tier.moveEpoch(subject, epoch, retainUntil), 1);
      succeeded();
      return true;
    } catch (RuntimeException e) {
      repair.markAll();
      failed("move epoch", e);
      return false;
    }
  }

  /**
   * Marks the cache's whole part of the tier for repair: an invalidation could not fence the fills
   * that may write it (the grid's epoch did not move), so any of its entries may be stale.
   */
  void markAllForRepair() {
    if (breaker != null) {
      repair.markAll();
    }
  }

  /**
   * {@link Tier#epochs}, or null when the tier keeps none, is open, or the call failed (the epochs
   * are then unknown).
   */
  Map<String, Long> epochs(Collection<String> subjects) {
    if (!available()) {
      return null;
    }
    try {
      Map<String, Long> found = calls.call(() -> tier.epochs(subjects), 1);
      succeeded();
      return found;
    } catch (RuntimeException e) {
      failed("read epochs", e);
      return null;
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
      repair.markAll();
      return;
    }
    try {
      calls.run(change, BULK);
      succeeded();
    } catch (RuntimeException e) {
      repair.markAll();
      failed(operation, e);
    }
  }

  long purgeExpired() {
    if (!available()) {
      return 0;
    }
    try {
      long purged = calls.call(tier::purgeExpired, BULK);
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
      return calls.call(tier::metrics, BULK);
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
    } else if (repair.pending()) {
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
      calls.get(tier, PROBE_KEY, clock.millis());
      succeeded();
    } catch (RuntimeException e) {
      failed("probe", e);
    }
  }

  /** Keys (and whether a clear is) waiting for repair, for tests and stats. */
  int pendingRepairs() {
    return repair.size();
  }

  private void markForRepair(String key) {
    if (breaker != null) {
      repair.mark(key);
    }
  }

  /** The breaker closed: repair in the background (stale keys read as misses meanwhile), flush. */
  private void rejoined() {
    if (repair.pending()) {
      try {
        executor.execute(this::repair);
      } catch (RuntimeException e) {
        repair();
      }
    }
    // Never on the caller's thread: the breaker closes inside whatever call succeeded, and that
    // call may hold the publication guard (a write under writeKey/writeKeys, a publication); the
    // near flush takes the guard's write lock, and a read lock cannot be upgraded. Run inline, the
    // frozen-member run deadlocked the cache for good: every later invalidation, publication and
    // the bus listener thread waited on that lock.
    Runnable flush = onRejoin;
    try {
      if (executor == null) {
        throw new java.util.concurrent.RejectedExecutionException("no executor");
      }
      executor.execute(flush);
    } catch (RuntimeException e) {
      Thread t = new Thread(flush, "stratacache-rejoin-" + cacheName + "-" + tier.name());
      t.setDaemon(true);
      t.start();
    }
  }

  private void repair() {
    RepairFence<P> fence = repairFence;
    try {
      if (fence == null) {
        repair.repair(
            () -> calls.run(tier::clear, BULK), key -> calls.run(() -> tier.remove(key), 1));
        return;
      }
      repair.repair(
          () -> {
            fence.beforeClear();
            calls.run(tier::clear, BULK);
            fence.afterClear();
          },
          key -> {
            TierEntry<P> tombstone = fence.tombstone();
            calls.run(() -> tier.fence(key, tombstone), 1);
          });
    } catch (RuntimeException e) {
      failed("repair", e);
    }
  }

  private void succeeded() {
    if (breaker != null) {
      breaker.onSuccess();
    }
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

  /** The exception and its root cause, on one line (the full trace is logged at FINE). */
  static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (cause: " + root + ")";
  }
}
