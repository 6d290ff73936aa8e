package io.stratacache.monitoring.alert;

import io.stratacache.admin.AdminRequests;
import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.AdminOnly;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;

/**
 * Alerts and rules under {@code /api/v1/cache/monitoring}: reads are open, evaluating, resolving
 * and editing rules need the admin token ({@link AdminOnly}, checked before the body is read). Each
 * request is validated completely before anything changes. (The suggestions and the trend metrics
 * under the same path have resources of their own.)
 */
@Path("v1/cache/monitoring")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

  /** The largest body accepted. */
  static final int MAX_BODY = 64 * 1024;

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
  public Alert resolve(InputStream body) {
    JsonValue id = object(body).get("id");
    if (!(id instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1) {
      throw new InvalidInputException("id must be a positive whole number, was " + id);
    }
    return alerts.resolve(n.longValue());
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
  public AlertRule edit(@PathParam("name") String name, InputStream body) {
    return alerts.edit(name, object(body));
  }

  private static JsonObject object(InputStream body) {
    String text = AdminRequests.readBody(body, MAX_BODY);
    if (text.isBlank()) {
      throw new InvalidInputException("the body must be a JSON object");
    }
    try (JsonReader r = Json.createReader(new StringReader(text))) {
      JsonValue v = r.readValue();
      if (v.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new InvalidInputException("the body must be a JSON object");
      }
      return v.asJsonObject();
    }
  }
}
