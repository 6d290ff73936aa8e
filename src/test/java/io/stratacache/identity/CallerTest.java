package io.stratacache.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CallerTest {

  @Test
  void userId_user_itsId_admin_none() {
    assertEquals(OptionalLong.of(42), new Caller("42", false).userId());
    assertTrue(new Caller("admin", true).userId().isEmpty());
    assertTrue(new Caller("someone", false).userId().isEmpty());
  }
}
