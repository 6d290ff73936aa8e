package io.stratacache.cache;

import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tiered cache core: chains the enabled tiers (near → grid → store → loader), promotes hits
 * upward with their remaining TTL, and keeps loads single-flight per key. It holds the
 * orchestration only; its parts are final and package-private, each with its own test:
 *
 * <ul>
 *   <li>{@link Lifetimes}: expiry, per-tier retention, jitter, refresh-ahead and stale windows;
 *   <li>{@link PublicationGuard}: the reservation, so a load that overlapped a write or
 *       invalidation of its key answers its callers but caches nothing;
 *   <li>{@link SingleFlight}: one load per key in this instance; {@link ClusterLoads}: one in the
 *       cluster, through the grid's leases;
 *   <li>{@link TierReads} and {@link TierWrites}: the tiers below the near tier, and writes;
 *   <li>{@link InvalidationRelay}: sequence-numbered invalidations out, other instances' in, gap
 *       flushing; {@link CacheCounters}: the cache-wide counters and stats.
 * </ul>
 */
final class ChainedCache<V> implements TieredCache<V> {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());

  /** The in-flight result standing for "not found" (a completed load never yields null). */
  static final Object NOT_FOUND = new Object();

  private final CacheSettings settings;
  private final String name;
  final Class<V> type;
  private final CacheClock clock;
  private final Executor executor;
  private final PayloadEncoder<V> encoder;
  private final GuardedTier<Object> near;
  private final GuardedTier<byte[]> grid;
  private final TierSet tiers;
  private final WriteBehind writeBehind;
  private final Observers observers;
  private final Lifetimes lifetimes;
  private final PublicationGuard guard = new PublicationGuard();
  private final CacheCounters counters = new CacheCounters();
  private final SingleFlight flights;
  private final ClusterLoads clusterLoads;
  private final TierReads<V> reads;
  private final TierWrites<V> writes;
  private final InvalidationRelay relay;

  /**
   * @param tiers the enabled tiers, each behind its failure boundary
   * @param writeBehind the store's write-behind queue, or null if the cache writes through
   */
  ChainedCache(
      CacheSettings settings,
      Class<V> type,
      PayloadEncoder<V> encoder,
      TierSet tiers,
      WriteBehind writeBehind,
      RegistryServices services) {
    this.settings = settings;
    this.name = settings.name();
    this.type = type;
    this.encoder = encoder;
    this.tiers = tiers;
    this.near = tiers.near;
    this.grid = tiers.grid;
    this.clock = services.clock();
    this.executor = services.executor();
    this.writeBehind = writeBehind;
    this.observers = services.observers();
    this.lifetimes = new Lifetimes(settings);
    this.flights = new SingleFlight(name, guard);
    this.clusterLoads = new ClusterLoads(settings, services.coordinator(), clock, counters);
    this.reads = new TierReads<>(name, tiers, writeBehind, encoder, lifetimes, guard, counters);
    this.writes = new TierWrites<>(tiers, writeBehind, encoder, lifetimes, clock);
    this.relay = new InvalidationRelay(name, services.origin(), services.bus(), clock, guard, near);
    tiers.onRejoin(relay::flushNear);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CacheSettings settings() {
    return settings;
  }

  // ---------------------------------------------------------------- reads

  @Override
  public V get(String key, CacheLoader<? extends V> loader) {
    CacheArguments.checkKey(key);
    Objects.requireNonNull(loader, "loader");
    if (!observers.active()) {
      return read(key, loader);
    }
    long start = clock.nanoTime();
    try {
      return read(key, loader);
    } finally {
      observers.get(name, key, clock.nanoTime() - start);
    }
  }

  @SuppressWarnings("unchecked")
  private V read(String key, CacheLoader<? extends V> loader) {
    TierEntry<Object> stale = null;
    if (near != null) {
      long now = clock.millis();
      TierEntry<Object> entry = near.get(key, now);
      if (entry != null) {
        if (now < entry.expiresAt()) {
          near.hit();
          if (lifetimes.refreshAhead(now, entry.expiresAt())) {
            refreshLater(key, loader);
          }
          Object value = entry.payload();
          if (value == null) {
            counters.negativeHit();
          }
          return (V) value;
        }
        near.miss();
        if (lifetimes.staleWhileRevalidate(now, entry.expiresAt())) {
          counters.staleHit();
          refreshLater(key, loader);
          return (V) entry.payload();
        }
        stale = entry;
      } else {
        near.miss();
      }
    }
    return load(key, loader, stale);
  }

  @Override
  public Lookup<V> peek(String key) {
    CacheArguments.checkKey(key);
    if (!observers.active()) {
      return lookup(key);
    }
    long start = clock.nanoTime();
    try {
      return lookup(key);
    } finally {
      observers.get(name, key, clock.nanoTime() - start);
    }
  }

  @SuppressWarnings("unchecked")
  private Lookup<V> lookup(String key) {
    long now = clock.millis();
    if (near != null) {
      TierEntry<Object> entry = near.get(key, now);
      if (entry != null && entry.isFresh(now)) {
        near.hit();
        if (entry.payload() == null) {
          counters.negativeHit();
          return new Lookup.NotFound<>();
        }
        return new Lookup.Present<>((V) entry.payload());
      }
      near.miss();
    }
    TierReads.Found hit = reads.read(key, guard.ticket(key), now, null);
    if (hit != null) {
      return hit.value() == NOT_FOUND
          ? new Lookup.NotFound<>()
          : new Lookup.Present<>((V) hit.value());
    }
    counters.miss();
    return new Lookup.Absent<>();
  }

  /** The single-flight slow path: join the key's load in flight, or become its owner. */
  private V load(String key, CacheLoader<? extends V> loader, TierEntry<Object> nearStale) {
    SingleFlight.Load load = flights.claim(key);
    if (!load.mine()) {
      counters.miss();
      return unwrap(load.await());
    }
    Outcome outcome;
    try {
      outcome = runLoad(key, loader, load, nearStale);
      load.complete(outcome.value);
    } catch (Throwable t) {
      load.fail(t);
      throw t;
    } finally {
      flights.finish(key, load);
    }
    if (outcome.refresh) {
      refreshLater(key, loader);
    }
    return unwrap(outcome.value);
  }

  /** What a load yields: a value (or NOT_FOUND), and whether a background refresh should follow. */
  private record Outcome(Object value, boolean refresh) {}

  private Outcome runLoad(
      String key, CacheLoader<? extends V> loader, SingleFlight.Load ticket, TierEntry<Object> s) {
    long now = clock.millis();
    if (near != null) {
      // Another load may have published between our near miss and taking the slot.
      TierEntry<Object> entry = near.get(key, now);
      if (entry != null && entry.isFresh(now)) {
        near.missTurnedHit();
        if (entry.payload() == null) {
          counters.negativeHit();
        }
        return new Outcome(entry.payload() == null ? NOT_FOUND : entry.payload(), false);
      }
    }
    TierReads<V>.StaleCandidate stale = reads.new StaleCandidate(s);
    TierReads.Found hit = reads.read(key, ticket, now, stale);
    if (hit != null) {
      return new Outcome(hit.value(), false);
    }
    TierEntry<?> staleEntry = stale.entry();
    if (staleEntry != null && lifetimes.staleWhileRevalidate(now, staleEntry.expiresAt())) {
      Object value = stale.value();
      if (value != null) {
        counters.staleHit();
        return new Outcome(value, true);
      }
    }
    counters.miss();
    try {
      if (!clusterLoads.applies(grid)) {
        return new Outcome(callLoader(key, loader, ticket), false);
      }
      return new Outcome(
          clusterLoads.load(
              key,
              () -> reads.readGrid(key, ticket, clock.millis()),
              () -> callLoader(key, loader, ticket)),
          false);
    } catch (RuntimeException | Error e) {
      if (staleEntry != null && lifetimes.staleIfError(now, staleEntry.expiresAt())) {
        Object value = stale.value();
        if (value != null) {
          counters.missTurnedStale();
          LOG.log(
              Level.FINE,
              "cache {0}: loader failed for {1}, serving the stale value: {2}",
              new Object[] {name, key, e.toString()});
          return new Outcome(value, false);
        }
      }
      throw e;
    }
  }

  /** Calls the loader, publishes its answer if still current, returns it (or NOT_FOUND). */
  private Object callLoader(
      String key, CacheLoader<? extends V> loader, PublicationGuard.Ticket ticket) {
    long start = clock.nanoTime();
    V value;
    try {
      value = loader.load(key);
    } catch (RuntimeException | Error e) {
      loaded(key, start, true);
      throw e;
    } catch (Exception e) {
      loaded(key, start, true);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new CacheLoadException("loading '" + key + "' in cache " + name + " failed", e);
    }
    loaded(key, start, false);
    if (value != null && !type.isInstance(value)) {
      throw new ClassCastException(
          "cache "
              + name
              + " holds "
              + type.getName()
              + ", loader returned "
              + value.getClass().getName());
    }
    try {
      TierWrites<V>.Writes entries = writes.prepare(value, null, Set.of());
      WritePolicy policy =
          writeBehind != null ? WritePolicy.WRITE_BEHIND : WritePolicy.WRITE_THROUGH;
      guard.publish(ticket, () -> entries.apply(key, policy));
    } catch (CodecException e) {
      counters.uncached();
      LOG.log(
          Level.WARNING,
          "cache {0}: loaded value for {1} not cached: {2}",
          new Object[] {name, key, e.getMessage()});
    }
    return value == null ? NOT_FOUND : value;
  }

  private void loaded(String key, long start, boolean failed) {
    long nanos = clock.nanoTime() - start;
    counters.loaded(nanos, failed);
    if (observers.active()) {
      observers.load(name, key, nanos, failed);
    }
  }

  /**
   * Reloads {@code key} in the background, unless a load of it is already in flight. The refresh
   * takes the key's single-flight slot at once, so repeated stale hits queue one refresh only.
   */
  private void refreshLater(String key, CacheLoader<? extends V> loader) {
    SingleFlight.Load load = flights.claimForRefresh(key);
    if (load == null) {
      return;
    }
    counters.refresh();
    try {
      executor.execute(() -> refresh(key, loader, load));
    } catch (RejectedExecutionException e) {
      LOG.log(
          Level.FINE,
          "cache {0}: executor rejected the refresh of {1}; refreshing inline",
          new Object[] {name, key});
      refresh(key, loader, load);
    }
  }

  private void refresh(String key, CacheLoader<? extends V> loader, SingleFlight.Load load) {
    load.start();
    try {
      load.complete(callLoader(key, loader, load));
    } catch (Throwable t) {
      load.fail(t);
      LOG.log(
          Level.WARNING,
          "cache {0}: background refresh of {1} failed: {2}",
          new Object[] {name, key, t.toString()});
    } finally {
      flights.finish(key, load);
    }
  }

  @SuppressWarnings("unchecked")
  private V unwrap(Object result) {
    return result == NOT_FOUND ? null : (V) result;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void put(String key, V value) {
    put(key, value, null, Set.of());
  }

  @Override
  public void put(String key, V value, Duration ttl, Set<String> tags) {
    CacheArguments.checkPut(name, type, key, value, ttl, tags);
    boolean observed = observers.active();
    long start = observed ? clock.nanoTime() : 0;
    TierWrites<V>.Writes entries = writes.prepare(value, ttl, tags);
    counters.put();
    guard.writeKey(key, () -> entries.apply(key, settings.writePolicy()));
    relay.announce(InvalidationEvent.Kind.KEY, key);
    if (observed) {
      observers.put(name, key, clock.nanoTime() - start);
    }
  }

  @Override
  public void invalidate(String key) {
    CacheArguments.checkKey(key);
    guard.writeKey(key, () -> writes.remove(key));
    relay.announce(InvalidationEvent.Kind.KEY, key);
  }

  @Override
  public void invalidateByTag(String tag) {
    CacheArguments.checkTag(tag);
    guard.writeAll(
        () ->
            writes.removeAll(
                tier -> tier.removeByTag(tag), (key, entry) -> entry.tags().contains(tag)));
    relay.announce(InvalidationEvent.Kind.TAG, tag);
  }

  @Override
  public void invalidateByPattern(String glob) {
    KeyPattern pattern = KeyPattern.glob(glob);
    guard.writeAll(
        () ->
            writes.removeAll(
                tier -> tier.removeByPattern(pattern), (key, entry) -> pattern.matches(key)));
    relay.announce(InvalidationEvent.Kind.PATTERN, glob);
  }

  @Override
  public void clear() {
    guard.writeAll(() -> writes.removeAll(GuardedTier::clear, (key, entry) -> true));
    relay.announce(InvalidationEvent.Kind.CLEAR, "");
  }

  @Override
  public void evictNear(String key) {
    CacheArguments.checkKey(key);
    if (near != null) {
      guard.writeKey(key, () -> near.remove(key));
    }
  }

  /** Drops every near copy, under the guard (a load overlapping the flush publishes nothing). */
  void flushNear() {
    relay.flushNear();
  }

  /** Applies another instance's invalidation to the near tier (see {@link InvalidationRelay}). */
  void onRemoteInvalidation(InvalidationEvent event) {
    relay.receive(event);
  }

  /** The bus lost events of unknown caches: flush the near tier. */
  void onLoss() {
    relay.lost();
  }

  /** The instance's last published sequence number for this cache (0 before the first). */
  long sequence() {
    return relay.sequence();
  }

  /** The near tier itself (null if disabled), for tests and diagnostics. */
  Tier<Object> nearTier() {
    return near == null ? null : near.tier;
  }

  // ---------------------------------------------------------------- maintenance and stats

  long purgeExpired() {
    return tiers.purgeExpired();
  }

  /** The circuit-breaker view of the grid and store tiers. */
  @Override
  public List<TierStatus> tierStatuses() {
    return tiers.statuses();
  }

  /** Probes open breakers past their cool-down and repairs tiers that need it. */
  void checkTiers() {
    tiers.check();
  }

  /** The write-behind queue, if the cache writes behind. */
  WriteBehind writeBehind() {
    return writeBehind;
  }

  /** Flushes the write-behind queue (bounded), then drops the near tier. */
  void close() {
    if (writeBehind != null) {
      writeBehind.close();
    }
    tiers.close();
  }

  @Override
  public CacheStats stats() {
    return counters.stats(name, tiers.all, near, encoder, writeBehind, relay.stats());
  }
}
