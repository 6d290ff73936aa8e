package io.stratacache.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Path patterns: segments, captures, and the key globs used for invalidation. */
class PathPatternTest {

  @Test
  void star_staysWithinOneSegment() {
    PathPattern p = PathPattern.compile("/api/*/stats");
    assertTrue(p.matches("/api/x/stats"));
    assertFalse(p.matches("/api/x/y/stats"));
  }

  @Test
  void doubleStar_matchesZeroOrMoreSegments() {
    PathPattern p = PathPattern.compile("/api/**");
    assertTrue(p.matches("/api"));
    assertTrue(p.matches("/api/a/b/c"));
    assertFalse(p.matches("/apix"));
  }

  @Test
  void variable_captured() {
    PathPattern p = PathPattern.compile("/api/v1/brands/{name}/stats");
    assertEquals(
        Map.of("name", "Horizon%20Coffee"), p.capture("/api/v1/brands/Horizon%20Coffee/stats"));
    assertFalse(p.matches("/api/v1/brands//stats"));
  }

  @Test
  void keyGlob_coversTheKeysOfThePattern() {
    assertEquals("/api/v1/brands* *", PathPattern.compile("/api/v1/brands/**").keyGlob());
    assertEquals(
        "/api/v1/brands/*/stats *", PathPattern.compile("/api/v1/brands/{name}/stats").keyGlob());
    assertEquals("/api/v1/ping *", PathPattern.compile("/api/v1/ping").keyGlob());
  }
}
