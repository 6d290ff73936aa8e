package io.stratacache.bench;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The AI generation benchmarks (docs/benchmarks.md, "AI generation"), JDK only, loopback only:
 *
 * <pre>
 * mvn -o -q package -DskipTests && java src/test/java/io/stratacache/bench/AiBench.java
 * </pre>
 *
 * For each of two servers it starts (Payara Micro with the built WAR, H2 under target/bench-ai,
 * small demo data): (1) the mock (no key): uncached time of distinct requests, then cached answers'
 * p50/p99; (2) a local OpenAI-compatible upstream that takes {@code --upstream-ms} (2000): uncached
 * time, cached p50/p99, and {@code --cold} (100) concurrent identical cold requests: upstream calls
 * and the slowest answer's time.
 *
 * <p>Bounded: every request has a timeout ({@value #REQUEST_SECONDS} s), every wait a limit, a
 * server that does not stop within 30 s is killed, every thread the harness starts is a daemon, and
 * a watchdog ends the run (killing the servers, exit status 3) after {@code --deadline-minutes}
 * (20). A failed check ends the run with an exception and stops the servers too.
 */
public final class AiBench {

  /** Daemon threads everywhere: nothing the harness starts can keep the JVM alive after main. */
  static final ThreadFactory DAEMON =
      r -> {
        Thread t = new Thread(r, "ai-bench");
        t.setDaemon(true);
        return t;
      };

  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .executor(Executors.newFixedThreadPool(128, DAEMON))
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  /** Every request's bound. */
  static final int REQUEST_SECONDS = 120;

  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(REQUEST_SECONDS);

  /** The Payara processes started, killed by the deadline or a shutdown hook if still running. */
  static final List<Process> STARTED = new java.util.concurrent.CopyOnWriteArrayList<>();

  static final String TOKEN = "bench-admin-token";

  /** The admin JWT of the server under test, exchanged for {@link #TOKEN} once it is up. */
  static volatile String bearer;

  public static void main(String[] args) throws Exception {
    int upstreamMs = intArg(args, "--upstream-ms", 2000);
    int cold = intArg(args, "--cold", 100);
    int cached = intArg(args, "--cached", 2000);
    int deadlineMinutes = intArg(args, "--deadline-minutes", 20);
    Runtime.getRuntime().addShutdownHook(new Thread(AiBench::killStarted, "ai-bench-cleanup"));
    Thread watchdog =
        new Thread(
            () -> {
              try {
                Thread.sleep(Duration.ofMinutes(deadlineMinutes).toMillis());
              } catch (InterruptedException done) {
                return;
              }
              System.err.println(
                  "AiBench: deadline of " + deadlineMinutes + " min passed; stopping everything");
              killStarted();
              Runtime.getRuntime().halt(3);
            },
            "ai-bench-deadline");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      run(
          upstreamMs,
          cold,
          cached,
          Path.of(strArg(args, "--payara", "target/payara-micro.jar")),
          Path.of(strArg(args, "--war", "target/ROOT.war")));
    } finally {
      watchdog.interrupt();
      killStarted();
    }
    System.exit(0);
  }

  static void killStarted() {
    for (Process p : STARTED) {
      p.destroyForcibly();
    }
  }

  static void run(int upstreamMs, int cold, int cached, Path jar, Path war) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "AiBench: cores %d, load average %s%n",
        Runtime.getRuntime().availableProcessors(),
        Files.readString(Path.of("/proc/loadavg")).strip());

    try (Server mock = Server.start(jar, war, "mock", null)) {
      System.out.println("== mock generator (no OPENAI_API_KEY)");
      ping(mock, cached);
      uncached(mock, 50, "mock");
      cachedAnswers(mock, cached, "mock");
    }
    try (Upstream up = new Upstream(upstreamMs);
        Server real = Server.start(jar, war, "upstream", up.baseUrl())) {
      System.out.println("== local upstream taking " + upstreamMs + " ms");
      uncached(real, 3, "upstream");
      cachedAnswers(real, cached, "upstream");
      up.calls.set(0);
      String body = body("cold-" + System.nanoTime());
      ExecutorService pool = Executors.newFixedThreadPool(cold, DAEMON);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<long[]>> futures = new ArrayList<>();
      for (int i = 0; i < cold; i++) {
        futures.add(
            pool.submit(
                () -> {
                  if (!go.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("start signal not given within 60 s");
                  }
                  long t = System.nanoTime();
                  HttpResponse<String> r = post(real.port, body);
                  return new long[] {
                    System.nanoTime() - t,
                    r.statusCode(),
                    r.body().contains("\"cached\":false") ? 1 : 0
                  };
                }));
      }
      long start = System.nanoTime();
      go.countDown();
      long slowest = 0;
      int ok = 0;
      int generated = 0;
      long waitUntil = System.nanoTime() + REQUEST_TIMEOUT.plusSeconds(30).toNanos();
      try {
        for (Future<long[]> f : futures) {
          long[] r = f.get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS);
          slowest = Math.max(slowest, r[0]);
          ok += r[1] == 200 ? 1 : 0;
          generated += (int) r[2];
        }
      } finally {
        pool.shutdownNow();
      }
      System.out.printf(
          Locale.ROOT,
          "cold x%d identical: %d answered 200, %d cached:false, upstream calls %d, slowest %.0f ms"
              + " (%.1f%% over one upstream call of %d ms), wall %.0f ms%n",
          cold,
          ok,
          generated,
          up.calls.get(),
          slowest / 1e6,
          (slowest / 1e6 - upstreamMs) * 100.0 / upstreamMs,
          upstreamMs,
          (System.nanoTime() - start) / 1e6);
    }
  }

  /** The floor: a plain JAX-RS endpoint of the same server, same client, same loop. */
  static void ping(Server s, int n) throws Exception {
    HttpRequest ping =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port + "/api/v1/ping"))
            .timeout(REQUEST_TIMEOUT)
            .build();
    for (int i = 0; i < Math.max(200, n / 4); i++) {
      CLIENT.send(ping, HttpResponse.BodyHandlers.ofString());
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      CLIENT.send(ping, HttpResponse.BodyHandlers.ofString());
      times[i] = System.nanoTime() - t;
    }
    report("GET /api/v1/ping (floor)", times);
  }

  static void uncached(Server s, int n, String label) throws Exception {
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      String body = body(label + "-uncached-" + i + "-" + System.nanoTime());
      long t = System.nanoTime();
      HttpResponse<String> r = post(s.port, body);
      times[i] = System.nanoTime() - t;
      check(r, false);
    }
    report(label + " uncached", times);
  }

  static void cachedAnswers(Server s, int n, String label) throws Exception {
    String body = body(label + "-cached-" + System.nanoTime());
    check(post(s.port, body), false);
    for (int i = 0; i < Math.max(200, n / 4); i++) {
      check(post(s.port, body), true);
    }
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      HttpResponse<String> r = post(s.port, body);
      times[i] = System.nanoTime() - t;
      check(r, true);
    }
    report(label + " cached (1 connection, after " + Math.max(200, n / 4) + " warm-up)", times);
  }

  static void check(HttpResponse<String> r, boolean cached) {
    if (r.statusCode() != 200 || !r.body().contains("\"cached\":" + cached)) {
      throw new IllegalStateException("unexpected answer " + r.statusCode() + " " + r.body());
    }
  }

  static void report(String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    System.out.printf(
        Locale.ROOT,
        "%s: n=%d p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
        what,
        s.length,
        s[(int) (s.length * 0.50)] / 1e6,
        s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.99) - 1)] / 1e6,
        s[s.length - 1] / 1e6);
  }

  static String body(String name) {
    return "{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":{\"enterprise_info\":"
        + "{\"enterprise_name\":\""
        + name
        + "\",\"industry_type\":\"化工制造\",\"address\":\"北京市朝阳区\","
        + "\"main_products\":\"化工产品\",\"employees_count\":100}}}";
  }

  static HttpResponse<String> post(int port, String body) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ai/generate"))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .timeout(REQUEST_TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A local OpenAI-compatible upstream that answers after a fixed delay. */
  static final class Upstream implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger calls = new AtomicInteger();

    Upstream(int delayMs) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
      server.setExecutor(Executors.newFixedThreadPool(32, DAEMON));
      server.createContext(
          "/v1/chat/completions",
          ex -> {
            int n = calls.incrementAndGet();
            ex.getRequestBody().readAllBytes();
            try {
              Thread.sleep(delayMs);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            byte[] b =
                ("{\"model\":\"bench\",\"choices\":[{\"message\":{\"role\":\"assistant\","
                        + "\"content\":\"answer "
                        + n
                        + "\"}}],\"usage\":{\"prompt_tokens\":200,\"completion_tokens\":400}}")
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
              o.write(b);
            }
          });
      server.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
      server.stop(0);
      ((ExecutorService) server.getExecutor()).shutdownNow();
    }
  }

  /** Payara Micro with the WAR, alone (no cluster), H2 under target/bench-ai. */
  static final class Server implements AutoCloseable {
    final Process process;
    final int port;

    Server(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Server start(Path jar, Path war, String name, String upstream) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      Path data = Path.of("target", "bench-ai", name + "-" + System.nanoTime()).toAbsolutePath();
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-Xmx768m");
      cmd.add("-DDB_URL=jdbc:h2:file:" + data + "/stratacache;DB_CLOSE_ON_EXIT=FALSE");
      cmd.add("-DDEMO_DATA=small");
      cmd.add("-DADMIN_TOKEN=" + TOKEN);
      cmd.add("-DCACHE_WARMUP_ENABLED=false");
      if (upstream != null) {
        cmd.add("-DOPENAI_API_KEY=bench");
        cmd.add("-DOPENAI_BASE_URL=" + upstream);
        cmd.add("-Dio.stratacache.ai.UpstreamCall/complete/Bulkhead/value=200");
      }
      cmd.addAll(
          List.of(
              "-jar",
              jar.toString(),
              "--deploy",
              war.toString(),
              "--contextroot",
              "/",
              "--port",
              String.valueOf(port),
              "--nocluster",
              "--interfaces",
              "127.0.0.1",
              "--postbootcommandfile",
              "server-config/post-boot-commands.asadmin"));
      Files.createDirectories(data);
      Process p =
          new ProcessBuilder(cmd)
              .redirectErrorStream(true)
              .redirectOutput(data.resolve("payara.log").toFile())
              .start();
      STARTED.add(p);
      Server s = new Server(p, port);
      long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException("Payara exited; see " + data.resolve("payara.log"));
        }
        try {
          HttpResponse<String> r =
              CLIENT.send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            HttpResponse<String> t =
                CLIENT.send(
                    HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(
                            HttpRequest.BodyPublishers.ofString(
                                "{\"admin_token\":\"" + TOKEN + "\"}"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"")
                    .matcher(t.body());
            if (!m.find()) {
              throw new IllegalStateException("no admin token: " + t.statusCode() + " " + t.body());
            }
            bearer = m.group(1);
            return s;
          }
        } catch (IOException notYet) {
          // starting
        }
        Thread.sleep(500);
      }
      s.close();
      throw new IllegalStateException("Payara not ready in 5 minutes");
    }

    /** Stops Payara: asked to stop, killed after 30 s, waited for at most 10 s more. */
    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
      STARTED.remove(process);
    }
  }

  static int intArg(String[] args, String name, int def) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return def;
  }

  static String strArg(String[] args, String name, String def) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return def;
  }
}
