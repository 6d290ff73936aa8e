package io.stratacache.ai;

import java.util.concurrent.atomic.LongAdder;

/**
 * This instance's figures of the AI answer cache: every generate request is a hit (answered from
 * the cache, or by waiting for another caller's generation of the same key) or a miss (this request
 * generated), or an error (no answer). Tokens a miss's generation cost are spent; tokens of the
 * answer a hit was served are saved, since that generation was not repeated. Thread-safe.
 */
final class AiCacheCounters {

  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder sets = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder tokensSpent = new LongAdder();
  private final LongAdder tokensSaved = new LongAdder();
  private final LongAdder upstreamCalls = new LongAdder();
  private final LongAdder retries = new LongAdder();

  void hit(long tokens) {
    hits.increment();
    tokensSaved.add(tokens);
  }

  void miss(long tokens) {
    misses.increment();
    tokensSpent.add(tokens);
  }

  void set() {
    sets.increment();
  }

  void error() {
    errors.increment();
  }

  void upstreamCall() {
    upstreamCalls.increment();
  }

  void retry() {
    retries.increment();
  }

  long tokensSpent() {
    return tokensSpent.sum();
  }

  long tokensSaved() {
    return tokensSaved.sum();
  }

  long upstreamCalls() {
    return upstreamCalls.sum();
  }

  long retries() {
    return retries.sum();
  }

  AiCacheStats snapshot(boolean mock) {
    long h = hits.sum();
    long m = misses.sum();
    long e = errors.sum();
    long total = h + m + e;
    double ratio = total == 0 ? 0 : (double) h / total;
    return new AiCacheStats(
        h,
        m,
        sets.sum(),
        e,
        total,
        String.format(java.util.Locale.ROOT, "%.2f%%", ratio * 100),
        ratio,
        tokensSpent.sum(),
        tokensSaved.sum(),
        upstreamCalls.sum(),
        retries.sum(),
        mock ? MockGenerator.MODEL : "upstream");
  }
}
