package io.stratacache.warmup;

import io.stratacache.brand.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * {@code user_stats}: the {@code user-stats} entries of the {@code WARMUP_POPULAR_USERS_COUNT}
 * users with the most reports ({@link UserService#mostActive}), as {@code GET
 * /api/v1/users/{id}/stats} reads them.
 */
@ApplicationScoped
public class UserStatsTask implements WarmupTask {

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
    for (long id : users.mostActive(settings.popularUsers())) {
      Interrupts.check();
      users.stats(id);
      warmed++;
    }
    return warmed;
  }
}
