package io.stratacache.identity.jwt;

import io.stratacache.platform.ConfigValues;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the application's own issuer keeps its key and what it calls itself, and whether an
 * operator has configured an external verification key instead (then the application issues no
 * tokens). Read from system properties and environment variables only: {@link
 * OwnIssuerConfigSource} needs them while MicroProfile Config is still being built.
 *
 * @param keyFile {@code AUTH_KEY_FILE}, default {@code ./data/jwt-signing-key.pem}
 * @param issuer {@code AUTH_ISSUER}, default {@code stratacache}: the {@code iss} of its tokens
 * @param external whether {@code mp.jwt.verify.publickey.location} or {@code
 *     mp.jwt.verify.publickey} is set (as a system property or environment variable)
 */
public record IssuerSettings(Path keyFile, String issuer, boolean external) {

  public static final String KEY_FILE = "AUTH_KEY_FILE";
  public static final String ISSUER = "AUTH_ISSUER";
  public static final String DEFAULT_KEY_FILE = "./data/jwt-signing-key.pem";
  public static final String DEFAULT_ISSUER = "stratacache";
  static final String PUBLIC_KEY = "mp.jwt.verify.publickey";
  static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";
  static final String VERIFY_ISSUER = "mp.jwt.verify.issuer";

  /** Whether this application signs and verifies its own tokens. */
  public boolean ownIssuer() {
    return !external;
  }

  /** The settings of this process: system properties first, then environment variables. */
  public static IssuerSettings fromEnvironment() {
    return from(IssuerSettings::environment);
  }

  /** The settings read through {@code lookup}. */
  public static IssuerSettings from(Function<String, Optional<String>> lookup) {
    Path key = Path.of(ConfigValues.text(lookup, KEY_FILE, DEFAULT_KEY_FILE).trim());
    String issuer = ConfigValues.text(lookup, ISSUER, DEFAULT_ISSUER).trim();
    boolean external =
        lookup.apply(PUBLIC_KEY_LOCATION).filter(s -> !s.isBlank()).isPresent()
            || lookup.apply(PUBLIC_KEY).filter(s -> !s.isBlank()).isPresent();
    return new IssuerSettings(key, issuer, external);
  }

  /**
   * A setting as MicroProfile Config's default sources see it: the system property of that name,
   * else the environment variable of that name, of that name with non-alphanumerics as {@code _},
   * or of that upper-cased.
   */
  static Optional<String> environment(String name) {
    String v = System.getProperty(name);
    if (v == null) {
      v = System.getenv(name);
    }
    String sanitized = name.replaceAll("[^A-Za-z0-9_]", "_");
    if (v == null) {
      v = System.getenv(sanitized);
    }
    if (v == null) {
      v = System.getenv(sanitized.toUpperCase(Locale.ROOT));
    }
    return Optional.ofNullable(v);
  }
}
