package io.stratacache.brand;

import io.stratacache.rest.Authenticated;
import io.stratacache.rest.JsonRequests;
import io.stratacache.rest.Params;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Questions users ask. */
@Path("v1/questions")
@ApplicationScoped
@Produces(MediaType.APPLICATION_JSON)
public class QuestionResource {

  @Inject ReportService reports;

  @Inject ReportWrites writes;

  /**
   * Asks a question: {@code questionId} of an existing one, or {@code text} (an existing text is
   * that question; a new one becomes a question). Answers the question with its ask count, one more
   * than before; any authenticated caller.
   */
  @POST
  @Authenticated
  @Consumes(MediaType.APPLICATION_JSON)
  public QuestionView ask(WriteRequests.Ask body) {
    return writes.ask(JsonRequests.required(body));
  }

  /** The most asked questions. {@code limit} 1..1000, default 20. */
  @GET
  @Path("popular")
  public List<QuestionView> popular(@QueryParam("limit") String limit) {
    return reports.popularQuestions(Params.limit(limit, 20));
  }
}
