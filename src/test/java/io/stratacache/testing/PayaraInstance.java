package io.stratacache.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Payara Micro process running the built WAR, for tests of what crosses instances: several of
 * them form one data grid on loopback. Arquillian manages one instance per deployment; this starts
 * as many as a test needs, on free loopback ports, with the database of the current integration run
 * ({@code it.postgres.url}). Its log goes to {@code target/cluster-<name>.log}.
 */
public final class PayaraInstance implements AutoCloseable {

  private final String name;
  private final int httpPort;
  private final Process process;
  private final Path log;

  private PayaraInstance(String name, int httpPort, Process process, Path log) {
    this.name = name;
    this.httpPort = httpPort;
    this.process = process;
    this.log = log;
  }

  /** A free TCP port on loopback. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts an instance (returns at once; see {@link #awaitReady}).
   *
   * @param cluster the grid's cluster name, unique per test class
   * @param gridBasePort the first instance's grid port; instances discover each other there
   * @param index this instance's place: its grid port is {@code gridBasePort + index}
   * @param settings extra MicroProfile Config settings as system properties
   */
  public static PayaraInstance start(
      String name, String cluster, int gridBasePort, int index, Map<String, String> settings) {
    return start(name, cluster, gridBasePort, index, settings, List.of());
  }

  /**
   * As {@link #start(String, String, int, int, Map)}, with extra JVM options (for example {@code
   * -XX:TieredStopAtLevel=1}, which starts Payara Micro faster on a busy machine).
   */
  public static PayaraInstance start(
      String name,
      String cluster,
      int gridBasePort,
      int index,
      Map<String, String> settings,
      List<String> jvmOptions) {
    int http = freePort();
    Path log = Path.of("target", "cluster-" + name + ".log").toAbsolutePath();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    // as the run command does (README, "Tuning: the JVM's common pool on small machines")
    cmd.add("-Djava.util.concurrent.ForkJoinPool.common.parallelism=4");
    cmd.addAll(jvmOptions);
    cmd.add("-DDB_URL=" + System.getProperty("it.postgres.url"));
    cmd.add("-DDB_USER=" + System.getProperty("it.postgres.user"));
    cmd.add("-DDEMO_DATA=small");
    cmd.add("-DADMIN_TOKEN=" + ServerTest.ADMIN_TOKEN);
    cmd.add(
        "-DAUTH_KEY_FILE="
            + System.getProperty(
                "it.auth.key",
                Path.of("target", "it-data", "jwt-signing-key.pem").toAbsolutePath().toString()));
    cmd.add("-DAUTH_DEMO_TOKENS=true");
    cmd.add("-DHTTP_CACHE_DEFAULT_RULES=disabled");
    cmd.add("-DWARMUP_INTERVAL_MINUTES=0");
    settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.addAll(
        List.of(
            "-jar", System.getProperty("payara.microJar"),
            "--deploy", Path.of("target", "ROOT.war").toAbsolutePath().toString(),
            "--contextroot", "/",
            "--port", String.valueOf(http),
            "--systemproperties",
                Path.of("server-config", "grid.properties").toAbsolutePath().toString(),
            "--postbootcommandfile",
                Path.of("server-config", "post-boot-commands.asadmin").toAbsolutePath().toString(),
            "--clustername", cluster,
            "--clustermode", "tcpip:127.0.0.1:" + gridBasePort,
            "--startport", String.valueOf(gridBasePort + index),
            "--interfaces", "127.0.0.1",
            "--name", name));
    try {
      Files.deleteIfExists(log);
      Process p =
          new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new PayaraInstance(name, http, p, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start Payara Micro " + name, e);
    }
  }

  /** Waits until the application answers and its demo data is ready. */
  public PayaraInstance awaitReady(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Http http = http();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Payara Micro " + name + " exited; see " + log);
      }
      try {
        if (http.get("/api/v1/ping").status() == 200) {
          http.awaitDemoData();
          return this;
        }
      } catch (IllegalStateException notYet) {
        // connection refused while starting
      }
      sleep(500);
    }
    throw new AssertionError("Payara Micro " + name + " not ready in " + timeout + "; see " + log);
  }

  /**
   * Waits until the application answers {@code /api/v1/ping} (deployed, in the grid), without
   * waiting for its demo data or start-up warm-up (see {@link #awaitReady}).
   */
  public PayaraInstance awaitServing(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    Http http = http();
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("Payara Micro " + name + " exited; see " + log);
      }
      try {
        if (http.get("/api/v1/ping").status() == 200) {
          return this;
        }
      } catch (IllegalStateException notYet) {
        // connection refused while starting
      }
      sleep(250);
    }
    throw new AssertionError(
        "Payara Micro " + name + " not serving in " + timeout + "; see " + log);
  }

  public String name() {
    return name;
  }

  /** A client of this instance. */
  public Http http() {
    try {
      return new Http(new URL("http://127.0.0.1:" + httpPort + "/"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Freezes the process (SIGSTOP): it keeps its sockets and memory but runs nothing. */
  public void freeze() {
    signal("STOP");
  }

  /** Resumes a frozen process (SIGCONT). */
  public void resume() {
    signal("CONT");
  }

  private void signal(String name) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the instance as a crash would: the process is killed, nothing is flushed. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
