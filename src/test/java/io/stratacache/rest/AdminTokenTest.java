package io.stratacache.rest;

import static io.stratacache.rest.AdminToken.Verdict.DISABLED;
import static io.stratacache.rest.AdminToken.Verdict.GRANTED;
import static io.stratacache.rest.AdminToken.Verdict.MISSING;
import static io.stratacache.rest.AdminToken.Verdict.WRONG;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

  static final Optional<String> TOKEN = Optional.of("s3cret-token");

  @Test
  void compare_rightToken_granted() {
    assertEquals(GRANTED, AdminToken.compare(TOKEN, "s3cret-token"));
    assertEquals(GRANTED, AdminToken.compare(TOKEN, " s3cret-token "));
  }

  @Test
  void compare_noTokenConfigured_disabledWhateverIsSent() {
    assertEquals(DISABLED, AdminToken.compare(Optional.empty(), "s3cret-token"));
    assertEquals(DISABLED, AdminToken.compare(Optional.of("  "), ""));
    assertEquals(DISABLED, AdminToken.compare(Optional.empty(), null));
  }

  @Test
  void compare_nothingSent_missing() {
    assertEquals(MISSING, AdminToken.compare(TOKEN, null));
  }

  @Test
  void compare_wrongOrPrefixOfToken_wrong() {
    assertEquals(WRONG, AdminToken.compare(TOKEN, "s3cret"));
    assertEquals(WRONG, AdminToken.compare(TOKEN, "s3cret-token-and-more"));
    assertEquals(WRONG, AdminToken.compare(TOKEN, ""));
  }
}
