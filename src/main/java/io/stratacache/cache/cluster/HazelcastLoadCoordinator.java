package io.stratacache.cache.cluster;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryExpiredListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import io.stratacache.cache.LoadCoordinator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cluster-wide single-flight on Hazelcast: a lease is an entry of the map {@value #MAP} (key {@code
 * cache + '\u001f' + key}, value a random token) put with {@code putIfAbsent} and the lease's TTL;
 * the holder removes it (conditionally on its token) after publishing its value to the grid. No
 * lock object is created or left behind: a crashed holder's lease simply expires.
 *
 * <p>Waiters are woken by one map listener per coordinator (removed, expired and evicted entries);
 * they also re-check the lease every {@value #RECHECK_MILLIS} ms in case an event is missed. Grid
 * calls run on a small executor and are bounded by the caller's timeout, so a stalled grid cannot
 * stall a miss longer than that.
 *
 * <p>Thread-safe. Call {@link #close()} when the application stops (removes the listener).
 */
public final class HazelcastLoadCoordinator implements LoadCoordinator, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HazelcastLoadCoordinator.class.getName());

  /** The lease map (not matching {@code stratacache.*}, which holds one map per cache). */
  public static final String MAP = "stratacache-leases";

  static final long RECHECK_MILLIS = 250;
  private static final int RELEASE_THREADS = 4;
  private static final char SEP = '\u001f';

  private final IMap<String, String> leases;
  private final Executor executor;
  private final boolean ownsExecutor;

  /**
   * Where releases run: a few threads with a queue, apart from {@link #executor}, whose hand-off
   * queue refuses work while its 32 threads are busy. Releasing on that executor dropped the
   * releases of a bulk load's leases beyond the 32nd (each batch releases up to 256 at once), and
   * every later miss of those keys waited for them to expire ({@code single-flight.lease}, 30 s).
   */
  private final ThreadPoolExecutor releases;

  private final UUID listener;

  /** The cluster (null when created over a bare map): whose leases are whose. */
  private final com.hazelcast.cluster.Cluster cluster;

  /** Starts every token of this member: {@code <member uuid>/}, empty without a cluster. */
  private final String holderPrefix;

  private final UUID membership;
  private final ConcurrentHashMap<String, CompletableFuture<Void>> waiters =
      new ConcurrentHashMap<>();

  private HazelcastLoadCoordinator(
      IMap<String, String> leases,
      Executor executor,
      boolean owns,
      com.hazelcast.cluster.Cluster cluster) {
    this.leases = leases;
    this.executor = executor;
    this.ownsExecutor = owns;
    this.cluster = cluster;
    AtomicInteger releasers = new AtomicInteger();
    this.releases =
        new ThreadPoolExecutor(
            RELEASE_THREADS,
            RELEASE_THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread t =
                  new Thread(task, "stratacache-lease-release-" + releasers.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.releases.allowCoreThreadTimeOut(true);
    this.holderPrefix = cluster == null ? "" : cluster.getLocalMember().getUuid() + "/";
    this.listener = leases.addEntryListener(new Released(), false);
    this.membership = cluster == null ? null : cluster.addMembershipListener(new Departures());
  }

  /** A coordinator on {@code hazelcast}'s map {@value #MAP}, with its own small executor. */
  public static HazelcastLoadCoordinator create(HazelcastInstance hazelcast) {
    Objects.requireNonNull(hazelcast, "hazelcast");
    AtomicInteger threads = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            0,
            32,
            60,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            task -> {
              Thread t = new Thread(task, "stratacache-lease-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    return new HazelcastLoadCoordinator(hazelcast.getMap(MAP), pool, true, hazelcast.getCluster());
  }

  /** A coordinator on the given map, running grid calls on {@code executor}. */
  public static HazelcastLoadCoordinator create(IMap<String, String> leases, Executor executor) {
    return new HazelcastLoadCoordinator(
        Objects.requireNonNull(leases, "leases"),
        Objects.requireNonNull(executor, "executor"),
        false,
        null);
  }

  /** The member list has only this member (a coordinator over a bare map never is alone). */
  @Override
  public boolean alone() {
    return cluster != null && cluster.getMembers().size() == 1;
  }

  @Override
  public Lease tryAcquire(String cache, String key, Duration lease, Duration timeout) {
    String id = cache + SEP + key;
    String token = holderPrefix + UUID.randomUUID();
    String holder =
        call(() -> leases.putIfAbsent(id, token, lease.toMillis(), TimeUnit.MILLISECONDS), timeout);
    if (holder != null) {
      return null;
    }
    return () -> release(id, token);
  }

  /**
   * The leases of a batch in one bounded call on the coordinator's executor (ten times {@code
   * timeout}): one {@code putIfAbsent} per key on that thread, one token for the batch, so the
   * caller pays one thread hand-off for the batch instead of one per key. If the call fails or
   * times out, the leases it took are released before the failure is thrown.
   */
  @Override
  public Map<String, Lease> tryAcquireAll(
      String cache, Collection<String> keys, Duration lease, Duration timeout) {
    String token = holderPrefix + UUID.randomUUID();
    List<String> taken = Collections.synchronizedList(new ArrayList<>());
    try {
      call(
          () -> {
            for (String key : keys) {
              if (Thread.currentThread().isInterrupted()) {
                break;
              }
              String id = cache + SEP + key;
              if (leases.putIfAbsent(id, token, lease.toMillis(), TimeUnit.MILLISECONDS) == null) {
                taken.add(key);
              }
            }
            return null;
          },
          timeout.multipliedBy(10));
    } catch (RuntimeException e) {
      synchronized (taken) {
        taken.forEach(key -> release(cache + SEP + key, token));
      }
      throw e;
    }
    Map<String, Lease> granted = new HashMap<>();
    synchronized (taken) {
      for (String key : taken) {
        String id = cache + SEP + key;
        granted.put(key, () -> release(id, token));
      }
    }
    return granted;
  }

  private void release(String id, String token) {
    try {
      releases.execute(
          () -> {
            try {
              leases.remove(id, token);
            } catch (RuntimeException e) {
              LOG.log(
                  Level.FINE, "lease {0} not released (it will expire): {1}", new Object[] {id, e});
            }
          });
    } catch (RuntimeException e) {
      LOG.log(
          Level.FINE,
          "lease {0} not released (it will expire): {1}",
          new Object[] {id, e.toString()});
    }
  }

  @Override
  public boolean awaitRelease(String cache, String key, Duration timeout)
      throws InterruptedException {
    String id = cache + SEP + key;
    long remaining = timeout.toNanos();
    long slice = TimeUnit.MILLISECONDS.toNanos(RECHECK_MILLIS);
    CompletableFuture<Void> released = waiters.computeIfAbsent(id, k -> new CompletableFuture<>());
    try {
      while (remaining > 0) {
        // Registered first, then checked: a release between the two is not missed.
        if (!held(id, Duration.ofNanos(Math.min(remaining, slice)))) {
          return true;
        }
        long wait = Math.min(remaining, slice);
        try {
          released.get(wait, TimeUnit.NANOSECONDS);
          return true;
        } catch (TimeoutException e) {
          remaining -= wait;
        } catch (ExecutionException e) {
          return true;
        }
      }
      return false;
    } finally {
      waiters.remove(id, released);
    }
  }

  /**
   * Whether the lease is held by a live holder. A lease whose holder left the cluster (killed, or
   * removed after a freeze) is taken back here at once, conditionally on its token: its load will
   * never be published, and waiting out its TTL ({@code single-flight.lease}, 30 s) would stall
   * every miss of the key that long.
   */
  private boolean held(String id, Duration timeout) {
    return call(
        () -> {
          String holder = leases.get(id);
          if (holder == null) {
            return false;
          }
          if (departed(holder)) {
            leases.remove(id, holder);
            return false;
          }
          return true;
        },
        timeout);
  }

  /** Whether the token's member is no longer in the cluster (tokens without a member: never). */
  private boolean departed(String token) {
    if (cluster == null) {
      return false;
    }
    int slash = token.indexOf('/');
    if (slash <= 0) {
      return false;
    }
    String member = token.substring(0, slash);
    for (com.hazelcast.cluster.Member m : cluster.getMembers()) {
      if (m.getUuid().toString().equals(member)) {
        return false;
      }
    }
    return true;
  }

  private <T> T call(Callable<T> action, Duration timeout) {
    FutureTask<T> task = new FutureTask<>(action);
    executor.execute(task);
    try {
      return task.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new IllegalStateException("lease map did not answer within " + timeout);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    } catch (InterruptedException e) {
      task.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  /** Removes the listener and stops the executor it created. */
  @Override
  public void close() {
    try {
      if (membership != null) {
        cluster.removeMembershipListener(membership);
      }
      leases.removeEntryListener(listener);
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "lease listener not removed: {0}", e.toString());
    }
    if (ownsExecutor) {
      ((ThreadPoolExecutor) executor).shutdownNow();
    }
    // Queued releases still run (they are quick; a lease not released expires anyway).
    releases.shutdown();
  }

  /** Releases queued or running (for tests). */
  int pendingReleases() {
    return releases.getQueue().size() + releases.getActiveCount();
  }

  /**
   * Releases the leases of a member that left the cluster (their removal wakes the waiters of every
   * instance through {@link Released}); every member does it, the removals are idempotent.
   */
  private final class Departures implements com.hazelcast.cluster.MembershipListener {
    @Override
    public void memberAdded(com.hazelcast.cluster.MembershipEvent event) {}

    @Override
    public void memberRemoved(com.hazelcast.cluster.MembershipEvent event) {
      String prefix = event.getMember().getUuid() + "/";
      try {
        executor.execute(
            () -> {
              try {
                leases.removeAll(com.hazelcast.query.Predicates.like("this", prefix + "%"));
              } catch (RuntimeException e) {
                LOG.log(
                    Level.FINE,
                    "leases of departed member {0} not released (they expire): {1}",
                    new Object[] {prefix, e.toString()});
              }
            });
      } catch (RuntimeException e) {
        LOG.log(Level.FINE, "leases of {0} not released: {1}", new Object[] {prefix, e});
      }
    }
  }

  private final class Released
      implements EntryRemovedListener<String, String>,
          EntryExpiredListener<String, String>,
          EntryEvictedListener<String, String> {

    private void wake(EntryEvent<String, String> event) {
      CompletableFuture<Void> waiter = waiters.remove(event.getKey());
      if (waiter != null) {
        waiter.complete(null);
      }
    }

    @Override
    public void entryRemoved(EntryEvent<String, String> event) {
      wake(event);
    }

    @Override
    public void entryExpired(EntryEvent<String, String> event) {
      wake(event);
    }

    @Override
    public void entryEvicted(EntryEvent<String, String> event) {
      wake(event);
    }
  }
}
