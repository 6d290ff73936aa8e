package io.stratacache.identity.jwt;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.platform.InvalidSettingException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenIssuerTest {

  static boolean demo(String... pairs) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return TokenIssuer.demoTokens(k -> Optional.ofNullable(m.get(k)));
  }

  @Test
  void demoTokens_auto_onForTheEmbeddedDefaultOnly() {
    assertTrue(demo("DB_URL", "jdbc:h2:file:./data/stratacache", "DEMO_DATA", "full"));
    assertTrue(
        demo("DB_URL", "jdbc:h2:file:./x", "DEMO_DATA", "small", "AUTH_DEMO_TOKENS", "auto"));
    assertFalse(demo("DB_URL", "jdbc:postgresql://db/app", "DEMO_DATA", "full"));
    assertFalse(demo("DB_URL", "jdbc:h2:file:./data/stratacache", "DEMO_DATA", "none"));
  }

  @Test
  void demoTokens_explicit_wins() {
    assertTrue(demo("DB_URL", "jdbc:postgresql://db/app", "AUTH_DEMO_TOKENS", "true"));
    assertFalse(demo("DB_URL", "jdbc:h2:file:./x", "DEMO_DATA", "full", "AUTH_DEMO_TOKENS", "off"));
  }

  @Test
  void demoTokens_other_refusedNamingTheSetting() {
    InvalidSettingException e =
        assertThrows(InvalidSettingException.class, () -> demo("AUTH_DEMO_TOKENS", "maybe"));
    assertTrue(e.getMessage().contains("AUTH_DEMO_TOKENS"), e.getMessage());
  }
}
