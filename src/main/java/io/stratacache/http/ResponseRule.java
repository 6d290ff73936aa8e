package io.stratacache.http;

import java.io.Serializable;
import java.util.List;

/**
 * A response-cache rule as stored, listed and sent: which requests it covers and how their answers
 * are cached. Every member is set (see {@link RuleRequest} for what a request may omit).
 *
 * @param id the rule's name, 1–64 of {@code a-z 0-9 - _}
 * @param pattern the path pattern within the application, see {@link PathPattern}
 * @param methods the methods answered from the cache (GET and HEAD by default; HEAD is always
 *     answered from a GET entry)
 * @param ttlSeconds freshness lifetime, 1..31622400 (a cap on the origin's own unless {@code
 *     overrideOrigin})
 * @param key {@code path} or {@code query} (path and the normalised query string)
 * @param headers request header names added to the key (lower case)
 * @param scope {@code shared} or {@code user} (the authenticated caller joins the key)
 * @param statuses cacheable status codes
 * @param maxBodyBytes largest body stored, 1..16777216
 * @param tags tags on every entry; {@code {var}} takes a path variable of the pattern
 * @param staleWhileRevalidateSeconds after expiry, served stale while refreshed in the background
 * @param staleIfErrorSeconds after expiry, served when the backend fails (5xx or timeout)
 * @param overrideOrigin whether {@code ttlSeconds} wins over the origin's max-age/s-maxage/Expires
 * @param upstream absolute http(s) base URL the requests are forwarded to, or null (the
 *     application)
 * @param enabled whether the rule applies
 */
public record ResponseRule(
    String id,
    String pattern,
    List<String> methods,
    long ttlSeconds,
    String key,
    List<String> headers,
    String scope,
    List<Integer> statuses,
    int maxBodyBytes,
    List<String> tags,
    long staleWhileRevalidateSeconds,
    long staleIfErrorSeconds,
    boolean overrideOrigin,
    String upstream,
    boolean enabled)
    implements Serializable {

  /** The same rule, enabled or not. */
  public ResponseRule withEnabled(boolean on) {
    return new ResponseRule(
        id,
        pattern,
        methods,
        ttlSeconds,
        key,
        headers,
        scope,
        statuses,
        maxBodyBytes,
        tags,
        staleWhileRevalidateSeconds,
        staleIfErrorSeconds,
        overrideOrigin,
        upstream,
        on);
  }

  /** Whether the caller joins the key. */
  public boolean perUser() {
    return "user".equals(scope);
  }
}
