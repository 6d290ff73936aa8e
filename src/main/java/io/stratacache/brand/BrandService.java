package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.annotation.CacheResult;

/**
 * Reads brands and their report statistics. Aggregates run in SQL; no method loads more rows than
 * it returns. Thread-safe; entities never leave this class.
 */
@ApplicationScoped
public class BrandService {

  /** Days covered by {@link BrandStats#trend()}, today included. */
  static final int TREND_DAYS = 30;

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  @Inject Clock clock;

  /** The brands with the most reports first (ties by name), at most {@code limit}. Cached. */
  @CacheResult(cacheName = "brand-list")
  public List<BrandSummary> brands(int limit) {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT b.id, b.name, b.category, COUNT(r.id) FROM brand b"
                    + " LEFT JOIN diagnosis_report r ON r.brand_id = b.id"
                    + " GROUP BY b.id, b.name, b.category ORDER BY COUNT(r.id) DESC, b.name")
            .setMaxResults(limit)
            .getResultList();
    List<BrandSummary> brands = new ArrayList<>(rows.size());
    for (Object[] row : rows) {
      brands.add(
          new BrandSummary(
              SqlValues.toLong(row[0]),
              (String) row[1],
              (String) row[2],
              SqlValues.toLong(row[3])));
    }
    return List.copyOf(brands);
  }

  /**
   * Statistics of one brand. Cached, and so is the answer for an unknown name (in {@code
   * brand-not-found}, for its negative TTL).
   *
   * @throws UnknownEntityException if no brand has that exact name
   */
  @CacheResult(
      cacheName = "brand-stats",
      exceptionCacheName = "brand-not-found",
      cachedExceptions = UnknownEntityException.class)
  public BrandStats stats(String name) {
    Brand brand =
        em.createNamedQuery(Brand.BY_NAME, Brand.class)
            .setParameter("name", name)
            .getResultStream()
            .findFirst()
            .orElseThrow(() -> new UnknownEntityException("brand", name));
    @SuppressWarnings("unchecked")
    List<Object[]> mixRows =
        em.createNamedQuery(DiagnosisReport.STATUS_MIX_BY_BRAND)
            .setParameter("brandId", brand.getId())
            .getResultList();
    StatusMix mix = new StatusMix(mixRows);
    return new BrandStats(
        brand.getName(),
        brand.getCategory(),
        mix.total,
        mix.averageScore,
        mix.counts,
        trend(brand.getId()));
  }

  private List<DailyReportCount> trend(long brandId) {
    LocalDate today = LocalDate.now(clock);
    LocalDate first = today.minusDays(TREND_DAYS - 1L);
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT CAST(created_at AS DATE), COUNT(*), AVG(CAST(score AS DOUBLE PRECISION))"
                    + " FROM diagnosis_report WHERE brand_id = ?1 AND created_at >= ?2"
                    + " GROUP BY CAST(created_at AS DATE)")
            .setParameter(1, brandId)
            .setParameter(2, first.atStartOfDay())
            .getResultList();
    Map<LocalDate, Object[]> byDay = new HashMap<>();
    for (Object[] row : rows) {
      byDay.put(SqlValues.toLocalDate(row[0]), row);
    }
    List<DailyReportCount> trend = new ArrayList<>(TREND_DAYS);
    for (LocalDate d = first; !d.isAfter(today); d = d.plusDays(1)) {
      Object[] row = byDay.get(d);
      trend.add(
          row == null
              ? new DailyReportCount(d, 0, null)
              : new DailyReportCount(
                  d,
                  SqlValues.toLong(row[1]),
                  StatusMix.roundScore(SqlValues.toDoubleOrNull(row[2]))));
    }
    return trend;
  }
}
