package io.stratacache.cache;

import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.TierEntry;
import io.stratacache.cache.tier.TierMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tiered cache core: chains the enabled tiers (near → grid → store → loader), promotes hits
 * upward with their remaining TTL, and keeps loads single-flight per key.
 *
 * <h2>Times</h2>
 *
 * Every write draws one jitter factor {@code f} in {@code [1 - jitter, 1 + jitter]}. The value's
 * logical expiry is {@code now + f × lifetime}, the lifetime being the given TTL, the negative TTL
 * for "not found", or by default the longest TTL of the enabled tiers. Each tier keeps its copy
 * until {@code min(now + f × tierTtl, expiry)}; a tier that keeps it to the expiry keeps it a grace
 * longer, the larger of the two stale windows, so a stale copy is there to serve.
 *
 * <h2>Publication guard (the reservation)</h2>
 *
 * Keys hash onto {@link #STRIPES} stripes, each with a generation. A put or key invalidation
 * changes the tiers and then increments its stripe's generation, holding the stripe's lock; tag,
 * pattern and clear invalidations do the same with a global generation under a write lock. A load
 * notes both generations before it reads any tier, and writes its result (or a promotion) under the
 * same locks only if neither moved. So a load that overlapped a write or invalidation of its key
 * (or, rarely, of another key of its stripe) answers its callers but caches nothing, and a load
 * that started after one read the tiers after it.
 */
final class ChainedCache<V> implements TieredCache<V> {
  private static final Logger LOG = Logger.getLogger(TieredCache.class.getName());
  static final int STRIPES = 1024;

  /** The in-flight result standing for "not found" (a completed load never yields null). */
  private static final Object NOT_FOUND = new Object();

  private final CacheSettings settings;
  private final String name;
  final Class<V> type;
  private final CacheClock clock;
  private final Executor executor;
  private final PayloadEncoder<V> encoder;
  private final GuardedTier<Object> near;
  private final GuardedTier<byte[]> grid;
  private final GuardedTier<byte[]> store;
  private final List<GuardedTier<?>> tiers;
  private final InvalidationBus bus;
  private final String origin;
  private final WriteBehind writeBehind;
  private final LoadCoordinator coordinator;
  private final CacheSettings.ClusterLoad clusterLoad;
  private final CoherenceMonitor coherence = new CoherenceMonitor();
  private final Observers observers;
  private final Object announceLock = new Object();

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

  private final ConcurrentHashMap<String, Load> loads = new ConcurrentHashMap<>();
  private final AtomicLongArray generations = new AtomicLongArray(STRIPES);
  private final Object[] stripeLocks = new Object[STRIPES];
  private final ReentrantReadWriteLock globalLock = new ReentrantReadWriteLock();
  private volatile long globalGeneration;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicLong versions = new AtomicLong();

  private final LongAdder staleHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder negativeHits = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder loadCount = new LongAdder();
  private final LongAdder loadFailures = new LongAdder();
  private final LongAdder loadNanos = new LongAdder();
  private final LongAdder refreshes = new LongAdder();
  private final LongAdder uncachedValues = new LongAdder();
  private final LongAdder remoteLoadWaits = new LongAdder();
  private final LongAdder remoteLoadsServed = new LongAdder();
  private final LongAdder remoteLoadTimeouts = new LongAdder();

  ChainedCache(
      CacheSettings settings,
      Class<V> type,
      PayloadEncoder<V> encoder,
      GuardedTier<Object> near,
      GuardedTier<byte[]> grid,
      GuardedTier<byte[]> store,
      CacheClock clock,
      Executor executor,
      InvalidationBus bus,
      String origin,
      WriteBehind writeBehind,
      LoadCoordinator coordinator,
      Observers observers) {
    this.settings = settings;
    this.observers = observers;
    this.name = settings.name();
    this.type = type;
    this.encoder = encoder;
    this.near = near;
    this.grid = grid;
    this.store = store;
    this.clock = clock;
    this.executor = executor;
    this.bus = bus;
    this.origin = origin;
    this.writeBehind = writeBehind;
    this.coordinator = coordinator;
    this.clusterLoad = settings.clusterLoad();
    if (grid != null) {
      grid.onRejoin(this::flushNear);
    }
    if (store != null) {
      store.onRejoin(this::flushNear);
    }
    List<GuardedTier<?>> enabled = new ArrayList<>(3);
    if (near != null) {
      enabled.add(near);
    }
    if (grid != null) {
      enabled.add(grid);
    }
    if (store != null) {
      enabled.add(store);
    }
    this.tiers = List.copyOf(enabled);
    for (int i = 0; i < STRIPES; i++) {
      stripeLocks[i] = new Object();
    }
    boolean accessExpiry = settings.nearExpiry() == CacheSettings.NearExpiry.AFTER_ACCESS;
    this.nearTtl = accessExpiry ? Long.MAX_VALUE : settings.nearTtl().toMillis();
    this.gridTtl = settings.gridTtl().toMillis();
    this.storeTtl = settings.storeTtl().toMillis();
    this.negativeTtl = settings.negativeTtl().toMillis();
    long lifetime = 0;
    if (near != null && !accessExpiry) {
      lifetime = nearTtl;
    }
    if (grid != null) {
      lifetime = Math.max(lifetime, gridTtl);
    }
    if (store != null) {
      lifetime = Math.max(lifetime, storeTtl);
    }
    this.defaultLifetime = lifetime == 0 ? Long.MAX_VALUE : lifetime;
    this.refreshAhead = settings.refreshAhead().toMillis();
    this.staleWhileRevalidate = settings.staleWhileRevalidate().toMillis();
    this.staleIfError = settings.staleIfError().toMillis();
    this.grace = Math.max(staleWhileRevalidate, staleIfError);
    this.jitter = settings.ttlJitter();
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
  @SuppressWarnings("unchecked")
  public V get(String key, CacheLoader<? extends V> loader) {
    checkKey(key);
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
          if (refreshAhead > 0 && entry.expiresAt() - now <= refreshAhead) {
            refreshLater(key, loader);
          }
          Object value = entry.payload();
          if (value == null) {
            negativeHits.increment();
          }
          return (V) value;
        }
        near.miss();
        if (now - entry.expiresAt() < staleWhileRevalidate) {
          staleHits.increment();
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
  @SuppressWarnings("unchecked")
  public Lookup<V> peek(String key) {
    checkKey(key);
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
          negativeHits.increment();
          return new Lookup.NotFound<>();
        }
        return new Lookup.Present<>((V) entry.payload());
      }
      near.miss();
    }
    Ticket ticket = new Ticket(key);
    Object found = readLowerTiers(key, ticket, now, null);
    if (found instanceof Found hit) {
      return hit.value == NOT_FOUND ? new Lookup.NotFound<>() : new Lookup.Present<>((V) hit.value);
    }
    misses.increment();
    return new Lookup.Absent<>();
  }

  /** The single-flight slow path: join the key's load in flight, or become its owner. */
  private V load(String key, CacheLoader<? extends V> loader, TierEntry<Object> nearStale) {
    Load mine = new Load(key, Thread.currentThread());
    for (; ; ) {
      Load existing = loads.putIfAbsent(key, mine);
      if (existing == null) {
        break;
      }
      if (existing.owner == Thread.currentThread()) {
        throw new IllegalStateException(
            "recursive load: the loader of key '" + key + "' in cache " + name + " asked for it");
      }
      if (existing.isCurrent()) {
        misses.increment();
        return existing.await();
      }
      // The load in flight started before a write or invalidation of its key: its value is not
      // good for a caller that came after; take its place (it finishes for its own callers).
      if (loads.replace(key, existing, mine)) {
        break;
      }
    }
    Outcome outcome;
    try {
      outcome = runLoad(key, loader, mine, nearStale);
      mine.result.complete(outcome.value);
    } catch (Throwable t) {
      mine.result.completeExceptionally(t);
      throw t;
    } finally {
      loads.remove(key, mine);
    }
    if (outcome.refresh) {
      refreshLater(key, loader);
    }
    return unwrap(outcome.value);
  }

  /** What a load yields: a value (or NOT_FOUND), and whether a background refresh should follow. */
  private record Outcome(Object value, boolean refresh) {}

  /** A fresh hit in a lower tier. */
  private record Found(Object value) {}

  private Outcome runLoad(
      String key, CacheLoader<? extends V> loader, Load ticket, TierEntry<Object> nearStale) {
    long now = clock.millis();
    if (near != null) {
      // Another load may have published between our near miss and taking the slot.
      TierEntry<Object> entry = near.get(key, now);
      if (entry != null && entry.isFresh(now)) {
        near.missTurnedHit();
        if (entry.payload() == null) {
          negativeHits.increment();
        }
        return new Outcome(entry.payload() == null ? NOT_FOUND : entry.payload(), false);
      }
    }
    StaleCandidate stale = new StaleCandidate(nearStale, false);
    Object found = readLowerTiers(key, ticket, now, stale);
    if (found instanceof Found hit) {
      return new Outcome(hit.value, false);
    }
    if (stale.entry != null && now - stale.entry.expiresAt() < staleWhileRevalidate) {
      Object value = stale.value();
      if (value != null) {
        staleHits.increment();
        return new Outcome(value, true);
      }
    }
    misses.increment();
    try {
      return new Outcome(loadCoordinated(key, loader, ticket), false);
    } catch (RuntimeException | Error e) {
      if (stale.entry != null && now - stale.entry.expiresAt() < staleIfError) {
        Object value = stale.value();
        if (value != null) {
          misses.decrement();
          staleHits.increment();
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

  /**
   * Calls the loader under the cluster's lease on the key: an instance that finds the lease taken
   * waits for that load (at most {@code single-flight.wait}) and reads its value from the grid;
   * after the wait, or if coordination fails, it loads itself.
   */
  private Object loadCoordinated(String key, CacheLoader<? extends V> loader, Load ticket) {
    if (coordinator == LoadCoordinator.none()
        || grid == null
        || !clusterLoad.enabled()
        || !grid.isClosed()) {
      return callLoader(key, loader, ticket);
    }
    long deadline = plus(clock.millis(), clusterLoad.maxWait().toMillis());
    for (int round = 0; ; round++) {
      LoadCoordinator.Lease lease;
      try {
        lease = coordinator.tryAcquire(name, key, clusterLoad.lease(), settings.gridTimeout());
      } catch (RuntimeException e) {
        LOG.log(
            Level.FINE,
            "cache {0}: no cluster lease for {1}: {2}",
            new Object[] {name, key, e.toString()});
        return callLoader(key, loader, ticket);
      }
      if (lease != null) {
        try {
          // Another instance may have published and released since our grid miss.
          Object found = readGrid(key, ticket);
          return found != null ? found : callLoader(key, loader, ticket);
        } finally {
          lease.close();
        }
      }
      long remaining = deadline - clock.millis();
      if (round >= 3 || remaining <= 0) {
        remoteLoadTimeouts.increment();
        return callLoader(key, loader, ticket);
      }
      remoteLoadWaits.increment();
      boolean released;
      try {
        released = coordinator.awaitRelease(name, key, Duration.ofMillis(remaining));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return callLoader(key, loader, ticket);
      } catch (RuntimeException e) {
        return callLoader(key, loader, ticket);
      }
      Object found = readGrid(key, ticket);
      if (found != null) {
        remoteLoadsServed.increment();
        return found;
      }
      if (!released) {
        remoteLoadTimeouts.increment();
        LOG.log(
            Level.FINE,
            "cache {0}: waited {1} for another instance to load {2}; loading here",
            new Object[] {name, clusterLoad.maxWait(), key});
        return callLoader(key, loader, ticket);
      }
      // Released without a value (its load failed or was invalidated): try to take the lease.
    }
  }

  /** A fresh value (or NOT_FOUND) from the grid, promoted to near under the guard; else null. */
  private Object readGrid(String key, Ticket ticket) {
    long now = clock.millis();
    TierEntry<byte[]> entry = grid.get(key, now);
    if (entry == null || !entry.isFresh(now)) {
      return null;
    }
    Object value = decode(grid, key, entry);
    if (value != null) {
      TierEntry<Object> decoded =
          entry.withPayload(value == NOT_FOUND ? null : value, entry.weight());
      publish(ticket, key, () -> promoteToNear(key, decoded, now));
    }
    return value;
  }

  /** Grid, then store: a {@link Found} on a fresh hit (promoted upward), else null. */
  private Object readLowerTiers(String key, Ticket ticket, long now, StaleCandidate stale) {
    if (grid != null) {
      TierEntry<byte[]> entry = grid.get(key, now);
      if (entry != null && entry.isFresh(now)) {
        Object value = decode(grid, key, entry);
        if (value != null) {
          grid.hit();
          if (value == NOT_FOUND) {
            negativeHits.increment();
          }
          TierEntry<Object> decoded =
              entry.withPayload(value == NOT_FOUND ? null : value, entry.weight());
          publish(ticket, key, () -> promoteToNear(key, decoded, now));
          return new Found(value);
        }
      } else if (entry != null && stale != null) {
        stale.offer(entry, true);
      }
      grid.miss();
    }
    if (store != null) {
      // This instance's write-behind queue first: its writes not yet in the store.
      TierEntry<byte[]> queued = writeBehind == null ? null : writeBehind.pending(key);
      TierEntry<byte[]> entry = queued != null ? queued : store.get(key, now);
      if (entry != null && entry.isFresh(now)) {
        Object value = decode(store, key, entry);
        if (value != null) {
          store.hit();
          if (value == NOT_FOUND) {
            negativeHits.increment();
          }
          TierEntry<Object> decoded =
              entry.withPayload(value == NOT_FOUND ? null : value, entry.weight());
          publish(
              ticket,
              key,
              () -> {
                if (grid != null) {
                  grid.put(
                      key,
                      entry.withRetainUntil(
                          retention(now, gridTtl, jitterFactor(), entry.expiresAt())));
                }
                promoteToNear(key, decoded, now);
              });
          return new Found(value);
        }
      } else if (entry != null && stale != null) {
        stale.offer(entry, true);
      }
      store.miss();
    }
    return null;
  }

  private void promoteToNear(String key, TierEntry<Object> entry, long now) {
    if (near != null) {
      near.put(
          key, entry.withRetainUntil(retention(now, nearTtl, jitterFactor(), entry.expiresAt())));
    }
  }

  /** The decoded payload, NOT_FOUND for a negative entry, or null if it cannot be decoded. */
  private Object decode(GuardedTier<byte[]> tier, String key, TierEntry<byte[]> entry) {
    if (entry.isNegative()) {
      return NOT_FOUND;
    }
    try {
      return encoder.decode(entry.payload());
    } catch (CodecException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: dropping undecodable {1} entry {2}: {3}",
          new Object[] {name, tier.name(), key, e.getMessage()});
      tier.remove(key);
      return null;
    }
  }

  /** Calls the loader, publishes its answer if still current, returns it (or NOT_FOUND). */
  private Object callLoader(String key, CacheLoader<? extends V> loader, Ticket ticket) {
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
      Writes writes = prepare(value, null, Set.of());
      WritePolicy policy =
          writeBehind != null ? WritePolicy.WRITE_BEHIND : WritePolicy.WRITE_THROUGH;
      publish(ticket, key, () -> writes.apply(key, policy));
    } catch (CodecException e) {
      uncachedValues.increment();
      LOG.log(
          Level.WARNING,
          "cache {0}: loaded value for {1} not cached: {2}",
          new Object[] {name, key, e.getMessage()});
    }
    return value == null ? NOT_FOUND : value;
  }

  private void loaded(String key, long start, boolean failed) {
    long nanos = clock.nanoTime() - start;
    (failed ? loadFailures : loadCount).increment();
    loadNanos.add(nanos);
    if (observers.active()) {
      observers.load(name, key, nanos, failed);
    }
  }

  /**
   * Reloads {@code key} in the background, unless a load of it is already in flight. The refresh
   * takes the key's single-flight slot at once, so repeated stale hits queue one refresh only.
   */
  private void refreshLater(String key, CacheLoader<? extends V> loader) {
    if (loads.containsKey(key)) {
      return;
    }
    Load mine = new Load(key, null);
    if (loads.putIfAbsent(key, mine) != null) {
      return;
    }
    refreshes.increment();
    try {
      executor.execute(() -> refresh(key, loader, mine));
    } catch (RejectedExecutionException e) {
      LOG.log(
          Level.FINE,
          "cache {0}: executor rejected the refresh of {1}; refreshing inline",
          new Object[] {name, key});
      refresh(key, loader, mine);
    }
  }

  private void refresh(String key, CacheLoader<? extends V> loader, Load mine) {
    mine.owner = Thread.currentThread();
    try {
      mine.result.complete(callLoader(key, loader, mine));
    } catch (Throwable t) {
      mine.result.completeExceptionally(t);
      LOG.log(
          Level.WARNING,
          "cache {0}: background refresh of {1} failed: {2}",
          new Object[] {name, key, t.toString()});
    } finally {
      loads.remove(key, mine);
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
    checkKey(key);
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(tags, "tags");
    if (!type.isInstance(value)) {
      throw new ClassCastException(
          "cache " + name + " holds " + type.getName() + ", not " + value.getClass().getName());
    }
    if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
      throw new IllegalArgumentException("ttl must be positive: " + ttl);
    }
    for (String tag : tags) {
      checkTag(tag);
    }
    boolean observed = observers.active();
    long start = observed ? clock.nanoTime() : 0;
    Writes writes = prepare(value, ttl, tags);
    puts.increment();
    writeKey(key, () -> writes.apply(key, settings.writePolicy()));
    announce(InvalidationEvent.Kind.KEY, key);
    if (observed) {
      observers.put(name, key, clock.nanoTime() - start);
    }
  }

  /** The entries of one write, one per tier, computed before taking any lock. */
  private Writes prepare(V value, Duration ttl, Set<String> tags) {
    long now = clock.millis();
    double f = jitterFactor();
    byte[] encoded = value == null ? null : encoder.encode(value);
    int weight = encoded == null ? 0 : encoded.length;
    long lifetime = ttl != null ? ttl.toMillis() : value == null ? negativeTtl : defaultLifetime;
    long expiresAt = plus(now, scale(lifetime, f));
    long version = versions.updateAndGet(v -> Math.max(v + 1, now * 1000));
    TierEntry<byte[]> bytes = new TierEntry<>(encoded, expiresAt, expiresAt, version, tags, weight);
    return new Writes(
        near == null
            ? null
            : new TierEntry<Object>(
                value, expiresAt, retention(now, nearTtl, f, expiresAt), version, tags, weight),
        grid == null ? null : bytes.withRetainUntil(retention(now, gridTtl, f, expiresAt)),
        store == null ? null : bytes.withRetainUntil(retention(now, storeTtl, f, expiresAt)));
  }

  private final class Writes {
    private final TierEntry<Object> nearEntry;
    private final TierEntry<byte[]> gridEntry;
    private final TierEntry<byte[]> storeEntry;

    Writes(TierEntry<Object> nearEntry, TierEntry<byte[]> gridEntry, TierEntry<byte[]> storeEntry) {
      this.nearEntry = nearEntry;
      this.gridEntry = gridEntry;
      this.storeEntry = storeEntry;
    }

    void apply(String key, WritePolicy policy) {
      if (policy == WritePolicy.INVALIDATE_ONLY) {
        if (store != null) {
          removeFromStore(key);
        }
        if (grid != null) {
          grid.remove(key);
        }
      } else {
        if (store != null) {
          if (policy == WritePolicy.WRITE_BEHIND && writeBehind != null) {
            writeBehind.enqueue(key, storeEntry);
          } else {
            store.put(key, storeEntry);
          }
        }
        if (grid != null) {
          grid.put(key, gridEntry);
        }
      }
      if (near != null) {
        near.put(key, nearEntry);
      }
    }
  }

  @Override
  public void invalidate(String key) {
    checkKey(key);
    writeKey(
        key,
        () -> {
          if (near != null) {
            near.remove(key);
          }
          if (grid != null) {
            grid.remove(key);
          }
          if (store != null) {
            removeFromStore(key);
          }
        });
    announce(InvalidationEvent.Kind.KEY, key);
  }

  @Override
  public void invalidateByTag(String tag) {
    checkTag(tag);
    writeAll(
        () -> removeAll(tier -> tier.removeByTag(tag), (key, entry) -> entry.tags().contains(tag)));
    announce(InvalidationEvent.Kind.TAG, tag);
  }

  @Override
  public void invalidateByPattern(String glob) {
    KeyPattern pattern = KeyPattern.glob(glob);
    writeAll(
        () ->
            removeAll(tier -> tier.removeByPattern(pattern), (key, entry) -> pattern.matches(key)));
    announce(InvalidationEvent.Kind.PATTERN, glob);
  }

  @Override
  public void clear() {
    writeAll(() -> removeAll(GuardedTier::clear, (key, entry) -> true));
    announce(InvalidationEvent.Kind.CLEAR, "");
  }

  private void removeFromStore(String key) {
    if (writeBehind != null) {
      writeBehind.invalidate(key, () -> store.remove(key));
    } else {
      store.remove(key);
    }
  }

  /** A bulk removal from every tier; the store's also drops the matching queued writes. */
  private void removeAll(
      java.util.function.Consumer<GuardedTier<?>> removal,
      java.util.function.BiPredicate<String, TierEntry<byte[]>> queuedMatches) {
    for (GuardedTier<?> tier : tiers) {
      if (tier == store && writeBehind != null) {
        writeBehind.invalidateAll(queuedMatches, () -> removal.accept(store));
      } else {
        removal.accept(tier);
      }
    }
  }

  /** Drops every near copy, under the guard (a load overlapping the flush publishes nothing). */
  void flushNear() {
    if (near != null) {
      writeAll(near::clear);
    }
  }

  /**
   * Applies another instance's invalidation to the near tier (the shared tiers were changed by that
   * instance), with the same guard against overlapping loads. A gap in the origin's sequence (lost
   * events) flushes the whole near tier instead.
   */
  void onRemoteInvalidation(InvalidationEvent event) {
    if (origin.equals(event.origin())) {
      return;
    }
    boolean gap = coherence.receive(event, clock.millis());
    if (near == null) {
      return;
    }
    if (gap) {
      LOG.log(
          Level.INFO,
          "cache {0}: invalidations from {1} were lost (sequence {2} arrived); near tier flushed",
          new Object[] {name, event.origin(), event.sequence()});
      flushNear();
      return;
    }
    switch (event.kind()) {
      case KEY:
        writeKey(event.subject(), () -> near.remove(event.subject()));
        break;
      case TAG:
        writeAll(() -> near.removeByTag(event.subject()));
        break;
      case PATTERN:
        writeAll(() -> near.removeByPattern(KeyPattern.glob(event.subject())));
        break;
      default:
        writeAll(near::clear);
    }
  }

  /** The near tier itself (null if disabled), for tests and diagnostics. */
  io.stratacache.cache.tier.Tier<Object> nearTier() {
    return near == null ? null : near.tier;
  }

  /** The instance's last published sequence number for this cache (0 before the first). */
  long sequence() {
    return sequence.get();
  }

  /** The bus lost events of unknown caches: flush the near tier. */
  void onLoss() {
    coherence.lost();
    flushNear();
  }

  /**
   * Publishes one event; sequence numbers are taken and published under one lock so that they go
   * out in order (a receiver takes any jump for a loss). An event that cannot be published still
   * consumed its number, so receivers see the gap.
   */
  private void announce(InvalidationEvent.Kind kind, String subject) {
    try {
      synchronized (announceLock) {
        bus.publish(
            new InvalidationEvent(
                name, kind, subject, sequence.incrementAndGet(), origin, clock.millis()));
      }
    } catch (RuntimeException e) {
      LOG.log(
          Level.WARNING,
          "cache {0}: invalidation not published: {1}",
          new Object[] {name, e.toString()});
    }
  }

  private void writeKey(String key, Runnable change) {
    int stripe = stripe(key);
    globalLock.readLock().lock();
    try {
      synchronized (stripeLocks[stripe]) {
        try {
          change.run();
        } finally {
          generations.incrementAndGet(stripe);
        }
      }
    } finally {
      globalLock.readLock().unlock();
    }
  }

  private void writeAll(Runnable change) {
    globalLock.writeLock().lock();
    try {
      change.run();
    } finally {
      globalGeneration++;
      globalLock.writeLock().unlock();
    }
  }

  /** Runs {@code writes} only if no write or invalidation touched the key since {@code ticket}. */
  private boolean publish(Ticket ticket, String key, Runnable writes) {
    globalLock.readLock().lock();
    try {
      synchronized (stripeLocks[ticket.stripe]) {
        if (!ticket.isCurrent()) {
          return false;
        }
        writes.run();
        return true;
      }
    } finally {
      globalLock.readLock().unlock();
    }
  }

  // ---------------------------------------------------------------- maintenance and stats

  long purgeExpired() {
    long purged = 0;
    for (GuardedTier<?> tier : tiers) {
      purged += tier.purgeExpired();
    }
    return purged;
  }

  /** The circuit-breaker view of the grid and store tiers. */
  @Override
  public List<TierStatus> tierStatuses() {
    List<TierStatus> all = new ArrayList<>(2);
    if (grid != null) {
      all.add(grid.status());
    }
    if (store != null) {
      all.add(store.status());
    }
    return all;
  }

  /** Probes open breakers past their cool-down and repairs tiers that need it. */
  void checkTiers() {
    if (grid != null) {
      grid.check();
    }
    if (store != null) {
      store.check();
    }
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
    if (near != null) {
      near.close();
    }
  }

  @Override
  public CacheStats stats() {
    List<TierStats> tierStats = new ArrayList<>(tiers.size());
    long hits = 0;
    long evictions = 0;
    long expirations = 0;
    long size = 0;
    long bytes = 0;
    long errors = encoder.errors.sum() + uncachedValues.sum();
    for (GuardedTier<?> tier : tiers) {
      TierMetrics metrics = tier.metrics();
      hits += tier.hits();
      evictions += Math.max(0, metrics.evictions());
      expirations += Math.max(0, metrics.expirations());
      size = Math.max(size, metrics.size());
      bytes += Math.max(0, metrics.bytes());
      errors += tier.errors();
      tierStats.add(tier.stats(metrics, tier == near ? 1.0 : encoder.compressionRatio()));
    }
    long stale = staleHits.sum();
    long missed = misses.sum();
    long requests = hits + stale + missed;
    long loaded = loadCount.sum();
    long failed = loadFailures.sum();
    long nanos = loadNanos.sum();
    return new CacheStats(
        name,
        requests,
        hits,
        stale,
        missed,
        rate(hits + stale, requests),
        negativeHits.sum(),
        puts.sum(),
        evictions,
        expirations,
        loaded,
        failed,
        nanos,
        loaded + failed == 0 ? 0 : nanos / 1e6 / (loaded + failed),
        refreshes.sum(),
        size,
        bytes,
        encoder.compressionRatio(),
        errors,
        tierStats,
        writeBehind == null ? WriteBehindStats.NONE : writeBehind.stats(),
        coherence.stats(),
        remoteLoadWaits.sum(),
        remoteLoadsServed.sum(),
        remoteLoadTimeouts.sum());
  }

  // ---------------------------------------------------------------- helpers

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }

  static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "key must have 1-" + MAX_KEY_LENGTH + " characters, got " + key.length());
    }
  }

  static void checkTag(String tag) {
    Objects.requireNonNull(tag, "tag");
    if (tag.isEmpty()
        || tag.length() > 100
        || tag.indexOf(',') >= 0
        || tag.indexOf('\u001f') >= 0) {
      throw new IllegalArgumentException(
          "tag must have 1-100 characters and no comma: '" + tag + "'");
    }
  }

  private double jitterFactor() {
    return jitter == 0 ? 1.0 : 1.0 + (ThreadLocalRandom.current().nextDouble() * 2 - 1) * jitter;
  }

  private static long scale(long millis, double factor) {
    return millis == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(1, Math.round(millis * factor));
  }

  private static long plus(long a, long b) {
    return b > Long.MAX_VALUE - a ? Long.MAX_VALUE : a + b;
  }

  /** How long a tier keeps an entry: its own TTL, or to the expiry plus the stale grace. */
  private long retention(long now, long tierTtl, double f, long expiresAt) {
    long cap = tierTtl == Long.MAX_VALUE ? Long.MAX_VALUE : plus(now, scale(tierTtl, f));
    return cap < expiresAt ? cap : plus(expiresAt, grace);
  }

  private static int stripe(String key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (STRIPES - 1);
  }

  /** The generations a reader saw before reading any tier. */
  private class Ticket {
    final int stripe;
    final long generation;
    final long global;

    Ticket(String key) {
      this.stripe = stripe(key);
      this.global = globalGeneration;
      this.generation = generations.get(stripe);
    }

    boolean isCurrent() {
      return generations.get(stripe) == generation && globalGeneration == global;
    }
  }

  /** A load in flight: its owner thread and the result every caller of the key waits for. */
  private final class Load extends Ticket {
    /** The thread running the load; null while a background refresh waits for the executor. */
    volatile Thread owner;

    final CompletableFuture<Object> result = new CompletableFuture<>();

    Load(String key, Thread owner) {
      super(key);
      this.owner = owner;
    }

    V await() {
      try {
        return unwrap(result.join());
      } catch (CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new CacheLoadException("loading in cache " + name + " failed", cause);
      }
    }
  }

  /** The freshest stale entry met on the way down, and whether its payload is still encoded. */
  private final class StaleCandidate {
    TierEntry<?> entry;
    boolean encoded;

    StaleCandidate(TierEntry<?> entry, boolean encoded) {
      this.entry = entry;
      this.encoded = encoded;
    }

    void offer(TierEntry<?> candidate, boolean candidateEncoded) {
      if (entry == null || candidate.expiresAt() > entry.expiresAt()) {
        entry = candidate;
        encoded = candidateEncoded;
      }
    }

    /** The stale value (or NOT_FOUND), or null if it cannot be decoded. */
    Object value() {
      if (entry.isNegative()) {
        return NOT_FOUND;
      }
      if (!encoded) {
        return entry.payload();
      }
      try {
        return encoder.decode((byte[]) entry.payload());
      } catch (CodecException e) {
        return null;
      }
    }
  }
}
