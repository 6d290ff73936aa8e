package io.stratacache.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The staged warm-up of the store hierarchy (seed 004): first the global view, then the hot stores
 * (the top {@code hotPercent}% by traffic, at least one) in parallel on {@code workers} threads,
 * then at most {@code coldLimit} of the other stores one after the other (most traffic first, then
 * by id); the rest load on demand. Without traffic, the first stores by id are taken as hot. Each
 * stage is timed with the given ticker. One run at a time per instance; not thread-safe itself.
 */
public final class StagedWarmup {

  /** What a stage warms. */
  public interface Warmer {
    /** The global view; returns the entries warmed. */
    int global() throws Exception;

    /** Every level of one store; returns the entries warmed. */
    int store(long storeId, boolean hot) throws Exception;
  }

  /** One stage's outcome. */
  public record Stage(String name, long millis, int stores, int entries) {}

  /** A run's outcome: the stages in order and the hot stores chosen. */
  public record Report(List<Stage> stages, Set<Long> hot) {
    /** Entries warmed by all stages. */
    public int entries() {
      return stages.stream().mapToInt(Stage::entries).sum();
    }

    /** One line for logs and the warm-up history. */
    public String summary() {
      StringBuilder b = new StringBuilder();
      for (Stage s : stages) {
        b.append(b.length() == 0 ? "" : "; ")
            .append(s.name())
            .append(' ')
            .append(s.millis())
            .append(" ms, ")
            .append(s.stores())
            .append(" stores, ")
            .append(s.entries())
            .append(" entries");
      }
      return b.toString();
    }
  }

  private final int hotPercent;
  private final int workers;
  private final int coldLimit;
  private final LongSupplier nanos;

  public StagedWarmup(int hotPercent, int workers, int coldLimit, LongSupplier nanos) {
    this.hotPercent = hotPercent;
    this.workers = workers;
    this.coldLimit = coldLimit;
    this.nanos = nanos;
  }

  /**
   * The hot stores: the top {@code hotPercent}% of {@code stores} (rounded up) by {@code traffic}
   * (stores without traffic count zero), ties by id.
   */
  public List<Long> hot(List<Long> stores, Map<Long, Long> traffic) {
    int n = stores.isEmpty() ? 0 : Math.max(1, (int) Math.ceil(stores.size() * hotPercent / 100.0));
    return byTraffic(stores, traffic).subList(0, n);
  }

  /**
   * Runs the three stages.
   *
   * @throws InterruptedException if interrupted (a stage stops where it is)
   * @throws Exception the first failure of a stage
   */
  public Report run(List<Long> stores, Map<Long, Long> traffic, Warmer warmer) throws Exception {
    List<Stage> stages = new ArrayList<>();
    long t0 = nanos.getAsLong();
    int global = warmer.global();
    stages.add(new Stage("global", millis(t0), stores.size(), global));

    List<Long> hot = hot(stores, traffic);
    long t1 = nanos.getAsLong();
    int hotEntries = parallel(hot, warmer);
    stages.add(new Stage("hot", millis(t1), hot.size(), hotEntries));

    Set<Long> hotSet = new LinkedHashSet<>(hot);
    List<Long> cold = new ArrayList<>();
    for (Long s : byTraffic(stores, traffic)) {
      if (cold.size() >= coldLimit) {
        break;
      }
      if (!hotSet.contains(s)) {
        cold.add(s);
      }
    }
    long t2 = nanos.getAsLong();
    int coldEntries = 0;
    for (Long s : cold) {
      Interrupted.check();
      coldEntries += warmer.store(s, false);
    }
    stages.add(new Stage("cold", millis(t2), cold.size(), coldEntries));
    return new Report(stages, hotSet);
  }

  private int parallel(List<Long> hot, Warmer warmer) throws Exception {
    if (hot.isEmpty()) {
      return 0;
    }
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory factory =
        r -> {
          Thread t = new Thread(r, "store-warmup-" + threads.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(workers, hot.size()), factory);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      for (Long s : hot) {
        futures.add(pool.submit(() -> warmer.store(s, true)));
      }
      int sum = 0;
      for (Future<Integer> f : futures) {
        try {
          sum += f.get();
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          throw cause instanceof Exception ex ? ex : new IllegalStateException(cause);
        }
      }
      return sum;
    } finally {
      pool.shutdownNow();
    }
  }

  private static List<Long> byTraffic(List<Long> stores, Map<Long, Long> traffic) {
    List<Long> sorted = new ArrayList<>(stores);
    sorted.sort(
        Comparator.<Long>comparingLong(s -> -traffic.getOrDefault(s, 0L))
            .thenComparingLong(s -> s));
    return sorted;
  }

  private long millis(long since) {
    return (nanos.getAsLong() - since) / 1_000_000;
  }

  /** Interrupt checks between stores. */
  private static final class Interrupted {
    static void check() throws InterruptedException {
      if (Thread.interrupted()) {
        throw new InterruptedException("store warm-up interrupted");
      }
    }
  }
}
