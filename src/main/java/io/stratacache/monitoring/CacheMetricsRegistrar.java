package io.stratacache.monitoring;

import io.stratacache.cache.CacheClock;
import io.stratacache.cache.TieredCaches;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the cache gauges ({@link CacheMetricsBinding}) in the application's MicroProfile
 * Metrics registry when the application starts, and every {@value #RESCAN_SECONDS} seconds for
 * caches created since.
 */
@ApplicationScoped
public class CacheMetricsRegistrar {

  private static final Logger LOG = Logger.getLogger(CacheMetricsRegistrar.class.getName());

  /** How often caches created after start-up are looked for. */
  static final long RESCAN_SECONDS = 15;

  @Inject TieredCaches caches;

  @Inject MetricRegistry registry;

  @Resource ManagedScheduledExecutorService scheduler;

  private CacheMetricsBinding binding;
  private ScheduledFuture<?> rescan;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    binding =
        new CacheMetricsBinding(
            caches,
            new StatsSnapshots(caches, CacheClock.system(), StatsSnapshots.DEFAULT_MAX_AGE));
    List<String> bound = binding.bindNew(this::register);
    LOG.info(
        () ->
            "Cache metrics: "
                + bound.size()
                + " caches bound ("
                + CacheMetricsBinding.PREFIX
                + "*{cache,tier})");
    rescan =
        scheduler.scheduleWithFixedDelay(
            this::bindNew, RESCAN_SECONDS, RESCAN_SECONDS, TimeUnit.SECONDS);
  }

  @PreDestroy
  void stop() {
    if (rescan != null) {
      rescan.cancel(false);
    }
  }

  private void bindNew() {
    try {
      List<String> bound = binding.bindNew(this::register);
      if (!bound.isEmpty()) {
        LOG.info(() -> "Cache metrics bound for caches created since start-up: " + bound);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "binding cache metrics failed: {0}", e.toString());
    }
  }

  private void register(
      String name,
      String description,
      String cache,
      String tier,
      java.util.function.Supplier<Number> value) {
    registry.gauge(
        Metadata.builder().withName(name).withDescription(description).build(),
        value,
        new Tag("cache", cache),
        new Tag("tier", tier));
  }
}
