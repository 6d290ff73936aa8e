package io.stratacache.brand;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.regex.Pattern;

/** Diagnosis reports. */
@Path("v1/reports")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class ReportResource {

  private static final Pattern EXECUTION_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  @Inject ReportService reports;

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
    if (!EXECUTION_ID.matcher(executionId).matches()) {
      throw new InvalidInputException(
          "executionId must be a UUID such as 3f2b8c1e-0c4d-4f5a-9b7e-2d1c0a9e8f7b, was '"
              + executionId
              + "'");
    }
    return reports.report(executionId.toLowerCase(java.util.Locale.ROOT));
  }
}
