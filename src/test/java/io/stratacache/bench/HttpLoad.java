package io.stratacache.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small closed-loop HTTP load generator for loopback benchmarks, using only the JDK, so anyone
 * can run it without building the project:
 *
 * <pre>
 * java src/test/java/io/stratacache/bench/HttpLoad.java \
 *     --requests 400 --warmup 100 --concurrency 4 \
 *     'http://127.0.0.1:8080/api/v1/stores/{1..100}/dashboard?from=2026-08-24&to=2026-11-21'
 * </pre>
 *
 * <p>Each URL may hold one {@code {a..b}} range; the requests cycle through the expanded URLs in
 * order, so a range of distinct keys measures cold (uncached) answers. Warm-up requests are sent
 * first and not counted. Prints count, errors (non-2xx or failures), throughput and latency
 * percentiles in milliseconds. Only ever point it at addresses on this machine.
 */
public final class HttpLoad {

  private HttpLoad() {}

  public static void main(String[] args) throws Exception {
    int requests = 200;
    int warmup = 50;
    int concurrency = 1;
    List<String> urls = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--requests" -> requests = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        default -> urls.addAll(expand(args[i]));
      }
    }
    if (urls.isEmpty()) {
      System.err.println("usage: HttpLoad [--requests N] [--warmup N] [--concurrency N] URL...");
      System.exit(2);
    }
    for (String u : urls) {
      String host = URI.create(u).getHost();
      if (!(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"))) {
        throw new IllegalArgumentException("refusing a non-loopback target: " + u);
      }
    }
    Result r = run(urls, requests, warmup, concurrency);
    System.out.println(
        r.format(urls.get(0) + (urls.size() > 1 ? " (+" + (urls.size() - 1) + " more)" : "")));
  }

  /** The measured figures of one run. */
  public record Result(int count, int errors, double seconds, long[] nanos) {

    public double percentileMillis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * nanos.length) - 1;
      return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
    }

    public String format(String label) {
      return String.format(
          Locale.ROOT,
          "%s%n  requests %d, errors %d, %.1f req/s, latency ms: p50 %.2f  p90 %.2f  p99 %.2f  max %.2f",
          label,
          count,
          errors,
          count / seconds,
          percentileMillis(50),
          percentileMillis(90),
          percentileMillis(99),
          percentileMillis(100));
    }
  }

  /**
   * Sends {@code warmup} uncounted then {@code requests} counted GETs from {@code concurrency}
   * threads.
   */
  public static Result run(List<String> urls, int requests, int warmup, int concurrency)
      throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    List<URI> uris = urls.stream().map(URI::create).toList();
    phase(client, uris, warmup, concurrency, new long[Math.max(0, warmup)], new AtomicInteger());
    long[] nanos = new long[requests];
    AtomicInteger errors = new AtomicInteger();
    long start = System.nanoTime();
    phase(client, uris, requests, concurrency, nanos, errors);
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(nanos);
    return new Result(requests, errors.get(), seconds, nanos);
  }

  private static void phase(
      HttpClient client,
      List<URI> uris,
      int count,
      int concurrency,
      long[] nanos,
      AtomicInteger errors)
      throws Exception {
    AtomicLong next = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(concurrency);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < concurrency; t++) {
        workers.add(
            pool.submit(
                () -> {
                  long i;
                  while ((i = next.getAndIncrement()) < count) {
                    HttpRequest request =
                        HttpRequest.newBuilder(uris.get((int) (i % uris.size())))
                            .timeout(Duration.ofSeconds(60))
                            .GET()
                            .build();
                    long t0 = System.nanoTime();
                    try {
                      HttpResponse<byte[]> resp =
                          client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                      if (resp.statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                      }
                    } catch (Exception e) {
                      errors.incrementAndGet();
                    }
                    nanos[(int) i] = System.nanoTime() - t0;
                  }
                  return null;
                }));
      }
      for (Future<?> w : workers) {
        w.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Expands one {@code {a..b}} range in a URL into b-a+1 URLs. */
  static List<String> expand(String url) {
    int open = url.indexOf('{');
    int dots = url.indexOf("..", open);
    int close = url.indexOf('}', open);
    if (open < 0 || dots < 0 || close < 0) {
      return List.of(url);
    }
    int from = Integer.parseInt(url.substring(open + 1, dots));
    int to = Integer.parseInt(url.substring(dots + 2, close));
    List<String> out = new ArrayList<>();
    for (int i = from; i <= to; i++) {
      out.add(url.substring(0, open) + i + url.substring(close + 1));
    }
    return out;
  }
}
