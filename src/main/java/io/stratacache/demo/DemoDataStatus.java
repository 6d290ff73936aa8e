package io.stratacache.demo;

import java.time.LocalDate;

/**
 * Where the demo data set stands, for health and logs.
 *
 * @param anchorDate the day the data set ends before, or null when there is none
 */
public record DemoDataStatus(
    State state,
    String profile,
    long seed,
    LocalDate anchorDate,
    long rows,
    long totalRows,
    String message) {

  /** The life of the demo data set at this instance's start. */
  public enum State {
    /** {@code DEMO_DATA=none}: nothing is generated. */
    DISABLED,
    /** Deciding whether to generate. */
    CHECKING,
    /** Rows are being written; endpoints answer with partial data. */
    GENERATING,
    /** Another instance is generating into the same database; this one waits and then is READY. */
    GENERATING_ELSEWHERE,
    /** The data set is complete (generated now or by an earlier start). */
    READY,
    /** The database held data not generated here; it is left alone. */
    FOREIGN_DATA,
    /** Generation failed; see the message and the log. */
    FAILED
  }

  /** Percentage of rows written, 100 when nothing remains. */
  public int percent() {
    return totalRows == 0 ? 100 : (int) Math.min(100, rows * 100 / totalRows);
  }
}
