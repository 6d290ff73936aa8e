package io.stratacache.warmup;

/**
 * The outcome of one task in a run.
 *
 * @param name the task's name
 * @param outcome {@code COMPLETED}, {@code FAILED} or {@code TIMED_OUT}
 * @param entries entries warmed by the successful attempt (0 otherwise)
 * @param durationMillis time of all attempts together
 * @param attempts 1, or 2 when the first attempt failed and was retried
 * @param error the last failure's message, or {@code null}
 * @param detail what the task reported of its successful attempt ({@link WarmupTask#detail()}, for
 *     example the stages of the store hierarchy's warm-up), or {@code null}
 */
public record WarmupTaskResult(
    String name,
    String outcome,
    int entries,
    long durationMillis,
    int attempts,
    String error,
    String detail) {

  /** A result without detail. */
  public WarmupTaskResult(
      String name, String outcome, int entries, long durationMillis, int attempts, String error) {
    this(name, outcome, entries, durationMillis, attempts, error, null);
  }

  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
  public static final String TIMED_OUT = "TIMED_OUT";

  /** Whether the task completed. */
  public boolean completed() {
    return COMPLETED.equals(outcome);
  }
}
