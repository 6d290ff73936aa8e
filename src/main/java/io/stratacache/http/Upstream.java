package io.stratacache.http;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Forwards requests to a rule's upstream base URL with the JDK {@link HttpClient}: the path within
 * the application and the query appended to the base, every end-to-end request header passed
 * through (hop-by-hop ones and those named in {@code Connection} dropped), the body for methods
 * that carry one. Thread-safe.
 */
final class Upstream {

  /** Request headers never forwarded: hop-by-hop, and those the client sets itself. */
  private static final Set<String> NOT_FORWARDED =
      SharedCachePolicy.with(
          SharedCachePolicy.HOP_BY_HOP,
          "host",
          "content-length",
          "expect",
          "http2-settings",
          ResponseCache.REFRESH_HEADER);

  private static final int MAX_REQUEST_BODY = 16 * 1024 * 1024;

  private final HttpClient client;
  private final Duration timeout;

  Upstream(Duration connectTimeout, Duration timeout) {
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    this.timeout = timeout;
  }

  /** Thrown when the upstream does not answer in time or cannot be reached. */
  static final class Unavailable extends IOException {
    private static final long serialVersionUID = 1L;
    final boolean timedOut;

    Unavailable(String message, boolean timedOut) {
      super(message);
      this.timedOut = timedOut;
    }
  }

  /**
   * Forwards {@code req} to {@code base + path}, optionally with conditional headers.
   *
   * @throws Unavailable on a timeout or a connection failure
   */
  Captured call(
      String base, HttpServletRequest req, String path, String ifNoneMatch, String ifModifiedSince)
      throws IOException {
    String q = req.getQueryString();
    URI uri = URI.create(base + path + (q == null ? "" : "?" + q));
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout);
    Set<String> connectionListed = new HashSet<>();
    for (String c : Collections.list(req.getHeaders("Connection"))) {
      for (String t : c.split(",")) {
        connectionListed.add(t.trim().toLowerCase(Locale.ROOT));
      }
    }
    for (String name : Collections.list(req.getHeaderNames())) {
      String low = name.toLowerCase(Locale.ROOT);
      if (NOT_FORWARDED.contains(low) || connectionListed.contains(low)) {
        continue;
      }
      if (ifNoneMatch != null && (low.equals("if-none-match") || low.equals("if-modified-since"))) {
        continue;
      }
      for (String v : Collections.list(req.getHeaders(name))) {
        try {
          b.header(name, v);
        } catch (IllegalArgumentException restricted) {
          // a header the JDK client sets itself
        }
      }
    }
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    if (ifModifiedSince != null && ifNoneMatch == null) {
      b.header("If-Modified-Since", ifModifiedSince);
    }
    b.header("Via", "1.1 stratacache");
    String method = req.getMethod();
    byte[] body = req.getInputStream().readNBytes(MAX_REQUEST_BODY);
    b.method(
        method,
        body.length == 0 && (method.equals("GET") || method.equals("HEAD"))
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r;
    try {
      r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw new Unavailable("upstream " + base + " did not answer within " + timeout, true);
    } catch (IOException e) {
      throw new Unavailable("upstream " + base + " unreachable: " + e.getMessage(), false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while calling " + base, false);
    }
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    // Hop-by-hop: the fixed ones and those the origin's Connection header lists (RFC 9110 §7.6.1).
    Set<String> hopByHop = new HashSet<>(SharedCachePolicy.HOP_BY_HOP);
    for (String c : r.headers().allValues("connection")) {
      for (String t : c.split(",")) {
        hopByHop.add(t.trim().toLowerCase(Locale.ROOT));
      }
    }
    for (Map.Entry<String, List<String>> h : r.headers().map().entrySet()) {
      String low = h.getKey().toLowerCase(Locale.ROOT);
      if (low.startsWith(":") || low.equals("content-length") || hopByHop.contains(low)) {
        continue;
      }
      for (String v : h.getValue()) {
        names.add(h.getKey());
        values.add(v);
      }
    }
    return new Captured(r.statusCode(), names, values, r.body(), false);
  }
}
