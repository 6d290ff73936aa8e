package io.stratacache.store;

import io.stratacache.rest.Authenticated;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.Params;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Stores, store dashboards and multi-store diagnosis (served by the {@link StoreHierarchy}), orders
 * in (record one or a batch, correct, cancel: any authenticated caller), the order-level views of
 * level 1, and the hierarchy's statistics. One root resource for all of {@code /api/v1/stores...},
 * so that JAX-RS's choice of root resource never hides one of these paths behind another.
 */
@Path("v1")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class StoreResource {

  /** Days a dashboard or diagnosis covers when {@code from} is not given. */
  static final int DEFAULT_DAYS = 30;

  @Inject StoreAnalytics analytics;
  @Inject StoreHierarchy hierarchy;
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
    StoreView store = analytics.store(Params.id("store id", id));
    return hierarchy.dashboard(store, DateRange.parse(from, to, today(), DEFAULT_DAYS));
  }

  /** The same dashboard computed from the database, uncached (authenticated callers). */
  @GET
  @Path("stores/{id}/dashboard/reference")
  @io.stratacache.rest.Authenticated
  public StoreDashboard dashboardReference(
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
    DateRange range = DateRange.parse(from, to, today(), DEFAULT_DAYS);
    return hierarchy.diagnose(analytics.stores(ids), range);
  }

  /** The same diagnosis computed from the database, uncached (authenticated callers). */
  @GET
  @Path("diagnosis/reference")
  @io.stratacache.rest.Authenticated
  public MultiStoreDiagnosis diagnosisReference(
      @QueryParam("stores") String stores,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    var ids = Params.ids("stores", stores, StoreAnalytics.MAX_DIAGNOSIS_STORES);
    return analytics.diagnose(ids, DateRange.parse(from, to, today(), DEFAULT_DAYS));
  }

  @Inject OrderIngestion ingestion;

  /** One order as the API shows it. */
  public record OrderView(
      long id, LocalDateTime orderedAt, BigDecimal amount, int items, SalesChannel channel) {}

  /** A store's orders of one day. */
  public record DayOrders(StoreView store, LocalDate date, int count, List<OrderView> orders) {}

  /**
   * Records one order ({@code {"clientOrderId","orderedAt","amount","items","channel"}}) or a batch
   * ({@code {"orders":[...]}}, at most 10,000), idempotent under the client order id; answers after
   * the commit with how many were new.
   */
  @POST
  @Path("stores/{id}/orders")
  @Authenticated
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public OrderIngestion.Recorded record(@PathParam("id") String id, InputStream body)
      throws SQLException {
    long storeId = Params.id("store id", id);
    analytics.store(storeId);
    byte[] bytes = JsonRequests.read(body, OrderRequests.MAX_BYTES);
    if (bytes.length == 0) {
      throw new io.stratacache.rest.MalformedBodyException(
          "the request body is empty; send a JSON object");
    }
    return ingestion.record(storeId, OrderRequests.orders(bytes, clock.instant()));
  }

  /** Corrects an order: its time, amount, items and channel are replaced. */
  @PUT
  @Path("stores/{id}/orders/{clientOrderId}")
  @Authenticated
  @Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
  public OrderIngestion.Changed correct(
      @PathParam("id") String id,
      @PathParam("clientOrderId") String clientOrderId,
      InputStream body)
      throws SQLException {
    long storeId = Params.id("store id", id);
    analytics.store(storeId);
    byte[] bytes = JsonRequests.read(body, JsonRequests.DEFAULT_MAX_BYTES);
    NewOrder order = OrderRequests.correction(bytes, clientOrderId, clock.instant());
    try {
      return ingestion.correct(storeId, order);
    } catch (CancelledOrderException e) {
      throw new WebApplicationException(
          e.getMessage(), Response.status(Response.Status.CONFLICT).build());
    }
  }

  /** Cancels an order; cancelling it again changes nothing. */
  @DELETE
  @Path("stores/{id}/orders/{clientOrderId}")
  @Authenticated
  public OrderIngestion.Changed cancel(
      @PathParam("id") String id, @PathParam("clientOrderId") String clientOrderId)
      throws SQLException {
    long storeId = Params.id("store id", id);
    analytics.store(storeId);
    return ingestion.cancel(storeId, OrderRequests.clientId(clientOrderId));
  }

  /** A store's live orders of one day ({@code date}, default today), oldest first. */
  @GET
  @Path("stores/{id}/orders")
  public DayOrders dayOrders(@PathParam("id") String id, @QueryParam("date") String date) {
    long storeId = Params.id("store id", id);
    StoreView store = analytics.store(storeId);
    LocalDate day = DateRange.parse(date, date, LocalDate.now(clock), 1).from();
    List<OrderView> orders =
        hierarchy.dayOrders(storeId, day).stream()
            .map(
                l ->
                    new OrderView(
                        l.id(),
                        l.orderedAt(),
                        BigDecimal.valueOf(l.amountCents(), 2),
                        l.items(),
                        l.channel()))
            .toList();
    return new DayOrders(store, day, orders.size(), orders);
  }

  /** Orders per hour of day, ticket sizes and channel mix over a range (default 30 days). */
  @GET
  @Path("stores/{id}/profile")
  public OrderProfile profile(
      @PathParam("id") String id, @QueryParam("from") String from, @QueryParam("to") String to) {
    StoreView store = analytics.store(Params.id("store id", id));
    return hierarchy.profile(store, DateRange.parse(from, to, LocalDate.now(clock), DEFAULT_DAYS));
  }

  /** Entries, bytes, hit rate and TTLs per level, the budget's use, level 1's compression. */
  @GET
  @Path("stores/cache/stats")
  public HierarchyStats stats() {
    return hierarchy.stats();
  }

  private LocalDate today() {
    return LocalDate.now(clock);
  }
}
