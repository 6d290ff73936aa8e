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
  void check_rightBearer_granted() {
    assertEquals(GRANTED, AdminToken.check(TOKEN, "Bearer s3cret-token"));
    assertEquals(GRANTED, AdminToken.check(TOKEN, "bearer  s3cret-token "));
  }

  @Test
  void check_noTokenConfigured_disabledWhateverIsSent() {
    assertEquals(DISABLED, AdminToken.check(Optional.empty(), "Bearer s3cret-token"));
    assertEquals(DISABLED, AdminToken.check(Optional.of("  "), "Bearer "));
  }

  @Test
  void check_missingOrOtherScheme_missing() {
    assertEquals(MISSING, AdminToken.check(TOKEN, null));
    assertEquals(MISSING, AdminToken.check(TOKEN, "Basic YWRtaW46YWRtaW4="));
  }

  @Test
  void check_wrongOrPrefixOfToken_wrong() {
    assertEquals(WRONG, AdminToken.check(TOKEN, "Bearer s3cret"));
    assertEquals(WRONG, AdminToken.check(TOKEN, "Bearer s3cret-token-and-more"));
    assertEquals(WRONG, AdminToken.check(TOKEN, "Bearer "));
  }
}
