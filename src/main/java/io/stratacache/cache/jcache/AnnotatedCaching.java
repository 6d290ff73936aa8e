package io.stratacache.cache.jcache;

import io.stratacache.cache.CacheLoadException;
import io.stratacache.cache.Lookup;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CacheMethodDetails;
import javax.cache.annotation.CacheResolver;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.GeneratedCacheKey;

/**
 * Carries out the JSR-107 annotations on the tiered caches, without knowing CDI: the interceptors
 * hand it the method, the arguments and a way to proceed.
 *
 * <ul>
 *   <li>{@code @CacheResult}: one {@link TieredCache#get} per call, so concurrent callers of a
 *       missing key wait for a single invocation of the method (single-flight) and every tier is
 *       read before the method runs. A {@code null} result is cached as "not found" for the cache's
 *       negative TTL. An exception that passes {@code cachedExceptions}/{@code nonCachedExceptions}
 *       is stored in {@code exceptionCacheName} (when named) and rethrown by later calls until it
 *       expires; that is how "unknown brand" answers are cached. With {@code skipGet} the method
 *       always runs and its result replaces the entry.
 *   <li>{@code @CachePut}: stores the {@code @CacheValue} argument after (or before) the call; a
 *       {@code null} value removes the entry.
 *   <li>{@code @CacheRemove}, {@code @CacheRemoveAll}: remove one key or the whole cache, from
 *       every tier of every instance.
 * </ul>
 *
 * Thread-safe. Annotations are read once per method.
 */
public final class AnnotatedCaching {

  /** The intercepted invocation. */
  @FunctionalInterface
  public interface Invocation {
    Object proceed() throws Exception;
  }

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(AnnotatedCaching.class.getName());

  private final TieredCaches caches;
  private final ConcurrentHashMap<Method, CachedMethod> results = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, CachedMethod> puts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, CachedMethod> removes = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, CachedMethod> removeAlls = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Class<? extends CacheKeyGenerator>, CacheKeyGenerator>
      keyGenerators = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Class<? extends CacheResolverFactory>, CacheResolverFactory>
      resolverFactories = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, CacheResolver> resolvers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Method, CacheResolver> exceptionResolvers =
      new ConcurrentHashMap<>();

  private final AnnotatedCacheMXBeans mxBeans;

  /** Over {@code caches}, with no JSR-107 statistics or MXBeans. */
  public AnnotatedCaching(TieredCaches caches) {
    this(caches, AnnotatedCacheMXBeans.none());
  }

  /** Over {@code caches}, counting JSR-107 statistics where {@code mxBeans} enables them. */
  AnnotatedCaching(TieredCaches caches, AnnotatedCacheMXBeans mxBeans) {
    this.caches = Objects.requireNonNull(caches, "caches");
    this.mxBeans = Objects.requireNonNull(mxBeans, "mxBeans");
  }

  /**
   * The cache a {@code @CacheResult} method uses, by the JSR-107 rules: the annotation's {@code
   * cacheName}, else {@code @CacheDefaults}', else {@code class.method(paramTypes)}; a name that is
   * not a tiered cache name is mapped by {@link TieredCacheManager#tieredName}.
   *
   * @throws IllegalArgumentException if {@code method} has no {@code @CacheResult}
   */
  public static String resultCacheName(Method method) {
    CacheResult a = method.getAnnotation(CacheResult.class);
    if (a == null) {
      throw new IllegalArgumentException(method + " has no @CacheResult");
    }
    return CachedMethod.cacheName(method, a.cacheName());
  }

  /**
   * Recomputes the entry of one {@code @CacheResult} call and stores it, as {@code skipGet} does:
   * {@code invocation} runs, its result replaces the entry in every tier (a {@code null} result
   * removes it), and an exception that passes the method's filters is stored in its exception cache
   * and answered with {@code null}. Used to refresh an entry before it expires (warm-up).
   *
   * @param invocation the method itself, not a call through the cache interceptor (which would read
   *     the entry instead of recomputing it)
   * @return the new value, or {@code null}
   * @throws Exception what {@code invocation} throws when it is not cached as a failure
   */
  public Object reload(Method method, Object[] args, Invocation invocation) throws Exception {
    CachedMethod m = results.computeIfAbsent(method, CachedMethod::result);
    return recompute(m, method, null, args, invocation);
  }

  private Object recompute(
      CachedMethod m, Method method, Object target, Object[] args, Invocation invocation)
      throws Exception {
    TieredCache<Object> cache = cache(m, method, target, args, false);
    String key = key(m, method, target, args);
    Object value = invokeCachingFailure(m, failures(m, method, target, args), key, invocation);
    store(cache, key, value);
    return value;
  }

  private TieredCache<Object> failures(
      CachedMethod m, Method method, Object target, Object[] args) {
    return m.exceptionCacheName() == null ? null : cache(m, method, target, args, true);
  }

  /**
   * The tiered cache of a call (or, with {@code exceptions}, its exception cache): by name from the
   * registry, or, with a custom {@link CacheResolverFactory}, the cache its resolver gives, which
   * must be a cache of a Stratacache {@code CacheManager} ({@code unwrap(TieredCache.class)}).
   *
   * @throws IllegalStateException if the resolver gives another provider's cache
   */
  private TieredCache<Object> cache(
      CachedMethod m, Method method, Object target, Object[] args, boolean exceptions) {
    if (m.resolverFactory() == null) {
      return caches.cache(exceptions ? m.exceptionCacheName() : m.cacheName(), Object.class);
    }
    CacheResolver resolver =
        (exceptions ? exceptionResolvers : resolvers)
            .computeIfAbsent(
                method,
                k -> {
                  CacheResolverFactory factory =
                      resolverFactories.computeIfAbsent(
                          m.resolverFactory(), AnnotatedCaching::instantiate);
                  CacheInvocation details = new CacheInvocation(m, method, null, new Object[0]);
                  if (!exceptions) {
                    return factory.getCacheResolver(details);
                  }
                  // Only @CacheResult has an exception cache: its annotation is a CacheResult.
                  @SuppressWarnings("unchecked")
                  CacheMethodDetails<CacheResult> result =
                      (CacheMethodDetails<CacheResult>) (CacheMethodDetails<?>) details;
                  return factory.getExceptionCacheResolver(result);
                });
    Cache<Object, Object> resolved =
        resolver.resolveCache(new CacheInvocation(m, method, target, args));
    try {
      @SuppressWarnings("unchecked")
      TieredCache<Object> tiered = resolved.unwrap(TieredCache.class);
      return tiered;
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "the cacheResolverFactory "
              + m.resolverFactory().getName()
              + " of "
              + method
              + " gave a "
              + resolved.getClass().getName()
              + ": the annotations need a cache of a Stratacache CacheManager",
          e);
    }
  }

  /**
   * Loads the results of a batch of calls of a one-parameter method, for {@link #resultAll}.
   *
   * @param <A> the argument type
   */
  @FunctionalInterface
  public interface BulkInvocation<A> {
    /**
     * The results of the method for {@code args}, by argument: a missing argument means the method
     * returns {@code null} for it; a value that is an {@link Exception} means the method throws it
     * for that argument.
     */
    Map<A, Object> proceedAll(List<A> args) throws Exception;
  }

  /**
   * {@code @CacheResult} for a batch of calls of a method with one parameter, as a warm-up makes
   * them: one {@link TieredCache#getAll} of the keys the calls stand for (so each tier is read once
   * and entries already cached are not recomputed), {@code invocation} once for the keys missing,
   * and the failures that pass the method's filters stored in its exception cache in one {@link
   * TieredCache#putAll}, exactly as one call each would have stored them.
   *
   * @return the results by argument: the value, or {@code null} for "not found" or a cached failure
   * @throws IllegalArgumentException if {@code method} has no {@code @CacheResult} or not exactly
   *     one parameter
   * @throws Exception what {@code invocation} throws, or a failure it returns that the method does
   *     not cache
   */
  public <A> Map<A, Object> resultAll(
      Method method, Collection<A> args, BulkInvocation<A> invocation) throws Exception {
    if (method.getParameterCount() != 1) {
      throw new IllegalArgumentException(method + " does not take exactly one argument");
    }
    CachedMethod m = results.computeIfAbsent(method, CachedMethod::result);
    Object[] first = args.isEmpty() ? new Object[] {null} : new Object[] {args.iterator().next()};
    TieredCache<Object> cache = cache(m, method, null, first, false);
    TieredCache<Object> failures = failures(m, method, null, first);
    Map<String, A> byKey = new LinkedHashMap<>();
    for (A arg : args) {
      byKey.put(key(m, method, null, new Object[] {arg}), arg);
    }
    Map<String, Object> failed = new ConcurrentHashMap<>();
    Map<String, Object> values;
    try {
      values =
          cache.getAll(
              byKey.keySet(),
              keys -> {
                List<A> asked = new ArrayList<>(keys.size());
                for (String key : keys) {
                  asked.add(byKey.get(key));
                }
                Map<A, Object> results = invocation.proceedAll(asked);
                Map<String, Object> found = new HashMap<>();
                for (String key : keys) {
                  Object result = results.get(byKey.get(key));
                  if (result instanceof Exception e) {
                    if (failures == null || !m.matches(e)) {
                      throw e;
                    }
                    failed.put(key, e);
                  } else if (result != null) {
                    found.put(key, result);
                  }
                }
                return found;
              });
    } catch (CacheLoadException e) {
      throw unwrap(e);
    }
    if (!failed.isEmpty()) {
      failures.putAll(failed);
    }
    Map<A, Object> out = new LinkedHashMap<>();
    byKey.forEach((key, arg) -> out.put(arg, values.get(key)));
    return out;
  }

  /**
   * {@code @CacheResult}, on a call whose target is not known (a custom key generator sees null).
   */
  public Object result(Method method, Object[] args, Invocation invocation) throws Exception {
    return result(null, method, args, invocation);
  }

  /** {@code @CacheResult} of a call on {@code target}. */
  public Object result(Object target, Method method, Object[] args, Invocation invocation)
      throws Exception {
    CachedMethod m = results.computeIfAbsent(method, CachedMethod::result);
    JCacheStatistics statistics = mxBeans.statistics(m.cacheName());
    if (statistics == null) {
      return result(method, m, target, args, invocation);
    }
    // JSR-107 counting: a call answered from the cache is a hit; one that ran the method a miss
    // (with skipGet neither) and a put when it stored a value.
    long start = System.nanoTime();
    boolean[] ran = new boolean[1];
    Object value = null;
    try {
      value =
          result(
              method,
              m,
              target,
              args,
              () -> {
                ran[0] = true;
                return invocation.proceed();
              });
      return value;
    } finally {
      if (!ran[0]) {
        statistics.hits(1);
      } else if (!m.skipGet()) {
        statistics.misses(1);
      }
      if (ran[0] && value != null) {
        statistics.puts(1);
      }
      if (!m.skipGet()) {
        statistics.getTime(start);
      }
    }
  }

  /** Unregisters the JSR-107 MXBeans of the annotations' caches. */
  void unregisterMXBeans() {
    mxBeans.close();
  }

  private Object result(
      Method method, CachedMethod m, Object target, Object[] args, Invocation invocation)
      throws Exception {
    if (m.skipGet()) {
      return recompute(m, method, target, args, invocation);
    }
    TieredCache<Object> cache = cache(m, method, target, args, false);
    String key = key(m, method, target, args);
    TieredCache<Object> failures = failures(m, method, target, args);
    Object value = load(cache, key, m, failures, invocation);
    if (value != null && !returnType(method).isInstance(value)) {
      // Another writer (an administrator's set, an older version of the application) left a value
      // of another type under this key: treat it as a miss rather than fail the call.
      LOG.warning(
          () ->
              "cache "
                  + m.cacheName()
                  + " held a "
                  + value.getClass().getName()
                  + " for "
                  + method.getName()
                  + "; reloading");
      cache.invalidate(key);
      return load(cache, key, m, failures, invocation);
    }
    if (value == null && failures != null) {
      Lookup<Object> failure = failures.peek(key);
      // A cached exception explains the "not found"; without one the method really returned null.
      // (Exception caches must outlive the main cache's negative TTL: see the configuration.)
      if (failure instanceof Lookup.Present<Object> present
          && present.value() instanceof Throwable t) {
        throw rethrow(t);
      }
    }
    return value;
  }

  private static Object load(
      TieredCache<Object> cache,
      String key,
      CachedMethod m,
      TieredCache<Object> failures,
      Invocation invocation)
      throws Exception {
    try {
      return cache.get(key, k -> invokeCachingFailure(m, failures, k, invocation));
    } catch (CacheLoadException e) {
      throw unwrap(e);
    }
  }

  private static Class<?> returnType(Method method) {
    Class<?> type = method.getReturnType();
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }

  /** {@code @CachePut}, on a call whose target is not known. */
  public Object put(Method method, Object[] args, Invocation invocation) throws Exception {
    return put(null, method, args, invocation);
  }

  /** {@code @CachePut} of a call on {@code target}. */
  public Object put(Object target, Method method, Object[] args, Invocation invocation)
      throws Exception {
    CachedMethod m = puts.computeIfAbsent(method, CachedMethod::put);
    TieredCache<Object> cache = cache(m, method, target, args, false);
    String key = key(m, method, target, args);
    Object value = args[m.valueIndex()];
    JCacheStatistics statistics = mxBeans.statistics(m.cacheName());
    return around(
        m,
        invocation,
        () -> {
          long start = System.nanoTime();
          store(cache, key, value);
          if (statistics != null && value != null) {
            statistics.puts(1);
            statistics.putTime(start);
          }
        });
  }

  /** {@code @CacheRemove}, on a call whose target is not known. */
  public Object remove(Method method, Object[] args, Invocation invocation) throws Exception {
    return remove(null, method, args, invocation);
  }

  /** {@code @CacheRemove} of a call on {@code target}. */
  public Object remove(Object target, Method method, Object[] args, Invocation invocation)
      throws Exception {
    CachedMethod m = removes.computeIfAbsent(method, CachedMethod::remove);
    TieredCache<Object> cache = cache(m, method, target, args, false);
    String key = key(m, method, target, args);
    JCacheStatistics statistics = mxBeans.statistics(m.cacheName());
    return around(
        m,
        invocation,
        () -> {
          long start = System.nanoTime();
          cache.invalidate(key);
          if (statistics != null) {
            // The tiers do not say whether the key was there: every removal made counts.
            statistics.removals(1);
            statistics.removeTime(start);
          }
        });
  }

  /** {@code @CacheRemoveAll}. */
  public Object removeAll(Method method, Object[] args, Invocation invocation) throws Exception {
    return removeAll(null, method, args, invocation);
  }

  /** {@code @CacheRemoveAll} of a call on {@code target}. */
  public Object removeAll(Object target, Method method, Object[] args, Invocation invocation)
      throws Exception {
    CachedMethod m = removeAlls.computeIfAbsent(method, CachedMethod::removeAll);
    TieredCache<Object> cache = cache(m, method, target, args, false);
    return around(m, invocation, cache::clear);
  }

  /**
   * The tiered key of a call: {@link CacheKeys}' canonical string of the key parameters, or, with a
   * custom {@link CacheKeyGenerator}, its key as the programmatic API maps a key ({@link
   * TieredJCache#canonicalKey}: a {@link TieredCacheKey} by its value, any other by a SHA-256 of
   * its serialized form, so equal generated keys must serialize alike).
   */
  private String key(CachedMethod m, Method method, Object target, Object[] args) {
    if (m.keyGenerator() == null) {
      return CacheKeys.key(m.keyParams(), args);
    }
    CacheKeyGenerator generator =
        keyGenerators.computeIfAbsent(m.keyGenerator(), AnnotatedCaching::instantiate);
    GeneratedCacheKey key =
        generator.generateCacheKey(new CacheInvocation(m, method, target, args));
    if (key == null) {
      throw new IllegalStateException(
          m.keyGenerator().getName() + " generated a null key for " + method);
    }
    return TieredJCache.canonicalKey(key);
  }

  /** A custom generator or resolver factory, by its no-argument constructor. */
  private static <T> T instantiate(Class<? extends T> type) {
    try {
      java.lang.reflect.Constructor<? extends T> c = type.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot create " + type.getName() + " (it needs a no-argument constructor)", e);
    }
  }

  private static Object around(CachedMethod m, Invocation invocation, Runnable change)
      throws Exception {
    if (!m.afterInvocation()) {
      change.run();
      return invocation.proceed();
    }
    Object result;
    try {
      result = invocation.proceed();
    } catch (Exception | Error e) {
      if (m.matches(e)) {
        change.run();
      }
      throw e;
    }
    change.run();
    return result;
  }

  private static Object invokeCachingFailure(
      CachedMethod m, TieredCache<Object> failures, String key, Invocation invocation)
      throws Exception {
    try {
      return invocation.proceed();
    } catch (Exception e) {
      if (failures != null && m.matches(e)) {
        failures.put(key, e);
        return null;
      }
      throw e;
    }
  }

  private static void store(TieredCache<Object> cache, String key, Object value) {
    if (value == null) {
      cache.invalidate(key);
    } else {
      cache.put(key, value);
    }
  }

  private static Exception unwrap(CacheLoadException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Exception ex) {
      return ex;
    }
    return e;
  }

  private static Exception rethrow(Throwable t) {
    if (t instanceof Error error) {
      throw error;
    }
    return (Exception) t;
  }
}
