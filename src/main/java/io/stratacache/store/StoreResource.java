package io.stratacache.store;

import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** Stores, store dashboards and multi-store diagnosis. */
@Path("v1")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {

  /** Days a dashboard or diagnosis covers when {@code from} is not given. */
  static final int DEFAULT_DAYS = 30;

  @Inject StoreAnalytics analytics;
  @Inject Clock clock;

  /** All stores. */
  @GET
  @Path("stores")
  public List<StoreView> stores() {
    return analytics.stores();
  }

  /**
   * Daily revenue, orders and average ticket of one store between {@code from} and {@code to} (ISO
   * dates, inclusive; default the last 30 days up to today, at most 366 days).
   */
  @GET
  @Path("stores/{id}/dashboard")
  public StoreDashboard dashboard(
      @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
    long storeId = Params.id("store id", id);
    return analytics.dashboard(storeId, DateRange.parse(from, to, today(), DEFAULT_DAYS));
  }

  /**
   * Diagnosis of several stores ({@code stores=1,2,3}, at most 100) between {@code from} and {@code
   * to}: totals, ranking, day-over-day trend and anomalies.
   */
  @GET
  @Path("diagnosis")
  public MultiStoreDiagnosis diagnosis(
      @QueryParam("stores") String stores,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    var ids = Params.ids("stores", stores, StoreAnalytics.MAX_DIAGNOSIS_STORES);
    return analytics.diagnose(ids, DateRange.parse(from, to, today(), DEFAULT_DAYS));
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
