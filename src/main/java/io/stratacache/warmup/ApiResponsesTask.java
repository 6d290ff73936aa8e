package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.store.StoreAnalytics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code api_responses}: the list answers with their default parameters — the brand distribution
 * ({@code GET /api/v1/brands}, limit 50) and the store list. Store dashboards are warmed by {@code
 * store_hierarchy} ({@link StoreHierarchyTask}), hot stores first.
 */
@ApplicationScoped
public class ApiResponsesTask implements WarmupTask {

  /** {@code BrandResource}'s default limit. */
  static final int BRAND_LIST_LIMIT = 50;

  @Inject BrandService brands;
  @Inject StoreAnalytics stores;
  @Inject Clock clock;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "api_responses";
  }

  @Override
  public int priority() {
    return 50;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    brands.brands(BRAND_LIST_LIMIT);
    Interrupts.check();
    stores.stores();
    return 2;
  }
}
