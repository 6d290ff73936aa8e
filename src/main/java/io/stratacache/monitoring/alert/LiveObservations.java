package io.stratacache.monitoring.alert;

import io.stratacache.cache.TierStatus;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.CacheMonitoring;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.warmup.WarmupCoordinator;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** {@link Observations} of this instance: its caches, their history, the cluster's warm-up runs. */
final class LiveObservations implements Observations {

  private final TieredCaches caches;
  private final CacheMonitoring monitoring;
  private final WarmupCoordinator warmup;

  LiveObservations(TieredCaches caches, CacheMonitoring monitoring, WarmupCoordinator warmup) {
    this.caches = caches;
    this.monitoring = monitoring;
    this.warmup = warmup;
  }

  @Override
  public SortedSet<String> caches() {
    return new TreeSet<>(caches.names());
  }

  @Override
  public Optional<CacheWindow> window(String cache, Duration window) {
    return monitoring.history().window(cache, window);
  }

  @Override
  public long nearBytes(String cache) {
    return monitoring
        .snapshots()
        .of(cache)
        .flatMap(s -> s.tier("near"))
        .map(t -> t.bytes())
        .orElse(-1L);
  }

  @Override
  public List<TierStatus> degradedTiers(String cache) {
    return caches.tierStatuses().stream()
        .filter(t -> t.cache().equals(cache) && t.degraded())
        .toList();
  }

  @Override
  public Optional<WarmupRun> lastWarmupRun() {
    return warmup.history(1).stream().findFirst();
  }
}
