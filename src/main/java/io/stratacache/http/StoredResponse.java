package io.stratacache.http;

import java.io.Serializable;
import java.util.List;

/**
 * One cached answer as it travels through the tiers (the cache's codec compresses the body in the
 * grid and the store). Immutable by contract: the arrays are never changed after construction.
 *
 * @param status the origin's status
 * @param names header names as the origin sent them (hop-by-hop and those its Connection header
 *     lists, Set-Cookie, Age, Content-Length and X-Cache removed), with {@code ETag}, {@code
 *     Last-Modified} and {@code Date} added if missing
 * @param values header values, parallel to {@code names}
 * @param body the body
 * @param etag the entity tag (strong when computed from the body), quoted
 * @param lastModified Last-Modified in epoch milliseconds (seconds precision)
 * @param storedAt when the answer was received, epoch milliseconds
 * @param freshMillis freshness lifetime from {@code storedAt}; 0 = revalidate on every request
 * @param originAgeSeconds the origin's Age header at reception
 * @param staleMillis the stale-while-revalidate window after expiry
 * @param errorMillis the stale-if-error window after expiry
 * @param vary the Vary header names (lower case), empty if none
 * @param varyValues the request's values of {@code vary} this answer was stored for
 * @param ruleId the rule that stored it
 * @param tags the entry's tags
 * @param originValidators whether the origin sent an ETag or a Last-Modified (then the expired
 *     entry is revalidated with a conditional request)
 */
record StoredResponse(
    int status,
    String[] names,
    String[] values,
    byte[] body,
    String etag,
    long lastModified,
    long storedAt,
    long freshMillis,
    long originAgeSeconds,
    long staleMillis,
    long errorMillis,
    List<String> vary,
    String varyValues,
    String ruleId,
    List<String> tags,
    boolean originValidators)
    implements Serializable {

  /** Whether the answer is fresh at {@code now}. */
  boolean fresh(long now) {
    return now - storedAt < freshMillis;
  }

  /** Whether it may be served while refreshed in the background. */
  boolean withinStaleWhileRevalidate(long now) {
    return now - storedAt < freshMillis + staleMillis;
  }

  /** Whether it may be served when the backend fails. */
  boolean withinStaleIfError(long now) {
    return now - storedAt < freshMillis + errorMillis;
  }

  /** The Age header value at {@code now}, seconds. */
  long age(long now) {
    return originAgeSeconds + Math.max(0, (now - storedAt) / 1000);
  }

  /** The same answer received again at {@code now} (a successful revalidation). */
  StoredResponse revalidated(long now) {
    return new StoredResponse(
        status,
        names,
        values,
        body,
        etag,
        lastModified,
        now,
        freshMillis,
        0,
        staleMillis,
        errorMillis,
        vary,
        varyValues,
        ruleId,
        tags,
        originValidators);
  }

  /** How long the tiers keep it (the freshness lifetime, at least 1 ms). */
  long retentionMillis() {
    return Math.max(freshMillis, 1);
  }

  /** How long the stale copy is kept: freshness plus the longest window, at least the lifetime. */
  long staleRetentionMillis(long ruleTtlMillis) {
    return Math.max(freshMillis + Math.max(staleMillis, errorMillis), ruleTtlMillis);
  }

  /** The first value of header {@code name} (case-insensitive), or null. */
  String header(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equalsIgnoreCase(name)) {
        return values[i];
      }
    }
    return null;
  }
}
