package io.stratacache.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Binds the store hierarchy's figures to MicroProfile Metrics at start-up ({@code /metrics}):
 * {@code stratacache_store_hierarchy_entries}, {@code _bytes}, {@code _hit_rate} and {@code
 * _budget_evictions} per {@code level}, {@code stratacache_store_hierarchy_budget_bytes} and {@code
 * _budget_used_bytes}. The same figures as {@code GET /api/v1/stores/cache/stats}.
 */
@ApplicationScoped
public class StoreHierarchyMetrics {
  private static final Logger LOG = Logger.getLogger(StoreHierarchyMetrics.class.getName());

  /** Prefix of every metric. */
  public static final String PREFIX = "stratacache_store_hierarchy_";

  @Inject StoreHierarchy hierarchy;
  @Inject MetricRegistry registry;

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    HierarchyBudget budget = hierarchy.budget();
    for (HierarchyLevel l : HierarchyLevel.values()) {
      Tag level = new Tag("level", l.name().toLowerCase(Locale.ROOT));
      gauge("entries", "Near copies held, per level", level, () -> budget.entries(l));
      gauge("bytes", "Bytes of near copies held, per level", level, () -> budget.bytes(l));
      gauge(
          "budget_evictions",
          "Entries the memory budget evicted, per level",
          level,
          () -> budget.evictions(l));
      gauge("hit_rate", "Hit rate of the level's cache", level, () -> hierarchy.hitRate(l));
    }
    gauge("budget_bytes", "The hierarchy's memory budget", null, budget::budget);
    gauge("budget_used_bytes", "Bytes of the budget in use", null, budget::used);
    LOG.info(() -> "Store hierarchy metrics: " + PREFIX + "*{level}");
  }

  private void gauge(String name, String description, Tag tag, Supplier<Number> value) {
    Metadata m = Metadata.builder().withName(PREFIX + name).withDescription(description).build();
    if (tag == null) {
      registry.gauge(m, value);
    } else {
      registry.gauge(m, value, tag);
    }
  }
}
