package io.stratacache.cache.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyPatternTest {

  @Test
  void matches_starAndQuestionMark() {
    KeyPattern brand = KeyPattern.glob("brand:*");
    assertTrue(brand.matches("brand:42"));
    assertTrue(brand.matches("brand:"));
    assertFalse(brand.matches("brands:1"));
    assertFalse(brand.matches("x-brand:1"));
    KeyPattern one = KeyPattern.glob("store:?");
    assertTrue(one.matches("store:1"));
    assertFalse(one.matches("store:12"));
    assertTrue(KeyPattern.glob("*").matches("anything at all"));
  }

  @Test
  void matches_regexCharactersAreLiteral() {
    KeyPattern p = KeyPattern.glob("a.b+(c)[d]$*");
    assertTrue(p.matches("a.b+(c)[d]$tail"));
    assertFalse(p.matches("aXb+(c)[d]$tail"));
  }

  @Test
  void sqlLike_escapesPercentUnderscoreAndEscape() {
    assertEquals("brand:%", KeyPattern.glob("brand:*").sqlLike('!'));
    assertEquals("a!_b!%c!!_", KeyPattern.glob("a_b%c!?").sqlLike('!'));
  }

  @Test
  void glob_empty_refused() {
    assertThrows(IllegalArgumentException.class, () -> KeyPattern.glob(""));
  }
}
