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

  @GET
  public Dashboard dashboard() {
    return dashboard.dashboard();
  }
}
