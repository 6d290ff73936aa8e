package io.stratacache.warmup;

import io.stratacache.warmup.hotkey.HotKeySettings;
import io.stratacache.warmup.hotkey.HotKeyTracking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

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
    return tracking.warmAhead(horizon(settings, tracking.settings()));
  }

  static Duration horizon(WarmupSettings settings, HotKeySettings hot) {
    Duration interval =
        settings.scheduled() && settings.intervalMinutes() > 0
            ? Duration.ofMinutes(settings.intervalMinutes())
            : Duration.ZERO;
    return interval.plus(hot.lead());
  }
}
