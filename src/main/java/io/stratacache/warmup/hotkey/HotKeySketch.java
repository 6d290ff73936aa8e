package io.stratacache.warmup.hotkey;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;

/**
 * The heavy hitters of one cache's reads, in bounded memory: Apache DataSketches' frequent-items
 * sketch, for the current and the previous hour of day, plus an hour-of-day profile (which keys
 * peak in which hour, over every day seen).
 *
 * <p>The sketch is not thread-safe, so the read path never waits for it: reads go to one of several
 * stripes (by thread), each a pair of sketches behind its own lock taken with {@code tryLock}; a
 * read that finds its stripe and the next one busy is dropped and counted in {@link #dropped()}.
 * When a stripe sees a new hour it folds the ended hour into the profile of that hour of day (once
 * per stripe per hour, under the profile's lock).
 *
 * <p>Memory is bounded whatever the key space: at most {@code stripes × 2 × capacity + 24 ×
 * profileCapacity} tracked keys (a sketch keeps at most three quarters of its map size).
 * Thread-safe.
 */
final class HotKeySketch {

  private static final long HOUR = 3_600_000L;

  private final int capacity;
  private final int profileCapacity;
  private final ZoneId zone;
  private final Stripe[] stripes;
  private final int mask;
  private final ReentrantLock profileLock = new ReentrantLock();
  private final ItemsSketch<String>[] profile;
  private final LongAdder dropped = new LongAdder();

  /** Restored counts of the hours before a restart ({@link #seedRecent}), under profileLock. */
  private ItemsSketch<String> seed;

  private long seedStart = Long.MIN_VALUE;

  /**
   * @param stripes number of lock stripes, rounded up to a power of two
   * @param capacity map size of each hourly sketch: a power of two, at least 8
   * @param profileCapacity map size of each hour-of-day profile sketch: a power of two, at least 8
   * @param zone the zone whose hours of day the profile uses
   * @throws IllegalArgumentException if a map size is not a power of two of at least 8
   */
  @SuppressWarnings("unchecked")
  HotKeySketch(int stripes, int capacity, int profileCapacity, ZoneId zone) {
    checkPowerOfTwo(capacity);
    checkPowerOfTwo(profileCapacity);
    this.capacity = capacity;
    this.profileCapacity = profileCapacity;
    this.zone = zone;
    int n = Integer.highestOneBit(Math.max(1, stripes - 1)) << 1;
    if (stripes <= 1) {
      n = 1;
    }
    this.stripes = new Stripe[n];
    for (int i = 0; i < n; i++) {
      this.stripes[i] = new Stripe();
    }
    this.mask = n - 1;
    this.profile = new ItemsSketch[24];
  }

  private static void checkPowerOfTwo(int size) {
    if (size < 8 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("sketch size " + size + " is not a power of two >= 8");
    }
  }

  /**
   * Counts one read of {@code key} at {@code nowMillis}, unless its stripes are busy.
   *
   * @return false if the read was dropped
   */
  boolean offer(String key, long nowMillis) {
    int i = (int) Thread.currentThread().getId() & mask;
    Stripe s = stripes[i];
    if (!s.lock.tryLock()) {
      s = stripes[(i + 1) & mask];
      if (!s.lock.tryLock()) {
        dropped.increment();
        return false;
      }
    }
    try {
      s.add(key, nowMillis);
      return true;
    } finally {
      s.lock.unlock();
    }
  }

  /** Reads not counted because their stripes were busy. */
  long dropped() {
    return dropped.sum();
  }

  /**
   * The most read keys of the current and the previous hour, most read first (ties by key).
   *
   * @param k at most this many
   * @param nowMillis the current time, to leave out hours that are over
   */
  List<Estimate> top(int k, long nowMillis) {
    return top(k, nowMillis, true);
  }

  /**
   * As {@link #top(int, long)}; without {@code withRestored}, only this instance's own reads (what
   * it saves: the instances whose saved counts were restored keep their own rows, so nothing is
   * counted twice).
   */
  List<Estimate> top(int k, long nowMillis, boolean withRestored) {
    long hourStart = hourStart(nowMillis);
    ItemsSketch<String> merged = new ItemsSketch<>(capacity);
    for (Stripe s : stripes) {
      s.lock.lock();
      try {
        if (s.current != null && s.currentStart == hourStart) {
          merged.merge(s.current);
          if (s.previous != null && s.previousStart == hourStart - HOUR) {
            merged.merge(s.previous);
          }
        } else if (s.current != null && s.currentStart == hourStart - HOUR) {
          merged.merge(s.current);
        }
      } finally {
        s.lock.unlock();
      }
    }
    profileLock.lock();
    try {
      if (withRestored
          && seed != null
          && (seedStart == hourStart || seedStart == hourStart - HOUR)) {
        merged.merge(seed);
      }
    } finally {
      profileLock.unlock();
    }
    return ranked(merged, k);
  }

  /**
   * Adds restored recent counts (the top keys saved before a restart) as if read in the hour of
   * {@code nowMillis}: {@link #top} counts them during that hour and the next, like reads of this
   * instance, but they are never folded into the hour-of-day profile (which is restored on its own
   * through {@link #seedProfile}, so nothing is counted twice).
   */
  void seedRecent(String key, long count, long nowMillis) {
    if (count <= 0) {
      return;
    }
    long start = hourStart(nowMillis);
    profileLock.lock();
    try {
      if (seed == null || seedStart != start) {
        seed = new ItemsSketch<>(capacity);
        seedStart = start;
      }
      seed.update(key, count);
    } finally {
      profileLock.unlock();
    }
  }

  /** Adds restored reads of {@code key} to the profile of {@code hour} (0–23). */
  void seedProfile(int hour, String key, long count) {
    if (count <= 0 || hour < 0 || hour > 23) {
      return;
    }
    profileLock.lock();
    try {
      if (profile[hour] == null) {
        profile[hour] = new ItemsSketch<>(profileCapacity);
      }
      profile[hour].update(key, count);
    } finally {
      profileLock.unlock();
    }
  }

  /**
   * The hour-of-day profile: every ended hour folded in, and the hours in progress of every stripe.
   */
  HourProfile profile() {
    @SuppressWarnings("unchecked")
    ItemsSketch<String>[] hours = new ItemsSketch[24];
    profileLock.lock();
    try {
      for (int h = 0; h < 24; h++) {
        hours[h] = new ItemsSketch<>(profileCapacity);
        if (profile[h] != null) {
          hours[h].merge(profile[h]);
        }
      }
    } finally {
      profileLock.unlock();
    }
    for (Stripe s : stripes) {
      s.lock.lock();
      try {
        if (s.current != null) {
          hours[s.currentHour].merge(s.current);
        }
      } finally {
        s.lock.unlock();
      }
    }
    return new HourProfile(hours);
  }

  private long hourStart(long millis) {
    // Hours start on the hour in every zone in use except a few with 30/45-minute offsets; the
    // zone's rules decide, so those work as well.
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(millis), zone)
        .truncatedTo(ChronoUnit.HOURS)
        .toInstant()
        .toEpochMilli();
  }

  private int hourOfDay(long hourStart) {
    return ZonedDateTime.ofInstant(Instant.ofEpochMilli(hourStart), zone).getHour();
  }

  private void fold(int hour, ItemsSketch<String> ended) {
    profileLock.lock();
    try {
      if (profile[hour] == null) {
        profile[hour] = new ItemsSketch<>(profileCapacity);
      }
      profile[hour].merge(ended);
    } finally {
      profileLock.unlock();
    }
  }

  static List<Estimate> ranked(ItemsSketch<String> sketch, int k) {
    if (sketch.isEmpty() || k <= 0) {
      return List.of();
    }
    ItemsSketch.Row<String>[] rows = sketch.getFrequentItems(0L, ErrorType.NO_FALSE_NEGATIVES);
    Arrays.sort(
        rows,
        Comparator.comparingLong((ItemsSketch.Row<String> r) -> r.getEstimate())
            .reversed()
            .thenComparing(ItemsSketch.Row::getItem));
    List<Estimate> top = new ArrayList<>(Math.min(k, rows.length));
    for (int i = 0; i < rows.length && top.size() < k; i++) {
      top.add(new Estimate(rows[i].getItem(), rows[i].getEstimate()));
    }
    return top;
  }

  /** A key and its estimated count in a sketch. */
  record Estimate(String key, long count) {}

  /** A snapshot of the 24 hour-of-day sketches. Not thread-safe; use it and drop it. */
  static final class HourProfile {
    private final ItemsSketch<String>[] hours;

    HourProfile(ItemsSketch<String>[] hours) {
      this.hours = hours;
    }

    /** The most read keys in {@code hour} (0–23) over every day seen. */
    List<Estimate> top(int hour, int k) {
      return ranked(hours[hour], k);
    }

    /** The estimated reads of {@code key} in {@code hour} (0–23). */
    long estimate(String key, int hour) {
      return hours[hour].getEstimate(key);
    }

    /** The hour (0–23) with the most estimated reads of {@code key}, or -1 if never seen. */
    int peakHour(String key) {
      int peak = -1;
      long best = 0;
      for (int h = 0; h < 24; h++) {
        long e = hours[h].getEstimate(key);
        if (e > best) {
          best = e;
          peak = h;
        }
      }
      return peak;
    }
  }

  private final class Stripe {
    final ReentrantLock lock = new ReentrantLock();
    ItemsSketch<String> current;
    long currentStart = Long.MIN_VALUE;
    int currentHour;
    ItemsSketch<String> previous;
    long previousStart = Long.MIN_VALUE;

    /** Under {@link #lock}. */
    void add(String key, long now) {
      if (now < currentStart || now >= currentStart + HOUR || current == null) {
        rotate(now);
      }
      current.update(key);
    }

    private void rotate(long now) {
      long start = hourStart(now);
      if (current != null) {
        fold(currentHour, current);
        if (start == currentStart + HOUR) {
          previous = current;
          previousStart = currentStart;
        } else {
          previous = null;
          previousStart = Long.MIN_VALUE;
        }
      }
      current = new ItemsSketch<>(capacity);
      currentStart = start;
      currentHour = hourOfDay(start);
    }
  }
}
