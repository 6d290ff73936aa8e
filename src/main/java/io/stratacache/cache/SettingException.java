package io.stratacache.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * A cache setting out of range: names the setting (relative, {@code near.ttl}) so that {@link
 * CacheSettingsParser} can name the configuration key it came from; its message alone reads {@code
 * cache brands: near.ttl must be positive}. The static checks are the validation of {@link
 * CacheSettings} and its nested records.
 */
final class SettingException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String setting;
  private final String detail;

  /**
   * @param cache the cache's name, or null for a nested record validated on its own
   * @param setting the setting's key relative to {@code cache.<name>.}
   * @param detail what is wrong, completing "{@code <setting> ...}"
   */
  SettingException(String cache, String setting, String detail) {
    super((cache == null ? "" : "cache " + cache + ": ") + setting + " " + detail);
    this.setting = setting;
    this.detail = detail;
  }

  String setting() {
    return setting;
  }

  String detail() {
    return detail;
  }

  /** Throws unless {@code valid}. */
  static void check(boolean valid, String cache, String setting, String detail) {
    if (!valid) {
      throw new SettingException(cache, setting, detail);
    }
  }

  static void positive(String cache, String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    check(!value.isZero() && !value.isNegative(), cache, setting, "must be positive");
  }

  static void notNegative(String cache, String setting, Duration value) {
    Objects.requireNonNull(value, setting);
    check(!value.isNegative(), cache, setting, "must not be negative");
  }
}
