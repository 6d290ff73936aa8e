package io.stratacache.store;

import io.stratacache.platform.ConfigValues;
import io.stratacache.platform.InvalidSettingException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The store hierarchy's settings (README "Store analytics"), read once. A malformed value fails
 * start-up naming the variable.
 *
 * @param budgetBytes {@code STORE_HIERARCHY_BUDGET_BYTES}: the memory budget of the four levels on
 *     each instance (1 MiB..1 TiB, default 256 MiB)
 * @param hotPercent {@code STORE_HOT_PERCENT}: the share of stores, by traffic, that are hot
 *     (1..100, default 20)
 * @param hotWorkers {@code STORE_WARMUP_HOT_WORKERS}: parallel workers warming hot stores (1..64,
 *     default 5)
 * @param coldLimit {@code STORE_WARMUP_COLD_LIMIT}: cold stores warmed after the hot ones
 *     (0..10000, default 20); the rest load on demand
 * @param warmDays {@code STORE_WARMUP_DAYS}: days, ending today, whose daily metrics the global
 *     stage loads for every store (1..366, default 365)
 */
public record StoreSettings(
    long budgetBytes, int hotPercent, int hotWorkers, int coldLimit, int warmDays) {

  public static StoreSettings from(Function<String, Optional<String>> config) {
    String raw = ConfigValues.text(config, "STORE_HIERARCHY_BUDGET_BYTES", "268435456").trim();
    long budget;
    try {
      budget = Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new InvalidSettingException("STORE_HIERARCHY_BUDGET_BYTES", raw, "must be an integer");
    }
    if (budget < (1L << 20) || budget > (1L << 40)) {
      throw new InvalidSettingException(
          "STORE_HIERARCHY_BUDGET_BYTES", raw, "must be between 1048576 and 1099511627776");
    }
    return new StoreSettings(
        budget,
        ConfigValues.integer(config, "STORE_HOT_PERCENT", 20, 1, 100),
        ConfigValues.integer(config, "STORE_WARMUP_HOT_WORKERS", 5, 1, 64),
        ConfigValues.integer(config, "STORE_WARMUP_COLD_LIMIT", 20, 0, 10_000),
        ConfigValues.integer(config, "STORE_WARMUP_DAYS", 365, 1, 366));
  }
}
