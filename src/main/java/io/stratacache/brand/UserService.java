package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.cache.annotation.CacheResult;

/** Reads per-user diagnosis statistics. Thread-safe; entities never leave this class. */
@ApplicationScoped
public class UserService {

  static final int TOP_BRANDS = 5;

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  /**
   * Statistics of one user. Cached, and so is the answer for an unknown id (in {@code
   * user-not-found}).
   *
   * @throws UnknownEntityException if no user has that id
   */
  @CacheResult(
      cacheName = "user-stats",
      exceptionCacheName = "user-not-found",
      cachedExceptions = UnknownEntityException.class)
  public UserStats stats(long userId) {
    AppUser user = em.find(AppUser.class, userId);
    if (user == null) {
      throw new UnknownEntityException("user", userId);
    }
    @SuppressWarnings("unchecked")
    List<Object[]> mixRows =
        em.createNamedQuery(DiagnosisReport.STATUS_MIX_BY_USER)
            .setParameter("userId", userId)
            .getResultList();
    StatusMix mix = new StatusMix(mixRows);
    LocalDateTime last = null;
    for (Object[] row : mixRows) {
      LocalDateTime t = (LocalDateTime) row[3];
      if (t != null && (last == null || t.isAfter(last))) {
        last = t;
      }
    }
    @SuppressWarnings("unchecked")
    List<Object[]> brandRows =
        em.createNamedQuery(DiagnosisReport.TOP_BRANDS_BY_USER)
            .setParameter("userId", userId)
            .setMaxResults(TOP_BRANDS)
            .getResultList();
    List<UserStats.BrandCount> top = new ArrayList<>(brandRows.size());
    for (Object[] row : brandRows) {
      top.add(new UserStats.BrandCount((String) row[0], ((Number) row[1]).longValue()));
    }
    Instant lastAt = last == null ? null : last.toInstant(ZoneOffset.UTC);
    return new UserStats(
        userId, user.getUsername(), mix.total, mix.averageScore, mix.counts, lastAt, top);
  }

  /** Whether a user has that id. Not cached: it answers at once for a new user. */
  public boolean exists(long userId) {
    return em.find(AppUser.class, userId) != null;
  }

  /**
   * The ids of the users with the most reports, most first, ties by id; at most {@code limit}. Not
   * cached: the warm-up reads it to choose whose {@link #stats} to warm.
   */
  public List<Long> mostActive(int limit) {
    @SuppressWarnings("unchecked")
    List<Object> rows =
        em.createNativeQuery(
                "SELECT user_id FROM diagnosis_report WHERE user_id IS NOT NULL"
                    + " GROUP BY user_id ORDER BY COUNT(*) DESC, user_id")
            .setMaxResults(limit)
            .getResultList();
    return rows.stream().map(SqlValues::toLong).toList();
  }
}
