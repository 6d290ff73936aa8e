package io.stratacache.cache.tier;

import java.util.Objects;
import java.util.Set;

/**
 * One cached entry as a tier stores it: an immutable record.
 *
 * <p>A null {@code payload} is the explicit "not found" sentinel: the source was asked and had
 * nothing, and that answer is cached (for the cache's negative TTL). Absence of an entry, by
 * contrast, is a null returned by {@link Tier#get}.
 *
 * @param payload the decoded value (near tier) or encoded bytes (grid, store); null for "not found"
 * @param expiresAt epoch millis at which the value stops being fresh (logical expiry, the same in
 *     every tier holding this version)
 * @param retainUntil epoch millis after which this tier must not return the entry; later than
 *     {@code expiresAt} by the stale windows when the tier keeps the entry to its logical end
 * @param version the writer's version of the value (monotonic per writing instance)
 * @param tags the entry's tags for invalidation by tag; immutable, never null
 * @param weight the entry's encoded size in bytes (0 when unknown), used for byte bounds and stats
 * @param <P> payload type
 */
public record TierEntry<P>(
    P payload, long expiresAt, long retainUntil, long version, Set<String> tags, int weight) {

  public TierEntry {
    tags = Set.copyOf(Objects.requireNonNull(tags, "tags"));
    if (weight < 0) {
      throw new IllegalArgumentException("weight < 0: " + weight);
    }
  }

  /** The {@code expiresAt} that marks a tombstone (no fresh or stale window can reach it). */
  public static final long TOMBSTONE = Long.MIN_VALUE;

  /**
   * The trace an invalidation of a key leaves in a fencing tier.
   *
   * @param version the invalidation's version (non-zero)
   * @param retainUntil epoch millis until which the tier keeps the tombstone
   */
  public static <P> TierEntry<P> tombstone(long version, long retainUntil) {
    return new TierEntry<>(null, TOMBSTONE, retainUntil, version, Set.of(), 0);
  }

  /** True for the cached "not found" sentinel (a tombstone is not one). */
  public boolean isNegative() {
    return payload == null && expiresAt != TOMBSTONE;
  }

  /** True for the trace of an invalidation: no value, never to be served or promoted. */
  public boolean isTombstone() {
    return expiresAt == TOMBSTONE;
  }

  /** True while {@code now} (epoch millis) is before the logical expiry. */
  public boolean isFresh(long now) {
    return now < expiresAt;
  }

  /** The same entry with another payload (for example decoded, or encoded), other fields kept. */
  public <Q> TierEntry<Q> withPayload(Q newPayload, int newWeight) {
    return new TierEntry<>(newPayload, expiresAt, retainUntil, version, tags, newWeight);
  }

  /** The same entry with another retention (a tier promoting it keeps it for less time). */
  public TierEntry<P> withRetainUntil(long newRetainUntil) {
    return new TierEntry<>(payload, expiresAt, newRetainUntil, version, tags, weight);
  }
}
