package io.stratacache.monitoring;

import java.util.Map;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Where {@link CacheMetricsBinding} registers its metrics: MicroProfile Metrics in the server, maps
 * in tests. Tags are given in a fixed order.
 */
interface MetricSink {

  /** Registers a gauge read at each scrape. */
  void gauge(String name, String description, Map<String, String> tags, Supplier<Number> value);

  /** Registers a counter and returns how to increment it. */
  LongConsumer counter(String name, String description, Map<String, String> tags);
}
