package io.stratacache.http;

import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.BodyLimit;
import io.stratacache.rest.JsonRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Rule administration and invalidation of the response cache; every call is admin-only. */
@Path("v1/cache")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ResponseCacheResource {

  static final int MAX_BODY = 64 * 1024;

  /** {@code {"rules":[{rule, counts}]}}. */
  public record RulesAnswer(List<ResponseCaching.RuleView> rules) {}

  @Inject ResponseCaching caching;

  @GET
  @Path("rules")
  @AdminOnly
  public RulesAnswer rules() {
    return new RulesAnswer(caching.rules());
  }

  @POST
  @Path("rules")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@BodyLimit(MAX_BODY) RuleRequest body) {
    return Response.status(201).entity(caching.create(JsonRequests.required(body))).build();
  }

  @PUT
  @Path("rules/{id}")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public ResponseRule replace(@PathParam("id") String id, @BodyLimit(MAX_BODY) RuleRequest body) {
    return caching.replace(id, JsonRequests.required(body));
  }

  @DELETE
  @Path("rules/{id}")
  @AdminOnly
  public Response delete(@PathParam("id") String id) {
    caching.delete(id);
    return Response.noContent().build();
  }

  @DELETE
  @Path("responses")
  @AdminOnly
  public ResponseCaching.Invalidated invalidate(
      @QueryParam("pattern") String pattern,
      @QueryParam("tag") String tag,
      @QueryParam("user") String user) {
    return caching.invalidate(pattern, tag, user);
  }
}
