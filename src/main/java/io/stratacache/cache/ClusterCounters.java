package io.stratacache.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters summed over the cluster: every instance adds to them, every instance reads the
 * cluster's totals. What a feature uses to report cluster-wide figures (the AI cache's statistics)
 * without knowing the grid.
 *
 * <p><b>Consistency:</b> a read sees every addition this instance made before it; another
 * instance's additions are seen within the implementation's propagation delay (Hazelcast: about a
 * second), never lost while one member of the cluster keeps the counters. The totals count from the
 * first addition since the cluster formed; a member that leaves keeps its additions in the totals.
 *
 * <p>Implementations are thread-safe; {@link #add} never blocks for long and never throws (a grid
 * that is down loses the additions, which the implementation logs), {@link #read} is bounded by its
 * timeout.
 */
public interface ClusterCounters {

  /** Adds {@code delta} (may be negative) to counter {@code name}. */
  void add(String name, long delta);

  /**
   * The cluster's totals of {@code names} (0 for a counter never added to).
   *
   * @throws RuntimeException if the totals cannot be read within {@code timeout}
   */
  Map<String, Long> read(Collection<String> names, Duration timeout);

  /** Counters of this instance alone, in memory: for a single instance and for tests. */
  static ClusterCounters local() {
    return new Local();
  }

  /** The single-instance counters. Thread-safe. */
  final class Local implements ClusterCounters {
    private final ConcurrentHashMap<String, LongAdder> counters = new ConcurrentHashMap<>();

    @Override
    public void add(String name, long delta) {
      counters.computeIfAbsent(name, k -> new LongAdder()).add(delta);
    }

    @Override
    public Map<String, Long> read(Collection<String> names, Duration timeout) {
      Map<String, Long> totals = new TreeMap<>();
      for (String name : names) {
        LongAdder a = counters.get(name);
        totals.put(name, a == null ? 0L : a.sum());
      }
      return totals;
    }
  }
}
