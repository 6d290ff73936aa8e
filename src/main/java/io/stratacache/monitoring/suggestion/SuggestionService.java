package io.stratacache.monitoring.suggestion;

import io.stratacache.cache.CacheStats;
import io.stratacache.cache.TieredCache;
import io.stratacache.cache.TieredCaches;
import io.stratacache.monitoring.CacheMonitoring;
import io.stratacache.monitoring.CacheWindow;
import io.stratacache.monitoring.alert.AlertService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The tuning suggestions of this instance's caches, from each one's settings, its last hour and its
 * statistics since start ({@link Suggestions}); a hit-rate judgement needs as many requests as the
 * alert rules do. Thread-safe.
 */
@ApplicationScoped
public class SuggestionService {

  @Inject TieredCaches caches;
  @Inject CacheMonitoring monitoring;
  @Inject AlertService alerts;

  /** The suggestions for every cache, cache by cache in name order. */
  public List<Suggestion> suggestions() {
    List<Suggestions.Figures> figures = new ArrayList<>();
    for (String name : new TreeSet<>(caches.names())) {
      Optional<TieredCache<?>> cache = caches.find(name);
      Optional<CacheStats> stats = monitoring.snapshots().of(name);
      Optional<CacheWindow> window = monitoring.history().window(name, Suggestions.WINDOW);
      if (cache.isPresent() && stats.isPresent() && window.isPresent()) {
        figures.add(new Suggestions.Figures(cache.get().settings(), window.get(), stats.get()));
      }
    }
    return new Suggestions(alerts.minRequests()).derive(figures);
  }
}
