package io.stratacache.cache;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A circuit breaker for one tier of one cache, driven by the injected clock.
 *
 * <ul>
 *   <li><b>Closed</b>: every call is allowed; outcomes are counted in a sliding window of {@code
 *       window} (ten buckets). When the window holds at least {@code minimumCalls} calls and the
 *       share of failures (errors and timeouts) reaches {@code failureRate}, the breaker opens.
 *   <li><b>Open</b>: no call is allowed until {@code coolDown} has passed since it opened.
 *   <li><b>Half-open</b>: the first caller after the cool-down becomes the probe (one call at a
 *       time; a probe that has not reported within {@code coolDown} is presumed lost and another is
 *       let through). A successful probe closes the breaker and runs the {@code onClose} action
 *       (the cache flushes its near tier: the rejoin); a failed one reopens it for another
 *       cool-down.
 * </ul>
 *
 * <p>Thread-safe: transitions are made under the breaker's monitor; {@link #allow()} in the closed
 * state reads one volatile field and takes no lock.
 */
final class CircuitBreaker {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  private static final int BUCKETS = 10;

  private final String cacheName;
  private final String tierName;
  private final CacheClock clock;
  private final double failureRate;
  private final int minimumCalls;
  private final long bucketMillis;
  private final long coolDown;
  private final Runnable onClose;

  private volatile BreakerState state = BreakerState.CLOSED;
  private volatile String reason = "";
  private volatile long since;
  private long opens;
  private long openedAt;
  private long probeStartedAt;
  private boolean probing;
  private String lastFailure = "";
  private final long[] bucketStart = new long[BUCKETS];
  private final int[] calls = new int[BUCKETS];
  private final int[] failures = new int[BUCKETS];

  CircuitBreaker(
      String cacheName,
      String tierName,
      CacheClock clock,
      double failureRate,
      int minimumCalls,
      Duration window,
      Duration coolDown,
      Runnable onClose) {
    this.cacheName = cacheName;
    this.tierName = tierName;
    this.clock = clock;
    this.failureRate = failureRate;
    this.minimumCalls = minimumCalls;
    this.bucketMillis = Math.max(1, window.toMillis() / BUCKETS);
    this.coolDown = coolDown.toMillis();
    this.onClose = onClose;
    this.since = clock.millis();
  }

  /** Whether a call may go to the tier now; a caller that gets true must report its outcome. */
  boolean allow() {
    if (state == BreakerState.CLOSED) {
      return true;
    }
    synchronized (this) {
      long now = clock.millis();
      if (state == BreakerState.OPEN && now - openedAt >= coolDown) {
        transition(BreakerState.HALF_OPEN, now, "probing after " + coolDown + " ms open");
      }
      if (state == BreakerState.HALF_OPEN && (!probing || now - probeStartedAt >= coolDown)) {
        probing = true;
        probeStartedAt = now;
        return true;
      }
      return state == BreakerState.CLOSED;
    }
  }

  /** Whether the breaker is closed (no probe, no side effect). */
  boolean isClosed() {
    return state == BreakerState.CLOSED;
  }

  void onSuccess() {
    if (state == BreakerState.CLOSED) {
      record(false);
      return;
    }
    boolean rejoined = false;
    synchronized (this) {
      if (state == BreakerState.HALF_OPEN) {
        probing = false;
        transition(BreakerState.CLOSED, clock.millis(), "");
        resetWindow();
        rejoined = true;
      }
    }
    if (rejoined) {
      LOG.log(
          Level.INFO,
          "cache {0}: {1} tier rejoined (breaker closed)",
          new Object[] {cacheName, tierName});
      onClose.run();
    }
  }

  void onFailure(String what) {
    synchronized (this) {
      lastFailure = what;
      long now = clock.millis();
      if (state == BreakerState.HALF_OPEN) {
        probing = false;
        open(now, "probe failed: " + what);
        return;
      }
      if (state == BreakerState.OPEN) {
        return;
      }
    }
    record(true);
  }

  private void record(boolean failed) {
    synchronized (this) {
      long now = clock.millis();
      long start = now - now % bucketMillis;
      int i = (int) ((now / bucketMillis) % BUCKETS);
      if (bucketStart[i] != start) {
        bucketStart[i] = start;
        calls[i] = 0;
        failures[i] = 0;
      }
      calls[i]++;
      if (failed) {
        failures[i]++;
      }
      if (!failed || state != BreakerState.CLOSED) {
        return;
      }
      long oldest = start - (BUCKETS - 1) * bucketMillis;
      int total = 0;
      int failedCalls = 0;
      for (int b = 0; b < BUCKETS; b++) {
        if (bucketStart[b] >= oldest) {
          total += calls[b];
          failedCalls += failures[b];
        }
      }
      if (total >= minimumCalls && failedCalls >= failureRate * total) {
        open(
            now,
            failedCalls
                + " of "
                + total
                + " calls failed within "
                + bucketMillis * BUCKETS
                + " ms, last: "
                + lastFailure);
      }
    }
  }

  private void open(long now, String why) {
    openedAt = now;
    opens++;
    transition(BreakerState.OPEN, now, why);
    LOG.log(
        Level.WARNING,
        "cache {0}: {1} tier breaker open for {2} ms, skipped meanwhile: {3}",
        new Object[] {cacheName, tierName, coolDown, why});
  }

  private void transition(BreakerState to, long now, String why) {
    state = to;
    reason = why;
    since = now;
  }

  private void resetWindow() {
    for (int b = 0; b < BUCKETS; b++) {
      bucketStart[b] = Long.MIN_VALUE;
      calls[b] = 0;
      failures[b] = 0;
    }
  }

  TierStatus status() {
    synchronized (this) {
      return new TierStatus(cacheName, tierName, state, reason, since, opens);
    }
  }

  BreakerState state() {
    return state;
  }

  synchronized long opens() {
    return opens;
  }
}
