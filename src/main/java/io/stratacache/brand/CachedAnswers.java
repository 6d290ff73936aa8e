package io.stratacache.brand;

import io.stratacache.cache.TieredCaches;
import io.stratacache.cache.jcache.CacheKeys;
import io.stratacache.http.ResponseCaching;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Drops the cached answers a committed write changed, for the caches the write's own JSR-107
 * annotation does not cover: the aggregates derived from many rows ({@code brand-stats}, {@code
 * brand-list}, {@code recent-reports}, {@code user-stats}) and the response cache's stored answers
 * of those endpoints. Called after the write's transaction committed and before the write is
 * answered, so the writer's next read misses and loads the committed rows; every call removes the
 * entries from the grid and store tiers at once and other instances drop their near copies when the
 * invalidation event reaches them (docs/writes.md lists, per cache, the writes that touch it).
 *
 * <p>Order: the annotated caches first, the response cache last, so a response refilled in between
 * is built from the already cleaned annotated cache. Thread-safe.
 */
@ApplicationScoped
public class CachedAnswers {

  /** The response cache's paths of the brand list, recent and single reports, popular questions. */
  static final String BRAND_LIST_PATH = "/api/v1/brands";

  static final String REPORTS_PATH = "/api/v1/reports/**";
  static final String POPULAR_QUESTIONS_PATH = "/api/v1/questions/popular";

  @Inject TieredCaches caches;

  @Inject ResponseCaching responses;

  /** A brand was created: its "not found" answers and every brand list are dropped. */
  public void brandCreated(String name) {
    invalidate("brand-stats", name);
    invalidate("brand-not-found", name);
    caches.cache("brand-list", Object.class).clear();
    responses.invalidate(null, "brand:" + name, null);
    responses.invalidate(BRAND_LIST_PATH, null, null);
  }

  /** A brand's category changed: its statistics and every brand list. */
  public void brandChanged(String name) {
    invalidate("brand-stats", name);
    caches.cache("brand-list", Object.class).clear();
    responses.invalidate(null, "brand:" + name, null);
    responses.invalidate(BRAND_LIST_PATH, null, null);
  }

  /**
   * A report was created or moved: its brand's and its user's statistics, the recent-report lists,
   * and (for a new report, whose brand's report count grew) the brand lists.
   */
  public void reportChanged(String brand, long userId, boolean created) {
    invalidate("brand-stats", brand);
    invalidate("user-stats", userId);
    caches.cache("recent-reports", Object.class).clear();
    if (created) {
      caches.cache("brand-list", Object.class).clear();
    }
    responses.invalidate(null, "brand:" + brand, null);
    responses.invalidate(null, "user-stats:" + userId, null);
    responses.invalidate(REPORTS_PATH, null, null);
    if (created) {
      responses.invalidate(BRAND_LIST_PATH, null, null);
    }
  }

  /** A user was created: its "not found" answers. */
  public void userCreated(long userId) {
    invalidate("user-stats", userId);
    invalidate("user-not-found", userId);
    responses.invalidate(null, "user-stats:" + userId, null);
  }

  /** A user's profile changed ({@code user-stats} itself is dropped by {@code @CacheRemove}). */
  public void userChanged(long userId) {
    responses.invalidate(null, "user-stats:" + userId, null);
  }

  /** A question was asked ({@code popular-questions} is cleared by {@code @CacheRemoveAll}). */
  public void questionAsked() {
    responses.invalidate(POPULAR_QUESTIONS_PATH, null, null);
  }

  /** Removes the entry a one-parameter {@code @CacheResult} method keeps for {@code argument}. */
  private void invalidate(String cache, Object argument) {
    caches
        .cache(cache, Object.class)
        .invalidate(CacheKeys.key(new int[] {0}, new Object[] {argument}));
  }
}
