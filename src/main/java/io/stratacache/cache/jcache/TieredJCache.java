package io.stratacache.cache.jcache;

import io.stratacache.cache.CacheLoadException;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;

/**
 * A {@link javax.cache.Cache} over one tiered cache, for programmatic use.
 *
 * <p>Keys become the tiered cache's string keys: a {@link TieredCacheKey} by its value, anything
 * else by {@code String.valueOf} (so keys must have a stable, unique {@code toString}, as strings,
 * numbers, enums and dates do). Reads never load unless the configuration is read-through with a
 * {@link CacheLoader}; then {@link #get} is a single-flight load like the annotations'. The
 * compound operations ({@code putIfAbsent}, {@code replace}, {@code getAndPut}, {@code invoke}) are
 * atomic within this instance only: another instance can interleave.
 *
 * <p>Not supported yet, and refused with {@link UnsupportedOperationException}: entry listeners and
 * iteration (the grid and store tiers are not enumerated). Statistics are the tiered cache's own
 * ({@code /api/v1/cache/stats}); JMX management is not offered. Thread-safe.
 */
final class TieredJCache<K, V> implements Cache<K, V> {

  private final TieredCache<Object> cache;
  private final TieredCacheManager manager;
  private final MutableConfiguration<K, V> configuration;
  private final CacheLoader<K, V> loader;
  private final ReentrantLock[] stripes = new ReentrantLock[64];
  private volatile boolean closed;

  TieredJCache(
      TieredCache<Object> cache,
      TieredCacheManager manager,
      MutableConfiguration<K, V> configuration) {
    this.cache = cache;
    this.manager = manager;
    this.configuration = configuration;
    Factory<CacheLoader<K, V>> factory = configuration.getCacheLoaderFactory();
    this.loader = configuration.isReadThrough() && factory != null ? factory.create() : null;
    for (int i = 0; i < stripes.length; i++) {
      stripes[i] = new ReentrantLock();
    }
  }

  static String keyOf(Object key) {
    Objects.requireNonNull(key, "key");
    return key instanceof TieredCacheKey k ? k.value() : String.valueOf(key);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("cache " + getName() + " is closed");
    }
  }

  @SuppressWarnings("unchecked")
  @Override
  public V get(K key) {
    open();
    String k = keyOf(key);
    if (loader != null) {
      try {
        return (V) cache.get(k, s -> loader.load(key));
      } catch (CacheLoadException e) {
        throw new javax.cache.integration.CacheLoaderException(e.getCause());
      }
    }
    return (V) cache.peek(k).orElse(null);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    Map<K, V> found = new HashMap<>();
    for (K key : keys) {
      V value = get(key);
      if (value != null) {
        found.put(key, value);
      }
    }
    return found;
  }

  @Override
  public boolean containsKey(K key) {
    open();
    return cache.peek(keyOf(key)) instanceof Lookup.Present<Object>;
  }

  @Override
  public void loadAll(
      Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
    open();
    try {
      if (loader != null) {
        for (K key : keys) {
          if (replaceExistingValues || !containsKey(key)) {
            V value = loader.load(key);
            if (value != null) {
              put(key, value);
            }
          }
        }
      }
      if (listener != null) {
        listener.onCompletion();
      }
    } catch (RuntimeException e) {
      if (listener != null) {
        listener.onException(e);
      } else {
        throw e;
      }
    }
  }

  @Override
  public void put(K key, V value) {
    open();
    Objects.requireNonNull(value, "value");
    cache.put(keyOf(key), value);
  }

  @Override
  public V getAndPut(K key, V value) {
    return locked(
        key,
        () -> {
          V old = peek(key);
          put(key, value);
          return old;
        });
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    map.forEach(this::put);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    return locked(
        key,
        () -> {
          if (containsKey(key)) {
            return false;
          }
          put(key, value);
          return true;
        });
  }

  @Override
  public boolean remove(K key) {
    return locked(
        key,
        () -> {
          boolean present = containsKey(key);
          cache.invalidate(keyOf(key));
          return present;
        });
  }

  @Override
  public boolean remove(K key, V oldValue) {
    Objects.requireNonNull(oldValue, "oldValue");
    return locked(
        key,
        () -> {
          if (!oldValue.equals(peek(key))) {
            return false;
          }
          cache.invalidate(keyOf(key));
          return true;
        });
  }

  @Override
  public V getAndRemove(K key) {
    return locked(
        key,
        () -> {
          V old = peek(key);
          cache.invalidate(keyOf(key));
          return old;
        });
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    Objects.requireNonNull(oldValue, "oldValue");
    return locked(
        key,
        () -> {
          if (!oldValue.equals(peek(key))) {
            return false;
          }
          put(key, newValue);
          return true;
        });
  }

  @Override
  public boolean replace(K key, V value) {
    return locked(
        key,
        () -> {
          if (!containsKey(key)) {
            return false;
          }
          put(key, value);
          return true;
        });
  }

  @Override
  public V getAndReplace(K key, V value) {
    return locked(
        key,
        () -> {
          V old = peek(key);
          if (old != null) {
            put(key, value);
          }
          return old;
        });
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    open();
    for (K key : keys) {
      cache.invalidate(keyOf(key));
    }
  }

  @Override
  public void removeAll() {
    clear();
  }

  @Override
  public void clear() {
    open();
    cache.clear();
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    if (type.isInstance(configuration)) {
      return type.cast(new MutableConfiguration<>(configuration));
    }
    throw new IllegalArgumentException(
        "configuration is a " + MutableConfiguration.class.getName());
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    Objects.requireNonNull(processor, "processor");
    return locked(
        key,
        () -> {
          Entry entry = new Entry(key, peek(key));
          T result;
          try {
            result = processor.process(entry, arguments);
          } catch (RuntimeException e) {
            throw new EntryProcessorException(e);
          }
          if (entry.removed) {
            cache.invalidate(keyOf(key));
          } else if (entry.updated) {
            put(key, entry.value);
          }
          return result;
        });
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(
      Set<? extends K> keys, EntryProcessor<K, V, T> processor, Object... arguments) {
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T r = invoke(key, processor, arguments);
        if (r != null) {
          results.put(key, () -> r);
        }
      } catch (EntryProcessorException e) {
        results.put(
            key,
            () -> {
              throw e;
            });
      }
    }
    return results;
  }

  @Override
  public String getName() {
    return cache.name();
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(cache)) {
      return type.cast(cache);
    }
    throw new IllegalArgumentException("cannot unwrap to " + type);
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    throw new UnsupportedOperationException(
        "cache entry listeners are not offered by tiered caches");
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
    throw new UnsupportedOperationException(
        "cache entry listeners are not offered by tiered caches");
  }

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    throw new UnsupportedOperationException(
        "tiered caches cannot be iterated: the grid and store tiers are not enumerated");
  }

  @SuppressWarnings("unchecked")
  private V peek(K key) {
    open();
    return (V) cache.peek(keyOf(key)).orElse(null);
  }

  private <T> T locked(K key, java.util.function.Supplier<T> action) {
    open();
    ReentrantLock lock = stripes[(keyOf(key).hashCode() & 0x7fffffff) % stripes.length];
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  private final class Entry implements MutableEntry<K, V> {
    private final K key;
    private V value;
    private boolean updated;
    private boolean removed;

    Entry(K key, V value) {
      this.key = key;
      this.value = value;
    }

    @Override
    public boolean exists() {
      return value != null;
    }

    @Override
    public void remove() {
      value = null;
      removed = true;
      updated = false;
    }

    @Override
    public void setValue(V v) {
      value = Objects.requireNonNull(v, "value");
      updated = true;
      removed = false;
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
      throw new IllegalArgumentException("cannot unwrap to " + type);
    }
  }
}
