package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WarmupSettingsTest {

  static WarmupSettings of(Map<String, String> values) {
    return WarmupSettings.from(k -> Optional.ofNullable(values.get(k)));
  }

  @Test
  void from_nothingSet_seedDefaults() {
    WarmupSettings s = of(Map.of());
    assertTrue(s.enabled() && s.onStartup() && s.scheduled() && s.concurrent());
    assertEquals("0 3 * * *", s.scheduleText());
    assertEquals(60, s.intervalMinutes());
    assertEquals(20, s.popularBrands());
    assertEquals(50, s.popularUsers());
    assertEquals(20, s.popularQuestions());
    assertEquals(100, s.recentReports());
    assertEquals(4, s.threads());
    assertEquals(
        List.of(
            "popular_brands", "recent_reports", "popular_questions", "user_stats", "api_responses"),
        s.priority());
    assertEquals(Duration.ofSeconds(60), s.taskTimeout());
    assertEquals(Duration.ofDays(30), s.historyRetention());
  }

  @Test
  void from_everyVariable_read() {
    WarmupSettings s =
        of(
            Map.ofEntries(
                Map.entry("CACHE_WARMUP_ENABLED", "false"),
                Map.entry("AUTO_WARMUP_ON_STARTUP", "false"),
                Map.entry("SCHEDULED_WARMUP_ENABLED", "false"),
                Map.entry("WARMUP_SCHEDULE", "30 2 * * 1"),
                Map.entry("WARMUP_INTERVAL_MINUTES", "0"),
                Map.entry("WARMUP_POPULAR_BRANDS_COUNT", "5"),
                Map.entry("WARMUP_POPULAR_USERS_COUNT", "6"),
                Map.entry("WARMUP_POPULAR_QUESTIONS_COUNT", "7"),
                Map.entry("WARMUP_RECENT_REPORTS_COUNT", "8"),
                Map.entry("WARMUP_THREAD_COUNT", "2"),
                Map.entry("CONCURRENT_WARMUP_ENABLED", "false"),
                Map.entry("WARMUP_PRIORITY", " User_Stats , popular_brands "),
                Map.entry("WARMUP_TASK_TIMEOUT_SECONDS", "9"),
                Map.entry("WARMUP_HISTORY_RETENTION_DAYS", "3")));
    assertFalse(s.enabled() || s.onStartup() || s.scheduled() || s.concurrent());
    assertEquals(new CronSchedule("30", "2", "*", "*", "1"), s.schedule());
    assertEquals(0, s.intervalMinutes());
    assertEquals(
        List.of(5, 6, 7, 8, 2),
        List.of(
            s.popularBrands(),
            s.popularUsers(),
            s.popularQuestions(),
            s.recentReports(),
            s.threads()));
    assertEquals(List.of("user_stats", "popular_brands"), s.priority());
    assertEquals(1, s.parallelism(false));
    assertEquals(Duration.ofSeconds(9), s.taskTimeout());
    assertEquals(Duration.ofDays(3), s.historyRetention());
  }

  @Test
  void from_malformed_namesTheVariable() {
    assertThrows(IllegalArgumentException.class, () -> of(Map.of("WARMUP_SCHEDULE", "0 25 * * *")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> of(Map.of("WARMUP_THREAD_COUNT", "zero")));
    assertTrue(e.getMessage().startsWith("WARMUP_THREAD_COUNT="), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> of(Map.of("CACHE_WARMUP_ENABLED", "maybe")));
    assertTrue(e.getMessage().startsWith("CACHE_WARMUP_ENABLED="), e.getMessage());
  }
}
