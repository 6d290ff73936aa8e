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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Rule administration and invalidation of the response cache (admin-only), and its counters. */
@Path("v1/cache/rules")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ResponseCacheResource {

  static final int MAX_BODY = 64 * 1024;

  /** {@code {"rules":[{rule, counts}]}}. */
  public record RulesAnswer(List<ResponseCaching.RuleView> rules) {}

  @Inject ResponseCaching caching;

  @GET
  @AdminOnly
  public RulesAnswer rules() {
    return new RulesAnswer(caching.rules());
  }

  @POST
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@BodyLimit(MAX_BODY) RuleRequest body) {
    return Response.status(201).entity(caching.create(JsonRequests.required(body))).build();
  }

  @PUT
  @Path("{id}")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public ResponseRule replace(@PathParam("id") String id, @BodyLimit(MAX_BODY) RuleRequest body) {
    return caching.replace(id, JsonRequests.required(body));
  }

  @DELETE
  @Path("{id}")
  @AdminOnly
  public Response delete(@PathParam("id") String id) {
    caching.delete(id);
    return Response.noContent().build();
  }
}
