package io.stratacache.platform;

import io.stratacache.cache.TieredCaches;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background care of the tiered caches: every ten minutes one instance of the cluster purges
 * expired entries from the persistent tiers (a persistent timer, kept in the data grid), and every
 * five seconds each instance re-probes its tiers whose circuit breaker is open.
 */
@Singleton
public class CacheMaintenance {

  private static final Logger LOG = Logger.getLogger(CacheMaintenance.class.getName());

  @Inject TieredCaches caches;

  /**
   * Probes the tiers whose circuit breaker is open, so that an idle instance notices a recovered
   * grid or database and rejoins it by itself (flushing the near tier of the affected caches). Runs
   * on every instance: each has its own breakers.
   */
  @Schedule(
      second = "*/5",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "stratacache-check-tiers")
  void checkTiers() {
    try {
      caches.checkTiers();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Checking the cache tiers failed: " + e);
    }
  }

  @Schedule(minute = "*/10", hour = "*", persistent = true, info = "stratacache-purge-expired")
  void purgeExpired() {
    try {
      long purged = caches.purgeExpired();
      if (purged > 0) {
        LOG.info(() -> "Purged " + purged + " expired cache entries");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purging expired cache entries failed: " + e);
    }
  }
}
