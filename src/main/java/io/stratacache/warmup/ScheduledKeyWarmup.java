package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.ReportService;
import io.stratacache.brand.UserService;
import io.stratacache.cache.CacheTraffic;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.CacheKeys;
import io.stratacache.platform.InvalidInputException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warms given keys of a named cache in the background ({@code POST /api/v1/cache/warmup/schedule}):
 * higher priority first, then in order of arrival, in batches of up to {@link #BATCH} keys, each
 * batch one call on the managed executor in one transaction, at most {@code WARMUP_THREAD_COUNT}
 * batches at once. The keys of {@code user-stats} and {@code brand-stats} in a batch are warmed in
 * bulk ({@link BulkWarmup}: one read per cache tier, one query per kind of row); the others one by
 * one. A key is warmed by calling the cached method with the argument the key stands for (so the
 * entry is exactly what the endpoint reads); a TTL, if given, then replaces the cache's own
 * lifetimes for that entry. Thread-safe.
 */
@ApplicationScoped
public class ScheduledKeyWarmup {

  private static final Logger LOG = Logger.getLogger(ScheduledKeyWarmup.class.getName());

  @Inject BrandService brands;
  @Inject UserService users;
  @Inject ReportService reports;
  @Inject TieredCaches caches;
  @Inject TransactionalCalls transactional;
  @Inject BulkWarmup bulk;
  @Inject WarmupSettings settings;
  @Resource ManagedThreadFactory threadFactory;
  @Resource ManagedExecutorService executor;

  private Map<String, Function<String, Object>> loaders;

  /** Keys per batch: one executor call and one transaction each. */
  static final int BATCH = 256;

  private ThreadPoolExecutor worker;
  private final PriorityBlockingQueue<KeyJob> queue = new PriorityBlockingQueue<>();
  private final AtomicInteger drainers = new AtomicInteger();
  private int parallelism;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong warmed = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  @PostConstruct
  void init() {
    loaders =
        Map.of(
            "brand-stats", key -> brands.stats(key),
            "user-stats", key -> users.stats(number("user-stats", key)),
            "brand-list", key -> brands.brands(limit("brand-list", key)),
            "popular-questions", key -> reports.popularQuestions(limit("popular-questions", key)));
    parallelism = settings.threads();
    worker =
        new ThreadPoolExecutor(
            parallelism,
            parallelism,
            30,
            TimeUnit.SECONDS,
            new java.util.concurrent.LinkedBlockingQueue<>(),
            threadFactory);
    worker.allowCoreThreadTimeOut(true);
  }

  @PreDestroy
  void stop() {
    worker.shutdownNow();
  }

  /** The caches whose keys can be scheduled, sorted. */
  public List<String> cacheNames() {
    return List.copyOf(new TreeSet<>(loaders.keySet()));
  }

  /**
   * Queues {@code keys} of {@code cache}.
   *
   * @param ttl the entries' lifetime, or {@code null} for the cache's own
   * @throws InvalidInputException if the cache is not one of {@link #cacheNames()} or a key cannot
   *     be an argument of its method
   */
  public int schedule(String cache, List<String> keys, int priority, Duration ttl) {
    Function<String, Object> loader = loaders.get(cache);
    if (loader == null) {
      throw new InvalidInputException(
          "cache '" + cache + "' cannot be warmed by key; caches: " + cacheNames());
    }
    if (cache.equals("user-stats")) {
      keys.forEach(k -> number(cache, k));
    } else if (!cache.equals("brand-stats")) {
      keys.forEach(k -> limit(cache, k));
    }
    List<KeyJob> jobs = new ArrayList<>(keys.size());
    for (String key : keys) {
      jobs.add(new KeyJob(priority, sequence.incrementAndGet(), cache, key, loader, ttl));
    }
    queue.addAll(jobs);
    startDrainers();
    return keys.size();
  }

  private void startDrainers() {
    for (int n = drainers.get(); n < parallelism && !queue.isEmpty(); n = drainers.get()) {
      if (drainers.compareAndSet(n, n + 1)) {
        try {
          worker.execute(this::drain);
        } catch (RuntimeException e) {
          drainers.decrementAndGet();
          throw e;
        }
      }
    }
  }

  /** Takes batches off the queue until it is empty; then, if keys came meanwhile, starts again. */
  private void drain() {
    try {
      List<KeyJob> batch = new ArrayList<>(BATCH);
      while (!Thread.currentThread().isInterrupted()) {
        batch.clear();
        queue.drainTo(batch, BATCH);
        if (batch.isEmpty()) {
          return;
        }
        runBatch(batch);
      }
    } finally {
      drainers.decrementAndGet();
      if (!queue.isEmpty() && !worker.isShutdown()) {
        startDrainers();
      }
    }
  }

  private void runBatch(List<KeyJob> batch) {
    try {
      // on the managed executor: a fresh invocation and transaction per batch (entity managers
      // need one)
      executor
          .submit(
              () ->
                  CacheTraffic.warmup(
                      () ->
                          transactional.call(
                              () -> {
                                runJobs(batch);
                                return null;
                              })))
          .get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
      // a failed commit of a read-only batch: its entries were cached already
      LOG.log(Level.FINE, "a warm-up batch ended with {0}", e.toString());
    }
  }

  /**
   * Runs a batch: {@code user-stats} and {@code brand-stats} keys in bulk (one cache read per tier
   * and one query per kind of row for each cache and TTL of the batch), the others key by key.
   */
  private void runJobs(List<KeyJob> batch) {
    Map<List<Object>, List<KeyJob>> groups = new LinkedHashMap<>();
    for (KeyJob job : batch) {
      if (job.cache.equals("user-stats") || job.cache.equals("brand-stats")) {
        groups.computeIfAbsent(Arrays.asList(job.cache, job.ttl), k -> new ArrayList<>()).add(job);
      } else {
        job.run();
      }
    }
    groups.forEach((group, jobs) -> runBulk((String) group.get(0), (Duration) group.get(1), jobs));
  }

  @SuppressWarnings("unchecked")
  private void runBulk(String cache, Duration ttl, List<KeyJob> jobs) {
    try {
      Map<?, Object> results;
      if (cache.equals("user-stats")) {
        List<Long> ids = new ArrayList<>(jobs.size());
        jobs.forEach(job -> ids.add(Long.valueOf(job.key.trim())));
        results = bulk.userStats(ids);
      } else {
        List<String> names = new ArrayList<>(jobs.size());
        jobs.forEach(job -> names.add(job.key));
        results = bulk.brandStats(names);
      }
      if (ttl != null) {
        Map<String, Object> values = new LinkedHashMap<>();
        results.forEach(
            (arg, value) -> {
              if (value != null) {
                values.put(CacheKeys.key(new int[] {0}, new Object[] {arg}), value);
              }
            });
        TieredCache<Object> c = (TieredCache<Object>) caches.find(cache).orElseThrow();
        c.putAll(values, ttl, Set.of());
      }
      warmed.addAndGet(jobs.size());
    } catch (Exception e) {
      LOG.log(
          Level.WARNING,
          "bulk warm-up of {0} {1} keys failed ({2}); warming them one by one",
          new Object[] {jobs.size(), cache, e.toString()});
      jobs.forEach(KeyJob::run);
    }
  }

  /** Keys waiting (batches in flight not counted). */
  public int pending() {
    return queue.size();
  }

  public long warmed() {
    return warmed.get();
  }

  public long failed() {
    return failed.get();
  }

  private static long number(String cache, String key) {
    try {
      long v = Long.parseLong(key.trim());
      if (v > 0) {
        return v;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new InvalidInputException(cache + " keys are positive ids, was '" + key + "'");
  }

  private static int limit(String cache, String key) {
    long v = number(cache, key);
    if (v > 1000) {
      throw new InvalidInputException(cache + " keys are limits 1..1000, was '" + key + "'");
    }
    return (int) v;
  }

  private final class KeyJob implements Runnable, Comparable<KeyJob> {
    final int priority;
    final long seq;
    final String cache;
    final String key;
    final Function<String, Object> loader;
    final Duration ttl;

    KeyJob(
        int priority,
        long seq,
        String cache,
        String key,
        Function<String, Object> loader,
        Duration ttl) {
      this.priority = priority;
      this.seq = seq;
      this.cache = cache;
      this.key = key;
      this.loader = loader;
      this.ttl = ttl;
    }

    @Override
    public int compareTo(KeyJob o) {
      int c = Integer.compare(o.priority, priority);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    /** Warms the key; in a batch, on the managed executor, in the batch's transaction. */
    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      try {
        Object value = loader.apply(key);
        if (ttl != null) {
          Object arg = cache.equals("brand-stats") ? key : Long.valueOf(key.trim());
          String canonical = CacheKeys.key(new int[] {0}, new Object[] {arg});
          TieredCache<Object> c = (TieredCache<Object>) caches.find(cache).orElseThrow();
          c.put(canonical, value, ttl, Set.of());
        }
        warmed.incrementAndGet();
      } catch (RuntimeException e) {
        failed.incrementAndGet();
        LOG.log(Level.FINE, "warming {0}/{1} failed: {2}", new Object[] {cache, key, e});
      }
    }
  }
}
