package io.stratacache.warmup;

import static io.stratacache.platform.ConfigValues.flag;
import static io.stratacache.platform.ConfigValues.integer;
import static io.stratacache.platform.ConfigValues.text;

import io.stratacache.platform.InvalidSettingException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The warm-up settings (README "Warm-up"), read once at start-up; every variable of seed 001 is
 * here. A malformed value fails start-up with an {@link InvalidSettingException}: one line naming
 * the variable and its value. Immutable.
 *
 * @param enabled {@code CACHE_WARMUP_ENABLED}: off disables every trigger except explicit REST
 *     calls
 * @param onStartup {@code AUTO_WARMUP_ON_STARTUP}
 * @param scheduled {@code SCHEDULED_WARMUP_ENABLED}
 * @param schedule {@code WARMUP_SCHEDULE}, checked
 * @param intervalMinutes {@code WARMUP_INTERVAL_MINUTES}, 0 = no interval schedule
 * @param popularBrands {@code WARMUP_POPULAR_BRANDS_COUNT}
 * @param popularUsers {@code WARMUP_POPULAR_USERS_COUNT}
 * @param popularQuestions {@code WARMUP_POPULAR_QUESTIONS_COUNT}
 * @param recentReports {@code WARMUP_RECENT_REPORTS_COUNT}
 * @param threads {@code WARMUP_THREAD_COUNT}
 * @param concurrent {@code CONCURRENT_WARMUP_ENABLED}: whether triggered runs use all threads
 * @param priority {@code WARMUP_PRIORITY}, task names in start order
 * @param taskTimeout {@code WARMUP_TASK_TIMEOUT}
 * @param historyRetention {@code WARMUP_HISTORY_RETENTION_DAYS}
 * @param runLease {@code WARMUP_RUN_LEASE_SECONDS}: how long the cluster-wide run lease lasts
 *     without renewal (renewed every third of it while a run goes on); 0 = one run at a time per
 *     instance only
 */
public record WarmupSettings(
    boolean enabled,
    boolean onStartup,
    boolean scheduled,
    CronSchedule schedule,
    String scheduleText,
    int intervalMinutes,
    int popularBrands,
    int popularUsers,
    int popularQuestions,
    int recentReports,
    int threads,
    boolean concurrent,
    List<String> priority,
    Duration taskTimeout,
    Duration historyRetention,
    Duration runLease) {

  public static final String DEFAULT_PRIORITY =
      "popular_brands,recent_reports,popular_questions,user_stats,api_responses";

  public WarmupSettings {
    priority = List.copyOf(priority);
  }

  /**
   * Reads every setting through {@code config} (a key to its value, if set).
   *
   * @throws InvalidSettingException naming the variable, its value and the mistake
   */
  public static WarmupSettings from(Function<String, Optional<String>> config) {
    String cron = text(config, "WARMUP_SCHEDULE", "0 3 * * *");
    List<String> priority =
        Arrays.stream(text(config, "WARMUP_PRIORITY", DEFAULT_PRIORITY).split(","))
            .map(s -> s.trim().toLowerCase(Locale.ROOT))
            .filter(s -> !s.isEmpty())
            .toList();
    return new WarmupSettings(
        flag(config, "CACHE_WARMUP_ENABLED", true),
        flag(config, "AUTO_WARMUP_ON_STARTUP", true),
        flag(config, "SCHEDULED_WARMUP_ENABLED", true),
        CronSchedule.parse("WARMUP_SCHEDULE", cron),
        cron.trim(),
        integer(config, "WARMUP_INTERVAL_MINUTES", 60, 0, 10_080),
        integer(config, "WARMUP_POPULAR_BRANDS_COUNT", 20, 1, 1000),
        integer(config, "WARMUP_POPULAR_USERS_COUNT", 50, 1, 1000),
        integer(config, "WARMUP_POPULAR_QUESTIONS_COUNT", 20, 1, 1000),
        integer(config, "WARMUP_RECENT_REPORTS_COUNT", 100, 1, 1000),
        integer(config, "WARMUP_THREAD_COUNT", 4, 1, 64),
        flag(config, "CONCURRENT_WARMUP_ENABLED", true),
        priority,
        Duration.ofSeconds(integer(config, "WARMUP_TASK_TIMEOUT_SECONDS", 60, 1, 3600)),
        Duration.ofDays(integer(config, "WARMUP_HISTORY_RETENTION_DAYS", 30, 1, 3650)),
        Duration.ofSeconds(integer(config, "WARMUP_RUN_LEASE_SECONDS", 30, 0, 3600)));
  }

  /**
   * Checks that {@link #priority()} names only registered tasks.
   *
   * @throws InvalidSettingException naming {@code WARMUP_PRIORITY}, its value, the unknown name and
   *     the registered ones
   */
  public void requireKnownTasks(Collection<String> tasks) {
    for (String name : priority) {
      if (!tasks.contains(name)) {
        throw new InvalidSettingException(
            "WARMUP_PRIORITY",
            String.join(",", priority),
            "names an unknown task '" + name + "'; tasks: " + new TreeSet<>(tasks));
      }
    }
  }

  /** The threads a run uses: {@link #threads()} when concurrent, else 1. */
  public int parallelism(boolean concurrentRun) {
    return concurrentRun ? threads : 1;
  }
}
