package io.stratacache.warmup;

import io.stratacache.brand.BrandService;
import io.stratacache.brand.BrandSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code popular_brands}: the {@code WARMUP_POPULAR_BRANDS_COUNT} brands with the most reports (the
 * {@code brand-list} entry of that size) and the statistics of each ({@code brand-stats}, as {@code
 * GET /api/v1/brands/{name}/stats} reads them).
 */
@ApplicationScoped
public class PopularBrandsTask implements WarmupTask {

  @Inject BrandService brands;
  @Inject WarmupSettings settings;
  @Inject BulkWarmup bulk;

  @Override
  public String name() {
    return "popular_brands";
  }

  @Override
  public int priority() {
    return 10;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (BrandSummary b : brands.brands(settings.popularBrands())) {
      names.add(b.name());
    }
    Interrupts.check();
    try {
      return 1 + bulk.brandStats(names).size();
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      java.util.logging.Logger.getLogger(getClass().getName())
          .warning(() -> name() + ": bulk warm-up failed (" + e + "); warming one by one");
      int warmed = 1;
      for (String name : names) {
        Interrupts.check();
        brands.stats(name);
        warmed++;
      }
      return warmed;
    }
  }
}
