package io.stratacache.cache;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The argument contract of the cache's calls. */
class CacheArgumentsTest {

  @Test
  void checkKey_emptyOrTooLong_refused() {
    assertThrows(IllegalArgumentException.class, () -> CacheArguments.checkKey(""));
    assertThrows(
        IllegalArgumentException.class,
        () -> CacheArguments.checkKey("k".repeat(TieredCache.MAX_KEY_LENGTH + 1)));
    assertThrows(NullPointerException.class, () -> CacheArguments.checkKey(null));
    assertDoesNotThrow(() -> CacheArguments.checkKey("k".repeat(TieredCache.MAX_KEY_LENGTH)));
  }

  @Test
  void checkTag_comma_refused() {
    assertThrows(IllegalArgumentException.class, () -> CacheArguments.checkTag("a,b"));
    assertDoesNotThrow(() -> CacheArguments.checkTag("brand:7"));
  }

  @Test
  void checkPut_wrongTypeOrTtl_refused() {
    assertThrows(
        ClassCastException.class,
        () -> CacheArguments.checkPut("c", String.class, "k", 7, null, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> CacheArguments.checkPut("c", String.class, "k", "v", Duration.ZERO, Set.of()));
    assertDoesNotThrow(
        () ->
            CacheArguments.checkPut("c", String.class, "k", "v", Duration.ofSeconds(1), Set.of()));
  }
}
