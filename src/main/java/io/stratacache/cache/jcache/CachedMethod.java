package io.stratacache.cache.jcache;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheKeyGenerator;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResolverFactory;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * What one annotated method asks of the cache, read once from its annotations by the JSR-107 rules:
 * the cache name (the annotation's, else {@link CacheDefaults}'s, else {@code
 * class.method(paramTypes)}), the key parameters (those marked {@link CacheKey}, else all but the
 * {@link CacheValue} one), and the exception filters.
 *
 * @param valueIndex the {@link CacheValue} parameter of a {@link CachePut}, else -1
 * @param whenUnfiltered what {@link #matches} answers when both filters are empty: true for {@link
 *     CacheResult} (every exception is cached), false for the other three (JSR-107: a failed call
 *     puts or evicts only for the exceptions listed in {@code cacheFor}/{@code evictFor})
 * @param annotation the method's cache annotation type
 * @param jsr107Name the JSR-107 cache name ({@link #name}); {@code cacheName} is the tiered one
 * @param keyGenerator the custom key generator, or null for {@link CacheKeys}' keys
 * @param resolverFactory the custom cache resolver factory, or null for the registry's caches
 */
record CachedMethod(
    String cacheName,
    int[] keyParams,
    int valueIndex,
    boolean skipGet,
    boolean afterInvocation,
    String exceptionCacheName,
    Class<? extends Throwable>[] include,
    Class<? extends Throwable>[] exclude,
    boolean whenUnfiltered,
    Class<? extends Annotation> annotation,
    String jsr107Name,
    Class<? extends CacheKeyGenerator> keyGenerator,
    Class<? extends CacheResolverFactory> resolverFactory) {

  static CachedMethod result(Method m) {
    CacheResult a = m.getAnnotation(CacheResult.class);
    return new CachedMethod(
        cacheName(m, a.cacheName()),
        keyParams(m),
        -1,
        a.skipGet(),
        true,
        a.exceptionCacheName().isEmpty()
            ? null
            : TieredCacheManager.tieredName(a.exceptionCacheName()),
        a.cachedExceptions(),
        a.nonCachedExceptions(),
        true,
        CacheResult.class,
        name(m, a.cacheName()),
        keyGenerator(m, a.cacheKeyGenerator()),
        resolverFactory(m, a.cacheResolverFactory()));
  }

  static CachedMethod put(Method m) {
    CachePut a = m.getAnnotation(CachePut.class);
    int value = -1;
    Annotation[][] params = m.getParameterAnnotations();
    for (int i = 0; i < params.length; i++) {
      if (has(params[i], CacheValue.class)) {
        if (value >= 0) {
          throw new IllegalStateException(
              "@CachePut method " + m + " has two @CacheValue parameters");
        }
        value = i;
      }
    }
    if (value < 0) {
      throw new IllegalStateException("@CachePut method " + m + " has no @CacheValue parameter");
    }
    return new CachedMethod(
        cacheName(m, a.cacheName()),
        keyParams(m),
        value,
        false,
        a.afterInvocation(),
        null,
        a.cacheFor(),
        a.noCacheFor(),
        false,
        CachePut.class,
        name(m, a.cacheName()),
        keyGenerator(m, a.cacheKeyGenerator()),
        resolverFactory(m, a.cacheResolverFactory()));
  }

  static CachedMethod remove(Method m) {
    CacheRemove a = m.getAnnotation(CacheRemove.class);
    return new CachedMethod(
        cacheName(m, a.cacheName()),
        keyParams(m),
        -1,
        false,
        a.afterInvocation(),
        null,
        a.evictFor(),
        a.noEvictFor(),
        false,
        CacheRemove.class,
        name(m, a.cacheName()),
        keyGenerator(m, a.cacheKeyGenerator()),
        resolverFactory(m, a.cacheResolverFactory()));
  }

  static CachedMethod removeAll(Method m) {
    CacheRemoveAll a = m.getAnnotation(CacheRemoveAll.class);
    return new CachedMethod(
        cacheName(m, a.cacheName()),
        new int[0],
        -1,
        false,
        a.afterInvocation(),
        null,
        a.evictFor(),
        a.noEvictFor(),
        false,
        CacheRemoveAll.class,
        name(m, a.cacheName()),
        null,
        resolverFactory(m, a.cacheResolverFactory()));
  }

  /**
   * Whether an exception passes the filters: {@link #whenUnfiltered} if both are empty, else listed
   * in {@code include} (or {@code include} is empty) and not listed in {@code exclude}.
   */
  boolean matches(Throwable t) {
    if (include.length == 0 && exclude.length == 0) {
      return whenUnfiltered;
    }
    if (include.length > 0 && Arrays.stream(include).noneMatch(c -> c.isInstance(t))) {
      return false;
    }
    return Arrays.stream(exclude).noneMatch(c -> c.isInstance(t));
  }

  /**
   * The tiered cache a method uses: its JSR-107 cache name ({@link #name}) mapped by {@link
   * TieredCacheManager#tieredName}, as the programmatic API maps it, so a name such as {@code
   * manager.Blogs.get(java.lang.String)} is the cache {@code CacheManager.getCache} gives for it.
   */
  static String cacheName(Method m, String annotated) {
    return TieredCacheManager.tieredName(name(m, annotated));
  }

  /** The JSR-107 cache name: the annotation's, else {@link CacheDefaults}', else the method's. */
  static String name(Method m, String annotated) {
    if (!annotated.isEmpty()) {
      return annotated;
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

  static int[] keyParams(Method m) {
    Annotation[][] params = m.getParameterAnnotations();
    List<Integer> marked = new ArrayList<>();
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < params.length; i++) {
      if (has(params[i], CacheKey.class)) {
        marked.add(i);
      }
      if (!has(params[i], CacheValue.class)) {
        all.add(i);
      }
    }
    return (marked.isEmpty() ? all : marked).stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
    return Arrays.stream(annotations).anyMatch(a -> a.annotationType() == type);
  }

  /**
   * The method's custom {@link CacheResolverFactory}: the annotation's, else {@link
   * CacheDefaults}', else null.
   */
  private static Class<? extends CacheResolverFactory> resolverFactory(
      Method m, Class<? extends CacheResolverFactory> annotated) {
    if (annotated != CacheResolverFactory.class) {
      return annotated;
    }
    CacheDefaults defaults = m.getDeclaringClass().getAnnotation(CacheDefaults.class);
    return defaults == null || defaults.cacheResolverFactory() == CacheResolverFactory.class
        ? null
        : defaults.cacheResolverFactory();
  }

  /**
   * The method's custom {@link CacheKeyGenerator}: the annotation's, else {@link CacheDefaults}',
   * else null (the canonical keys of {@link CacheKeys}).
   */
  private static Class<? extends CacheKeyGenerator> keyGenerator(
      Method m, Class<? extends CacheKeyGenerator> annotated) {
    if (annotated != CacheKeyGenerator.class) {
      return annotated;
    }
    CacheDefaults defaults = m.getDeclaringClass().getAnnotation(CacheDefaults.class);
    return defaults == null || defaults.cacheKeyGenerator() == CacheKeyGenerator.class
        ? null
        : defaults.cacheKeyGenerator();
  }
}
