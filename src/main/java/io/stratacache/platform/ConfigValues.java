package io.stratacache.platform;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads typed settings through a lookup (a name to its value, if set): a blank or missing value is
 * the default; a malformed one is an {@link InvalidSettingException} naming the setting and the
 * value. Stateless.
 */
public final class ConfigValues {

  private ConfigValues() {}

  /** The value of {@code key}, or {@code def} when unset or blank. */
  public static String text(Function<String, Optional<String>> config, String key, String def) {
    return config.apply(key).filter(s -> !s.isBlank()).orElse(def);
  }

  /**
   * A boolean: {@code true/yes/on/1} or {@code false/no/off/0}, any case.
   *
   * @throws InvalidSettingException for any other value
   */
  public static boolean flag(Function<String, Optional<String>> config, String key, boolean def) {
    String v = text(config, key, Boolean.toString(def)).trim().toLowerCase(Locale.ROOT);
    return switch (v) {
      case "true", "yes", "on", "1" -> true;
      case "false", "no", "off", "0" -> false;
      default -> throw new InvalidSettingException(key, v, "must be true or false");
    };
  }

  /**
   * An integer in {@code min..max}.
   *
   * @throws InvalidSettingException if not an integer or out of range
   */
  public static int integer(
      Function<String, Optional<String>> config, String key, int def, int min, int max) {
    String v = text(config, key, Integer.toString(def)).trim();
    int value;
    try {
      value = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException(key, v, "must be an integer");
    }
    if (value < min || value > max) {
      throw new InvalidSettingException(key, v, "must be between " + min + " and " + max);
    }
    return value;
  }
}
