package io.stratacache.cache.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.crdt.pncounter.PNCounter;
import io.stratacache.cache.ClusterCounters;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@link ClusterCounters} as Hazelcast {@link PNCounter}s named {@value #PREFIX}{@code <name>}: a
 * CRDT replicated to every member, so each member adds to and reads its own replica and the members
 * exchange their states about once a second. Additions are first gathered in memory and handed to
 * the grid every {@value #FLUSH_MILLIS} ms (and before every read) by one daemon thread, so a
 * caller's {@link #add} is a memory increment and a stalled grid stalls only that thread; an
 * addition the grid refused is kept for the next flush.
 *
 * <p>Thread-safe. {@link #close} flushes once more (bounded) and stops the thread.
 */
public final class HazelcastClusterCounters implements ClusterCounters, AutoCloseable {

  private static final Logger LOG = Logger.getLogger(HazelcastClusterCounters.class.getName());

  /** The prefix of the counters' names in the grid. */
  public static final String PREFIX = "stratacache-counter-";

  static final long FLUSH_MILLIS = 250;

  private final HazelcastInstance hazelcast;
  private final ConcurrentHashMap<String, LongAdder> pending = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, PNCounter> counters = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher;
  private volatile boolean warned;

  private HazelcastClusterCounters(HazelcastInstance hazelcast) {
    this.hazelcast = Objects.requireNonNull(hazelcast, "hazelcast");
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            1,
            task -> {
              Thread t = new Thread(task, "stratacache-counters");
              t.setDaemon(true);
              return t;
            });
    pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.flusher = pool;
    flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** Counters on {@code hazelcast}'s members, with their own flushing thread. */
  public static HazelcastClusterCounters create(HazelcastInstance hazelcast) {
    return new HazelcastClusterCounters(hazelcast);
  }

  @Override
  public void add(String name, long delta) {
    Objects.requireNonNull(name, "name");
    if (delta != 0) {
      pending.computeIfAbsent(name, k -> new LongAdder()).add(delta);
    }
  }

  @Override
  public Map<String, Long> read(Collection<String> names, Duration timeout) {
    Future<Map<String, Long>> totals =
        flusher.submit(
            () -> {
              flush();
              Map<String, Long> read = new TreeMap<>();
              for (String name : names) {
                read.put(name, value(counter(name)));
              }
              return read;
            });
    try {
      return totals.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      totals.cancel(true);
      throw new IllegalStateException("cluster counters not read within " + timeout, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cluster counters not read: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the cluster counters", e);
    }
  }

  /** Hands the gathered additions to the grid; runs on the flushing thread only. */
  private void flush() {
    for (Map.Entry<String, LongAdder> e : pending.entrySet()) {
      long delta = e.getValue().sumThenReset();
      if (delta == 0) {
        continue;
      }
      try {
        counter(e.getKey()).addAndGet(delta);
        warned = false;
      } catch (RuntimeException failure) {
        e.getValue().add(delta); // kept for the next flush
        if (!warned) {
          warned = true;
          LOG.log(
              Level.WARNING,
              "Cluster counter {0} not updated (kept for the next try): {1}",
              new Object[] {e.getKey(), failure.toString()});
        }
      }
    }
  }

  private PNCounter counter(String name) {
    return counters.computeIfAbsent(name, n -> hazelcast.getPNCounter(PREFIX + n));
  }

  /** The counter's value; once more after a lost replica ({@code ConsistencyLostException}). */
  private static long value(PNCounter c) {
    try {
      return c.get();
    } catch (RuntimeException lost) {
      c.reset();
      return c.get();
    }
  }

  /** Flushes once more (at most a second) and stops the flushing thread; idempotent. */
  @Override
  public void close() {
    if (flusher.isShutdown()) {
      return;
    }
    try {
      flusher.submit(this::flush).get(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      LOG.log(Level.FINE, "last counter flush failed: {0}", e.toString());
    } finally {
      flusher.shutdownNow();
    }
  }
}
