package io.stratacache.monitoring.alert;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Evaluates the alert rules every 30 seconds, once per cluster: the timer is non-persistent, so it
 * fires on every member at the same half-minute, and each tick is claimed by inserting its id into
 * {@code monitoring_tick}; the member whose insert succeeds evaluates, the others skip (as the
 * warm-up's {@code warmup_tick} does). The evaluating member judges the cluster's figures (see
 * {@link AlertService#evaluate}). {@code MONITORING_ALERTS_ENABLED=false} stops the timer's
 * evaluations ({@code POST .../alerts/evaluate} still works).
 */
@Singleton
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
    String tickId = tickId(clock.instant());
    try {
      if (!alerts.claim(tickId)) {
        LOG.fine(() -> "Alert tick " + tickId + " evaluated by another instance");
        return;
      }
      Evaluation o = alerts.evaluate();
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

  /** The id of the half-minute tick nearest {@code now}: members' ticks a little apart agree. */
  static String tickId(Instant now) {
    long half = (now.getEpochSecond() + 15) / 30 * 30;
    return "alerts:" + Instant.ofEpochSecond(half);
  }
}
