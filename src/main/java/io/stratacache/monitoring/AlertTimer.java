package io.stratacache.monitoring;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Evaluates the alert rules every 30 seconds, once per cluster: the timer is non-persistent, so it
 * fires on every member at the same half-minute, and each tick is claimed through {@link
 * io.stratacache.platform.ClusterClaims} (as the warm-up's ticks are); the member that wins it
 * evaluates, the others skip. The evaluating member judges the cluster's figures (see {@link
 * AlertService#evaluate}). {@code MONITORING_ALERTS_ENABLED=false} stops the timer's evaluations
 * ({@code POST .../alerts/evaluate} still works). Bean-managed transactions, so the tick runs
 * outside any: the claim and the alert store commit each statement on their own (a container
 * transaction around them fails its commit on PostgreSQL: "Cannot commit when autoCommit is
 * enabled").
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class AlertTimer {

  private static final Logger LOG = Logger.getLogger(AlertTimer.class.getName());

  @Inject AlertService alerts;
  @Inject Clock clock;

  private volatile boolean warned;

  @Schedule(
      second = "*/30",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "stratacache-alerts")
  void tick() {
    if (!ConfigProvider.getConfig()
        .getOptionalValue("MONITORING_ALERTS_ENABLED", Boolean.class)
        .orElse(true)) {
      return;
    }
    Instant now = clock.instant();
    String tickId = tickId(now);
    try {
      if (!alerts.claim(tick(now))) {
        LOG.fine(() -> "Alert tick " + tickId + " evaluated by another instance");
        return;
      }
      AlertBook.Outcome o = alerts.evaluate();
      if (o.opened() > 0 || o.resolved() > 0) {
        LOG.info(
            () ->
                "Alert tick "
                    + tickId
                    + ": "
                    + o.opened()
                    + " opened, "
                    + o.resolved()
                    + " auto-resolved, "
                    + o.active()
                    + " active");
      }
      warned = false;
    } catch (RuntimeException e) {
      if (!warned) {
        warned = true;
        LOG.log(Level.WARNING, "Alert tick {0} failed: {1}", new Object[] {tickId, e.toString()});
      }
    }
  }

  /** The half-minute tick nearest {@code now}: members' ticks a little apart agree. */
  static Instant tick(Instant now) {
    return Instant.ofEpochSecond((now.getEpochSecond() + 15) / 30 * 30);
  }

  /** The id of {@link #tick}, as the log names it. */
  static String tickId(Instant now) {
    return "alerts:" + tick(now);
  }
}
