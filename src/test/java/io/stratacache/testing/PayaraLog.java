package io.stratacache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;

/** Reads the log that integration runs of Payara Micro write ({@code it.payara.log}). */
public final class PayaraLog {

  private static final Pattern URLS =
      Pattern.compile("Payara Micro URLs:\\s*http://[^:/\\s]+:(\\d+)/");

  private PayaraLog() {}

  /**
   * The log file of the running (or last) Payara Micro of this integration run. Payara's file
   * handler adds a generation suffix ({@code .0}, {@code .1}, ...) to the configured name, so this
   * is the most recently written file that starts with it.
   */
  public static Path file() {
    Path configured = Path.of(System.getProperty("it.payara.log"));
    String prefix = configured.getFileName().toString();
    try (var files = Files.list(configured.getParent())) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> !f.getFileName().toString().endsWith(".lck"))
          .max(
              java.util.Comparator.comparing(
                  f -> {
                    try {
                      return Files.getLastModifiedTime(f);
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  }))
          .orElseThrow(() -> new AssertionError("no Payara log " + configured + "*"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Deploys the unmanaged deployment {@code name} (which starts a new Payara Micro) and returns the
   * loopback URL that this new instance announced in the log. Waits (up to 60 s) for the new
   * announcement: the deployer can return before the log line is written, and reading the last line
   * then would give the previous, stopped instance's port.
   */
  public static URL deploy(Deployer deployer, String name) {
    int seen = announcements().size();
    deployer.deploy(name);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    for (; ; ) {
      List<String> ports = announcements();
      if (ports.size() > seen) {
        try {
          return new URL("http://127.0.0.1:" + ports.get(ports.size() - 1) + "/");
        } catch (MalformedURLException e) {
          throw new IllegalStateException(e);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no new 'Payara Micro URLs' line in " + file() + " within 60 s of deploying " + name);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** The ports announced in the log so far, oldest first (none before the first start). */
  private static List<String> announcements() {
    Path log;
    try {
      log = file();
    } catch (AssertionError e) {
      return List.of();
    }
    try {
      Matcher m = URLS.matcher(Files.readString(log));
      List<String> ports = new ArrayList<>();
      while (m.find()) {
        ports.add(m.group(1));
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
