package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierFactory;
import io.stratacache.cache.tier.TierMetrics;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A switchboard of injected faults, by tier name ({@code grid}, {@code store}), for resilience
 * drills and the integration tests of degradation: a tier can be made to fail every call or to
 * stall (block until the fault is lifted or the caller's timeout gives up). Only tiers wrapped by
 * {@link #wrap} obey it; the application wraps them only when fault injection is enabled in
 * configuration. Thread-safe.
 */
public final class TierFaults {

  /** What a faulty tier does. */
  public enum Mode {
    /** Behaves normally. */
    NONE,
    /** Every call throws. */
    FAIL,
    /** Every call blocks until the fault is lifted (or the calling thread is interrupted). */
    STALL
  }

  private final Map<String, Mode> modes = new ConcurrentHashMap<>();

  /** Sets the fault of {@code tier}; {@link Mode#NONE} lifts it. */
  public void set(String tier, Mode mode) {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(mode, "mode");
    synchronized (this) {
      modes.put(tier, mode);
      notifyAll();
    }
  }

  /** The current fault of {@code tier}. */
  public Mode mode(String tier) {
    return modes.getOrDefault(tier, Mode.NONE);
  }

  /** The current faults, by tier. */
  public Map<String, Mode> modes() {
    return Map.copyOf(modes);
  }

  /** A factory whose tiers obey this switchboard, around {@code factory}'s. */
  public TierFactory wrap(TierFactory factory) {
    TierFaults faults = this;
    return new TierFactory() {
      @Override
      public Tier<byte[]> create(String cacheName, InstantSource clock) {
        return new FaultyTier<>(factory.create(cacheName, clock), faults);
      }

      @Override
      public Tier<byte[]> create(String cacheName, InstantSource clock, long maxBytes) {
        return new FaultyTier<>(factory.create(cacheName, clock, maxBytes), faults);
      }
    };
  }

  void enter(String tier) {
    Mode mode = mode(tier);
    if (mode == Mode.FAIL) {
      throw new IllegalStateException("injected fault: the " + tier + " tier is failing");
    }
    if (mode == Mode.STALL) {
      synchronized (this) {
        try {
          while (mode(tier) == Mode.STALL) {
            wait(1000);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("injected fault: the " + tier + " tier stalled");
        }
      }
    }
  }

  /** A tier that consults the switchboard before every call. */
  private static final class FaultyTier<P> implements Tier<P> {
    private final Tier<P> tier;
    private final TierFaults faults;

    FaultyTier(Tier<P> tier, TierFaults faults) {
      this.tier = tier;
      this.faults = faults;
    }

    @Override
    public String name() {
      return tier.name();
    }

    @Override
    public TierEntry<P> get(String key, long now) {
      faults.enter(tier.name());
      return tier.get(key, now);
    }

    @Override
    public java.util.concurrent.CompletionStage<TierEntry<P>> getAsync(String key, long now) {
      // Under a fault, answer null so the caller uses the synchronous, timed path through get().
      return faults.mode(tier.name()) == Mode.NONE ? tier.getAsync(key, now) : null;
    }

    @Override
    public void put(String key, TierEntry<P> entry) {
      faults.enter(tier.name());
      tier.put(key, entry);
    }

    @Override
    public void remove(String key) {
      faults.enter(tier.name());
      tier.remove(key);
    }

    @Override
    public void fence(String key, TierEntry<P> tombstone) {
      faults.enter(tier.name());
      tier.fence(key, tombstone);
    }

    @Override
    public void fenceAll(java.util.Collection<String> keys, TierEntry<P> tombstone) {
      faults.enter(tier.name());
      tier.fenceAll(keys, tombstone);
    }

    @Override
    public boolean putIfVersion(String key, TierEntry<P> entry, long seenVersion) {
      faults.enter(tier.name());
      return tier.putIfVersion(key, entry, seenVersion);
    }

    @Override
    public java.util.Set<String> putAllIfVersion(
        java.util.Map<String, TierEntry<P>> entries, java.util.Map<String, Long> seen) {
      faults.enter(tier.name());
      return tier.putAllIfVersion(entries, seen);
    }

    @Override
    public void moveEpoch(String subject, long epoch, long retainUntil) {
      faults.enter(tier.name());
      tier.moveEpoch(subject, epoch, retainUntil);
    }

    @Override
    public java.util.Map<String, Long> epochs(java.util.Collection<String> subjects) {
      faults.enter(tier.name());
      return tier.epochs(subjects);
    }

    @Override
    public long removeByTag(String tag) {
      faults.enter(tier.name());
      return tier.removeByTag(tag);
    }

    @Override
    public long removeByPattern(KeyPattern pattern) {
      faults.enter(tier.name());
      return tier.removeByPattern(pattern);
    }

    @Override
    public void clear() {
      faults.enter(tier.name());
      tier.clear();
    }

    @Override
    public long purgeExpired() {
      faults.enter(tier.name());
      return tier.purgeExpired();
    }

    @Override
    public TierMetrics metrics() {
      faults.enter(tier.name());
      return tier.metrics();
    }

    @Override
    public void close() {
      tier.close();
    }
  }
}
