package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.UserService;
import io.stratacache.cache.jcache.AnnotatedCaching;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Warms a batch of {@code user-stats} or {@code brand-stats} entries at once: the entries the
 * cached methods {@link UserService#stats} and {@link BrandService#stats} would store, key for key
 * (including the cached "unknown user/brand" answers in {@code user-not-found}/{@code
 * brand-not-found}), but read from each cache tier once per batch and loaded with one query per
 * kind of row ({@link UserService#statsAll}, {@link BrandService#statsAll}) instead of several per
 * key. Thread-safe.
 */
@ApplicationScoped
public class BulkWarmup {

  @Inject AnnotatedCaching caching;
  @Inject UserService users;
  @Inject BrandService brands;

  private static final Method USER_STATS = method(UserService.class, "stats", long.class);
  private static final Method BRAND_STATS = method(BrandService.class, "stats", String.class);

  private static Method method(Class<?> type, String name, Class<?> parameter) {
    try {
      return type.getMethod(name, parameter);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Warms the statistics of {@code ids}.
   *
   * @return the results by id: the statistics, or null for an unknown user
   */
  public Map<Long, Object> userStats(Collection<Long> ids) throws Exception {
    return caching.resultAll(
        USER_STATS,
        ids,
        (List<Long> asked) -> {
          Map<Long, Object> results = new HashMap<>(users.statsAll(asked));
          for (Long id : asked) {
            results.computeIfAbsent(id, k -> new UnknownEntityException("user", k));
          }
          return results;
        });
  }

  /**
   * Warms the statistics of the brands {@code names}.
   *
   * @return the results by name: the statistics, or null for an unknown brand
   */
  public Map<String, Object> brandStats(Collection<String> names) throws Exception {
    return caching.resultAll(
        BRAND_STATS,
        names,
        (List<String> asked) -> {
          Map<String, Object> results = new HashMap<>(brands.statsAll(asked));
          for (String name : asked) {
            results.computeIfAbsent(name, k -> new UnknownEntityException("brand", k));
          }
          return results;
        });
  }
}
