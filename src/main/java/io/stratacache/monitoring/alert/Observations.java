package io.stratacache.monitoring.alert;

import io.stratacache.cache.TierStatus;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * What alert rules and suggestions read, behind a seam tests fill: this instance's figures ({@link
 * LiveObservations}), or for alert evaluation the cluster's ({@link ClusterObservations}).
 */
interface Observations {

  /** The caches, sorted. */
  SortedSet<String> caches();

  /**
   * What {@code cache} did in the last {@code window} (since start if younger); empty if unknown.
   */
  Optional<CacheWindow> window(String cache, Duration window);

  /**
   * The window of {@code cache} of each member that can be told apart, this instance's first; by
   * default this instance's window alone. What latency rules judge (the worst member).
   */
  default List<CacheWindow> memberWindows(String cache, Duration window) {
    return window(cache, window).map(List::of).orElse(List.of());
  }

  /** Encoded bytes held by the near tier of {@code cache}; -1 if it has none or cannot tell. */
  long nearBytes(String cache);

  /** The remote tiers of {@code cache} whose circuit breaker is not closed. */
  List<TierStatus> degradedTiers(String cache);

  /** The last finished warm-up run of the cluster, if any. */
  Optional<WarmupRun> lastWarmupRun();
}
