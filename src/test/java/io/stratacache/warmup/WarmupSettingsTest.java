package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidSettingException;
import io.stratacache.warmup.hotkey.HotKeySettings;
import java.time.Duration;
import java.util.Arrays;
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

  /** The one line an operator reads: the setting, its value, the mistake; no trace, no cause. */
  static void assertOneLine(String expected, InvalidSettingException e) {
    assertEquals(expected, e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertNull(e.getCause(), "no cause whose message would hide the setting's name");
    assertEquals(0, e.getStackTrace().length, "no stack trace");
  }

  @Test
  void from_scheduleMinuteOutOfRange_oneLineNamingScheduleAndValue() {
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class, () -> of(Map.of("WARMUP_SCHEDULE", "61 3 * * *")));
    assertOneLine("WARMUP_SCHEDULE='61 3 * * *': minute value must be 0-59, was 61", e);
    assertEquals("WARMUP_SCHEDULE", e.setting());
  }

  @Test
  void from_scheduleWrongFieldCount_oneLine() {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> of(Map.of("WARMUP_SCHEDULE", "0 3 *")));
    assertOneLine(
        "WARMUP_SCHEDULE='0 3 *': a cron expression needs five fields (minute hour day-of-month"
            + " month day-of-week), found 3",
        e);
  }

  @Test
  void from_integerAndFlag_oneLineNamingTheSettingAndValue() {
    assertOneLine(
        "WARMUP_THREAD_COUNT='zero': must be an integer",
        assertThrows(
            InvalidSettingException.class, () -> of(Map.of("WARMUP_THREAD_COUNT", "zero"))));
    assertOneLine(
        "WARMUP_TASK_TIMEOUT_SECONDS='0': must be between 1 and 3600",
        assertThrows(
            InvalidSettingException.class, () -> of(Map.of("WARMUP_TASK_TIMEOUT_SECONDS", "0"))));
    assertOneLine(
        "CONCURRENT_WARMUP_ENABLED='maybe': must be true or false",
        assertThrows(
            InvalidSettingException.class, () -> of(Map.of("CONCURRENT_WARMUP_ENABLED", "maybe"))));
  }

  @Test
  void requireKnownTasks_unknownPriorityName_oneLineNamingPriority() {
    WarmupSettings s = of(Map.of("WARMUP_PRIORITY", "popular_brands, nope"));
    InvalidSettingException e =
        assertThrows(
            InvalidSettingException.class,
            () -> s.requireKnownTasks(List.of("user_stats", "popular_brands")));
    assertOneLine(
        "WARMUP_PRIORITY='popular_brands,nope': names an unknown task 'nope'; tasks:"
            + " [popular_brands, user_stats]",
        e);
  }

  @Test
  void requireKnownTasks_allKnown_passes() {
    of(Map.of()).requireKnownTasks(Arrays.asList(WarmupSettings.DEFAULT_PRIORITY.split(",")));
  }

  @Test
  void hotKeySettings_malformed_oneLineNamingTheSetting() {
    assertOneLine(
        "WARMUP_HOT_KEYS_CAPACITY='300': must be a power of two (8..65536)",
        assertThrows(
            InvalidSettingException.class,
            () ->
                HotKeySettings.from(
                    k -> Optional.ofNullable(Map.of("WARMUP_HOT_KEYS_CAPACITY", "300").get(k)))));
    assertOneLine(
        "WARMUP_HOT_KEYS_SAMPLE='0': must be between 1 and 1000000",
        assertThrows(
            InvalidSettingException.class,
            () ->
                HotKeySettings.from(
                    k -> Optional.ofNullable(Map.of("WARMUP_HOT_KEYS_SAMPLE", "0").get(k)))));
  }
}
