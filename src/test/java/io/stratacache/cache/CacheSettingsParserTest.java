package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A bad cache setting is refused in one line that names the configuration key and its value. */
class CacheSettingsParserTest {
  private final Map<String, String> config = new HashMap<>();

  private IllegalArgumentException refusal(String cache) {
    return assertThrows(
        IllegalArgumentException.class,
        () -> new CacheSettingsParser(cache, key -> Optional.ofNullable(config.get(key))).parse());
  }

  @Test
  void parse_unparsableDuration_namesTheFullKey() {
    config.put("cache.brand-stats.near.ttl", "soon");
    IllegalArgumentException e = refusal("brand-stats");
    assertEquals(
        "cache.brand-stats.near.ttl='soon': not a duration (use 30s, 5m, PT5M)", e.getMessage());
    assertNull(e.getCause(), "one line: no cause to print");
  }

  @Test
  void parse_outOfRange_namesTheKeyAndValue() {
    config.put("cache.brand-stats.negative-ttl", "0s");
    assertEquals(
        "cache.brand-stats.negative-ttl='0s': must be positive",
        refusal("brand-stats").getMessage());
  }

  @Test
  void parse_badSharedDefault_namesTheDefaultKey() {
    config.put("cache.default.breaker.failure-rate", "2");
    assertEquals(
        "cache.default.breaker.failure-rate='2': must be in (0, 1]", refusal("x").getMessage());
  }

  @Test
  void parse_notANumberOrConstant_saysWhatIsExpected() {
    config.put("cache.x.near.max-entries", "many");
    assertEquals("cache.x.near.max-entries='many': not a number", refusal("x").getMessage());
    config.clear();
    config.put("cache.x.write-policy", "eventually");
    assertEquals(
        "cache.x.write-policy='eventually': not one of [write-through, write-behind,"
            + " invalidate-only]",
        refusal("x").getMessage());
  }

  @Test
  void parse_noTierEnabled_namesTheCacheKey() {
    config.put("cache.x.near.enabled", "false");
    config.put("cache.x.grid.enabled", "false");
    String message = refusal("x").getMessage();
    assertFalse(message.contains("\n"), message);
    assertEquals(
        "cache.x.near.enabled='false': is false, and so are grid.enabled and store.enabled: no"
            + " tier enabled",
        message);
  }

  @Test
  void duration_units_parsed() {
    assertEquals(Duration.ofMillis(250), CacheSettingsParser.duration("250ms"));
    assertEquals(Duration.ofDays(2), CacheSettingsParser.duration("2d"));
    assertEquals(Duration.ofMinutes(5), CacheSettingsParser.duration("PT5M"));
  }
}
