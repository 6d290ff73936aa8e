package io.stratacache.warmup;

import io.stratacache.brand.UserService;
import io.stratacache.platform.SqlValues;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.List;

/**
 * {@code user_stats}: the {@code user-stats} entries of the {@code WARMUP_POPULAR_USERS_COUNT}
 * users with the most reports, as {@code GET /api/v1/users/{id}/stats} reads them.
 */
@ApplicationScoped
public class UserStatsTask implements WarmupTask {

  @PersistenceContext(unitName = "stratacache")
  EntityManager em;

  @Inject UserService users;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "user_stats";
  }

  @Override
  public int priority() {
    return 40;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    int warmed = 0;
    for (long id : mostActive(settings.popularUsers())) {
      Interrupts.check();
      users.stats(id);
      warmed++;
    }
    return warmed;
  }

  /** The ids of the users with the most reports, ties by id. */
  List<Long> mostActive(int limit) {
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
