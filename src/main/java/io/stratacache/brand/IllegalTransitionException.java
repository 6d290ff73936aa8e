package io.stratacache.brand;

import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.core.Response;

/** A report asked to move to a status its own does not lead to: answered 409, nothing changed. */
public class IllegalTransitionException extends ClientErrorException {

  private static final long serialVersionUID = 1L;

  IllegalTransitionException(String executionId, ReportStatus from, ReportStatus to) {
    super(
        "report "
            + executionId
            + " is "
            + from
            + " and cannot become "
            + to
            + " (PENDING -> RUNNING -> COMPLETED; PENDING or RUNNING -> FAILED)",
        Response.Status.CONFLICT);
  }
}
