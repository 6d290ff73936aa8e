package io.stratacache.demo;

/**
 * A CDI event: the demo data of this instance has settled, so what the endpoints read will not grow
 * any more from generation. Fired once per start by {@link DemoDataLoader}, from its background
 * thread, synchronously, whatever the outcome: generated or reused ({@code READY}), a database
 * holding other data ({@code FOREIGN_DATA}), {@code DEMO_DATA=none} ({@code DISABLED}) or a failed
 * generation ({@code FAILED}). An observer that may start after the event should also read {@link
 * DemoDataLoader#status()}.
 *
 * @param status the settled status; never null
 */
public record DemoDataReady(DemoDataStatus status) {

  /**
   * Whether {@code state} is one the loader leaves no more: the event has been or will be fired.
   */
  public static boolean settled(DemoDataStatus.State state) {
    return switch (state) {
      case READY, FOREIGN_DATA, DISABLED, FAILED -> true;
      case CHECKING, GENERATING, GENERATING_ELSEWHERE -> false;
    };
  }
}
