package io.stratacache.monitoring.alert;

import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** {@link Observations} a test sets by hand: one window per cache, whatever the rule's window. */
final class FakeObservations implements Observations {

  final Map<String, CacheWindow> windows = new HashMap<>();
  final Map<String, Long> nearBytes = new HashMap<>();
  final Map<String, List<TierStatus>> degraded = new HashMap<>();
  final List<Duration> asked = new ArrayList<>();
  WarmupRun lastRun;

  @Override
  public SortedSet<String> caches() {
    TreeSet<String> all = new TreeSet<>(windows.keySet());
    all.addAll(nearBytes.keySet());
    all.addAll(degraded.keySet());
    return all;
  }

  @Override
  public Optional<CacheWindow> window(String cache, Duration window) {
    asked.add(window);
    return Optional.ofNullable(windows.get(cache));
  }

  @Override
  public long nearBytes(String cache) {
    return nearBytes.getOrDefault(cache, -1L);
  }

  @Override
  public List<TierStatus> degradedTiers(String cache) {
    return degraded.getOrDefault(cache, List.of());
  }

  @Override
  public Optional<WarmupRun> lastWarmupRun() {
    return Optional.ofNullable(lastRun);
  }
}
