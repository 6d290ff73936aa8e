package io.stratacache.warmup;

/** The cancellation check tasks make between entries. */
final class Interrupts {

  private Interrupts() {}

  /**
   * @throws InterruptedException if the current thread was interrupted (its flag is cleared)
   */
  static void check() throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("warm-up task cancelled");
    }
  }
}
