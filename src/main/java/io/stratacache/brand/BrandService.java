package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

/**
 * Reads brands and their report statistics, and creates and changes brands. Aggregates run in SQL;
 * no method loads more rows than it returns. Writes run in their own transaction and their cache
 * annotations act after it committed (the cache interceptors are outside the transaction's); {@link
 * CachedAnswers} drops the derived aggregates. Thread-safe; entities never leave this class.
 */
@ApplicationScoped
public class BrandService {

  /** Days covered by {@link BrandStats#trend()}, today included. */
  static final int TREND_DAYS = 30;

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  @Inject Clock clock;

  /**
   * One brand. Cached ({@code brand}), and so is the answer for an unknown name (in {@code
   * brand-not-found}).
   *
   * @throws UnknownEntityException if no brand has that exact name
   */
  @CacheResult(
      cacheName = "brand",
      exceptionCacheName = "brand-not-found",
      cachedExceptions = UnknownEntityException.class)
  public BrandView brand(String name) {
    return find(name).view();
  }

  /**
   * Creates a brand; the new brand is put into {@code brand} once the insert committed.
   *
   * @throws ClientErrorException 409 if a brand has that name
   */
  @CachePut(cacheName = "brand")
  @Transactional
  public void create(@CacheKey String name, @CacheValue BrandView brand) {
    if (em.createNamedQuery(Brand.BY_NAME, Brand.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .isPresent()) {
      throw duplicate(name);
    }
    try {
      em.persist(
          new Brand(
              brand.id(),
              name,
              brand.category(),
              java.time.LocalDateTime.ofInstant(brand.createdAt(), java.time.ZoneOffset.UTC)));
      em.flush();
    } catch (PersistenceException e) {
      throw duplicate(name);
    }
  }

  /** A key for a new brand (its own short transaction). */
  @Transactional
  public long newId() {
    return DomainIds.next(em, "brand");
  }

  /**
   * Moves a brand to another category and drops its {@code brand} entry once that committed (an
   * invalidation commutes with a concurrent writer's, a put would not).
   *
   * @return the brand as committed
   * @throws UnknownEntityException if no brand has that name
   */
  @CacheRemove(cacheName = "brand")
  @Transactional
  public BrandView recategorize(@CacheKey String name, String category) {
    Brand brand = find(name);
    brand.recategorize(category);
    em.flush();
    return brand.view();
  }

  private Brand find(String name) {
    return em.createNamedQuery(Brand.BY_NAME, Brand.class)
        .setParameter("name", name)
        .getResultStream()
        .findFirst()
        .orElseThrow(() -> new UnknownEntityException("brand", name));
  }

  private static ClientErrorException duplicate(String name) {
    return new ClientErrorException(
        "a brand named '" + name + "' exists", Response.Status.CONFLICT);
  }

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

  /**
   * The statistics of many brands in three queries, whatever their number (brands, status mixes,
   * daily counts), each brand's exactly as {@link #stats} computes it. Not cached itself: the
   * warm-up loads a batch of {@code brand-stats} entries with it.
   *
   * @return the statistics of the brands that exist, by exact name; unknown names are missing
   */
  public Map<String, BrandStats> statsAll(Collection<String> names) {
    Map<String, BrandStats> out = new HashMap<>();
    if (names.isEmpty()) {
      return out;
    }
    List<Brand> found =
        em.createQuery("SELECT b FROM Brand b WHERE b.name IN :names", Brand.class)
            .setParameter("names", List.copyOf(new java.util.LinkedHashSet<>(names)))
            .getResultList();
    if (found.isEmpty()) {
      return out;
    }
    List<Long> ids = found.stream().map(Brand::getId).toList();
    @SuppressWarnings("unchecked")
    List<Object[]> mixRows =
        em.createQuery(
                "SELECT r.brand.id, r.status, COUNT(r), AVG(r.score) FROM DiagnosisReport r"
                    + " WHERE r.brand.id IN :ids GROUP BY r.brand.id, r.status")
            .setParameter("ids", ids)
            .getResultList();
    Map<Long, List<Object[]>> mixByBrand = new HashMap<>();
    for (Object[] row : mixRows) {
      mixByBrand
          .computeIfAbsent(SqlValues.toLong(row[0]), k -> new ArrayList<>())
          .add(new Object[] {row[1], row[2], row[3]});
    }
    LocalDate today = LocalDate.now(clock);
    LocalDate first = today.minusDays(TREND_DAYS - 1L);
    StringBuilder idList = new StringBuilder();
    for (Long id : ids) {
      idList.append(idList.length() == 0 ? "" : ", ").append(id.longValue());
    }
    @SuppressWarnings("unchecked")
    List<Object[]> dayRows =
        em.createNativeQuery(
                "SELECT brand_id, CAST(created_at AS DATE), COUNT(*),"
                    + " AVG(CAST(score AS DOUBLE PRECISION)) FROM diagnosis_report"
                    + " WHERE brand_id IN ("
                    + idList
                    + ") AND created_at >= ?1 GROUP BY brand_id, CAST(created_at AS DATE)")
            .setParameter(1, first.atStartOfDay())
            .getResultList();
    Map<Long, List<Object[]>> daysByBrand = new HashMap<>();
    for (Object[] row : dayRows) {
      daysByBrand
          .computeIfAbsent(SqlValues.toLong(row[0]), k -> new ArrayList<>())
          .add(new Object[] {row[1], row[2], row[3]});
    }
    for (Brand brand : found) {
      StatusMix mix = new StatusMix(mixByBrand.getOrDefault(brand.getId(), List.of()));
      out.put(
          brand.getName(),
          new BrandStats(
              brand.getName(),
              brand.getCategory(),
              mix.total,
              mix.averageScore,
              mix.counts,
              trend(first, today, daysByBrand.getOrDefault(brand.getId(), List.of()))));
    }
    return out;
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
    return trend(first, today, rows);
  }

  /** Fills the days from {@code first} to {@code today}, rows of (day, count, average score). */
  private static List<DailyReportCount> trend(
      LocalDate first, LocalDate today, List<Object[]> rows) {
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
