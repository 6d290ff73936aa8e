package io.stratacache.identity.jwt;

import io.stratacache.platform.ConfigValues;
import io.stratacache.platform.InvalidSettingException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Issues the application's own tokens: admin tokens ({@code sub} {@code admin}, groups {@code
 * [admin]}) and user tokens ({@code sub} the user id, groups {@code [user]}), each living {@code
 * AUTH_TOKEN_LIFETIME_SECONDS}. It signs with the key that {@link OwnIssuerConfigSource} hands to
 * MicroProfile JWT, so its tokens verify here. Created at start-up (which generates the key on
 * first start and logs the issuer's state in one line); thread-safe.
 */
@ApplicationScoped
public class TokenIssuer {

  private static final Logger LOG = Logger.getLogger(TokenIssuer.class.getName());

  /**
   * Payara's MP-JWT identity store logs every refused token at INFO with a stack trace; a refused
   * token is the caller's mistake, answered 401, not an event of the server. Held here so the level
   * is not lost with a collected logger.
   */
  private static final Logger REFUSALS =
      Logger.getLogger("fish.payara.microprofile.jwtauth.eesecurity.SignedJWTIdentityStore");

  /** The subject of admin tokens. */
  public static final String ADMIN_SUBJECT = "admin";

  public static final String LIFETIME = "AUTH_TOKEN_LIFETIME_SECONDS";
  public static final String DEMO_TOKENS = "AUTH_DEMO_TOKENS";

  @Inject Config config;
  @Inject Clock clock;

  private IssuerSettings settings;
  private Duration lifetime;
  private boolean demoTokens;
  private JwtSigner signer;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    REFUSALS.setLevel(Level.WARNING);
  }

  @PostConstruct
  void init() {
    Function<String, Optional<String>> lookup = k -> config.getOptionalValue(k, String.class);
    settings = IssuerSettings.fromEnvironment();
    lifetime = Duration.ofSeconds(ConfigValues.integer(lookup, LIFETIME, 3600, 60, 86_400));
    demoTokens = demoTokens(lookup);
    if (settings.ownIssuer()) {
      SigningKey key = SigningKey.loadOrCreate(settings.keyFile());
      signer = new JwtSigner(key.privateKey());
      LOG.info(
          "Identity: this application issues its tokens (issuer '"
              + settings.issuer()
              + "', key "
              + key.file()
              + ", lifetime "
              + lifetime.toSeconds()
              + " s); demo user tokens "
              + (demoTokens ? "ON" : "off")
              + " ("
              + DEMO_TOKENS
              + "="
              + ConfigValues.text(lookup, DEMO_TOKENS, "auto")
              + ")");
    } else {
      LOG.info(
          "Identity: tokens are verified with the configured external key"
              + " (mp.jwt.verify.publickey[.location]); this application issues none");
    }
  }

  /**
   * {@code AUTH_DEMO_TOKENS}: {@code true}, {@code false}, or {@code auto} (the default): on for
   * the embedded default only, an H2 database ({@code DB_URL} {@code jdbc:h2:}) with demo data
   * ({@code DEMO_DATA} not {@code none}).
   */
  static boolean demoTokens(Function<String, Optional<String>> lookup) {
    String v = ConfigValues.text(lookup, DEMO_TOKENS, "auto").trim().toLowerCase(Locale.ROOT);
    if (v.equals("auto")) {
      boolean h2 = ConfigValues.text(lookup, "DB_URL", "jdbc:h2:").trim().startsWith("jdbc:h2:");
      boolean demo =
          !ConfigValues.text(lookup, "DEMO_DATA", "full").trim().equalsIgnoreCase("none");
      return h2 && demo;
    }
    try {
      return ConfigValues.flag(lookup, DEMO_TOKENS, false);
    } catch (InvalidSettingException e) {
      throw new InvalidSettingException(DEMO_TOKENS, v, "must be auto, true or false");
    }
  }

  /** Whether this application issues tokens (no external key is configured). */
  public boolean ownIssuer() {
    return settings.ownIssuer();
  }

  /** Whether demo user tokens may be issued. */
  public boolean demoTokens() {
    return demoTokens && settings.ownIssuer();
  }

  /** How long a token lives. */
  public Duration lifetime() {
    return lifetime;
  }

  /** A new admin token. Only while {@link #ownIssuer()}. */
  public String adminToken() {
    return sign(ADMIN_SUBJECT, List.of("admin"));
  }

  /** A new token of user {@code userId}. Only while {@link #ownIssuer()}. */
  public String userToken(long userId) {
    return sign(Long.toString(userId), List.of("user"));
  }

  private String sign(String subject, List<String> groups) {
    if (signer == null) {
      throw new IllegalStateException("an external issuer is configured: no tokens issued here");
    }
    Instant now = clock.instant();
    return signer.sign(
        new JwtSigner.Claims(
            settings.issuer(),
            subject,
            groups,
            now,
            now.plus(lifetime),
            UUID.randomUUID().toString()));
  }
}
