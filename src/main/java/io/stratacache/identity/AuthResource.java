package io.stratacache.identity;

import io.stratacache.brand.UserService;
import io.stratacache.identity.jwt.TokenIssuer;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.AdminToken;
import io.stratacache.rest.BodyLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * Tokens of the application's own issuer. {@code POST token} exchanges the configured {@code
 * ADMIN_TOKEN} for a short-lived admin JWT; {@code POST demo-token} gives a demo user's JWT, on the
 * embedded default only ({@code AUTH_DEMO_TOKENS}). Both answer 404 while an external key is
 * configured: tokens then come from that issuer.
 */
@Path("v1/auth")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

  static final int MAX_BODY = 4096;

  @Inject TokenIssuer issuer;
  @Inject UserService users;
  @Inject Config config;

  /**
   * Body {@code {"admin_token": "<ADMIN_TOKEN>"}}. 200 with an admin token; 401 when the token is
   * missing or wrong (compared in constant time); 403 when no {@code ADMIN_TOKEN} is configured.
   */
  @POST
  @Path("token")
  public TokenAnswer token(@BodyLimit(MAX_BODY) AuthRequests.AdminExchange body) {
    requireOwnIssuer();
    Optional<String> configured = config.getOptionalValue("ADMIN_TOKEN", String.class);
    String sent = body == null ? null : body.admin_token();
    switch (AdminToken.compare(configured, sent)) {
      case DISABLED ->
          throw new RefusedTokenException(
              403,
              "admin_disabled",
              "administrative operations are disabled: no ADMIN_TOKEN is configured");
      case MISSING ->
          throw new RefusedTokenException(
              401, "unauthorized", "send the configured ADMIN_TOKEN as {\"admin_token\": \"...\"}");
      case WRONG ->
          throw new RefusedTokenException(401, "unauthorized", "admin_token is not valid");
      case GRANTED -> {
        // issue below
      }
    }
    return answer(issuer.adminToken());
  }

  /**
   * Body {@code {"user_id": 42}}: a token of that existing user. Only while demo tokens are on
   * ({@code AUTH_DEMO_TOKENS}, by default on the embedded H2 database with demo data), else 404;
   * 404 for an unknown user too.
   */
  @POST
  @Path("demo-token")
  public TokenAnswer demoToken(@BodyLimit(MAX_BODY) AuthRequests.DemoUser body) {
    if (!issuer.demoTokens()) {
      throw new RefusedTokenException(
          404,
          "not_found",
          "demo tokens are off (AUTH_DEMO_TOKENS, on by default for the embedded demo only)");
    }
    if (body == null || body.user_id() == null || body.user_id() < 1) {
      throw new InvalidInputException("user_id must be a user id (a whole number from 1)");
    }
    long id = body.user_id();
    if (!users.exists(id)) {
      throw new RefusedTokenException(404, "not_found", "user " + id + " does not exist");
    }
    return answer(issuer.userToken(id));
  }

  private void requireOwnIssuer() {
    if (!issuer.ownIssuer()) {
      throw new RefusedTokenException(
          404,
          "not_found",
          "this application issues no tokens: an external key is configured"
              + " (mp.jwt.verify.publickey.location); get tokens from that issuer");
    }
  }

  private TokenAnswer answer(String jwt) {
    return new TokenAnswer(jwt, "Bearer", issuer.lifetime().toSeconds());
  }
}
