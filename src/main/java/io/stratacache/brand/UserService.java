package io.stratacache.brand;

import io.stratacache.platform.SqlValues;
import io.stratacache.platform.UnknownEntityException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;

/**
 * Reads per-user diagnosis statistics, creates users and changes their profiles. Writes run in
 * their own transaction; their cache annotations act after it committed. Thread-safe; entities
 * never leave this class.
 */
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
    return stats(userId, user.getUsername(), mixRows, top);
  }

  /**
   * The statistics of many users in three queries, whatever their number (users, status mixes,
   * brand counts), each user's exactly as {@link #stats} computes it. Not cached itself: the
   * warm-up loads a batch of {@code user-stats} entries with it.
   *
   * @return the statistics of the users that exist, by id; unknown ids are missing
   */
  public Map<Long, UserStats> statsAll(Collection<Long> userIds) {
    Map<Long, UserStats> out = new HashMap<>();
    if (userIds.isEmpty()) {
      return out;
    }
    List<Long> ids = List.copyOf(new LinkedHashSet<>(userIds));
    @SuppressWarnings("unchecked")
    List<Object[]> users =
        em.createQuery("SELECT u.id, u.username FROM AppUser u WHERE u.id IN :ids")
            .setParameter("ids", ids)
            .getResultList();
    if (users.isEmpty()) {
      return out;
    }
    @SuppressWarnings("unchecked")
    List<Object[]> mixRows =
        em.createQuery(
                "SELECT r.user.id, r.status, COUNT(r), AVG(r.score), MAX(r.createdAt)"
                    + " FROM DiagnosisReport r WHERE r.user.id IN :ids"
                    + " GROUP BY r.user.id, r.status")
            .setParameter("ids", ids)
            .getResultList();
    @SuppressWarnings("unchecked")
    List<Object[]> brandRows =
        em.createQuery(
                "SELECT r.user.id, b.name, COUNT(r) FROM DiagnosisReport r JOIN r.brand b"
                    + " WHERE r.user.id IN :ids GROUP BY r.user.id, b.name"
                    + " ORDER BY r.user.id, COUNT(r) DESC, b.name")
            .setParameter("ids", ids)
            .getResultList();
    Map<Long, List<Object[]>> mixByUser = new HashMap<>();
    for (Object[] row : mixRows) {
      mixByUser
          .computeIfAbsent(SqlValues.toLong(row[0]), k -> new ArrayList<>())
          .add(new Object[] {row[1], row[2], row[3], row[4]});
    }
    Map<Long, List<UserStats.BrandCount>> topByUser = new HashMap<>();
    for (Object[] row : brandRows) {
      List<UserStats.BrandCount> top =
          topByUser.computeIfAbsent(SqlValues.toLong(row[0]), k -> new ArrayList<>());
      if (top.size() < TOP_BRANDS) {
        top.add(new UserStats.BrandCount((String) row[1], ((Number) row[2]).longValue()));
      }
    }
    for (Object[] user : users) {
      long id = SqlValues.toLong(user[0]);
      List<Object[]> rows = mixByUser.getOrDefault(id, List.of());
      out.put(id, stats(id, (String) user[1], rows, topByUser.getOrDefault(id, List.of())));
    }
    return out;
  }

  private static UserStats stats(
      long userId, String username, List<Object[]> mixRows, List<UserStats.BrandCount> top) {
    StatusMix mix = new StatusMix(mixRows);
    LocalDateTime last = null;
    for (Object[] row : mixRows) {
      LocalDateTime t = (LocalDateTime) row[3];
      if (t != null && (last == null || t.isAfter(last))) {
        last = t;
      }
    }
    Instant lastAt = last == null ? null : last.toInstant(ZoneOffset.UTC);
    return new UserStats(userId, username, mix.total, mix.averageScore, mix.counts, lastAt, top);
  }

  /**
   * Creates a user.
   *
   * @throws ClientErrorException 409 if the username is taken
   */
  @Transactional
  public UserView create(String username, String email, LocalDateTime createdAt) {
    if (taken(username)) {
      throw duplicate(username);
    }
    AppUser user = new AppUser(DomainIds.next(em, "app_user"), username, email, createdAt);
    try {
      em.persist(user);
      em.flush();
    } catch (PersistenceException e) {
      throw duplicate(username);
    }
    return user.view();
  }

  /**
   * Changes a user's profile (a null member keeps its value) and drops the user's {@code
   * user-stats} entry (which shows the username) once that committed.
   *
   * @throws UnknownEntityException if no user has that id
   * @throws ClientErrorException 409 if the new username belongs to another user
   */
  @CacheRemove(cacheName = "user-stats")
  @Transactional
  public UserView update(@CacheKey long userId, String username, String email) {
    AppUser user = em.find(AppUser.class, userId);
    if (user == null) {
      throw new UnknownEntityException("user", userId);
    }
    if (username != null && !username.equals(user.getUsername()) && taken(username)) {
      throw duplicate(username);
    }
    user.update(username, email);
    try {
      em.flush();
    } catch (PersistenceException e) {
      throw duplicate(username);
    }
    return user.view();
  }

  private boolean taken(String username) {
    return em.createNamedQuery(AppUser.BY_USERNAME, AppUser.class)
        .setParameter("username", username)
        .getResultStream()
        .findFirst()
        .isPresent();
  }

  private static ClientErrorException duplicate(String username) {
    return new ClientErrorException(
        "the username '" + username + "' is taken", Response.Status.CONFLICT);
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
