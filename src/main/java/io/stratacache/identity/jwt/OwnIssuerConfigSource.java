package io.stratacache.identity.jwt;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Hands MicroProfile JWT the application's own issuer: {@code mp.jwt.verify.publickey} (the public
 * half of {@link SigningKey}, generated on first use) and {@code mp.jwt.verify.issuer} ({@code
 * AUTH_ISSUER}). Supplies nothing when an external key is configured ({@link
 * IssuerSettings#external()}), so the operator's key and issuer are the only ones. Its ordinal,
 * {@value #ORDINAL}, is below every default source: a value set anywhere else wins. Registered in
 * {@code META-INF/services/org.eclipse.microprofile.config.spi.ConfigSource}; thread-safe.
 */
public final class OwnIssuerConfigSource implements ConfigSource {

  static final int ORDINAL = 50;

  private volatile Map<String, String> values;

  private Map<String, String> values() {
    Map<String, String> v = values;
    if (v == null) {
      IssuerSettings settings = IssuerSettings.fromEnvironment();
      v =
          settings.external()
              ? Map.of()
              : Map.of(
                  IssuerSettings.PUBLIC_KEY,
                  SigningKey.loadOrCreate(settings.keyFile()).publicKeyPem(),
                  IssuerSettings.VERIFY_ISSUER,
                  settings.issuer());
      values = v;
    }
    return v;
  }

  @Override
  public Set<String> getPropertyNames() {
    return values().keySet();
  }

  @Override
  public Map<String, String> getProperties() {
    return values();
  }

  @Override
  public String getValue(String propertyName) {
    if (!IssuerSettings.PUBLIC_KEY.equals(propertyName)
        && !IssuerSettings.VERIFY_ISSUER.equals(propertyName)) {
      return null;
    }
    return values().get(propertyName);
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }

  @Override
  public String getName() {
    return "stratacache-own-jwt-issuer";
  }
}
