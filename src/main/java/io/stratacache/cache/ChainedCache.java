package io.stratacache.cache;

import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.Tier;
import io.stratacache.cache.tier.TierEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

  /** Recent tag, pattern and clear invalidations: what a grid or store read must not answer. */
  private final LateFills lateFills;

  private final TierWrites<V> writes;
  private final InvalidationRelay relay;
  private final String origin;

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
    this.writes =
        new TierWrites<>(
            tiers, writeBehind, encoder, lifetimes, clock, settings.clusterLoad().lease());
    this.lateFills = new LateFills(clock, settings.clusterLoad().lease(), writes.salt());
    this.reads =
        new TierReads<>(name, tiers, writeBehind, encoder, lifetimes, guard, counters, lateFills);
    this.origin = services.origin();
    this.relay = new InvalidationRelay(name, services.origin(), services.bus(), clock, guard, near);
    tiers.onRejoin(relay::flushNear);
    tiers.repairFence(this::repairFence);
  }

  /**
   * How a repair of {@code tier} fences fills and loads in flight (§8.5.2): its clear moves the
   * cache-wide epoch first and is noted as a clear here; other instances hear of it as an
   * invalidation of every key ({@code *}: not a clear, which a JCache takes for {@code clear()} and
   * answers by dropping its key index, though the store still holds the entries); repaired keys get
   * tombstones.
   */
  private GuardedTier.RepairFence<byte[]> repairFence(GuardedTier<byte[]> tier) {
    return new GuardedTier.RepairFence<>() {
      @Override
      public void beforeClear() {
        writes.moveEpochForRepair(FillFence.ALL, tier);
        lateFills.pattern(null, writes.mark(clock.millis()));
      }

      @Override
      public void afterClear() {
        relay.announce(InvalidationEvent.Kind.PATTERN, "*");
      }

      @Override
      public TierEntry<byte[]> tombstone() {
        return writes.tombstone();
      }
    };
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
    if (!observers.timeThisRead()) {
      try {
        return read(key, loader);
      } finally {
        observers.get(name, key, CacheObserver.UNTIMED);
      }
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
  public Map<String, V> getAll(Collection<String> keys, BulkLoader<? extends V> loader) {
    Objects.requireNonNull(loader, "loader");
    Set<String> distinct = new LinkedHashSet<>(keys);
    distinct.forEach(CacheArguments::checkKey);
    if (distinct.isEmpty()) {
      return new LinkedHashMap<>();
    }
    boolean observed = observers.active();
    long start = observed ? clock.nanoTime() : 0;
    Map<String, Object> results = new HashMap<>(distinct.size() * 2);
    try {
      readAll(distinct, loader, results);
    } finally {
      if (observed) {
        long each = (clock.nanoTime() - start) / distinct.size();
        for (String key : distinct) {
          observers.get(name, key, each);
        }
      }
    }
    Map<String, V> found = new LinkedHashMap<>();
    for (String key : distinct) {
      Object value = results.get(key);
      if (value != null && value != NOT_FOUND) {
        found.put(key, unwrap(value));
      }
    }
    return found;
  }

  /** Near for every key, then the single-flight bulk load of the rest. */
  private void readAll(
      Set<String> keys, BulkLoader<? extends V> loader, Map<String, Object> results) {
    Map<String, TierEntry<Object>> nearStale = new HashMap<>();
    List<String> rest = new ArrayList<>(keys.size());
    if (near == null) {
      rest.addAll(keys);
    } else {
      long now = clock.millis();
      Map<String, TierEntry<Object>> entries = near.getAll(keys, now);
      for (String key : keys) {
        TierEntry<Object> entry = entries.get(key);
        if (entry != null && now < entry.expiresAt()) {
          near.hit();
          if (lifetimes.refreshAhead(now, entry.expiresAt())) {
            refreshLater(key, loader.single());
          }
          if (entry.payload() == null) {
            counters.negativeHit();
          }
          results.put(key, entry.payload() == null ? NOT_FOUND : entry.payload());
          continue;
        }
        near.miss();
        if (entry != null && lifetimes.staleWhileRevalidate(now, entry.expiresAt())) {
          counters.staleHit();
          refreshLater(key, loader.single());
          results.put(key, entry.payload() == null ? NOT_FOUND : entry.payload());
          continue;
        }
        if (entry != null) {
          nearStale.put(key, entry);
        }
        rest.add(key);
      }
    }
    if (!rest.isEmpty()) {
      loadAll(rest, loader, nearStale, results);
    }
  }

  /**
   * The single-flight slow path of a batch: keys whose load is in flight are joined, the others are
   * claimed and loaded together; every claimed slot is completed and freed, whatever happens.
   */
  private void loadAll(
      List<String> keys,
      BulkLoader<? extends V> loader,
      Map<String, TierEntry<Object>> nearStale,
      Map<String, Object> results) {
    Map<String, SingleFlight.Load> mine = new LinkedHashMap<>();
    Map<String, SingleFlight.Load> joined = new LinkedHashMap<>();
    List<String> refresh = new ArrayList<>();
    try {
      for (String key : keys) {
        SingleFlight.Load load = flights.claim(key);
        (load.mine() ? mine : joined).put(key, load);
      }
      if (!mine.isEmpty()) {
        runLoadAll(mine, loader, nearStale, results, refresh);
      }
    } catch (Throwable t) {
      mine.values().forEach(load -> load.fail(t));
      throw t;
    } finally {
      mine.forEach(flights::finish);
    }
    for (String key : refresh) {
      refreshLater(key, loader.single());
    }
    for (Map.Entry<String, SingleFlight.Load> e : joined.entrySet()) {
      counters.miss();
      results.put(e.getKey(), e.getValue().await());
    }
  }

  /** Loads the claimed keys: near again, grid and store once each, then the loader once. */
  private void runLoadAll(
      Map<String, SingleFlight.Load> mine,
      BulkLoader<? extends V> loader,
      Map<String, TierEntry<Object>> nearStale,
      Map<String, Object> results,
      List<String> refresh) {
    long now = clock.millis();
    Map<String, SingleFlight.Load> open = new LinkedHashMap<>(mine);
    if (near != null) {
      // Another load may have published between our near miss and taking the slots.
      Map<String, TierEntry<Object>> entries = near.getAll(open.keySet(), now);
      entries.forEach(
          (key, entry) -> {
            if (entry.isFresh(now)) {
              near.missTurnedHit();
              if (entry.payload() == null) {
                counters.negativeHit();
              }
              Object value = entry.payload() == null ? NOT_FOUND : entry.payload();
              open.remove(key).complete(value);
              results.put(key, value);
            }
          });
    }
    Map<String, TierReads<V>.StaleCandidate> stale = new HashMap<>();
    for (String key : open.keySet()) {
      stale.put(key, reads.new StaleCandidate(nearStale.get(key)));
    }
    Map<String, Object> hits = reads.readAll(open, now, stale);
    hits.forEach(
        (key, value) -> {
          open.remove(key).complete(value);
          results.put(key, value);
        });
    for (Iterator<Map.Entry<String, SingleFlight.Load>> it = open.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, SingleFlight.Load> e = it.next();
      TierEntry<?> staleEntry = stale.get(e.getKey()).entry();
      if (staleEntry != null && lifetimes.staleWhileRevalidate(now, staleEntry.expiresAt())) {
        Object value = stale.get(e.getKey()).value();
        if (value != null) {
          counters.staleHit();
          e.getValue().complete(value);
          results.put(e.getKey(), value);
          refresh.add(e.getKey());
          it.remove();
        }
      }
    }
    if (open.isEmpty()) {
      return;
    }
    open.keySet().forEach(key -> counters.miss());
    Map<String, LoadCoordinator.Lease> leases = Map.of();
    Map<String, SingleFlight.Load> elsewhere = new LinkedHashMap<>();
    if (clusterLoads.coordinatesLoads(grid)) {
      leases = clusterLoads.acquireAll(open.keySet());
      if (leases != null) {
        for (Iterator<Map.Entry<String, SingleFlight.Load>> it = open.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<String, SingleFlight.Load> e = it.next();
          if (!leases.containsKey(e.getKey())) {
            elsewhere.put(e.getKey(), e.getValue());
            it.remove();
          }
        }
      } else {
        leases = Map.of();
      }
    }
    try {
      if (!open.isEmpty() && !leases.isEmpty()) {
        // Another instance may have published and released since our grid miss.
        Map<String, Object> published = reads.readAll(open, clock.millis(), new HashMap<>());
        published.forEach(
            (key, value) -> {
              open.remove(key).complete(value);
              results.put(key, value);
            });
      }
      if (!open.isEmpty()) {
        try {
          Map<String, Object> loaded = callLoaderAll(open, loader);
          loaded.forEach(
              (key, value) -> {
                open.get(key).complete(value);
                results.put(key, value);
              });
        } catch (RuntimeException | Error e) {
          serveStaleOnError(open, stale, now, results, e);
        }
      }
    } finally {
      leases.values().forEach(LoadCoordinator.Lease::close);
    }
    // Keys another instance is loading: the one-key path waits for it and reads the grid.
    for (Map.Entry<String, SingleFlight.Load> e : elsewhere.entrySet()) {
      String key = e.getKey();
      SingleFlight.Load load = e.getValue();
      CacheLoader<? extends V> one = loader.single();
      Object value =
          clusterLoads.load(
              key,
              () -> reads.readGrid(key, load, clock.millis()),
              () -> callLoader(key, one, load));
      load.complete(value);
      results.put(key, value);
    }
  }

  /**
   * A failed bulk load: keys with a stale value within stale-if-error are served it; if any key is
   * left, the failure is rethrown (and fails the remaining keys' waiters).
   */
  private void serveStaleOnError(
      Map<String, SingleFlight.Load> open,
      Map<String, TierReads<V>.StaleCandidate> stale,
      long now,
      Map<String, Object> results,
      Throwable failure) {
    boolean left = false;
    for (Map.Entry<String, SingleFlight.Load> e : open.entrySet()) {
      TierEntry<?> staleEntry = stale.get(e.getKey()).entry();
      Object value = null;
      if (staleEntry != null && lifetimes.staleIfError(now, staleEntry.expiresAt())) {
        value = stale.get(e.getKey()).value();
      }
      if (value != null) {
        counters.missTurnedStale();
        e.getValue().complete(value);
        results.put(e.getKey(), value);
      } else {
        left = true;
      }
    }
    if (left) {
      if (failure instanceof RuntimeException r) {
        throw r;
      }
      throw (Error) failure;
    }
    LOG.log(
        Level.FINE,
        "cache {0}: bulk loader failed for {1} keys, serving stale values: {2}",
        new Object[] {name, open.size(), failure.toString()});
  }

  /**
   * Calls the bulk loader once for {@code open}'s keys, publishes the answers (values and "not
   * found") of the keys still current in one bulk write per tier, and returns them by key.
   */
  private Map<String, Object> callLoaderAll(
      Map<String, SingleFlight.Load> open, BulkLoader<? extends V> loader) {
    long start = clock.nanoTime();
    Map<String, ? extends V> loaded;
    try {
      loaded = loader.loadAll(Collections.unmodifiableSet(new LinkedHashSet<>(open.keySet())));
    } catch (RuntimeException | Error e) {
      loadedAll(open.keySet(), start, true);
      throw e;
    } catch (Exception e) {
      loadedAll(open.keySet(), start, true);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new CacheLoadException(
          "loading " + open.size() + " keys in cache " + name + " failed", e);
    }
    if (loaded == null) {
      loadedAll(open.keySet(), start, true);
      throw new NullPointerException("bulk loader of cache " + name + " returned null");
    }
    loadedAll(open.keySet(), start, false);
    Map<String, Object> answers = new LinkedHashMap<>();
    Map<String, TierWrites<V>.Writes> entries = new HashMap<>();
    for (String key : open.keySet()) {
      V value = loaded.get(key);
      if (value != null && !type.isInstance(value)) {
        throw new ClassCastException(
            "cache "
                + name
                + " holds "
                + type.getName()
                + ", loader returned "
                + value.getClass().getName()
                + " for "
                + key);
      }
      answers.put(key, value == null ? NOT_FOUND : value);
      try {
        entries.put(key, writes.prepare(value, null, Set.of()));
      } catch (CodecException e) {
        counters.uncached();
        LOG.log(
            Level.WARNING,
            "cache {0}: loaded value for {1} not cached: {2}",
            new Object[] {name, key, e.getMessage()});
      }
    }
    Map<String, SingleFlight.Load> publishable = new HashMap<>();
    for (String key : entries.keySet()) {
      publishable.put(key, open.get(key));
    }
    guard.publishAll(publishable, current -> writes.publishAll(entries, current, publishable));
    return answers;
  }

  private void loadedAll(Collection<String> keys, long start, boolean failed) {
    long nanos = clock.nanoTime() - start;
    counters.loadedAll(keys.size(), nanos, failed);
    if (observers.active()) {
      long each = nanos / keys.size();
      for (String key : keys) {
        observers.load(name, key, each, failed);
      }
    }
  }

  @Override
  public Lookup<V> peek(String key) {
    CacheArguments.checkKey(key);
    if (!observers.active()) {
      return lookup(key);
    }
    if (!observers.timeThisRead()) {
      try {
        return lookup(key);
      } finally {
        observers.get(name, key, CacheObserver.UNTIMED);
      }
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
      if (!clusterLoads.coordinatesLoads(grid)) {
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
      guard.publish(ticket, () -> entries.publish(key, ticket));
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
      // what the shared tiers hold now, so that the conditional publication may replace it
      reads.observe(key, load, clock.millis());
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
  public FillFence openFill(Collection<String> keys, Set<String> tags) {
    Objects.requireNonNull(tags, "tags");
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a fill writes at least one key");
    }
    Map<String, PublicationGuard.Ticket> tickets = new HashMap<>();
    for (String key : keys) {
      CacheArguments.checkKey(key);
      tickets.put(key, guard.ticket(key, tags));
    }
    tags.forEach(CacheArguments::checkTag);
    return new FillFence(
        guard, Map.copyOf(tickets), Set.copyOf(tags), writes.epochs(subjects(tags)));
  }

  private static List<String> subjects(Set<String> tags) {
    List<String> subjects = new ArrayList<>(tags.size() + 1);
    subjects.add(FillFence.ALL);
    for (String tag : tags) {
      subjects.add(FillFence.tagSubject(tag));
    }
    return subjects;
  }

  @Override
  public boolean putIfCurrent(
      FillFence fence, String key, V value, Duration ttl, Set<String> tags) {
    Objects.requireNonNull(fence, "fence");
    CacheArguments.checkPut(name, type, key, value, ttl, tags);
    if (fence.guard != guard) {
      throw new IllegalArgumentException("the fence was opened on another cache than " + name);
    }
    if (!fence.tags.containsAll(tags)) {
      throw new IllegalArgumentException(
          "tags " + tags + " not all named by the fence " + fence.tags);
    }
    TierWrites<V>.Writes entries = writes.prepare(value, ttl, tags);
    PublicationGuard.Ticket ticket = fence.ticket(key);
    List<String> subjects = fence.seen == null ? List.of() : List.copyOf(fence.seen.keySet());
    if (fence.seen != null && fence.moved(writes.epochs(subjects))) {
      counters.uncached();
      return false; // another instance invalidated since the fill began
    }
    if (fence.seen != null && lateFills.unheard(fence.seen, clock.millis())) {
      counters.uncached();
      return false; // another instance invalidated just before: its events may not be here yet
    }
    if (fence.seen == null && grid != null) {
      // The grid's epochs could not be read when the fill opened (a failed or timed-out call, an
      // open breaker): nothing would tell this fill of another instance's invalidation since, and
      // in the grid every instance, the writer's own included, would serve it. Only this
      // instance's near tier keeps it, which the writer's event still reaches (and the guard
      // refuses it if that event came first).
      if (!guard.publishAsWrite(ticket, () -> entries.applyNear(key))) {
        counters.uncached();
        return false;
      }
      counters.put();
      return true;
    }
    boolean[] takenBack = {false};
    boolean stored =
        guard.publishAsWrite(
            ticket,
            () -> {
              entries.applyShared(key);
              // An invalidation that moved an epoch after our check above may have removed its
              // entries before our write landed: look again, and take the write back if so.
              if (fence.seen != null && fence.moved(writes.epochs(subjects))) {
                writes.remove(key);
                takenBack[0] = true;
                return;
              }
              entries.applyNear(key);
            });
    if (takenBack[0]) {
      // instances that read the taken-back value from the grid meanwhile drop their near copies
      relay.announce(InvalidationEvent.Kind.KEY, key);
    }
    if (!stored || takenBack[0]) {
      counters.uncached();
      return false;
    }
    counters.put();
    rememberFill(key, tags);
    return true;
  }

  @Override
  public void putAll(Map<String, ? extends V> values, Duration ttl, Set<String> tags) {
    Objects.requireNonNull(values, "values");
    values.forEach((key, value) -> CacheArguments.checkPut(name, type, key, value, ttl, tags));
    if (values.isEmpty()) {
      return;
    }
    boolean observed = observers.active();
    long start = observed ? clock.nanoTime() : 0;
    Map<String, TierWrites<V>.Writes> entries = new HashMap<>(values.size() * 2);
    values.forEach((key, value) -> entries.put(key, writes.prepare(value, ttl, tags)));
    List<String> keys = new ArrayList<>(values.keySet());
    for (int i = 0; i < keys.size(); i++) {
      counters.put();
    }
    guard.writeKeys(keys, () -> writes.applyAll(entries, keys, settings.writePolicy()));
    for (String key : keys) {
      relay.announce(InvalidationEvent.Kind.KEY, key);
    }
    if (observed) {
      long each = (clock.nanoTime() - start) / keys.size();
      for (String key : keys) {
        observers.put(name, key, each);
      }
    }
  }

  @Override
  public void invalidateAll(Collection<String> keys) {
    Objects.requireNonNull(keys, "keys");
    List<String> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
    distinct.forEach(CacheArguments::checkKey);
    if (distinct.isEmpty()) {
      return;
    }
    guard.writeKeys(distinct, () -> writes.removeAll(distinct));
    for (String key : distinct) {
      relay.announce(InvalidationEvent.Kind.KEY, key);
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
    guard.writeTag(
        tag,
        () -> {
          // the epoch first: a fill on any instance that read it before sees it moved (§8.5)
          writes.moveEpoch(FillFence.tagSubject(tag));
          lateFills.tag(tag, writes.mark(clock.millis()));
          writes.removeAll(
              tier -> tier.removeByTag(tag), (key, entry) -> entry.tags().contains(tag));
        });
    relay.announce(InvalidationEvent.Kind.TAG, tag);
  }

  @Override
  public void invalidateByPattern(String glob) {
    KeyPattern pattern = KeyPattern.glob(glob);
    guard.writeAll(
        () -> {
          writes.moveEpoch(FillFence.ALL);
          lateFills.pattern(pattern, writes.mark(clock.millis()));
          writes.removeAll(
              tier -> tier.removeByPattern(pattern), (key, entry) -> pattern.matches(key));
        });
    relay.announce(InvalidationEvent.Kind.PATTERN, glob);
  }

  @Override
  public void clear() {
    guard.writeAll(
        () -> {
          writes.moveEpoch(FillFence.ALL);
          lateFills.pattern(null, writes.mark(clock.millis()));
          writes.removeAll(GuardedTier::clear, (key, entry) -> true);
        });
    relay.announce(InvalidationEvent.Kind.CLEAR, "");
  }

  @Override
  public <T> T exclusive(String key, java.util.function.Supplier<T> action) {
    CacheArguments.checkKey(key);
    Objects.requireNonNull(action, "action");
    if (!clusterLoads.applies(grid)) {
      return action.get();
    }
    return clusterLoads.exclusive(
        key,
        () -> {
          // another instance's last change is in the grid; its event may not have reached us yet
          evictNear(key);
          return action.get();
        });
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
    if (!origin.equals(event.origin()) && !event.isLossNotice()) {
      switch (event.kind()) {
        case TAG -> lateFills.tag(event.subject());
        case PATTERN -> lateFills.pattern(KeyPattern.glob(event.subject()));
        case CLEAR -> lateFills.pattern(null);
        default -> {}
      }
    }
    relay.receive(event);
    if (!recentFills.isEmpty() && !origin.equals(event.origin()) && !event.isLossNotice()) {
      retractFills(event);
    }
    if (!remoteListeners.isEmpty() && !origin.equals(event.origin()) && !event.isLossNotice()) {
      for (java.util.function.Consumer<InvalidationEvent> l : remoteListeners) {
        try {
          l.accept(event);
        } catch (RuntimeException e) {
          LOG.log(java.util.logging.Level.WARNING, "cache " + name + ": change listener failed", e);
        }
      }
    }
  }

  private final java.util.concurrent.CopyOnWriteArrayList<
          java.util.function.Consumer<InvalidationEvent>>
      remoteListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  @Override
  public AutoCloseable onRemoteChange(java.util.function.Consumer<InvalidationEvent> listener) {
    java.util.Objects.requireNonNull(listener, "listener");
    remoteListeners.add(listener);
    return () -> remoteListeners.remove(listener);
  }

  /**
   * The fenced fills this instance stored recently (key → tags, stored at): a fill whose source
   * read an answer derived from another cache of this instance (the response cache over {@code
   * brand-stats}) can be built from that cache's near copy before the writer's invalidation event
   * of it arrived, i.e. after the writer's tag invalidation, which the fill's epochs then do not
   * show. Such a fill was stored before the writer's event of this cache arrives here (events of
   * one origin arrive in order), so that event takes it back out of every tier.
   */
  private final java.util.concurrent.ConcurrentHashMap<String, RecentFill> recentFills =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record RecentFill(Set<String> tags, long storedAt) {}

  private void rememberFill(String key, Set<String> tags) {
    long now = clock.millis();
    recentFills.put(key, new RecentFill(tags, now));
    if (recentFills.size() > 1024) {
      long oldest = now - settings.clusterLoad().lease().toMillis();
      recentFills.values().removeIf(f -> f.storedAt() < oldest);
    }
  }

  /** Takes back this instance's recent fills that another instance's bulk invalidation covers. */
  private void retractFills(InvalidationEvent event) {
    long oldest = clock.millis() - settings.clusterLoad().lease().toMillis();
    List<String> covered = new ArrayList<>();
    KeyPattern pattern =
        event.kind() == InvalidationEvent.Kind.PATTERN ? KeyPattern.glob(event.subject()) : null;
    for (Map.Entry<String, RecentFill> e : recentFills.entrySet()) {
      RecentFill f = e.getValue();
      if (f.storedAt() < oldest) {
        recentFills.remove(e.getKey(), f);
        continue;
      }
      boolean hit =
          switch (event.kind()) {
            case TAG -> f.tags().contains(event.subject());
            case PATTERN -> pattern.matches(e.getKey());
            case CLEAR -> true;
            default -> false;
          };
      if (hit && recentFills.remove(e.getKey(), f)) {
        covered.add(e.getKey());
      }
    }
    if (covered.isEmpty()) {
      return;
    }
    Runnable retract =
        () -> {
          try {
            invalidateAll(covered);
          } catch (RuntimeException ex) {
            LOG.log(
                Level.WARNING,
                "cache {0}: {1} recent fills not taken back: {2}",
                new Object[] {name, covered.size(), ex.toString()});
          }
        };
    try {
      executor.execute(retract); // not on the bus's listener thread: grid calls
    } catch (RejectedExecutionException ex) {
      retract.run();
    }
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
