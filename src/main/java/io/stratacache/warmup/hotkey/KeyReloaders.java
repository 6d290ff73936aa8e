package io.stratacache.warmup.hotkey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.stratacache.cache.CacheObserver;
import io.stratacache.cache.jcache.AnnotatedCaching;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.Callable;

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
    /**
     * Calls the method on the bean as a client would: through the bean's interceptors, and so
     * through the cache (a miss loads once and stores).
     */
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

    /**
     * Calls the method's own body on the bean, past every interceptor the container added (and so
     * past the cache): the computation {@link AnnotatedCaching#reload} needs.
     */
    Object invokeBody() throws Exception {
      MethodHandle body;
      try {
        Class<?> type = target.getClass();
        body =
            MethodHandles.privateLookupIn(type, MethodHandles.lookup())
                .unreflectSpecial(method, type)
                .bindTo(target);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("cannot call " + method + " past its interceptors", e);
      }
      try {
        return body.invokeWithArguments(args);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new IllegalStateException(t);
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
    CURRENT.set(
        new InProgress(
            AnnotatedCaching.resultCacheName(method),
            new Reload(target, method, args.clone()),
            outer));
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
}
