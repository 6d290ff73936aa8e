package io.stratacache.testing.consistency;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Judges a history of reads and writes of a few keys, each key a register whose writes all write
 * distinct values. Time is real time (one clock for all clients), so "before" means "ended before
 * the other started". Three properties:
 *
 * <ol>
 *   <li><b>(a) read-your-writes</b>: a read by a client returns its own latest acknowledged write
 *       of the key, or a write not older than it (one that had not ended when it started), with no
 *       staleness allowed;
 *   <li><b>(b) bounded staleness</b>: a read returns no value that had been superseded more than
 *       {@code bound} before the read began. A value is superseded by an acknowledged write that
 *       started after the value's write ended, at that write's acknowledgement; reads of values
 *       never written, of refused writes, or of writes that started after the read ended are
 *       violations too;
 *   <li><b>(c) no acknowledged write lost</b>: each final read (after every client stopped and
 *       {@code bound} passed) returns a value that no acknowledged write superseded.
 * </ol>
 *
 * A write without an answer ({@link Op.Outcome#UNKNOWN}) may have taken effect at any time after it
 * started: its value is never superseded and it supersedes nothing. Failed reads are ignored. Pure
 * and deterministic: the same history gives the same {@link Result}.
 */
public final class ConsistencyChecker {

  /** Ops listed around a violation, at most. */
  static final int HISTORY_LIMIT = 12;

  private final Map<String, String> initial;
  private final long boundNanos;

  /**
   * @param initial each key's value before the history (written before any operation)
   * @param boundNanos the staleness bound of property (b)
   */
  public ConsistencyChecker(Map<String, String> initial, long boundNanos) {
    this.initial = Map.copyOf(initial);
    this.boundNanos = boundNanos;
  }

  /** What a violation breaks. */
  public enum Property {
    READ_YOUR_WRITES,
    STALE_READ,
    UNKNOWN_VALUE,
    REFUSED_WRITE_READ,
    FUTURE_READ,
    LOST_WRITE
  }

  /** One violation: the read, why, and the operations on its key around it. */
  public record Violation(Property property, Op read, String why, List<Op> history) {
    @Override
    public String toString() {
      StringBuilder b = new StringBuilder();
      b.append(property).append(": ").append(why).append("\n    read:  ").append(read);
      for (Op op : history) {
        b.append("\n    ").append(op == read ? "=> " : "   ").append(op);
      }
      return b.toString();
    }
  }

  /**
   * The figures of a run and its violations.
   *
   * @param staleReads reads that returned a superseded value (within the bound or not)
   * @param stalenessP50Millis over the stale reads: how long before the read began its value had
   *     been superseded; 0 when no read was stale
   */
  public record Result(
      long operations,
      long reads,
      long writes,
      long acknowledged,
      long failed,
      long unknown,
      double seconds,
      long staleReads,
      double stalenessP50Millis,
      double stalenessP99Millis,
      double stalenessMaxMillis,
      long boundMillis,
      List<Violation> violations) {

    public double operationsPerSecond() {
      return seconds <= 0 ? 0 : operations / seconds;
    }

    /** A report of the figures and every violation with its history. */
    public String report() {
      StringBuilder b = new StringBuilder();
      b.append(
          String.format(
              Locale.ROOT,
              "consistency: %d operations in %.1f s (%.0f/s): %d reads, %d writes (%d acknowledged,"
                  + " %d refused, %d unanswered); stale reads %d, staleness p50 %.1f ms, p99 %.1f"
                  + " ms, max %.1f ms (bound %d ms); %d violations",
              operations,
              seconds,
              operationsPerSecond(),
              reads,
              writes,
              acknowledged,
              failed,
              unknown,
              staleReads,
              stalenessP50Millis,
              stalenessP99Millis,
              stalenessMaxMillis,
              boundMillis,
              violations.size()));
      for (Violation v : violations) {
        b.append('\n').append(v);
      }
      return b.toString();
    }
  }

  /**
   * Checks a history.
   *
   * @param history every operation of the run, in any order
   * @param finals reads made after the run (property c); they take part in (b) as well
   * @throws IllegalArgumentException if two writes wrote the same value, or a write wrote a key's
   *     initial value
   */
  public Result check(List<Op> history, List<Op> finals) {
    Map<String, Op> writers = new HashMap<>();
    for (Op op : history) {
      if (op.kind() == Op.Kind.WRITE) {
        if (writers.put(op.key() + "\u0000" + op.value(), op) != null
            || Objects.equals(initial.get(op.key()), op.value())) {
          throw new IllegalArgumentException("a value written twice: " + op);
        }
      }
    }
    Map<String, List<Op>> byKey = new HashMap<>();
    for (Op op : history) {
      byKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
    }
    for (List<Op> ops : byKey.values()) {
      ops.sort(Comparator.comparingLong(Op::start).thenComparingLong(Op::end));
    }
    // Per key, its acknowledged writes alone: what every read is judged against (a few per cent
    // of a run's operations; scanning all of them per read made a 10-minute run's check take
    // over 15 minutes)
    Map<String, List<Op>> ackedByKey = new HashMap<>();
    byKey.forEach(
        (key, ops) ->
            ackedByKey.put(
                key,
                ops.stream()
                    .filter(w -> w.kind() == Op.Kind.WRITE && w.outcome() == Op.Outcome.OK)
                    .toList()));
    List<Violation> violations = new ArrayList<>();
    List<Long> staleness = new ArrayList<>();
    long reads = 0;
    long writes = 0;
    long acked = 0;
    long failed = 0;
    long unknown = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (Op op : history) {
      first = Math.min(first, op.start());
      last = Math.max(last, op.end());
      if (op.kind() == Op.Kind.WRITE) {
        writes++;
        switch (op.outcome()) {
          case OK -> acked++;
          case FAILED -> failed++;
          case UNKNOWN -> unknown++;
        }
        continue;
      }
      reads++;
      if (op.outcome() != Op.Outcome.OK) {
        continue;
      }
      List<Op> ops = byKey.getOrDefault(op.key(), List.of());
      List<Op> ackedWrites = ackedByKey.getOrDefault(op.key(), List.of());
      Op source = writers.get(op.key() + "\u0000" + op.value());
      if (!checkSource(op, source, ops, violations)) {
        continue;
      }
      long sourceEnd = end(source);
      long supersededAt = supersededAt(ackedWrites, sourceEnd, op.start());
      if (supersededAt != Long.MAX_VALUE) {
        long stale = op.start() - supersededAt;
        staleness.add(stale);
        if (stale > boundNanos) {
          violations.add(
              violation(
                  source,
                  Property.STALE_READ,
                  op,
                  String.format(
                      Locale.ROOT,
                      "returned a value superseded %.1f ms before the read began (bound %d ms)",
                      stale / 1e6,
                      boundNanos / 1_000_000),
                  ops));
        }
      }
      Op own = lastOwnWrite(ackedWrites, op);
      if (own != null && own != source && (source == null || sourceEnd < own.start())) {
        violations.add(
            violation(
                source,
                Property.READ_YOUR_WRITES,
                op,
                "client "
                    + op.client()
                    + " had written "
                    + own.value()
                    + " and then read the older "
                    + op.value(),
                ops));
      }
    }
    for (Op fin : finals) {
      if (fin.outcome() != Op.Outcome.OK) {
        continue;
      }
      List<Op> ops = byKey.getOrDefault(fin.key(), List.of());
      Op source = writers.get(fin.key() + "\u0000" + fin.value());
      if (!checkSource(fin, source, ops, violations)) {
        continue;
      }
      long supersededAt =
          supersededAt(ackedByKey.getOrDefault(fin.key(), List.of()), end(source), Long.MAX_VALUE);
      if (supersededAt != Long.MAX_VALUE) {
        violations.add(
            violation(
                source,
                Property.LOST_WRITE,
                fin,
                "after the run the key holds "
                    + fin.value()
                    + ", which an acknowledged write superseded",
                ops));
      }
    }
    staleness.sort(null);
    return new Result(
        history.size(),
        reads,
        writes,
        acked,
        failed,
        unknown,
        history.isEmpty() ? 0 : (last - first) / 1e9,
        staleness.size(),
        percentile(staleness, 0.50),
        percentile(staleness, 0.99),
        staleness.isEmpty() ? 0 : staleness.get(staleness.size() - 1) / 1e6,
        boundNanos / 1_000_000,
        List.copyOf(violations));
  }

  /** False (and a violation) when the read's value has no possible write behind it. */
  private boolean checkSource(Op read, Op source, List<Op> ops, List<Violation> violations) {
    if (source == null) {
      if (Objects.equals(initial.get(read.key()), read.value())) {
        return true;
      }
      violations.add(
          violation(null, Property.UNKNOWN_VALUE, read, "no write wrote " + read.value(), ops));
      return false;
    }
    if (source.outcome() == Op.Outcome.FAILED) {
      violations.add(
          violation(
              source,
              Property.REFUSED_WRITE_READ,
              read,
              "returned the value of a refused write",
              ops));
      return false;
    }
    if (source.start() > read.end()) {
      violations.add(
          violation(
              source,
              Property.FUTURE_READ,
              read,
              "returned a value written after the read ended",
              ops));
      return false;
    }
    return true;
  }

  /** When the write ended: never for the initial value's, never known for an unanswered one. */
  private static long end(Op source) {
    if (source == null) {
      return Long.MIN_VALUE;
    }
    return source.outcome() == Op.Outcome.UNKNOWN ? Long.MAX_VALUE : source.end();
  }

  /**
   * The earliest acknowledgement of a write that started after {@code sourceEnd} and was
   * acknowledged before {@code before}; {@link Long#MAX_VALUE} if none.
   */
  private static long supersededAt(List<Op> ops, long sourceEnd, long before) {
    long at = Long.MAX_VALUE;
    if (sourceEnd == Long.MAX_VALUE) {
      return at;
    }
    for (Op w : ops) {
      if (w.kind() == Op.Kind.WRITE
          && w.outcome() == Op.Outcome.OK
          && w.start() > sourceEnd
          && w.end() < before) {
        at = Math.min(at, w.end());
      }
    }
    return at;
  }

  /** The reading client's last acknowledged write of the key that ended before the read began. */
  private static Op lastOwnWrite(List<Op> ops, Op read) {
    Op own = null;
    for (Op w : ops) {
      if (w.kind() == Op.Kind.WRITE
          && w.client() == read.client()
          && w.outcome() == Op.Outcome.OK
          && w.end() < read.start()
          && (own == null || w.end() > own.end())) {
        own = w;
      }
    }
    return own;
  }

  /**
   * The read, the write of its value, and the key's writes that overlap the last second before the
   * read, up to a limit.
   */
  private static Violation violation(Op source, Property p, Op read, String why, List<Op> ops) {
    List<Op> around = new ArrayList<>();
    long from = read.start() - 1_000_000_000L;
    for (Op op : ops) {
      if (op.end() >= from
          && op.start() <= read.end()
          && (op.kind() == Op.Kind.WRITE || op == read)) {
        around.add(op);
      }
    }
    if (!around.contains(read)) {
      around.add(read);
    }
    int skip = Math.max(0, around.size() - HISTORY_LIMIT);
    List<Op> shown = new ArrayList<>(around.subList(skip, around.size()));
    if (source != null && !shown.contains(source)) {
      shown.add(0, source);
    }
    return new Violation(p, read, why, List.copyOf(shown));
  }

  private static double percentile(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return 0;
    }
    int i = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))) / 1e6;
  }
}
