package io.stratacache.admin;

import java.util.List;

/**
 * The answer of {@code GET /api/v1/cache/health}.
 *
 * @param status {@code DEGRADED} if any tier of any cache is not up, else {@code UP}; computed from
 *     the tiers' circuit breakers, without calling any tier, so it answers even when the grid or
 *     the database stalls
 * @param scope {@code cluster} (the default: every member, the worst wins), {@code local} or {@code
 *     member} (the one asked for with {@code ?member=})
 * @param members the members judged, this one first
 * @param caches one entry per cache, sorted by name; per tier the worst member's state
 */
public record HealthAnswer(
    Status status, String scope, List<MemberHealth> members, List<CacheHealth> caches) {

  /**
   * One member's health.
   *
   * @param member its instance id
   * @param local whether it is the member that answered
   * @param status {@code DEGRADED} if any tier of any of its caches is not up
   */
  public record MemberHealth(String member, boolean local, Status status) {}

  /** The health of a tier, a cache or the whole. */
  public enum Status {
    UP,
    DEGRADED,
    /** A tier whose circuit breaker is open: skipped until a probe succeeds. */
    DOWN
  }

  /**
   * @param cache the cache
   * @param status {@code DEGRADED} if any of its tiers is (on any member judged)
   * @param tiers its enabled tiers, near to store
   */
  public record CacheHealth(String cache, Status status, List<TierHealth> tiers) {}

  /**
   * @param tier {@code near}, {@code grid} or {@code store}
   * @param status {@code UP} while its circuit breaker is closed, {@code DEGRADED} while a probe is
   *     let through (half-open), {@code DOWN} while it is open and the tier is skipped
   * @param breaker the breaker state: {@code CLOSED}, {@code HALF_OPEN} or {@code OPEN}
   * @param detail why it is not up (timeouts, failure rate, the last error); null when up
   * @param opens how often its breaker opened since the cache was created
   */
  public record TierHealth(String tier, Status status, String breaker, String detail, long opens) {}
}
