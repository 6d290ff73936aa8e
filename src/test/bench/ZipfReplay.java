import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warm-up benchmarks (docs/benchmarks.md, "Warm-up"), JDK only, loopback only:
 *
 * <pre>
 * java src/test/bench/ZipfReplay.java first20 BASE
 *     first request of each of the top-20 brands' stats, once each: p50, p99, max, loads
 * java src/test/bench/ZipfReplay.java zipf BASE [exponent] [seed]
 *     a Zipf stream over the 200 brands' stats (rank = the brand list's order, most reports
 *     first): hit rate of the first 1,000 requests, then after 9,000 more the steady-state hit
 *     rate of the next 1,000; hit rate = 1 - loads of brand-stats / requests (one connection, so
 *     every miss is exactly one load)
 * </pre>
 */
public final class ZipfReplay {

  static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final Pattern NAME = Pattern.compile("\"name\":\"([^\"]*)\"");
  static final Pattern LOADS = Pattern.compile("\"loads\":(\\d+)");

  public static void main(String[] args) throws Exception {
    String base = args[1];
    if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost")) {
      throw new IllegalArgumentException("loopback only");
    }
    switch (args[0]) {
      case "first20" -> first20(base);
      case "zipf" ->
          zipf(
              base,
              args.length > 2 ? Double.parseDouble(args[2]) : 1.0,
              args.length > 3 ? Long.parseLong(args[3]) : 42);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static String get(String url) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  static List<String> brandUrls(String base, int limit) throws Exception {
    List<String> urls = new ArrayList<>();
    Matcher m = NAME.matcher(get(base + "/api/v1/brands?limit=" + limit));
    while (m.find()) {
      urls.add(
          base
              + "/api/v1/brands/"
              + URLEncoder.encode(m.group(1), StandardCharsets.UTF_8).replace("+", "%20")
              + "/stats");
    }
    return urls;
  }

  static long loads(String base) throws Exception {
    Matcher m = LOADS.matcher(get(base + "/api/v1/cache/stats?cache=brand-stats"));
    if (!m.find()) {
      throw new IllegalStateException("no loads in the stats");
    }
    return Long.parseLong(m.group(1));
  }

  static double timed(String url) throws Exception {
    long t = System.nanoTime();
    get(url);
    return (System.nanoTime() - t) / 1e6;
  }

  static double percentile(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static void first20(String base) throws Exception {
    List<String> urls = brandUrls(base, 20);
    long before = loads(base);
    double[] ms = new double[urls.size()];
    for (int i = 0; i < ms.length; i++) {
      ms[i] = timed(urls.get(i));
    }
    long loaded = loads(base) - before;
    Arrays.sort(ms);
    System.out.printf(
        Locale.ROOT,
        "first request, top-%d brand stats: p50 %.2f ms, p99 %.2f ms, max %.2f ms, loads %d%n",
        ms.length, percentile(ms, 50), percentile(ms, 99), ms[ms.length - 1], loaded);
  }

  static void zipf(String base, double s, long seed) throws Exception {
    List<String> urls = brandUrls(base, 200);
    double[] cdf = new double[urls.size()];
    double sum = 0;
    for (int i = 0; i < cdf.length; i++) {
      sum += 1 / Math.pow(i + 1, s);
      cdf[i] = sum;
    }
    Random random = new Random(seed);
    int[] stream = new int[11_000];
    for (int i = 0; i < stream.length; i++) {
      double u = random.nextDouble() * sum;
      int k = 0;
      while (cdf[k] < u) {
        k++;
      }
      stream[i] = k;
    }
    long l0 = loads(base);
    double[] firstMs = new double[1000];
    for (int i = 0; i < 1000; i++) {
      firstMs[i] = timed(urls.get(stream[i]));
    }
    long l1 = loads(base);
    for (int i = 1000; i < 10_000; i++) {
      get(urls.get(stream[i]));
    }
    long l2 = loads(base);
    for (int i = 10_000; i < 11_000; i++) {
      get(urls.get(stream[i]));
    }
    long l3 = loads(base);
    double first = 1 - (l1 - l0) / 1000.0;
    double steady = 1 - (l3 - l2) / 1000.0;
    Arrays.sort(firstMs);
    System.out.printf(
        Locale.ROOT,
        "zipf s=%.2f over %d brands, seed %d: first 1,000 requests hit rate %.1f %% (%d loads,"
            + " p50 %.2f ms, p99 %.2f ms); steady state (requests 10,001-11,000) %.1f %% (%d"
            + " loads); ratio %.3f%n",
        s, urls.size(), seed, 100 * first, l1 - l0, percentile(firstMs, 50),
        percentile(firstMs, 99), 100 * steady, l3 - l2, first / steady);
  }
}
