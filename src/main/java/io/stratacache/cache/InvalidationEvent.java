package io.stratacache.cache;

import java.util.Objects;

/**
 * One invalidation of one cache, as published to the other instances of the cluster.
 *
 * @param cacheName the cache, or {@link #ALL_CACHES} for a {@link #lost} notice
 * @param kind what was invalidated
 * @param subject the key, tag or glob; empty for {@link Kind#CLEAR}
 * @param sequence the publishing instance's sequence number for this cache, starting at 1 and
 *     increasing by one per event, published in that order, so a receiver can notice a gap and
 *     flush its near tier
 * @param origin the publishing instance's id; receivers ignore their own events
 * @param publishedAt epoch millis of the publication by the sender's clock (receivers measure
 *     staleness from it); 0 if unknown
 */
public record InvalidationEvent(
    String cacheName, Kind kind, String subject, long sequence, String origin, long publishedAt) {

  /** The cache name of a {@link #lost} notice: not a valid cache name. */
  public static final String ALL_CACHES = "*";

  /** What an event invalidates. A {@code put} is published as {@link #KEY}. */
  public enum Kind {
    KEY,
    TAG,
    PATTERN,
    CLEAR
  }

  public InvalidationEvent {
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(origin, "origin");
  }

  /** An event without publication time. */
  public InvalidationEvent(
      String cacheName, Kind kind, String subject, long sequence, String origin) {
    this(cacheName, kind, subject, sequence, origin, 0);
  }

  /**
   * The notice a bus delivers when it knows it lost events of unknown caches (for example a
   * reliable topic whose listener fell behind): every cache flushes its near tier.
   *
   * @param origin the bus, for logs
   */
  public static InvalidationEvent lost(String origin) {
    return new InvalidationEvent(ALL_CACHES, Kind.CLEAR, "", 0, origin, 0);
  }

  /** Whether this is a {@link #lost} notice. */
  public boolean isLossNotice() {
    return ALL_CACHES.equals(cacheName);
  }
}
