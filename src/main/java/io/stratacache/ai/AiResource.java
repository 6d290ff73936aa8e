package io.stratacache.ai;

import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.Authenticated;
import io.stratacache.rest.BodyLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AI text generation under {@code /api/ai}: generating and the cache's statistics need an
 * authenticated caller, the dashboard's figures are open; clearing the cache and the templates'
 * administration need the admin. Thin: {@link AiGeneration} does and documents the work.
 */
@Path("ai")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AiResource {

  /** The largest generate body: 64 KiB. */
  static final int MAX_GENERATE_BYTES = 64 * 1024;

  /** The largest template body: 1 MiB. */
  static final int MAX_TEMPLATE_BYTES = 1 << 20;

  @Inject AiGeneration generation;

  /** {@code {"template_id","section_id","data"}} → the section's text. */
  @POST
  @Path("generate")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public GenerateAnswer generate(@BodyLimit(MAX_GENERATE_BYTES) GenerateRequest request) {
    return generation.generate(request);
  }

  /**
   * The AI cache figures: {@code {"success":true,"scope":"cluster","stats":{...},"instance":{...}}}
   * with {@code stats} summed over every member of the cluster and {@code instance} the answering
   * member's own. If the grid does not answer in time, {@code scope} is {@code "instance"}, {@code
   * stats} this member's figures and {@code detail} says why.
   */
  @GET
  @Path("cache/stats")
  @Authenticated
  public Map<String, Object> stats() {
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("success", true);
    figures(answer);
    return answer;
  }

  /**
   * What the dashboard's AI panel shows, open like the other dashboard reads: {@code
   * {"scope","stats","instance","breaker"}}; {@code stats} as in {@code cache/stats}, {@code
   * breaker} this member's view of the upstream's circuit breaker ({@code mock}, {@code open},
   * {@code openSince}, {@code opened}).
   */
  @GET
  @Path("dashboard")
  public Map<String, Object> dashboard() {
    Map<String, Object> answer = new LinkedHashMap<>();
    figures(answer);
    answer.put("breaker", generation.breaker());
    return answer;
  }

  private void figures(Map<String, Object> answer) {
    AiCacheStats own = generation.stats();
    try {
      AiCacheStats cluster = generation.clusterStats();
      answer.put("scope", "cluster");
      answer.put("stats", cluster);
    } catch (RuntimeException e) {
      answer.put("scope", "instance");
      answer.put("stats", own);
      answer.put("detail", "the cluster's figures could not be read: " + e.getMessage());
    }
    answer.put("instance", own);
  }

  /** Drops every cached answer, or those of {@code ?template_id=ID}. Admin. */
  @DELETE
  @Path("cache")
  @AdminOnly
  public JsonObject clear(@QueryParam("template_id") String templateId) {
    generation.clear(templateId);
    return Json.createObjectBuilder()
        .add("success", true)
        .add("cleared", templateId == null ? "all" : templateId)
        .build();
  }

  /** Every template. Admin. */
  @GET
  @Path("templates")
  @AdminOnly
  public List<Template> templates() {
    return generation.templates();
  }

  /** One template. Admin. */
  @GET
  @Path("templates/{id}")
  @AdminOnly
  public Template template(@PathParam("id") String id) {
    return generation.template(id);
  }

  /** Creates a template (version 1). Admin. */
  @POST
  @Path("templates")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public jakarta.ws.rs.core.Response create(
      @BodyLimit(MAX_TEMPLATE_BYTES) TemplateRequest request) {
    Template t = generation.create(request);
    return jakarta.ws.rs.core.Response.status(201).entity(t).build();
  }

  /** Replaces a template by its next version. Admin. */
  @PUT
  @Path("templates/{id}")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Template update(
      @PathParam("id") String id, @BodyLimit(MAX_TEMPLATE_BYTES) TemplateRequest request) {
    return generation.update(id, request);
  }
}
