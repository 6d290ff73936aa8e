package io.stratacache.warmup;

import java.time.Duration;

/**
 * One unit of warm-up work, discovered as a CDI bean: it loads the entries the endpoints will read
 * into their caches, usually by calling the cached service methods with the arguments the endpoints
 * use. A new task is one {@code @ApplicationScoped} class implementing this interface.
 *
 * <p>Implementations must be thread-safe (a task may run concurrently with other tasks, never with
 * itself) and should check {@link Thread#isInterrupted()} between entries: the engine interrupts a
 * task that outlives its {@link #timeout()}.
 */
public interface WarmupTask {

  /**
   * The unique name used in {@code WARMUP_PRIORITY} and the REST API, such as {@code user_stats}.
   */
  String name();

  /** The default order: lower runs first. {@code WARMUP_PRIORITY} overrides it. */
  int priority();

  /** How long one attempt may take before it is interrupted and counted as failed. */
  default Duration timeout() {
    return Duration.ofSeconds(60);
  }

  /**
   * Warms the caches.
   *
   * @return the number of entries warmed (loaded or confirmed present)
   * @throws InterruptedException if interrupted (timeout or shutdown)
   * @throws Exception any failure; the engine retries a failed task once
   */
  int warm() throws Exception;

  /**
   * What the last successful {@link #warm()} has to tell beyond its count (stages, times), kept in
   * the warm-up history; null by default. Called right after {@code warm()} returned.
   */
  default String detail() {
    return null;
  }
}
