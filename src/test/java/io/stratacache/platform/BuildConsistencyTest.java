package io.stratacache.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keeps the files that must agree with each other in agreement. */
class BuildConsistencyTest {

  static String read(String file) throws IOException {
    return Files.readString(Path.of(file));
  }

  static String group(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    assertTrue(m.find(), () -> "no match for " + regex);
    return m.group(1);
  }

  @Test
  void dockerfile_payaraVersion_matchesPom() throws IOException {
    String pom = group(read("pom.xml"), "<payara.version>([^<]+)</payara.version>");
    String docker = group(read("Dockerfile"), "ARG PAYARA_VERSION=(\\S+)");
    assertEquals(pom, docker, "Dockerfile ARG PAYARA_VERSION and pom.xml payara.version");
  }

  @Test
  void dockerfile_usesServerConfigFiles_thatExist() throws IOException {
    String docker = read("Dockerfile");
    for (String f : new String[] {"grid.properties", "post-boot-commands.asadmin"}) {
      assertTrue(docker.contains("/opt/payara/config/" + f), f);
      assertTrue(Files.isRegularFile(Path.of("server-config", f)), f);
    }
  }

  @Test
  void gridDefaults_loopbackOnly() throws IOException {
    String grid = read("server-config/grid.properties");
    assertTrue(grid.contains("payaramicro.interfaces=127.0.0.1"));
    assertTrue(grid.contains("payaramicro.clusterMode=tcpip:127.0.0.1:"));
  }

  @Test
  void ciRun_callsTheReadmeTestCommand() throws IOException {
    String readme = read("README.md");
    String testCommand =
        group(readme, "<!-- test-command -->\\s*```(?:bash|sh)?\\s*([^`]+?)\\s*```");
    assertTrue(
        read(".ci/run").contains(testCommand.replace("mvn ", "mvn -B "))
            || read(".ci/run").contains(testCommand),
        testCommand);
  }

  @Test
  void changelog_includesEveryChangeFile() throws IOException {
    String master = read("liquibase/changelog.xml");
    try (var files = Files.list(Path.of("liquibase/changes"))) {
      files.forEach(
          f ->
              assertTrue(
                  master.contains("changes/" + f.getFileName()),
                  () -> "liquibase/changelog.xml does not include " + f.getFileName()));
    }
  }
}
