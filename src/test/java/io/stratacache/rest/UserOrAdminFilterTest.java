package io.stratacache.rest;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UserOrAdminFilterTest {

  @Test
  void sameUser_comparedAsNumbers() {
    assertTrue(UserOrAdminFilter.sameUser("42", "42"));
    assertTrue(UserOrAdminFilter.sameUser("42", "042"));
    assertFalse(UserOrAdminFilter.sameUser("42", "43"));
  }

  @Test
  void sameUser_notANumberOrMissing_false() {
    assertFalse(UserOrAdminFilter.sameUser("admin", "42"));
    assertFalse(UserOrAdminFilter.sameUser("42", "abc"));
    assertFalse(UserOrAdminFilter.sameUser(null, "42"));
    assertFalse(UserOrAdminFilter.sameUser("42", null));
  }
}
