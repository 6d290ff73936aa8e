package io.stratacache.warmup;

/** A warm-up run was requested while another one runs; answered with 409 and the running run id. */
public class WarmupBusyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String runningRunId;

  public WarmupBusyException(String runningRunId) {
    super("a warm-up run is already running: " + runningRunId);
    this.runningRunId = runningRunId;
  }

  /** The id of the run that holds the engine. */
  public String runningRunId() {
    return runningRunId;
  }
}
