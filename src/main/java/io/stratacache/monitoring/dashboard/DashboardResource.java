package io.stratacache.monitoring.dashboard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** {@code GET /api/v1/cache/dashboard}: the operator's view in one JSON document (open). */
@Path("v1/cache/dashboard")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

  @Inject DashboardAssembler dashboard;

  /** The cluster's dashboard, or this instance's with {@code ?scope=local}. */
  @GET
  public Dashboard dashboard(@jakarta.ws.rs.QueryParam("scope") String scope) {
    if (scope != null && !scope.isBlank() && !scope.equals("cluster") && !scope.equals("local")) {
      throw new io.stratacache.platform.InvalidInputException(
          "scope must be cluster or local, not '" + scope + "'");
    }
    return dashboard.dashboard(!"local".equals(scope));
  }
}
