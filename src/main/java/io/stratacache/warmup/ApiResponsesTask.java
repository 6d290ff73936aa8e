package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.store.DateRange;
import io.stratacache.store.StoreAnalytics;
import io.stratacache.store.StoreView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;

/**
 * {@code api_responses}: the list answers with their default parameters — the brand distribution
 * ({@code GET /api/v1/brands}, limit 50), the store list, and each store's dashboard over the
 * default range (the last 30 days).
 */
@ApplicationScoped
public class ApiResponsesTask implements WarmupTask {

  /** {@code BrandResource}'s default limit. */
  static final int BRAND_LIST_LIMIT = 50;

  /** {@code StoreResource}'s default dashboard range in days. */
  static final int DASHBOARD_DAYS = 30;

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
    int warmed = 1;
    DateRange range = DateRange.parse(null, null, LocalDate.now(clock), DASHBOARD_DAYS);
    for (StoreView s : stores.stores()) {
      Interrupts.check();
      stores.dashboard(s.id(), range);
      warmed++;
    }
    return warmed + 1;
  }
}
