package io.stratacache.warmup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * {@code predictive}: looks ahead by the scheduling interval ({@code WARMUP_INTERVAL_MINUTES}, when
 * set) plus {@code WARMUP_PREDICTIVE_LEAD_MINUTES}, so what would happen before the next run is
 * done now:
 *
 * <ul>
 *   <li>keys whose peak hour of day starts in that window (from the hour-of-day profile) are warmed
 *       as {@code traffic_based} warms them;
 *   <li>of the {@code WARMUP_TRAFFIC_TOP_K} hottest keys of each cache, those this instance loaded
 *       or wrote whose longest-lived tier's TTL runs out in that window (so the next read would
 *       load) are reloaded (the recorded call replaces the entry), so readers never meet the
 *       expiry.
 * </ul>
 *
 * Keys without a recorded call are skipped, as in {@code traffic_based}. Returns the keys warmed.
 */
@ApplicationScoped
public class PredictiveTask implements WarmupTask {

  private static final Logger LOG = Logger.getLogger(PredictiveTask.class.getName());

  @Inject HotKeyTracking tracking;
  @Inject WarmupSettings settings;

  @Override
  public String name() {
    return "predictive";
  }

  @Override
  public int priority() {
    return 70;
  }

  @Override
  public Duration timeout() {
    return settings.taskTimeout();
  }

  @Override
  public int warm() throws InterruptedException {
    return warm(tracking, horizon(settings, tracking.settings()));
  }

  static Duration horizon(WarmupSettings settings, HotKeySettings hot) {
    Duration interval =
        settings.scheduled() && settings.intervalMinutes() > 0
            ? Duration.ofMinutes(settings.intervalMinutes())
            : Duration.ZERO;
    return interval.plus(hot.lead());
  }

  static int warm(HotKeyTracking tracking, Duration horizon) throws InterruptedException {
    int k = tracking.settings().topK();
    HotKeyPlanner planner = tracking.planner();
    var peaking = planner.peakingSoon(k, horizon);
    HotKeyWarmer.Outcome ahead = tracking.warm(peaking, false);
    var expiring = planner.expiringSoon(k, horizon, tracking::lifetime);
    HotKeyWarmer.Outcome refreshed = tracking.warm(expiring, true);
    LOG.fine(
        () ->
            String.format(
                "predictive: %d keys peak within %s (%s), %d expire within it (%s)",
                peaking.size(), horizon, ahead, expiring.size(), refreshed));
    return ahead.warmed() + refreshed.warmed();
  }
}
