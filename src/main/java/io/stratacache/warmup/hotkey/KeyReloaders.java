package io.stratacache.warmup.hotkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stratacache.cache.CacheObserver;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheResult;

/**
 * How to load a key again: for each key read through a {@code @CacheResult} method, the bean, the
 * method and the arguments of that call, so warm-up can rebuild exactly the entry the endpoint
 * reads. A raw key alone cannot be reloaded (the key is derived from the arguments, not the other
 * way round).
 *
 * <p>{@link ReloadRecordingInterceptor} marks the thread with the call in progress; when the cache
 * then reports the read of that call's cache ({@link #onGet}), the recipe is stored under the cache
 * and key the cache itself used, unless one is there already. At most {@code capacity} recipes are
 * kept (Caffeine's size bound: rarely used keys go first), so memory is bounded. Recipes keep a
 * reference to the target bean: only keys of application-scoped beans (every cached service here)
 * can be replayed outside a request. Thread-safe.
 */
final class KeyReloaders implements CacheObserver {

  /** A recorded call that rebuilds one entry. */
  public record Reload(Object target, Method method, Object[] args) {
    /** Calls the method on the bean itself, past every interceptor (and so past the cache). */
    Object invoke() throws Exception {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof Exception ex) {
          throw ex;
        }
        if (e.getCause() instanceof Error err) {
          throw err;
        }
        throw e;
      }
    }
  }

  private record InProgress(String cache, Reload reload, InProgress outer) {}

  private static final ThreadLocal<InProgress> CURRENT = new ThreadLocal<>();

  private final Cache<String, Reload> recipes;

  /**
   * @param capacity recipes kept at most; 0 keeps none
   */
  public KeyReloaders(int capacity) {
    this.recipes = Caffeine.newBuilder().maximumSize(capacity).executor(Runnable::run).build();
  }

  /**
   * Runs {@code call} with the thread marked as a call of {@code method} on {@code target}, so the
   * read it makes of its cache is recorded.
   */
  static Object around(Object target, Method method, Object[] args, Callable<Object> call)
      throws Exception {
    InProgress outer = CURRENT.get();
    CURRENT.set(new InProgress(cacheName(method), new Reload(target, method, args.clone()), outer));
    try {
      return call.call();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  @Override
  public void onGet(String cache, String key, long nanos) {
    InProgress p = CURRENT.get();
    if (p != null && p.cache().equals(cache)) {
      String id = HotKeys.id(cache, key);
      if (recipes.getIfPresent(id) == null) {
        recipes.put(id, p.reload());
      }
    }
  }

  /** Records a recipe directly (tests, and tasks that know how to rebuild a key). */
  void record(String cache, String key, Reload reload) {
    recipes.put(HotKeys.id(cache, key), reload);
  }

  /** The recipe of {@code key}, if recorded and still kept. */
  public Optional<Reload> find(String cache, String key) {
    return Optional.ofNullable(recipes.getIfPresent(HotKeys.id(cache, key)));
  }

  /** Recipes kept now (approximately). */
  public long size() {
    return recipes.estimatedSize();
  }

  /** The cache of a {@code @CacheResult} method, by the JSR-107 rules. */
  static String cacheName(Method m) {
    CacheResult a = m.getAnnotation(CacheResult.class);
    if (a != null && !a.cacheName().isEmpty()) {
      return a.cacheName();
    }
    CacheDefaults defaults = m.getDeclaringClass().getAnnotation(CacheDefaults.class);
    if (defaults != null && !defaults.cacheName().isEmpty()) {
      return defaults.cacheName();
    }
    return m.getDeclaringClass().getName()
        + "."
        + m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getName)
            .collect(Collectors.joining(",", "(", ")"));
  }
}
