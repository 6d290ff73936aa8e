package io.stratacache.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Prepares the unpacked Payara Server before Arquillian's Payara Server managed container sets it
 * up: a fresh domain {@value #DOMAIN} on the port base {@code it.payara.server.portbase},
 * configured by {@code server-config/payara-server-configure.sh} exactly as docs/servers.md deploys
 * (data grid on loopback, request threads, the application's settings as system properties) but
 * without its deployment ({@code DEPLOY=false}: the container deploys), then stopped, so that the
 * container starts, deploys to and stops it. Registered only on the class path of the failsafe
 * execution {@code it-payara-server} ({@code src/test/arquillian-payara-server}, beside its {@code
 * arquillian.xml}), so the Payara Micro executions never see it.
 */
public final class PayaraServerArquillianSetup implements LoadableExtension {

  /** The domain the container runs (arquillian.xml names it too). */
  public static final String DOMAIN = "stratacache-it";

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Prepare.class);
  }

  /** The distribution's folder (the one with {@code bin/asadmin}); null outside the execution. */
  public static Path home() {
    String h = System.getProperty("it.payara.server.home");
    return h == null ? null : Path.of(h);
  }

  /** The domain's port base: admin +48, HTTP +80, JMX +86. */
  public static int portBase() {
    return Integer.getInteger("it.payara.server.portbase", 28000);
  }

  /** Where the preparation's output goes (the server's own log is the domain's server.log). */
  public static Path log() {
    return Path.of(System.getProperty("it.payara.server.log", "target/payara-server-it.log"));
  }

  /** The domain's server log. */
  public static Path serverLog() {
    return home().resolve("glassfish/domains/" + DOMAIN + "/logs/server.log");
  }

  /** The observer: runs once per container, before its setup. */
  public static final class Prepare {

    public void prepare(@Observes BeforeSetup event) throws Exception {
      Path home = home();
      if (home == null) {
        throw new IllegalStateException(
            "it.payara.server.home is not set: not the it-payara-server execution");
      }
      Path data = Path.of("target/it-data/payara-server").toAbsolutePath();
      TestFiles.deleteTree(home.resolve("glassfish/domains/" + DOMAIN));
      TestFiles.deleteTree(data);
      List<String> command = new ArrayList<>();
      command.add("bash");
      command.add("server-config/payara-server-configure.sh");
      command.addAll(
          List.of(
              "ADMIN_TOKEN=" + ServerTest.ADMIN_TOKEN,
              "DEMO_DATA=small",
              "HTTP_CACHE_DEFAULT_RULES=disabled",
              "WARMUP_INTERVAL_MINUTES=0",
              "AUTH_DEMO_TOKENS=true",
              "cache.brand-stats.jcache.statistics=true",
              "cache.brand-stats.jcache.management=true"));
      ProcessBuilder configure = new ProcessBuilder(command);
      configure.environment().put("PAYARA_HOME", home.toString());
      configure.environment().put("DOMAIN", DOMAIN);
      configure.environment().put("PORTBASE", Integer.toString(portBase()));
      configure
          .environment()
          .put("CLUSTER_NAME", System.getProperty("it.cluster.name", "stratacache-it") + "-server");
      configure.environment().put("DATA_DIR", data.toString());
      configure.environment().put("DEPLOY", "false");
      run(configure, "configure script", 10);
      run(
          new ProcessBuilder(home.resolve("bin/asadmin").toString(), "stop-domain", DOMAIN),
          "stop-domain",
          2);
    }

    private static void run(ProcessBuilder pb, String what, int minutes) throws Exception {
      pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
      Process p = pb.start();
      if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException(what + " still running after " + minutes + " min");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            what + " failed (exit " + p.exitValue() + "), see " + log());
      }
    }
  }
}
