package io.stratacache.warmup.hotkey;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the keys the hot-key tasks warm, from {@link HotKeys} and the time now; no cache calls,
 * so unit tests drive it with a fake clock. Thread-safe (stateless beyond its arguments).
 */
final class HotKeyPlanner {

  private final HotKeys hotKeys;

  HotKeyPlanner(HotKeys hotKeys) {
    this.hotKeys = hotKeys;
  }

  /** {@code traffic_based}: the {@code k} hottest keys of every tracked cache, hottest first. */
  List<HotKey> traffic(int k) {
    List<HotKey> keys = new ArrayList<>();
    for (String cache : hotKeys.caches()) {
      keys.addAll(hotKeys.top(cache, k));
    }
    return keys;
  }

  /**
   * {@code predictive}, part one: keys whose peak hour of day starts within {@code horizon} from
   * now (the hour in progress excluded: its keys are hot already), taken from the {@code k} top
   * keys of each such hour.
   */
  List<HotKey> peakingSoon(int k, Duration horizon) {
    long now = hotKeys.now();
    Set<Integer> hours = new LinkedHashSet<>();
    ZonedDateTime next =
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(now), hotKeys.zone())
            .truncatedTo(ChronoUnit.HOURS)
            .plusHours(1);
    long end = now + horizon.toMillis();
    while (next.toInstant().toEpochMilli() <= end && hours.size() < 24) {
      hours.add(next.getHour());
      next = next.plusHours(1);
    }
    List<HotKey> keys = new ArrayList<>();
    if (hours.isEmpty()) {
      return keys;
    }
    for (String cache : hotKeys.caches()) {
      var profile = hotKeys.profile(cache).orElseThrow();
      for (int hour : hours) {
        for (HotKeySketch.Estimate e : profile.top(hour, k)) {
          if (profile.peakHour(e.key()) == hour) {
            keys.add(new HotKey(cache, e.key(), e.count()));
          }
        }
      }
    }
    return keys;
  }

  /**
   * {@code predictive}, part two: of the {@code k} hottest keys of each cache, those last loaded or
   * written on this instance that will expire within {@code horizon} from now (or have expired).
   *
   * @param lifetime how long an entry of a cache stays, by cache name
   */
  List<HotKey> expiringSoon(int k, Duration horizon, Function<String, Duration> lifetime) {
    long limit = hotKeys.now() + horizon.toMillis();
    List<HotKey> keys = new ArrayList<>();
    for (String cache : hotKeys.caches()) {
      Duration life = lifetime.apply(cache);
      if (life == null) {
        continue;
      }
      for (HotKey h : hotKeys.top(cache, k)) {
        OptionalLong written = hotKeys.lastWritten(cache, h.key());
        if (written.isPresent() && written.getAsLong() + life.toMillis() <= limit) {
          keys.add(h);
        }
      }
    }
    return keys;
  }
}
