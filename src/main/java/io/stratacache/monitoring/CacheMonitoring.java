package io.stratacache.monitoring;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.latency.LatencyStats;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The monitoring of this instance's caches, started with the application: registers {@link
 * LatencyStats} as the caches' observer, binds the metrics ({@link CacheMetricsBinding}) in the
 * application's MicroProfile Metrics registry, and runs the periodic work on the managed scheduler:
 * counters brought up to the caches' totals every {@value #SYNC_SECONDS} s, latency rotation and
 * history samples every {@value LatencyStats#ROTATE_SECONDS} s, and the metrics of caches created
 * since start-up bound at the same pace.
 */
@ApplicationScoped
public class CacheMonitoring {

  private static final Logger LOG = Logger.getLogger(CacheMonitoring.class.getName());

  /** How often counters are brought up to the totals. */
  static final long SYNC_SECONDS = 5;

  @Inject TieredCaches caches;
  @Inject MetricRegistry registry;
  @Inject LatencyStats latency;

  @Resource ManagedScheduledExecutorService scheduler;

  private StatsSnapshots snapshots;
  private CacheMetricsBinding binding;
  private CacheHistory history;
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    init();
  }

  private synchronized void init() {
    if (binding != null) {
      return;
    }
    CacheClock clock = CacheClock.system();
    snapshots = new StatsSnapshots(caches, clock, StatsSnapshots.DEFAULT_MAX_AGE);
    history = new CacheHistory(snapshots::fresh, latency, clock);
    caches.addObserver(latency.observer());
    binding = new CacheMetricsBinding(caches, snapshots, latency);
    List<String> bound = binding.bindNew(new Registry());
    LOG.info(
        () ->
            "Cache metrics: "
                + bound.size()
                + " caches bound ("
                + CacheMetricsBinding.PREFIX
                + "*{cache,tier}); latency observer registered");
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            () -> guarded("syncing cache counters", binding::sync),
            SYNC_SECONDS,
            SYNC_SECONDS,
            TimeUnit.SECONDS));
    tasks.add(
        scheduler.scheduleWithFixedDelay(
            () -> guarded("sampling caches", this::sample),
            LatencyStats.ROTATE_SECONDS,
            LatencyStats.ROTATE_SECONDS,
            TimeUnit.SECONDS));
  }

  @PreDestroy
  void stop() {
    tasks.forEach(t -> t.cancel(false));
    if (caches != null) {
      caches.removeObserver(latency.observer());
    }
  }

  /** Every cache's statistics, at most a second old. */
  public StatsSnapshots snapshots() {
    init();
    return snapshots;
  }

  /** What each cache did in a recent window. */
  public CacheHistory history() {
    init();
    return history;
  }

  /** Brings the metric counters up to the caches' totals now. */
  public void syncCounters() {
    init();
    binding.sync();
  }

  private void sample() {
    List<String> added = binding.bindNew(new Registry());
    if (!added.isEmpty()) {
      LOG.info(() -> "Cache metrics bound for caches created since start-up: " + added);
    }
    latency.rotate();
    for (String cache : caches.names()) {
      history.sample(cache);
    }
  }

  private static void guarded(String what, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, what + " failed: {0}", e.toString());
    }
  }

  /** The application registry as a {@link MetricSink}. */
  private final class Registry implements MetricSink {
    @Override
    public void gauge(
        String name, String description, Map<String, String> tags, Supplier<Number> value) {
      registry.gauge(
          Metadata.builder().withName(name).withDescription(description).build(),
          value,
          tags(tags));
    }

    @Override
    public LongConsumer counter(String name, String description, Map<String, String> tags) {
      Counter c =
          registry.counter(
              Metadata.builder().withName(name).withDescription(description).build(), tags(tags));
      return c::inc;
    }

    private Tag[] tags(Map<String, String> tags) {
      return tags.entrySet().stream()
          .map(e -> new Tag(e.getKey(), e.getValue()))
          .toArray(Tag[]::new);
    }
  }
}
