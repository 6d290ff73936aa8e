package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.ReportService;
import io.stratacache.brand.UserService;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warms given keys of a named cache in the background ({@code POST /api/v1/cache/warmup/schedule}):
 * one thread, higher priority first, then in order of arrival. A key is warmed by calling the
 * cached method with the argument the key stands for (so the entry is exactly what the endpoint
 * reads); a TTL, if given, then replaces the cache's own lifetimes for that entry. Thread-safe.
 */
@ApplicationScoped
public class ScheduledKeyWarmup {

  private static final Logger LOG = Logger.getLogger(ScheduledKeyWarmup.class.getName());

  @Inject BrandService brands;
  @Inject UserService users;
  @Inject ReportService reports;
  @Inject TieredCaches caches;
  @Inject TransactionalCalls transactional;
  @Resource ManagedThreadFactory threadFactory;
  @Resource ManagedExecutorService executor;

  private Map<String, Function<String, Object>> loaders;
  private ThreadPoolExecutor worker;
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
    worker =
        new ThreadPoolExecutor(
            1, 1, 30, TimeUnit.SECONDS, new PriorityBlockingQueue<>(), threadFactory);
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
    for (String key : keys) {
      worker.execute(new KeyJob(priority, sequence.incrementAndGet(), cache, key, loader, ttl));
    }
    return keys.size();
  }

  /** Keys waiting. */
  public int pending() {
    return worker.getQueue().size();
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

    @Override
    @SuppressWarnings("unchecked")
    public void run() {
      try {
        // on the managed executor: a fresh invocation per key (entity managers need one)
        Object value = executor.submit(() -> transactional.call(() -> loader.apply(key))).get();
        if (ttl != null) {
          Object arg = cache.equals("brand-stats") ? key : Long.valueOf(key.trim());
          String canonical = CacheKeys.key(new int[] {0}, new Object[] {arg});
          TieredCache<Object> c = (TieredCache<Object>) caches.find(cache).orElseThrow();
          c.put(canonical, value, ttl, Set.of());
        }
        warmed.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (java.util.concurrent.ExecutionException | RuntimeException e) {
        failed.incrementAndGet();
        LOG.log(Level.FINE, "warming {0}/{1} failed: {2}", new Object[] {cache, key, e});
      }
    }
  }
}
