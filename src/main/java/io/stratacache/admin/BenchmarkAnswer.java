package io.stratacache.admin;

/**
 * The answer of {@code POST /api/v1/cache/benchmark}: figures of three phases run on scratch caches
 * in this instance, each after an unmeasured warm-up pass.
 *
 * @param iterations measured operations per phase
 * @param distinctKeys keys cycled through
 * @param valueBytes size of the value written (a string)
 * @param put {@code put} of a value (near and, when available, grid)
 * @param nearHit {@code get} answered by the near tier
 * @param gridHit {@code get} on a cache without a near tier, answered by the grid; null when this
 *     instance has no grid
 * @param note how to read the figures
 */
public record BenchmarkAnswer(
    int iterations,
    int distinctKeys,
    int valueBytes,
    Phase put,
    Phase nearHit,
    Phase gridHit,
    String note) {

  /**
   * Figures of one phase. Latencies are of single operations, in microseconds, measured with the
   * monotonic clock; they include the measuring itself (tens of nanoseconds).
   *
   * @param operations measured operations
   * @param opsPerSecond operations divided by the phase's total time
   * @param p50Micros median latency
   * @param p99Micros 99th percentile latency
   * @param maxMicros slowest operation
   * @param nearHits hits the near tier counted during the measured pass
   * @param gridHits hits the grid tier counted during the measured pass
   */
  public record Phase(
      int operations,
      double opsPerSecond,
      double p50Micros,
      double p99Micros,
      double maxMicros,
      long nearHits,
      long gridHits) {}
}
