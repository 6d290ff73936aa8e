package io.stratacache.cache;

import java.util.List;

/**
 * One member's statistics as it published them: what {@link TieredCaches#stats()} and {@link
 * TieredCaches#tierStatuses()} said on that member at {@code takenAtMillis}. Immutable.
 *
 * @param member the member's instance id
 * @param takenAtMillis when the figures were taken, epoch millis of that member's clock
 * @param caches its caches' statistics, sorted by name
 * @param statuses its remote tiers' breaker states
 */
public record MemberStats(
    String member, long takenAtMillis, List<CacheStats> caches, List<TierStatus> statuses)
    implements java.io.Serializable {

  public MemberStats {
    caches = List.copyOf(caches);
    statuses = List.copyOf(statuses);
  }
}
