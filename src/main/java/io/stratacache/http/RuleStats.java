package io.stratacache.http;

import java.util.concurrent.atomic.LongAdder;

/** The counters of one rule on this instance. Thread-safe; cheap to increment. */
final class RuleStats {

  final LongAdder hits = new LongAdder();
  final LongAdder misses = new LongAdder();
  final LongAdder stale = new LongAdder();
  final LongAdder bypass = new LongAdder();
  final LongAdder revalidated = new LongAdder();
  final LongAdder notModified = new LongAdder();
  final LongAdder bytesServed = new LongAdder();
  final LongAdder backendNanos = new LongAdder();
  final LongAdder backendCalls = new LongAdder();

  /** Backend time saved so far: cache answers times the average backend time, nanoseconds. */
  long savedNanos() {
    long calls = backendCalls.sum();
    if (calls == 0) {
      return 0;
    }
    long served = hits.sum() + stale.sum() + notModified.sum();
    return (long) ((double) backendNanos.sum() / calls * served);
  }

  /** A snapshot for the REST answer and the dashboard. */
  RuleCounts snapshot(String rule) {
    return new RuleCounts(
        rule,
        hits.sum(),
        misses.sum(),
        stale.sum(),
        bypass.sum(),
        revalidated.sum(),
        notModified.sum(),
        bytesServed.sum(),
        backendCalls.sum(),
        savedNanos() / 1_000_000);
  }
}
