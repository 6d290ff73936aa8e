package io.stratacache.testing;

import java.net.URI;

/**
 * How integration tests authenticate: every test asks here for the {@code Authorization} header
 * value of the admin or of one user, so the way credentials are obtained changes in one place.
 */
public final class Auth {

  private Auth() {}

  /** The {@code Authorization} value of the admin on the server at {@code base}. */
  public static String admin(URI base) {
    return "Bearer " + ServerTest.ADMIN_TOKEN;
  }

  /** The {@code Authorization} value of user {@code userId} on the server at {@code base}. */
  public static String user(URI base, long userId) {
    throw new UnsupportedOperationException("user tokens arrive with MicroProfile JWT (issue 10)");
  }
}
