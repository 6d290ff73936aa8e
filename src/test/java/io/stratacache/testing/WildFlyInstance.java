package io.stratacache.testing;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real WildFly process ({@code bin/standalone.sh}) running {@code ROOT-wildfly.war}: the
 * distribution the build unpacked ({@code wildfly.home}), configured by {@code
 * server-config/wildfly-configure.sh} (standalone-microprofile.xml plus EJB3), with a server base
 * directory of its own under {@code target/wildfly-it/<name>} so several instances share one
 * distribution. Ports: WildFly's defaults plus {@code portOffset} (HTTP 8080, management 9990). The
 * WAR is deployed by the deployment scanner; {@link #awaitDeployed} waits for its marker.
 */
public final class WildFlyInstance implements AutoCloseable {

  /** The management user the tests create for JMX over WildFly's management interface. */
  public static final String MANAGEMENT_USER = "it-jmx";

  public static final String MANAGEMENT_PASSWORD = "it-jmx-Passw0rd!";

  private final String name;
  private final int portOffset;
  private final Path base;
  private final Process process;

  private WildFlyInstance(String name, int portOffset, Path base, Process process) {
    this.name = name;
    this.portOffset = portOffset;
    this.base = base;
    this.process = process;
  }

  /** The unpacked distribution ({@code wildfly.home}), or null outside the WildFly execution. */
  public static Path home() {
    String home = System.getProperty("wildfly.home");
    return home == null || home.isBlank() ? null : Path.of(home);
  }

  /**
   * Starts an instance (returns at once).
   *
   * @param settings MicroProfile Config settings, given as system properties
   */
  public static WildFlyInstance start(String name, int portOffset, Map<String, String> settings)
      throws IOException, InterruptedException {
    Path home = home();
    configure(home);
    Path base = Path.of("target", "wildfly-it", name).toAbsolutePath();
    TestFiles.deleteTree(base);
    Files.createDirectories(base.resolve("deployments"));
    copyTree(home.resolve("standalone/configuration"), base.resolve("configuration"));
    addManagementUser(home, base.resolve("configuration"), base.resolve("add-user.log"));
    Files.copy(
        Path.of(System.getProperty("wildfly.war")),
        base.resolve("deployments/ROOT.war"),
        StandardCopyOption.REPLACE_EXISTING);
    List<String> cmd = new ArrayList<>();
    cmd.add(home.resolve("bin/standalone.sh").toString());
    cmd.add("-c");
    cmd.add("standalone-stratacache.xml");
    cmd.add("-Djboss.server.base.dir=" + base);
    cmd.add("-Djboss.socket.binding.port-offset=" + portOffset);
    cmd.add("-b");
    cmd.add("127.0.0.1");
    cmd.add("-bmanagement");
    cmd.add("127.0.0.1");
    settings.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(base.toFile());
    pb.environment().put("JAVA_OPTS", "-Xmx640m -Djava.net.preferIPv4Stack=true");
    pb.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    pb.redirectErrorStream(true);
    pb.redirectOutput(base.resolve("console.log").toFile());
    return new WildFlyInstance(name, portOffset, base, pb.start());
  }

  /**
   * Prepares the distribution itself for the Arquillian managed container ({@code WildFlyIT}):
   * {@code standalone-stratacache.xml} and the JMX management user in its own {@code
   * standalone/configuration}. Idempotent.
   */
  public static void prepareHome(Path home) throws IOException, InterruptedException {
    configure(home);
    addManagementUser(
        home,
        home.resolve("standalone/configuration"),
        Path.of("target", "wildfly-add-user.log").toAbsolutePath());
  }

  /** Adds the JMX management user to a configuration folder that does not have it yet. */
  private static void addManagementUser(Path home, Path configuration, Path log)
      throws IOException, InterruptedException {
    Path users = configuration.resolve("mgmt-users.properties");
    if (Files.exists(users) && Files.readString(users).contains("\n" + MANAGEMENT_USER + "=")) {
      return;
    }
    run(
        List.of(
            home.resolve("bin/add-user.sh").toString(),
            "-u",
            MANAGEMENT_USER,
            "-p",
            MANAGEMENT_PASSWORD,
            "-sc",
            configuration.toString(),
            "-s"),
        home,
        log);
  }

  /** Writes standalone-stratacache.xml once per unpacked distribution. */
  private static synchronized void configure(Path home) throws IOException, InterruptedException {
    if (Files.exists(home.resolve("standalone/configuration/standalone-stratacache.xml"))) {
      return;
    }
    run(
        List.of(
            "sh",
            Path.of("server-config/wildfly-configure.sh").toAbsolutePath().toString(),
            home.toString()),
        home,
        Path.of("target", "wildfly-configure.log").toAbsolutePath());
  }

  private static void run(List<String> cmd, Path dir, Path log)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd.get(0) + " failed, see " + log);
    }
  }

  /** Waits for the deployment scanner's marker: true when deployed, false when it failed. */
  public boolean awaitDeployed(Duration limit) throws InterruptedException {
    Instant deadline = Instant.now().plus(limit);
    Path deployments = base.resolve("deployments");
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      if (Files.exists(deployments.resolve("ROOT.war.deployed"))) {
        return true;
      }
      if (Files.exists(deployments.resolve("ROOT.war.failed"))) {
        return false;
      }
      Thread.sleep(250);
    }
    return false;
  }

  public URL url() {
    return url(8080);
  }

  private URL url(int port) {
    try {
      return new URL("http://127.0.0.1:" + (port + portOffset) + "/");
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The server log (for failure messages). */
  public Path log() {
    return base.resolve("log/server.log");
  }

  public String name() {
    return name;
  }

  /** Stops the server (SIGTERM to the script, which stops WildFly), forcibly after 60 s. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> children = process.descendants().toList();
    children.forEach(ProcessHandle::destroy);
    process.destroy();
    Instant deadline = Instant.now().plusSeconds(60);
    for (ProcessHandle c : children) {
      while (c.isAlive() && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      c.destroyForcibly();
    }
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
