package io.stratacache.testing;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                      throw new java.io.UncheckedIOException(e);
                    }
                  }))
          .orElseThrow(() -> new AssertionError("no Payara log " + configured + "*"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The loopback URL of the most recently started Payara Micro, as its log announced it. */
  public static URL latestUrl() {
    try {
      Matcher m = URLS.matcher(Files.readString(file()));
      String port = null;
      while (m.find()) {
        port = m.group(1);
      }
      if (port == null) {
        throw new AssertionError("no 'Payara Micro URLs' line in " + file());
      }
      return new URL("http://127.0.0.1:" + port + "/");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
