package io.stratacache.platform;

import io.stratacache.cache.TieredCaches;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Background care of the tiered caches: every ten minutes one instance of the cluster purges
 * expired entries from the persistent tiers, and every five seconds each instance re-probes its
 * tiers whose circuit breaker is open.
 *
 * <p><b>Why the purge claims its tick like the other cluster-wide jobs</b> (a non-persistent timer
 * on every member, one {@link ClusterClaims} tick per ten minutes) rather than keeping a persistent
 * timer in the grid: the purge needs no exactly-once guarantee (it is idempotent, and a skipped run
 * is made up by the next), so the choice rests on what it depends on. Its work is in the database
 * (the store tier's dead rows; the grid expires its entries itself), and the claim lives in that
 * same database, so some member purges whenever the purge can do anything. A grid-persistent timer
 * instead depends on the Hazelcast grid, which the cache otherwise treats as a tier that may be
 * degraded; it fails over only ~20 s after its member stops, and was never tried on a split grid.
 * One mechanism for every cluster-wide schedule is also one to test (unit tests drive the clock)
 * and one table to look at. If the claim itself fails, the member purges anyway: twice is harmless.
 */
@Singleton
// Bean-managed, as TrendTimer: the container starts no transaction around a timer callback;
// the claim and the stores commit each statement on their own.
@TransactionManagement(TransactionManagementType.BEAN)
public class CacheMaintenance {

  private static final Logger LOG = Logger.getLogger(CacheMaintenance.class.getName());

  /** The {@link ClusterClaims} job of the expired-entry purge. */
  static final String PURGE_JOB = "cache-purge";

  /** How often the purge runs (the timer below). */
  static final Duration PURGE_EVERY = Duration.ofMinutes(10);

  /** How long the purge's tick claims are kept. */
  static final Duration CLAIMS_KEPT = Duration.ofDays(1);

  @Inject TieredCaches caches;
  @Inject ClusterClaims claims;
  @Inject Clock clock;

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

  /**
   * Publishes this member's statistics on the member board every two seconds (they live ten), so
   * any member can answer for the cluster ({@code TieredCaches.memberStats()}). Runs on every
   * instance.
   */
  @Schedule(
      second = "*/2",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "stratacache-member-stats")
  void publishMemberStats() {
    try {
      caches.publishMemberStats();
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Publishing the member statistics failed: " + e);
    }
  }

  /**
   * Purges expired entries, on the member that wins this ten minutes' tick. Outside a transaction:
   * the claim commits on its own.
   */
  @Schedule(minute = "*/10", hour = "*", persistent = false, info = "stratacache-purge-expired")
  void purgeExpired() {
    if (!claimPurge(clock.instant())) {
      return;
    }
    try {
      long purged = caches.purgeExpired();
      if (purged > 0) {
        LOG.info(() -> "Purged " + purged + " expired cache entries");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Purging expired cache entries failed: " + e);
    }
  }

  /**
   * Whether this member purges the tick nearest {@code now}: true if it won the tick's claim, or if
   * the claim could not be made (the purge fails open); the winner also drops claims older than
   * {@link #CLAIMS_KEPT}.
   */
  boolean claimPurge(Instant now) {
    Instant tick = tick(now);
    try {
      if (!claims.claimTick(PURGE_JOB, tick)) {
        LOG.fine(() -> "Expired-entry purge " + tick + " done by another instance");
        return false;
      }
      claims.purgeTicks(PURGE_JOB, now.minus(CLAIMS_KEPT));
    } catch (SQLException | RuntimeException e) {
      LOG.log(
          Level.FINE,
          "Expired-entry purge {0} not claimed, purging anyway: {1}",
          new Object[] {tick, e.toString()});
    }
    return true;
  }

  /** The ten-minute boundary nearest {@code now}: members firing a little apart agree. */
  static Instant tick(Instant now) {
    long every = PURGE_EVERY.toSeconds();
    return Instant.ofEpochSecond((now.getEpochSecond() + every / 2) / every * every);
  }
}
