package io.stratacache.warmup;

import io.stratacache.brand.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * {@code user_stats}: the {@code user-stats} entries of the {@code WARMUP_POPULAR_USERS_COUNT}
 * users with the most reports ({@link UserService#mostActive}), as {@code GET
 * /api/v1/users/{id}/stats} reads them.
 */
@ApplicationScoped
public class UserStatsTask implements WarmupTask {

  @Inject UserService users;
  @Inject WarmupSettings settings;
  @Inject BulkWarmup bulk;

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
    List<Long> ids = users.mostActive(settings.popularUsers());
    Interrupts.check();
    try {
      return bulk.userStats(ids).size();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      java.util.logging.Logger.getLogger(getClass().getName())
          .warning(() -> name() + ": bulk warm-up failed (" + e + "); warming one by one");
      // one by one, as before the bulk path: each failure is the task's
      int warmed = 0;
      for (long id : ids) {
        Interrupts.check();
        users.stats(id);
        warmed++;
      }
      return warmed;
    }
  }
}
