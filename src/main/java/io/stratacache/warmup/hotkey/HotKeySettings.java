package io.stratacache.warmup.hotkey;

import io.stratacache.platform.ConfigValues;
import io.stratacache.platform.InvalidSettingException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The hot-key settings (README "Warm-up"), read once at start-up. A malformed value fails start-up
 * with an {@link InvalidSettingException}: one line naming the variable and its value. Immutable.
 *
 * @param enabled {@code WARMUP_HOT_KEYS_ENABLED}: whether reads are tracked at all
 * @param sampleEvery {@code WARMUP_HOT_KEYS_SAMPLE}: one read in this many is counted (1 = all)
 * @param capacity {@code WARMUP_HOT_KEYS_CAPACITY}: map size of each hourly sketch of a cache (a
 *     power of two; it tracks at most three quarters of it per lock stripe)
 * @param profileCapacity {@code WARMUP_HOT_KEYS_PROFILE_CAPACITY}: map size of each of the 24
 *     hour-of-day sketches of a cache (a power of two)
 * @param reloaders {@code WARMUP_HOT_KEYS_RELOADERS}: how many keys' reload recipes are kept (least
 *     used dropped first)
 * @param topK {@code WARMUP_TRAFFIC_TOP_K}: keys per cache that {@code traffic_based} re-warms and
 *     {@code predictive} considers
 * @param lead {@code WARMUP_PREDICTIVE_LEAD_MINUTES}: how far beyond the next scheduled run {@code
 *     predictive} looks for peak hours and expiries
 * @param saveInterval {@code WARMUP_HOT_KEYS_SAVE_MINUTES}: how often the learned hot keys are
 *     saved to the database ({@code warmup_hot_key}) and so survive a restart; zero saves and
 *     restores nothing
 * @param persistKeys {@code WARMUP_HOT_KEYS_PERSIST_KEYS}: keys saved per cache and slot (the
 *     recent top of each instance, and each hour of the profile)
 * @param maxAge {@code WARMUP_HOT_KEYS_MAX_AGE_DAYS}: saved profile keys not read for this long are
 *     deleted
 */
public record HotKeySettings(
    boolean enabled,
    int sampleEvery,
    int capacity,
    int profileCapacity,
    int reloaders,
    int topK,
    Duration lead,
    Duration saveInterval,
    int persistKeys,
    Duration maxAge) {

  /**
   * Reads every setting through {@code config}.
   *
   * @throws InvalidSettingException naming the variable, its value and the mistake
   */
  public static HotKeySettings from(Function<String, Optional<String>> config) {
    return new HotKeySettings(
        ConfigValues.flag(config, "WARMUP_HOT_KEYS_ENABLED", true),
        ConfigValues.integer(config, "WARMUP_HOT_KEYS_SAMPLE", 4, 1, 1_000_000),
        powerOfTwo(config, "WARMUP_HOT_KEYS_CAPACITY", 256),
        powerOfTwo(config, "WARMUP_HOT_KEYS_PROFILE_CAPACITY", 64),
        ConfigValues.integer(config, "WARMUP_HOT_KEYS_RELOADERS", 10_000, 0, 1_000_000),
        ConfigValues.integer(config, "WARMUP_TRAFFIC_TOP_K", 100, 1, 10_000),
        Duration.ofMinutes(
            ConfigValues.integer(config, "WARMUP_PREDICTIVE_LEAD_MINUTES", 10, 0, 1440)),
        Duration.ofMinutes(
            ConfigValues.integer(config, "WARMUP_HOT_KEYS_SAVE_MINUTES", 5, 0, 1440)),
        ConfigValues.integer(config, "WARMUP_HOT_KEYS_PERSIST_KEYS", 100, 1, 10_000),
        Duration.ofDays(ConfigValues.integer(config, "WARMUP_HOT_KEYS_MAX_AGE_DAYS", 30, 1, 3650)));
  }

  /** Whether the learned hot keys are saved and restored. */
  public boolean persisted() {
    return enabled && !saveInterval.isZero();
  }

  private static int powerOfTwo(Function<String, Optional<String>> config, String key, int def) {
    int v = ConfigValues.integer(config, key, def, 8, 1 << 16);
    if (Integer.bitCount(v) != 1) {
      throw new InvalidSettingException(
          key, Integer.toString(v), "must be a power of two (8..65536)");
    }
    return v;
  }
}
