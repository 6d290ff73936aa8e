package io.stratacache.http;

import io.stratacache.rest.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Invalidation of stored answers (admin) and the per-rule counters (open). */
@Path("v1/cache/responses")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StoredResponsesResource {

  /** {@code {"rules":[counts]}}: the enabled rules' counters on this instance (open). */
  public record StatsAnswer(List<RuleCounts> rules) {}

  @Inject ResponseCaching caching;

  @GET
  @Path("stats")
  public StatsAnswer stats() {
    return new StatsAnswer(caching.counts());
  }

  /** Exactly one of {@code pattern}, {@code tag}, {@code user}; every instance. */
  @DELETE
  @AdminOnly
  public ResponseCaching.Invalidated invalidate(
      @QueryParam("pattern") String pattern,
      @QueryParam("tag") String tag,
      @QueryParam("user") String user) {
    return caching.invalidate(pattern, tag, user);
  }
}
