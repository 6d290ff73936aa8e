package io.stratacache.cache;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a fill saw before it read its source ({@link TieredCache#openFill}): this instance's
 * publication tickets of the keys it will write, and the grid's invalidation epochs of the tags its
 * values will carry and of the cache as a whole (moved by every invalidation by tag, pattern or
 * clear on any instance). {@link TieredCache#putIfCurrent} stores a value only if none of them
 * moved. One fence per fill; thread-safe (immutable but for the guard it reads).
 */
public final class FillFence {
  /** The cache-wide epoch subject: moved by pattern invalidations and clears. */
  static final String ALL = "*";

  /** A fence that refuses nothing (a cache that does not fence fills, or a test double). */
  public static final FillFence NONE = new FillFence(null, Map.of(), Set.of(), null);

  final PublicationGuard guard;
  final Map<String, PublicationGuard.Ticket> tickets;
  final Set<String> tags;

  /** The epochs seen, by subject; null if unknown (no grid, or it failed). */
  final Map<String, Long> seen;

  FillFence(
      PublicationGuard guard,
      Map<String, PublicationGuard.Ticket> tickets,
      Set<String> tags,
      Map<String, Long> seen) {
    this.guard = guard;
    this.tickets = tickets;
    this.tags = tags;
    this.seen = seen;
  }

  /** The epoch subject of {@code tag}. */
  static String tagSubject(String tag) {
    return "tag:" + tag;
  }

  /** The ticket of {@code key}: the one taken when the fence was opened, or one since then. */
  PublicationGuard.Ticket ticket(String key) {
    PublicationGuard.Ticket t = tickets.get(key);
    if (t != null) {
      return t;
    }
    PublicationGuard.Ticket any = tickets.values().iterator().next();
    return guard.ticketSince(any, key);
  }

  /** Whether {@code now} (read again from the grid) differs from what the fence saw. */
  boolean moved(Map<String, Long> now) {
    if (seen == null) {
      return false;
    }
    if (now == null) {
      return true; // unknown now: the fill cannot prove it is current
    }
    for (Map.Entry<String, Long> e : seen.entrySet()) {
      if (!Objects.equals(now.get(e.getKey()), e.getValue())) {
        return true;
      }
    }
    return false;
  }
}
