package io.stratacache.brand;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.platform.UnknownEntityException;
import io.stratacache.rest.Authenticated;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Diagnosis reports: read by anyone; created and moved through their lifecycle by their user or the
 * admin.
 */
@Path("v1/reports")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  private static final Pattern EXECUTION_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Inject ReportService reports;

  @Inject ReportWrites writes;

  /**
   * The newest reports. {@code limit} 1..1000, default 20; {@code status} optionally one of
   * PENDING, RUNNING, COMPLETED, FAILED.
   */
  @GET
  @Path("recent")
  public List<ReportSummary> recent(
      @QueryParam("limit") String limit, @QueryParam("status") String status) {
    ReportStatus s = status == null || status.isBlank() ? null : ReportStatus.parse(status);
    return reports.recent(Params.limit(limit, 20), s);
  }

  /** One report with its result. 400 if the id is not a UUID, 404 if unknown. */
  @GET
  @Path("{executionId}")
  public ReportDetail get(@PathParam("executionId") String executionId) {
    String id = executionId(executionId);
    ReportEntry entry = reports.entry(id);
    if (entry == null) {
      throw new UnknownEntityException("report", id);
    }
    return entry.detail();
  }

  /**
   * Creates a PENDING report of {@code brand} for the calling user (the admin names {@code
   * userId}): 201 with it; the same {@code requestId} again answers 200 with the report it created.
   * 404 unknown brand, user or question; 409 a request id used for another brand or user.
   */
  @POST
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(@Context SecurityContext security, WriteRequests.NewReport body) {
    WriteRequests.NewReport b = JsonRequests.required(body);
    long owner = Acting.reportOwner(security, b.userId());
    ReportWrites.Outcome made = writes.create(b, owner);
    return Response.status(made.created() ? Response.Status.CREATED : Response.Status.OK)
        .entity(made.entry().detail())
        .build();
  }

  /** PENDING → RUNNING: the report's user or the admin. 409 from any other status. */
  @POST
  @Path("{executionId}/start")
  @Authenticated
  public ReportDetail start(
      @Context SecurityContext security, @PathParam("executionId") String executionId) {
    return writes.start(executionId(executionId), Acting.user(security)).detail();
  }

  /**
   * RUNNING → COMPLETED with {@code score} (0..100) and {@code result} (a JSON object): the
   * report's user or the admin. 409 from any other status.
   */
  @POST
  @Path("{executionId}/complete")
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public ReportDetail complete(
      @Context SecurityContext security,
      @PathParam("executionId") String executionId,
      WriteRequests.Completion body) {
    String id = executionId(executionId);
    WriteRequests.Completion b = JsonRequests.required(body);
    return writes.complete(id, b, Acting.user(security)).detail();
  }

  /** PENDING or RUNNING → FAILED: the report's user or the admin. 409 from a final status. */
  @POST
  @Path("{executionId}/fail")
  @Authenticated
  public ReportDetail fail(
      @Context SecurityContext security, @PathParam("executionId") String executionId) {
    return writes.fail(executionId(executionId), Acting.user(security)).detail();
  }

  private static String executionId(String executionId) {
    if (!EXECUTION_ID.matcher(executionId).matches()) {
      throw new InvalidInputException(
          "executionId must be a UUID such as 3f2b8c1e-0c4d-4f5a-9b7e-2d1c0a9e8f7b, was '"
              + executionId
              + "'");
    }
    return executionId.toLowerCase(java.util.Locale.ROOT);
  }
}
