package io.stratacache.cache;

import io.stratacache.cache.tier.KeyPattern;
import io.stratacache.cache.tier.TierEntry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The tag, pattern and clear invalidations this instance made or heard of recently, so that a read
 * of the grid or the store never answers an entry that such an invalidation made old.
 *
 * <p>Why: a fenced fill on another instance ({@link ChainedCache#putIfCurrent}) checks the grid's
 * epochs, writes the shared tiers, then checks again and takes its write back if an epoch moved in
 * between. Until it has taken it back, its entry sits in the grid: a fill that passed its first
 * check just before this instance's tag invalidation moved the epoch can land just after the
 * invalidation removed the tag's entries. A client that wrote here, was answered, and reads here
 * again in that window would read the answer its own write made old (read-your-writes broken; seen
 * by the consistency checker once in some 10,000 operations on a loaded machine). Such a late entry
 * was prepared (its version taken) before the fill's first check, so before the epoch moved: every
 * entry carrying the tag with a version below the one noted once the epoch had moved is one of
 * those, and is read as a miss. A fill whose fence opened after the move has a larger version and
 * is read as usual (within the same millisecond it may be refused too: a spare load, never a stale
 * answer).
 *
 * <p>Invalidations heard from other instances are noted on arrival, which also keeps other
 * instances' late fills from this instance's readers (the bound elsewhere). Notes live as long as a
 * tombstone ({@code single-flight.lease}): a fill's first check and its write are far closer than
 * that. Versions follow each instance's clock ({@link TierWrites}), so the test assumes the
 * instances' clocks agree to well within a lease; both the versions and the marks read the precise
 * clock ({@link CacheClock#precise}), never the coarse one a hit reads, which trails while its
 * ticking thread is starved (a mark taken on a trailing clock would let another instance's late
 * fill, versioned on time, pass as newer than the invalidation). Thread-safe; a read with nothing
 * noted costs two volatile reads.
 */
final class LateFills {
  private final CacheClock clock;
  private final long keepMillis;

  /** Per tag: entries with a smaller version are late. */
  private final Map<String, Mark> tags = new ConcurrentHashMap<>();

  /** Pattern and clear invalidations (a clear as the pattern that matches every key). */
  private final CopyOnWriteArrayList<PatternMark> patterns = new CopyOnWriteArrayList<>();

  /** Until when any note may still apply (epoch millis): none after it, the check is skipped. */
  private volatile long liveUntil = Long.MIN_VALUE;

  /**
   * {@code below}: entries of other writers with a smaller version are late; {@code ownBelow}: the
   * same for this instance's own writer, whose versions are ordered exactly (for an invalidation
   * made here: the writer's version at that moment, so that a put made here just after it, in the
   * same millisecond, is not taken for a late fill; for one heard from elsewhere: {@code below}).
   */
  private record Mark(long below, long ownBelow, long until) {}

  private record PatternMark(KeyPattern pattern, long below, long ownBelow, long until) {}

  /** This instance's writer's salt ({@link TierWrites#salt}); -1: none known. */
  private final long ownSalt;

  LateFills(CacheClock clock, java.time.Duration keep) {
    this(clock, keep, -1);
  }

  LateFills(CacheClock clock, java.time.Duration keep, long ownSalt) {
    this.clock = clock.precise();
    this.keepMillis = keep.toMillis();
    this.ownSalt = ownSalt;
  }

  /** Notes a tag invalidation heard from another instance. */
  void tag(String tag) {
    tag(tag, Long.MIN_VALUE);
  }

  /**
   * Notes a tag invalidation whose epoch has moved: made here ({@code ownMark}, this writer's
   * {@link TierWrites#mark} at that moment) or heard from another instance ({@code
   * Long.MIN_VALUE}).
   */
  void tag(String tag, long ownMark) {
    long now = clock.millis();
    long below = threshold(now);
    tags.put(tag, new Mark(below, own(below, ownMark), now + keepMillis));
    live(now);
    if (tags.size() > 4096) {
      tags.values().removeIf(m -> m.until() < now);
    }
  }

  /** Notes a pattern invalidation heard from another instance; null for a clear. */
  void pattern(KeyPattern pattern) {
    pattern(pattern, Long.MIN_VALUE);
  }

  /**
   * Notes a pattern invalidation (null: a clear), made here or heard; see {@link #tag(String,
   * long)}.
   */
  void pattern(KeyPattern pattern, long ownMark) {
    long now = clock.millis();
    patterns.removeIf(p -> p.until() < now);
    long below = threshold(now);
    patterns.add(new PatternMark(pattern, below, own(below, ownMark), now + keepMillis));
    live(now);
  }

  private static long own(long below, long ownMark) {
    return ownMark == Long.MIN_VALUE ? below : ownMark;
  }

  /**
   * Whether {@code entry}, read from the grid or the store for {@code key}, is such a late fill.
   */
  boolean late(String key, TierEntry<?> entry, long now) {
    if (now > liveUntil || entry == null || entry.isTombstone()) {
      return false;
    }
    long version = entry.version();
    boolean mine = ownSalt >= 0 && Math.floorMod(version, TierWrites.SALTS) == ownSalt;
    for (String tag : entry.tags()) {
      Mark m = tags.get(tag);
      if (m != null && version < (mine ? m.ownBelow() : m.below()) && now <= m.until()) {
        return true;
      }
    }
    for (PatternMark p : patterns) {
      if (version < (mine ? p.ownBelow() : p.below())
          && now <= p.until()
          && (p.pattern() == null || p.pattern().matches(key))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a fill that saw these grid epochs ({@link FillFence}: subject to version) may have been
   * built from answers this instance has not yet cleaned: an epoch moved by another instance within
   * the last lease, whose invalidation event has not reached this instance yet. The fill's source
   * may then have read another cache's near copy that the writer's earlier events (which precede
   * the tag's, events of one origin arriving in order) have not dropped here yet, so its answer can
   * be older than the write, and in the grid every instance would serve it, the writer's own
   * included, until the tag's event arrives here and takes it back. Such a fill answers its caller
   * but stores nothing. An epoch this instance moved itself, or one whose event arrived, is noted
   * with a larger version (see {@link #tag}), so it does not refuse.
   */
  boolean unheard(Map<String, Long> seen, long now) {
    long recent = (now - keepMillis) * 1000 * TierWrites.SALTS;
    for (Map.Entry<String, Long> e : seen.entrySet()) {
      Long epoch = e.getValue();
      if (epoch == null || epoch < recent) {
        continue; // never moved, or long enough ago for its event to have arrived (or been missed)
      }
      String subject = e.getKey();
      if (subject.equals(FillFence.ALL)) {
        if (!heardBulk(epoch, now)) {
          return true;
        }
      } else if (subject.startsWith("tag:")) {
        Mark m = tags.get(subject.substring(4));
        if (m == null || m.below() <= epoch) {
          return true;
        }
      }
    }
    return false;
  }

  private boolean heardBulk(long epoch, long now) {
    for (PatternMark p : patterns) {
      if (p.below() > epoch && now <= p.until()) {
        return true;
      }
    }
    return false;
  }

  private void live(long now) {
    long until = now + keepMillis;
    if (until > liveUntil) {
      liveUntil = until;
    }
  }

  /**
   * The smallest version an entry prepared after {@code now} can have on any instance: versions are
   * the writer's microseconds times {@link TierWrites#SALTS}; the next millisecond, to leave out
   * entries of this very millisecond on another instance, whose versions may order either way.
   */
  private static long threshold(long now) {
    return (now + 1) * 1000 * TierWrites.SALTS;
  }
}
