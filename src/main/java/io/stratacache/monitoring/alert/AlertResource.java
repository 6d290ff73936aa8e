package io.stratacache.monitoring.alert;

import io.stratacache.rest.AdminOnly;
import io.stratacache.rest.BodyLimit;
import io.stratacache.rest.JsonRequests;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * Alerts and rules under {@code /api/v1/cache/monitoring}: reads are open, evaluating, resolving
 * and editing rules need the admin token ({@link AdminOnly}, checked before the body is read).
 * Bodies of at most {@value #MAX_BODY} bytes are bound and validated by the REST layer ({@link
 * JsonRequests}); each request is validated completely before anything changes. (The suggestions
 * and the trend metrics under the same path have resources of their own.)
 */
@Path("v1/cache/monitoring")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

  /** The largest body accepted. */
  static final int MAX_BODY = 64 * 1024;

  /**
   * The body of {@code POST alerts/resolve}.
   *
   * @param id the alert's id, a positive whole number
   */
  public record ResolveRequest(
      @NotNull(message = "is required: a positive whole number")
          @Positive(message = "must be a positive whole number")
          Long id) {
    /*
     * Declared, not implicit: a record component's constraints then stay on its field and
     * accessor and do not reach this constructor's parameters, where Payara's OpenAPI scanner
     * (6.2025.10) fails with a NullPointerException on any constraint of a parameter that is not
     * a @PathParam, and /openapi answers 500. Hibernate Validator checks the fields.
     */
    public ResolveRequest(Long id) {
      this.id = id;
    }
  }

  /** {@code {"alerts":[...]}}. */
  public record AlertsAnswer(List<Alert> alerts) {}

  /** {@code {"rules":[...]}}. */
  public record RulesAnswer(int minRequests, List<AlertRule> rules) {}

  @Inject AlertService alerts;

  /** Alerts, newest first; {@code ?state=} and {@code ?severity=} filter (400 if unknown). */
  @GET
  @Path("alerts")
  public AlertsAnswer alerts(
      @QueryParam("state") String state, @QueryParam("severity") String severity) {
    return new AlertsAnswer(alerts.alerts(state, severity));
  }

  /** {@code {"id":12}} → the resolved alert; 404 unknown, 409 not active. Admin. */
  @POST
  @Path("alerts/resolve")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public Alert resolve(@BodyLimit(MAX_BODY) ResolveRequest body) {
    return alerts.resolve(JsonRequests.required(body).id());
  }

  /** Evaluates every rule now: {@code {"opened","resolved","active"}}. Admin. */
  @POST
  @Path("alerts/evaluate")
  @AdminOnly
  public Evaluation evaluate() {
    return alerts.evaluate();
  }

  /** Every rule with its tunables. */
  @GET
  @Path("rules")
  public RulesAnswer rules() {
    return new RulesAnswer(alerts.minRequests(), alerts.rules());
  }

  /** Edits a rule: any of threshold, windowSeconds, severity, enabled. 404 unknown. Admin. */
  @PUT
  @Path("rules/{name}")
  @AdminOnly
  @Consumes(MediaType.APPLICATION_JSON)
  public AlertRule edit(
      @PathParam("name") String name, @BodyLimit(MAX_BODY) RuleEdit.Request body) {
    return alerts.edit(name, JsonRequests.required(body));
  }
}
