package io.stratacache.cache.jcache;

import io.stratacache.cache.InvalidationEvent;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.codec.Codec;
import io.stratacache.cache.codec.CodecException;
import io.stratacache.cache.codec.Codecs;
import java.io.Closeable;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;
import javax.management.ObjectName;

/**
 * A {@link javax.cache.Cache} over one tiered cache: the whole JSR-107 API (see docs/jcache.md for
 * the contract).
 *
 * <p>Keys become the tiered cache's string keys: a {@link TieredCacheKey} by its value, a non-empty
 * {@code String} as it is, a boxed primitive, enum or UUID by {@code String.valueOf}; any other key
 * by a SHA-256 digest of its serialized form (so equal keys must serialize alike, as value objects
 * do). Values live in the tiers as they are, so the annotations and this view share entries; with
 * store-by-value (the default) the value is copied through the cache's codec on the way in and on
 * the way out.
 *
 * <p>The adapter keeps, per entry written or read through it, the original key and the JSR-107
 * expiry time: that index serves iteration and the expiry policy's exact times, while every tier
 * keeps the entry for the same remaining time (a put with that TTL). Compound operations, the
 * loader, the writer and entry processors run under a per-key lock of this instance. Thread-safe.
 */
final class TieredJCache<K, V> implements Cache<K, V> {

  private static final Logger LOG = Logger.getLogger(TieredJCache.class.getName());

  /** Extra time the tiers keep an entry past its JSR-107 expiry (which the adapter enforces). */
  private static final long TIER_SLACK_MILLIS = 1000;

  private final TieredCache<Object> cache;
  private final TieredCacheManager manager;
  private final String name;
  private final MutableConfiguration<K, V> configuration;
  private final CacheLoader<K, V> loader;
  private final CacheWriter<Object, Object> writer;
  private final ExpiryPolicy expiry;

  /**
   * Whether an access never changes an entry's expiry: the policy is one of the standard ones whose
   * {@code getExpiryForAccess()} is always null (eternal, created, modified). Then a plain hit
   * needs neither the key's lock nor a call to the policy, and {@link #get} answers it without
   * either.
   */
  private final boolean accessKeepsExpiry;

  private final Codec<Object> codec;
  private final boolean byValue;
  private final ConcurrentHashMap<String, Meta<K>> index = new ConcurrentHashMap<>();
  private final ReentrantLock[] stripes = new ReentrantLock[64];
  private final CopyOnWriteArrayList<Registration<K, V>> listeners = new CopyOnWriteArrayList<>();
  private final JCacheStatistics statistics = new JCacheStatistics();
  private final JCacheManagement management;
  private volatile ExecutorService asyncEvents;
  private final AutoCloseable remoteChanges;
  private volatile boolean closed;

  /**
   * Whether this view's keys are the tiered keys themselves, as {@link TieredCacheKey}s: the
   * application manager's view of an annotation-driven cache, whose keys the annotations make. A
   * change another instance makes to any key is then announced under that key.
   */
  private final boolean generatedKeys;

  TieredJCache(
      TieredCache<Object> cache,
      TieredCacheManager manager,
      String name,
      MutableConfiguration<K, V> configuration,
      List<String> codecAllow) {
    this(cache, manager, name, configuration, codecAllow, false);
  }

  TieredJCache(
      TieredCache<Object> cache,
      TieredCacheManager manager,
      String name,
      MutableConfiguration<K, V> configuration,
      List<String> codecAllow,
      boolean generatedKeys) {
    this.generatedKeys = generatedKeys;
    this.cache = cache;
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.byValue = configuration.isStoreByValue();
    Factory<CacheLoader<K, V>> loaderFactory = configuration.getCacheLoaderFactory();
    this.loader = loaderFactory == null ? null : loaderFactory.create();
    Factory<CacheWriter<? super K, ? super V>> writerFactory =
        configuration.getCacheWriterFactory();
    @SuppressWarnings("unchecked")
    CacheWriter<Object, Object> w =
        configuration.isWriteThrough() && writerFactory != null
            ? (CacheWriter<Object, Object>) writerFactory.create()
            : null;
    this.writer = w;
    Factory<ExpiryPolicy> expiryFactory = configuration.getExpiryPolicyFactory();
    ExpiryPolicy policy = expiryFactory == null ? null : expiryFactory.create();
    this.expiry = policy == null ? new EternalExpiryPolicy() : policy;
    Class<?> policyType = this.expiry.getClass();
    this.accessKeepsExpiry =
        policyType == EternalExpiryPolicy.class
            || policyType == javax.cache.expiry.CreatedExpiryPolicy.class
            || policyType == javax.cache.expiry.ModifiedExpiryPolicy.class;
    List<String> allow = new ArrayList<>(codecAllow);
    allow.addAll(cache.settings().codecAllow());
    for (Class<?> type : List.of(configuration.getKeyType(), configuration.getValueType())) {
      if (type != Object.class && !type.isPrimitive() && type.getPackage() != null) {
        allow.add(type.getName());
        allow.add(type.getPackageName() + ".*");
      }
    }
    this.codec = Codecs.binary(Object.class, allow);
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
    this.management = new JCacheManagement(this::configuration);
    for (CacheEntryListenerConfiguration<K, V> l :
        configuration.getCacheEntryListenerConfigurations()) {
      listeners.add(new Registration<>(l));
    }
    this.remoteChanges = cache.onRemoteChange(this::remoteChange);
    if (configuration.isStatisticsEnabled()) {
      registered("CacheStatistics", statistics, true);
    }
    if (configuration.isManagementEnabled()) {
      registered("CacheConfiguration", management, true);
    }
  }

  // ---- keys, copies, expiry

  /**
   * Keys that cannot be serialized, by equality: their tiered keys are allocated here (valid in
   * this instance only; such keys cannot be shared across a cluster).
   */
  private final ConcurrentHashMap<Object, String> unserializableKeys = new ConcurrentHashMap<>();

  private final java.util.concurrent.atomic.AtomicLong keySequence =
      new java.util.concurrent.atomic.AtomicLong();

  private String keyOf(Object key) {
    Objects.requireNonNull(key, "key");
    if (key instanceof java.io.Serializable || simple(key)) {
      return canonicalKey(key);
    }
    String known = unserializableKeys.get(key);
    if (known != null) {
      return known;
    }
    return unserializableKeys.computeIfAbsent(
        key,
        k ->
            "~"
                + k.getClass().getSimpleName()
                + ":"
                + Integer.toHexString(k.hashCode())
                + "#"
                + keySequence.incrementAndGet());
  }

  private static boolean simple(Object key) {
    return key instanceof TieredCacheKey || key instanceof String;
  }

  /** The tiered cache's key for a JSR-107 key that is a string or serializable. */
  static String canonicalKey(Object key) {
    Objects.requireNonNull(key, "key");
    if (key instanceof TieredCacheKey k) {
      return k.value();
    }
    if (key instanceof String s && !s.isEmpty() && s.length() <= 400 && !s.startsWith("~")) {
      return s;
    }
    if (key instanceof Number
        || key instanceof Boolean
        || key instanceof Character
        || key instanceof Enum<?>
        || key instanceof UUID) {
      return String.valueOf(key);
    }
    return "~" + key.getClass().getSimpleName() + ":" + digest(key);
  }

  private static String digest(Object key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      if (key instanceof String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
      } else {
        try (ObjectOutputStream out = new ObjectOutputStream(new DigestStream(sha))) {
          out.writeObject(key);
        } catch (NotSerializableException e) {
          throw new IllegalArgumentException(
              "key of " + key.getClass().getName() + " is not serializable", e);
        }
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new CacheException("cannot digest key " + key, e);
    }
  }

  private static final class DigestStream extends OutputStream {
    private final MessageDigest sha;

    DigestStream(MessageDigest sha) {
      this.sha = sha;
    }

    @Override
    public void write(int b) {
      sha.update((byte) b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      sha.update(b, off, len);
    }
  }

  @SuppressWarnings("unchecked")
  private <T> T copy(T value) {
    if (!byValue || value == null || Immutables.immutable(value)) {
      return value;
    }
    try {
      return (T) codec.decode(codec.encode(value));
    } catch (CodecException e) {
      throw new CacheException("cannot copy a " + value.getClass().getName() + " by value", e);
    }
  }

  private static long expireAt(Duration d, long now) {
    if (d.isEternal()) {
      return Long.MAX_VALUE;
    }
    return d.getAdjustedTime(now);
  }

  private Duration creationExpiry() {
    try {
      Duration d = expiry.getExpiryForCreation();
      return d == null ? Duration.ETERNAL : d;
    } catch (Throwable t) {
      return Duration.ETERNAL;
    }
  }

  private Duration updateExpiry() {
    try {
      return expiry.getExpiryForUpdate();
    } catch (Throwable t) {
      return null;
    }
  }

  private Duration accessExpiry() {
    try {
      return expiry.getExpiryForAccess();
    } catch (Throwable t) {
      return null;
    }
  }

  private java.time.Duration tierTtl(long expireAt, long now) {
    if (expireAt == Long.MAX_VALUE) {
      return null;
    }
    return java.time.Duration.ofMillis(Math.max(1, expireAt - now) + TIER_SLACK_MILLIS);
  }

  // ---- the entry state

  /** What the adapter knows of an entry beside its value. */
  private static final class Meta<K> {
    final K key;
    volatile long expireAt;

    Meta(K key, long expireAt) {
      this.key = key;
      this.expireAt = expireAt;
    }
  }

  /** An entry's current value, or null; an expired entry is removed and announced. */
  @SuppressWarnings("unchecked")
  private V current(K key, String k, long now, List<Event<K, V>> events) {
    Lookup<Object> found = cache.peek(k);
    Meta<K> meta = index.get(k);
    if (!(found instanceof Lookup.Present<Object> present)) {
      if (meta != null) {
        index.remove(k, meta);
      }
      return null;
    }
    if (meta == null) {
      // Written by the annotations or another instance: known from now on, with no expiry of its
      // own (the tiers' TTLs apply).
      meta = new Meta<>(copy(key), Long.MAX_VALUE);
      Meta<K> raced = index.putIfAbsent(k, meta);
      meta = raced == null ? meta : raced;
    }
    if (now >= meta.expireAt) {
      V old = (V) present.value();
      cache.invalidate(k);
      index.remove(k, meta);
      events.add(new Event<>(this, EventType.EXPIRED, meta.key, old, old));
      return null;
    }
    return (V) present.value();
  }

  /** Applies the access expiry to a found entry. */
  private void accessed(String k, V value, long now) {
    Duration d = accessExpiry();
    Meta<K> meta = index.get(k);
    if (d == null || meta == null) {
      return;
    }
    if (d.isZero()) {
      meta.expireAt = now;
      return;
    }
    long at = expireAt(d, now);
    meta.expireAt = at;
    cache.put(k, value, tierTtl(at, now), Set.of());
  }

  /**
   * Stores {@code value} (already copied) for {@code key}; {@code exists} tells creation from
   * update for the expiry policy. An entry the tiers keep for their own TTL (no JSR-107 expiry)
   * goes into {@code bulk} when one is given, for the caller's single {@code putAll}; any other
   * straight to the tiers. Returns false when the policy expired the entry at once.
   */
  private boolean store(
      K key, String k, V value, boolean exists, long now, Map<String, Object> bulk) {
    Duration d = exists ? updateExpiry() : creationExpiry();
    Meta<K> meta = index.get(k);
    long at;
    if (d == null) {
      at = meta == null ? Long.MAX_VALUE : meta.expireAt;
    } else if (d.isZero()) {
      if (exists) {
        cache.invalidate(k);
        index.remove(k);
      }
      return false;
    } else {
      at = expireAt(d, now);
    }
    java.time.Duration ttl = tierTtl(at, now);
    if (ttl == null && bulk != null) {
      bulk.put(k, value);
    } else {
      cache.put(k, value, ttl, Set.of());
    }
    index.put(k, new Meta<>(meta == null ? copy(key) : meta.key, at));
    return true;
  }

  private void delete(String k) {
    cache.invalidate(k);
    Meta<K> meta = index.remove(k);
    if (meta != null && !unserializableKeys.isEmpty()) {
      unserializableKeys.remove(meta.key, k);
    }
  }

  // ---- one operation on one key

  /**
   * One operation on one key, run under the key's lock ({@link #run}): the entry as the operation
   * found it, and the changes it makes, each with its writer call, statistics and event. The events
   * collect in the list given, for the caller to dispatch once the lock is released; which average
   * times the operation adds to is marked by {@code time*}. Confined to one thread.
   */
  private final class Op {
    final K key;
    final String k;
    final List<Event<K, V>> events;
    long now;

    /** The entry's current value, or null (absent, or expired just now). */
    V previous;

    private boolean timedGet;
    private boolean timedPut;
    private boolean timedRemove;

    Op(K key, String k, List<Event<K, V>> events) {
      this.key = key;
      this.k = k;
      this.events = events;
    }

    <T> T run(Function<Op, T> body) {
      return locked(
          k,
          () -> {
            now = System.currentTimeMillis();
            previous = current(key, k, now, events);
            return body.apply(this);
          });
    }

    boolean found() {
      return previous != null;
    }

    /** Counts the lookup: a hit when the entry was found, else a miss. */
    Op count() {
      counted(found());
      return this;
    }

    Op timeGet() {
      timedGet = true;
      return this;
    }

    Op timePut() {
      timedPut = true;
      return this;
    }

    Op timeRemove() {
      timedRemove = true;
      return this;
    }

    void time(long startNanos) {
      if (!stats()) {
        return;
      }
      if (timedGet) {
        statistics.getTime(startNanos);
      }
      if (timedPut) {
        statistics.putTime(startNanos);
      }
      if (timedRemove) {
        statistics.removeTime(startNanos);
      }
    }

    /**
     * The read of a conditional operation: counted and timed as a get; true when the entry was
     * found and equals {@code expected}, else false (an entry found with another value gets the
     * access expiry).
     */
    boolean holds(V expected) {
      timeGet().count();
      if (found() && !previous.equals(expected)) {
        touch();
        return false;
      }
      return found();
    }

    /** Applies the access expiry to the entry found. */
    void touch() {
      accessed(k, previous, now);
    }

    /** The loader's value for the key, copied, or null. */
    V load() {
      V loaded = loadOne(key);
      return loaded == null ? null : copy(loaded);
    }

    /**
     * Keeps {@code stored} (already copied; the writer is not called) as the entry, a creation or
     * an update as the entry was found, with its event. Returns false when the expiry policy
     * expired it at once. {@code bulk}: see {@link #store}.
     */
    boolean keep(V stored, Map<String, Object> bulk) {
      if (!store(key, k, stored, found(), now, bulk)) {
        return false;
      }
      events.add(
          found()
              ? new Event<>(TieredJCache.this, EventType.UPDATED, key, stored, previous)
              : new Event<>(TieredJCache.this, EventType.CREATED, key, stored, null));
      return true;
    }

    /** Writes {@code value} through the writer, then keeps a copy, counting the put. */
    boolean put(V value) {
      write(key, value);
      boolean kept = keep(copy(value), null);
      if (kept && stats()) {
        statistics.puts(1);
      }
      return kept;
    }

    /** Deletes the entry through the writer and from the tiers; true when it was found. */
    boolean remove() {
      writeDelete(key);
      delete(k);
      return removed();
    }

    /** Announces and counts the removal of the entry found; true when there was one. */
    boolean removed() {
      if (!found()) {
        return false;
      }
      events.add(new Event<>(TieredJCache.this, EventType.REMOVED, key, previous, previous));
      if (stats()) {
        statistics.removals(1);
      }
      return true;
    }
  }

  private Op op(K key, List<Event<K, V>> events) {
    return new Op(key, keyOf(key), events);
  }

  /**
   * Runs {@code body} as one operation on {@code key}: under the key's lock, then its average times
   * recorded and its events dispatched. A failure in {@code body} (the writer's, the loader's, the
   * processor's) reaches the caller with no time recorded and no event sent.
   */
  private <T> T mutate(K key, Function<Op, T> body) {
    long start = System.nanoTime();
    Op op = op(key, new ArrayList<>(2));
    T result = op.run(body);
    op.time(start);
    dispatch(op.events);
    return result;
  }

  /**
   * A hit answered without the key's lock (only where {@link #accessKeepsExpiry}): the entry is in
   * the tiers, known to this view and not past its expiry, so the locked path would only count and
   * return it. A read racing a write sees the value before or after it, as under the lock; anything
   * else (absent, unknown to the view, expired) returns null for the locked path to decide. Counts
   * and times the hit.
   */
  @SuppressWarnings("unchecked")
  private V unlockedHit(K key) {
    boolean stats = stats();
    long start = stats && statistics.timeFastHit() ? System.nanoTime() : 0;
    String k = keyOf(key);
    Meta<K> meta = index.get(k);
    if (meta == null) {
      return null;
    }
    long expireAt = meta.expireAt;
    if (expireAt != Long.MAX_VALUE && System.currentTimeMillis() >= expireAt) {
      return null;
    }
    if (!(cache.peek(k) instanceof Lookup.Present<Object> present)) {
      return null;
    }
    if (stats) {
      statistics.fastHit(start);
    }
    return (V) present.value();
  }

  /** Reads an entry under its lock with the access expiry; null when absent. Counts nothing. */
  private V read(K key, String k, List<Event<K, V>> events) {
    return new Op(key, k, events)
        .run(
            op -> {
              if (op.found()) {
                op.touch();
              }
              return op.previous;
            });
  }

  // ---- guards

  private void open() {
    if (closed || manager.isClosed()) {
      throw new IllegalStateException("cache " + name + " is closed");
    }
  }

  private boolean stats() {
    return configuration.isStatisticsEnabled();
  }

  private void counted(boolean hit) {
    if (stats()) {
      if (hit) {
        statistics.hits(1);
      } else {
        statistics.misses(1);
      }
    }
  }

  private <T> T locked(String k, Supplier<T> action) {
    ReentrantLock lock = stripes[(k.hashCode() & 0x7fffffff) % stripes.length];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private static <T> T requireNonNull(T value, String what) {
    return Objects.requireNonNull(value, what);
  }

  /** The guards of a single-entry write: open, neither key nor value null. */
  private void requireEntry(K key, V value) {
    open();
    requireNonNull(key, "key");
    requireNonNull(value, "value");
  }

  /** The guards of a bulk operation: open, neither the set nor any key null. */
  private void requireKeys(Set<? extends K> keys) {
    open();
    requireNonNull(keys, "keys");
    for (K key : keys) {
      requireNonNull(key, "key");
    }
  }

  /**
   * Calls a loader, a writer or an entry processor: a failure of the given {@code type} reaches the
   * caller as it is, any other exception wrapped in one.
   */
  private static <T, X extends CacheException> T call(
      Callable<T> body, Class<X> type, Function<Exception, X> wrap) {
    try {
      return body.call();
    } catch (Exception e) {
      throw type.isInstance(e) ? type.cast(e) : wrap.apply(e);
    }
  }

  private void write(K key, V value) {
    if (writer != null) {
      call(
          () -> {
            writer.write(new CacheEntry<>(key, value));
            return null;
          },
          CacheWriterException.class,
          CacheWriterException::new);
    }
  }

  private void writeDelete(K key) {
    if (writer != null) {
      call(
          () -> {
            writer.delete(key);
            return null;
          },
          CacheWriterException.class,
          CacheWriterException::new);
    }
  }

  private V loadOne(K key) {
    return call(() -> loader.load(key), CacheLoaderException.class, CacheLoaderException::new);
  }

  private Map<K, V> loadAllFromLoader(Set<K> keys) {
    Map<K, V> loaded =
        call(() -> loader.loadAll(keys), CacheLoaderException.class, CacheLoaderException::new);
    return loaded == null ? Map.of() : loaded;
  }

  private boolean readThrough() {
    return configuration.isReadThrough() && loader != null;
  }

  // ---- reads

  @Override
  public V get(K key) {
    open();
    requireNonNull(key, "key");
    if (accessKeepsExpiry) {
      V hit = unlockedHit(key);
      if (hit != null) {
        return copy(hit);
      }
    }
    return copy(
        mutate(
            key,
            op -> {
              op.timeGet().count();
              if (op.found()) {
                op.touch();
                return op.previous;
              }
              V loaded = readThrough() ? op.load() : null;
              if (loaded != null) {
                op.keep(loaded, null);
              }
              return loaded;
            }));
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    requireKeys(keys);
    long start = System.nanoTime();
    List<Event<K, V>> events = new ArrayList<>();
    Map<K, V> found = new LinkedHashMap<>();
    Set<K> missing = new LinkedHashSet<>();
    for (K key : keys) {
      V value = read(key, keyOf(key), events);
      counted(value != null);
      if (value != null) {
        found.put(key, copy(value));
      } else {
        missing.add(key);
      }
    }
    if (!missing.isEmpty() && readThrough()) {
      for (Map.Entry<K, V> e : loadAllFromLoader(missing).entrySet()) {
        if (e.getKey() == null || e.getValue() == null || !missing.contains(e.getKey())) {
          continue;
        }
        V stored = copy(e.getValue());
        op(e.getKey(), events).run(op -> op.keep(stored, null));
        found.put(e.getKey(), copy(stored));
      }
    }
    if (stats()) {
      statistics.getTime(start);
    }
    dispatch(events);
    return found;
  }

  @Override
  public boolean containsKey(K key) {
    open();
    requireNonNull(key, "key");
    List<Event<K, V>> events = new ArrayList<>(1);
    boolean present = op(key, events).run(Op::found);
    dispatch(events);
    return present;
  }

  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    requireKeys(keys);
    if (loader == null) {
      if (listener != null) {
        listener.onCompletion();
      }
      return;
    }
    Set<K> wanted = new LinkedHashSet<>(keys);
    Runnable task =
        () -> {
          try {
            Set<K> toLoad = new LinkedHashSet<>();
            for (K key : wanted) {
              if (replaceExistingValues || !containsKey(key)) {
                toLoad.add(key);
              }
            }
            if (!toLoad.isEmpty()) {
              List<Event<K, V>> events = new ArrayList<>();
              for (Map.Entry<K, V> e : loadAllFromLoader(toLoad).entrySet()) {
                if (e.getKey() == null || e.getValue() == null) {
                  continue;
                }
                V stored = copy(e.getValue());
                op(e.getKey(), events)
                    .run(op -> (replaceExistingValues || !op.found()) && op.keep(stored, null));
              }
              dispatch(events);
            }
            if (listener != null) {
              listener.onCompletion();
            }
          } catch (Exception e) {
            if (listener != null) {
              listener.onException(
                  e instanceof CacheLoaderException ? e : new CacheLoaderException(e));
            }
          }
        };
    manager.executor().execute(task);
  }

  // ---- writes

  @Override
  public void put(K key, V value) {
    requireEntry(key, value);
    putInternal(key, value, false);
  }

  @Override
  public V getAndPut(K key, V value) {
    requireEntry(key, value);
    return putInternal(key, value, true);
  }

  /** A put; counts a hit or a miss and returns the old value when {@code wantOld}. */
  private V putInternal(K key, V value, boolean wantOld) {
    return copy(
        mutate(
            key,
            op -> {
              op.timePut().put(value);
              if (wantOld) {
                op.timeGet().count();
              }
              return op.previous;
            }));
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    open();
    requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
      requireNonNull(e.getKey(), "key");
      requireNonNull(e.getValue(), "value");
    }
    long start = System.nanoTime();
    Map<K, V> toStore = new LinkedHashMap<>(map);
    CacheWriterException failure = null;
    if (writer != null) {
      List<Cache.Entry<?, ?>> entries = new ArrayList<>();
      for (Map.Entry<K, V> e : toStore.entrySet()) {
        entries.add(new CacheEntry<>(e.getKey(), e.getValue()));
      }
      try {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Collection<Cache.Entry<?, ?>> raw = (Collection) entries;
        writer.writeAll((Collection) raw);
      } catch (Exception e) {
        failure = e instanceof CacheWriterException w ? w : new CacheWriterException(e);
        // What the writer left in the collection was not written: not cached either.
        for (Cache.Entry<?, ?> left : entries) {
          toStore.remove(left.getKey());
        }
      }
    }
    List<Event<K, V>> events = new ArrayList<>();
    Map<String, Object> bulk = new LinkedHashMap<>();
    int kept = 0;
    for (Map.Entry<K, V> e : toStore.entrySet()) {
      V stored = copy(e.getValue());
      if (op(e.getKey(), events).run(op -> op.keep(stored, bulk))) {
        kept++;
      }
    }
    if (!bulk.isEmpty()) {
      cache.putAll(bulk);
    }
    if (stats()) {
      statistics.puts(kept);
      statistics.putTime(start);
    }
    dispatch(events);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    requireEntry(key, value);
    return mutate(
        key,
        op -> {
          if (op.found()) {
            op.count();
            return false;
          }
          op.timePut().put(value);
          op.count();
          return true;
        });
  }

  @Override
  public boolean remove(K key) {
    open();
    requireNonNull(key, "key");
    return mutate(
        key,
        op -> {
          boolean removed = op.remove();
          if (removed) {
            op.timeRemove();
          }
          return removed;
        });
  }

  @Override
  public boolean remove(K key, V oldValue) {
    requireEntry(key, oldValue);
    return mutate(key, op -> op.holds(oldValue) && op.timeRemove().remove());
  }

  @Override
  public V getAndRemove(K key) {
    open();
    requireNonNull(key, "key");
    return copy(
        mutate(
            key,
            op -> {
              op.timeGet().remove();
              op.count();
              if (op.found()) {
                op.timeRemove();
              }
              return op.previous;
            }));
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    requireEntry(key, oldValue);
    requireNonNull(newValue, "newValue");
    return mutate(
        key,
        op -> {
          if (!op.holds(oldValue)) {
            return false;
          }
          op.timePut().put(newValue);
          return true;
        });
  }

  @Override
  public boolean replace(K key, V value) {
    requireEntry(key, value);
    return replaceInternal(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    requireEntry(key, value);
    return copy(replaceInternal(key, value));
  }

  /** Replaces an existing entry; returns its old value, or null when there was none. */
  private V replaceInternal(K key, V value) {
    return mutate(
        key,
        op -> {
          op.timeGet();
          if (op.found()) {
            op.timePut().put(value);
          }
          op.count();
          return op.previous;
        });
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    requireKeys(keys);
    removeKeys(new LinkedHashSet<>(keys));
  }

  private void removeKeys(Set<K> keys) {
    long start = System.nanoTime();
    Set<K> toRemove = new LinkedHashSet<>(keys);
    CacheWriterException failure = null;
    if (writer != null && !toRemove.isEmpty()) {
      Collection<Object> left = new ArrayList<>(toRemove);
      try {
        writer.deleteAll(left);
      } catch (Exception e) {
        failure = e instanceof CacheWriterException w ? w : new CacheWriterException(e);
        toRemove.removeAll(new HashSet<>(left));
      }
    }
    List<Event<K, V>> events = new ArrayList<>();
    List<String> bulk = new ArrayList<>();
    int removed = 0;
    for (K key : toRemove) {
      Op op = op(key, events);
      boolean found =
          op.run(
              o -> {
                index.remove(o.k);
                return o.removed();
              });
      bulk.add(op.k);
      removed += found ? 1 : 0;
    }
    if (!bulk.isEmpty()) {
      cache.invalidateAll(bulk);
    }
    if (stats() && removed > 0) {
      statistics.removeTime(start);
    }
    dispatch(events);
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void removeAll() {
    open();
    Set<K> keys = new LinkedHashSet<>();
    for (Meta<K> meta : index.values()) {
      keys.add(meta.key);
    }
    removeKeys(keys);
    if (manager.sharesTheRegistry()) {
      // Entries the annotations or other instances wrote are not in this view's index.
      cache.clear();
    }
  }

  @Override
  public void clear() {
    open();
    cache.clear();
    index.clear();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    requireNonNull(type, "type");
    if (type.isInstance(configuration)) {
      return type.cast(new MutableConfiguration<>(configuration));
    }
    throw new IllegalArgumentException(
        "the configuration is a " + MutableConfiguration.class.getName() + ", not a " + type);
  }

  /** The live configuration (the manager toggles statistics and management on it). */
  MutableConfiguration<K, V> configuration() {
    return configuration;
  }

  // ---- entry processors

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    open();
    requireNonNull(key, "key");
    requireNonNull(processor, "processor");
    // Atomic across the cluster where the grid tier is on: the key's cluster lease is held around
    // the read, the processor and the write (TieredCache#exclusive); the key's lock here within.
    return cache.exclusive(keyOf(key), () -> invokeHere(key, processor, arguments));
  }

  private <T> T invokeHere(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    return mutate(
        key,
        op -> {
          Processed entry = new Processed(op.timeGet());
          T result =
              call(
                  () -> processor.process(entry, arguments),
                  EntryProcessorException.class,
                  EntryProcessorException::new);
          entry.apply();
          return result;
        });
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    requireKeys(keys);
    requireNonNull(processor, "processor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T r = invoke(key, processor, arguments);
        if (r != null) {
          results.put(key, () -> r);
        }
      } catch (Exception e) {
        EntryProcessorException ex =
            e instanceof EntryProcessorException p ? p : new EntryProcessorException(e);
        results.put(
            key,
            () -> {
              throw ex;
            });
      }
    }
    return results;
  }

  /** The entry an {@link EntryProcessor} sees; its changes apply when the processor returns. */
  private final class Processed implements MutableEntry<K, V> {
    private final Op op;
    private V value;
    private boolean exists;
    private boolean read;
    private boolean loaded;
    private boolean set;
    private boolean removed;

    Processed(Op op) {
      this.op = op;
      this.value = op.previous;
      this.exists = op.found();
    }

    @Override
    public K getKey() {
      return op.key;
    }

    @Override
    public V getValue() {
      if (!read && !set && !removed) {
        read = true;
        V l = !op.found() && readThrough() ? op.load() : null;
        if (l != null) {
          value = l;
          exists = true;
          loaded = true;
        }
      }
      return value;
    }

    @Override
    public boolean exists() {
      return exists;
    }

    @Override
    public void remove() {
      // An entry this invocation created and removes again was never there: nothing to do.
      boolean createdHere = !op.found() && (set || loaded);
      value = null;
      exists = false;
      removed = !createdHere;
      set = false;
      loaded = false;
    }

    @Override
    public void setValue(V v) {
      requireNonNull(v, "value");
      value = v;
      exists = true;
      set = true;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return unwrapTo(this, type);
    }

    void apply() {
      // One read per invocation, as the reference implementation counts: a hit when the entry
      // existed, else a miss.
      op.count();
      if (set) {
        op.put(value);
      } else if (removed) {
        op.remove();
      } else if (loaded) {
        if (op.keep(value, null) && stats()) {
          statistics.puts(1);
        }
      } else if (op.found()) {
        op.touch();
      }
    }
  }

  /** {@code self} as a {@code type}, for {@code unwrap}. */
  static <T> T unwrapTo(Object self, Class<T> type) {
    if (type.isInstance(self)) {
      return type.cast(self);
    }
    throw new IllegalArgumentException("cannot unwrap to " + type);
  }

  // ---- listeners

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> config) {
    open();
    requireNonNull(config, "listener configuration");
    for (Registration<K, V> r : listeners) {
      if (r.config.equals(config)) {
        throw new IllegalArgumentException("listener already registered: " + config);
      }
    }
    configuration.addCacheEntryListenerConfiguration(config);
    listeners.add(new Registration<>(config));
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> config) {
    open();
    requireNonNull(config, "listener configuration");
    for (Registration<K, V> r : listeners) {
      if (r.config.equals(config)) {
        listeners.remove(r);
        configuration.removeCacheEntryListenerConfiguration(config);
        r.close();
      }
    }
  }

  /** One registered listener with its filter. */
  private static final class Registration<K, V> {
    final CacheEntryListenerConfiguration<K, V> config;
    final CacheEntryListener<? super K, ? super V> listener;
    final CacheEntryEventFilter<? super K, ? super V> filter;

    Registration(CacheEntryListenerConfiguration<K, V> config) {
      this.config = config;
      this.listener = config.getCacheEntryListenerFactory().create();
      Factory<CacheEntryEventFilter<? super K, ? super V>> f =
          config.getCacheEntryEventFilterFactory();
      this.filter = f == null ? null : f.create();
    }

    boolean wants(EventType type) {
      return switch (type) {
        case CREATED -> listener instanceof CacheEntryCreatedListener;
        case UPDATED -> listener instanceof CacheEntryUpdatedListener;
        case REMOVED -> listener instanceof CacheEntryRemovedListener;
        case EXPIRED -> listener instanceof CacheEntryExpiredListener;
      };
    }

    @SuppressWarnings("unchecked")
    void deliver(Event<K, V> event) {
      Event<K, V> seen = config.isOldValueRequired() ? event : event.withoutOldValue();
      if (filter != null && !filter.evaluate(seen)) {
        return;
      }
      List<CacheEntryEvent<? extends K, ? extends V>> one = List.of(seen);
      switch (event.getEventType()) {
        case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(one);
        case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(one);
        case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(one);
        case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(one);
      }
    }

    void close() {
      closeQuietly(listener);
      closeQuietly(filter);
    }
  }

  private void dispatch(List<Event<K, V>> events) {
    if (events.isEmpty() || listeners.isEmpty()) {
      return;
    }
    CacheEntryListenerException failure = null;
    for (Event<K, V> event : events) {
      for (Registration<K, V> r : listeners) {
        if (!r.wants(event.getEventType())) {
          continue;
        }
        if (r.config.isSynchronous()) {
          try {
            r.deliver(event);
          } catch (CacheEntryListenerException e) {
            failure = failure == null ? e : failure;
          } catch (RuntimeException e) {
            failure = failure == null ? new CacheEntryListenerException(e) : failure;
          }
        } else {
          asyncExecutor()
              .execute(
                  () -> {
                    try {
                      r.deliver(event);
                    } catch (RuntimeException e) {
                      LOG.log(Level.WARNING, "listener of cache " + name + " failed", e);
                    }
                  });
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Another instance changed this cache (grid tier on): a key's change becomes a created, updated
   * or removed event here, read from the tiers on the event thread (after the near copy was
   * dropped), for a key this view knows or a {@code String} key. A clear forgets every key (a clear
   * announces nothing, as {@link #clear()} does not); tag and pattern invalidations (the
   * annotations' derived aggregates) announce nothing.
   */
  private void remoteChange(InvalidationEvent event) {
    if (closed) {
      return;
    }
    switch (event.kind()) {
      case CLEAR -> index.clear();
      case KEY -> {
        if (!listeners.isEmpty() || index.containsKey(event.subject())) {
          asyncExecutor().execute(() -> remoteKeyChange(event.subject()));
        }
      }
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  private void remoteKeyChange(String k) {
    if (closed) {
      return;
    }
    Meta<K> meta = index.get(k);
    K key = meta != null ? meta.key : stringKey(k);
    if (key == null) {
      return;
    }
    Lookup<Object> found = cache.peek(k);
    List<Event<K, V>> events = new ArrayList<>(1);
    if (found instanceof Lookup.Present<Object> present) {
      V value = (V) present.value();
      index.put(k, new Meta<>(key, Long.MAX_VALUE));
      events.add(
          new Event<>(
              this, meta == null ? EventType.CREATED : EventType.UPDATED, key, value, null));
    } else if (meta != null && index.remove(k, meta)) {
      events.add(new Event<>(this, EventType.REMOVED, key, null, null));
    }
    try {
      dispatch(events);
    } catch (CacheEntryListenerException e) {
      LOG.log(Level.WARNING, "listener of cache " + name + " failed on a remote change", e);
    }
  }

  /** The JSR-107 key of tiered key {@code k} when keys are strings (the key is the string). */
  @SuppressWarnings("unchecked")
  private K stringKey(String k) {
    if (generatedKeys) {
      return (K) new TieredCacheKey(k);
    }
    return configuration.getKeyType() == String.class && canonicalKey(k).equals(k) ? (K) k : null;
  }

  private ExecutorService asyncExecutor() {
    ExecutorService e = asyncEvents;
    if (e == null) {
      synchronized (this) {
        e = asyncEvents;
        if (e == null) {
          e =
              Executors.newSingleThreadExecutor(
                  r -> {
                    Thread t = new Thread(r, "jcache-events-" + name);
                    t.setDaemon(true);
                    return t;
                  });
          asyncEvents = e;
        }
      }
    }
    return e;
  }

  /** A JSR-107 event. */
  static final class Event<K, V> extends CacheEntryEvent<K, V> {
    private static final long serialVersionUID = 1L;
    private final K key;
    private final V value;
    private final V oldValue;
    private final boolean oldAvailable;

    Event(Cache<K, V> source, EventType type, K key, V value, V oldValue) {
      this(source, type, key, value, oldValue, oldValue != null);
    }

    private Event(
        Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldAvailable) {
      super(source, type);
      this.key = key;
      this.value = value;
      this.oldValue = oldValue;
      this.oldAvailable = oldAvailable;
    }

    @SuppressWarnings("unchecked")
    Event<K, V> withoutOldValue() {
      EventType type = getEventType();
      if (type == EventType.REMOVED || type == EventType.EXPIRED) {
        return this;
      }
      return new Event<>((Cache<K, V>) getSource(), type, key, value, null, false);
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    @Override
    public V getOldValue() {
      return oldValue;
    }

    @Override
    public boolean isOldValueAvailable() {
      return oldAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return unwrapTo(this, type);
    }
  }

  // ---- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    open();
    Iterator<Map.Entry<String, Meta<K>>> keys = new ArrayList<>(index.entrySet()).iterator();
    return new Iterator<>() {
      private Cache.Entry<K, V> next;
      private K last;

      @Override
      public boolean hasNext() {
        open();
        while (next == null && keys.hasNext()) {
          Map.Entry<String, Meta<K>> e = keys.next();
          K key = e.getValue().key;
          String k = e.getKey();
          List<Event<K, V>> events = new ArrayList<>(1);
          V value = read(key, k, events);
          dispatch(events);
          if (value != null) {
            if (stats()) {
              statistics.hits(1);
            }
            next = new CacheEntry<>(copy(key), copy(value));
          }
        }
        return next != null;
      }

      @Override
      public Cache.Entry<K, V> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Cache.Entry<K, V> e = next;
        next = null;
        last = e.getKey();
        return e;
      }

      @Override
      public void remove() {
        if (last == null) {
          throw new IllegalStateException("next() first");
        }
        TieredJCache.this.remove(last);
        last = null;
      }
    };
  }

  /** An entry handed out by iteration and to writers. */
  static final class CacheEntry<K, V> implements Cache.Entry<K, V> {
    private final K key;
    private final V value;

    CacheEntry(K key, V value) {
      this.key = key;
      this.value = value;
    }

    @Override
    public K getKey() {
      return key;
    }

    @Override
    public V getValue() {
      return value;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return unwrapTo(this, type);
    }
  }

  // ---- identity, management, lifecycle

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  /** The tiered cache under this view. */
  TieredCache<Object> tiered() {
    return cache;
  }

  CacheStatisticsMXBean statistics() {
    return statistics;
  }

  private ObjectName objectName(String type) {
    return JCacheManagement.objectName(type, manager.getURI().toString(), name);
  }

  void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    registered("CacheStatistics", statistics, enabled);
  }

  void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    registered("CacheConfiguration", management, enabled);
  }

  /** Registers this cache's MXBean of {@code type} in the platform MBeanServer, or removes it. */
  private void registered(String type, Object bean, boolean on) {
    if (on) {
      JCacheManagement.register(objectName(type), bean);
    } else {
      JCacheManagement.unregister(objectName(type));
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      remoteChanges.close();
    } catch (Exception e) {
      LOG.log(Level.FINE, "closing the remote change listener failed", e);
    }
    manager.release(this);
    registered("CacheStatistics", statistics, false);
    registered("CacheConfiguration", management, false);
    closeQuietly(loader);
    closeQuietly(writer);
    closeQuietly(expiry);
    for (Registration<K, V> r : listeners) {
      r.close();
    }
    ExecutorService e = asyncEvents;
    if (e != null) {
      e.shutdown();
    }
  }

  private static void closeQuietly(Object o) {
    if (o instanceof Closeable c) {
      try {
        c.close();
      } catch (IOException | RuntimeException e) {
        LOG.log(Level.FINE, "closing " + o + " failed", e);
      }
    }
  }

  @Override
  public boolean isClosed() {
    return closed || manager.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    requireNonNull(type, "type");
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(cache)) {
      return type.cast(cache);
    }
    throw new IllegalArgumentException("cannot unwrap to " + type);
  }

  /** A copy of a configuration as the view's own mutable one. */
  static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> c) {
    if (c instanceof CompleteConfiguration<K, V> complete) {
      return new MutableConfiguration<>(complete);
    }
    return new MutableConfiguration<K, V>()
        .setTypes(c.getKeyType(), c.getValueType())
        .setStoreByValue(c.isStoreByValue());
  }
}
