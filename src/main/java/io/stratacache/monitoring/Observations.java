package io.stratacache.monitoring;

import io.stratacache.cache.TierStatus;
import io.stratacache.warmup.WarmupRun;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/** What alert rules and suggestions read: this instance's figures, behind a seam tests fill. */
public interface Observations {

  /** The caches, sorted. */
  SortedSet<String> caches();

  /**
   * What {@code cache} did in the last {@code window} (since start if younger); empty if unknown.
   */
  Optional<CacheWindow> window(String cache, Duration window);

  /** Encoded bytes held by the near tier of {@code cache}; -1 if it has none or cannot tell. */
  long nearBytes(String cache);

  /** The remote tiers of {@code cache} whose circuit breaker is not closed. */
  List<TierStatus> degradedTiers(String cache);

  /** The last finished warm-up run of the cluster, if any. */
  Optional<WarmupRun> lastWarmupRun();
}
