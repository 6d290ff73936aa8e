package io.stratacache.cache;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The time arithmetic of one cache. Every write draws one jitter factor {@code f} in {@code [1 -
 * jitter, 1 + jitter]}. The value's logical expiry is {@code now + f × lifetime}, the lifetime
 * being the given TTL, the negative TTL for "not found", or by default the longest TTL of the
 * enabled tiers. Each tier keeps its copy until {@code min(now + f × tierTtl, expiry)}; a tier that
 * keeps it to the expiry keeps it a grace longer, the larger of the two stale windows, so a stale
 * copy is there to serve. A near tier that expires after access has no TTL of its own here (its
 * idle time is the tier's business). All times in epoch milliseconds; sums saturate at {@link
 * Long#MAX_VALUE}. Immutable and thread-safe.
 */
final class Lifetimes {
  private final long nearTtl;
  private final long gridTtl;
  private final long storeTtl;
  private final long negativeTtl;
  private final long defaultLifetime;
  private final long refreshAhead;
  private final long staleWhileRevalidate;
  private final long staleIfError;
  private final long grace;
  private final double jitter;

  /** The lifetimes of a cache with these settings (whose enabled tiers give the default). */
  Lifetimes(CacheSettings settings) {
    boolean accessExpiry = settings.nearExpiry() == CacheSettings.NearExpiry.AFTER_ACCESS;
    this.nearTtl = accessExpiry ? Long.MAX_VALUE : settings.nearTtl().toMillis();
    this.gridTtl = settings.gridTtl().toMillis();
    this.storeTtl = settings.storeTtl().toMillis();
    this.negativeTtl = settings.negativeTtl().toMillis();
    long lifetime = 0;
    if (settings.nearEnabled() && !accessExpiry) {
      lifetime = nearTtl;
    }
    if (settings.gridEnabled()) {
      lifetime = Math.max(lifetime, gridTtl);
    }
    if (settings.storeEnabled()) {
      lifetime = Math.max(lifetime, storeTtl);
    }
    this.defaultLifetime = lifetime == 0 ? Long.MAX_VALUE : lifetime;
    this.refreshAhead = settings.refreshAhead().toMillis();
    this.staleWhileRevalidate = settings.staleWhileRevalidate().toMillis();
    this.staleIfError = settings.staleIfError().toMillis();
    this.grace = Math.max(staleWhileRevalidate, staleIfError);
    this.jitter = settings.ttlJitter();
  }

  /** A fresh jitter factor, 1 without jitter. */
  double jitterFactor() {
    return jitter == 0 ? 1.0 : 1.0 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
  }

  /**
   * The logical expiry of a value written now.
   *
   * @param ttl the caller's TTL, or null for the default (the negative TTL if {@code notFound})
   */
  long expiresAt(long now, Duration ttl, boolean notFound, double f) {
    long lifetime = ttl != null ? ttl.toMillis() : notFound ? negativeTtl : defaultLifetime;
    return plus(now, scale(lifetime, f));
  }

  long nearRetention(long now, double f, long expiresAt) {
    return retention(now, nearTtl, f, expiresAt);
  }

  long gridRetention(long now, double f, long expiresAt) {
    return retention(now, gridTtl, f, expiresAt);
  }

  long storeRetention(long now, double f, long expiresAt) {
    return retention(now, storeTtl, f, expiresAt);
  }

  /** Whether a fresh hit is close enough to its expiry to reload it in the background. */
  boolean refreshAhead(long now, long expiresAt) {
    return refreshAhead > 0 && expiresAt - now <= refreshAhead;
  }

  /** Whether a value that expired at {@code expiresAt} may be served while it is reloaded. */
  boolean staleWhileRevalidate(long now, long expiresAt) {
    return now - expiresAt < staleWhileRevalidate;
  }

  /** Whether a value that expired at {@code expiresAt} may be served when the loader fails. */
  boolean staleIfError(long now, long expiresAt) {
    return now - expiresAt < staleIfError;
  }

  /** {@code a + b}, saturating at {@link Long#MAX_VALUE}. */
  static long plus(long a, long b) {
    return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
  }

  private static long scale(long millis, double factor) {
    return millis == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, Math.round(millis * factor));
  }

  /** How long a tier keeps an entry: its own TTL, or to the expiry plus the stale grace. */
  private long retention(long now, long tierTtl, double f, long expiresAt) {
    long cap = tierTtl == Long.MAX_VALUE ? Long.MAX_VALUE : plus(now, scale(tierTtl, f));
    return cap < expiresAt ? cap : plus(expiresAt, grace);
  }
}
