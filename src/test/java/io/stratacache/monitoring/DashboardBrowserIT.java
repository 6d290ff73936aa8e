package io.stratacache.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.stratacache.testing.Auth;
import io.stratacache.testing.Deployments;
import io.stratacache.testing.Http;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator dashboard in a real browser: after some traffic and with one alert made to fire
 * (through the monitoring REST API), headless Chromium opens {@code /dashboard}, which must draw
 * its charts with data from the running instance and list the active alert. Saves {@code
 * target/dashboard.png}.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium}, {@code
 * /usr/bin/chromedriver}; other paths through {@code -Dit.chromium} and {@code -Dit.chromedriver}).
 * The build installs them when they are missing and it can (root with apt-get, see {@code
 * io.stratacache.testing.ItEnvironment}); otherwise the test fails and says what to install: a
 * browser test that silently skips hides a broken dashboard. Selenium is pointed at those binaries,
 * so it downloads nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DashboardBrowserIT {

  /** The admin's {@code Authorization} value. */
  String admin() {
    return Auth.admin(base);
  }

  /** The rule made to fire: the hit-rate rule of the monitoring contract. */
  static final String RULE = "hit_rate_low";

  static final List<String> CHARTS = List.of("trend-chart", "hitrate-chart", "latency-chart");

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource URL base;
  Http http;
  WebDriver browser;
  Path profile;
  JsonValue originalThreshold;

  @BeforeEach
  void setUp() {
    http = new Http(base);
  }

  @AfterEach
  void tearDown() throws IOException {
    if (browser != null) {
      browser.quit();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
    if (originalThreshold != null) { // leave the rule as the other tests of this run expect it
      put("/api/v1/cache/monitoring/rules/" + RULE, "{\"threshold\":" + originalThreshold + "}");
    }
  }

  @Test
  void dashboard_drawsChartsWithData_andListsTheActiveAlert() throws IOException {
    Path chromium = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    Path chromedriver = Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    requireBrowser(chromium, chromedriver);

    http.awaitDemoData();
    traffic();
    generateOnce();
    JsonObject alert = fireHitRateAlert();

    browser = chromium(chromium, chromedriver);
    browser.get(base.toString().replaceAll("/$", "") + "/dashboard");
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

    // every chart holds data, and the alert fired above is listed
    Map<?, ?> charts = awaitCharts(wait);
    // the rule may have fired for several caches: look for the row of the alert fired above
    String row =
        "#alerts tbody tr[data-rule='"
            + RULE
            + "'][data-cache='"
            + (alert.get("cache") instanceof jakarta.json.JsonString c ? c.getString() : "")
            + "']";
    try {
      wait.until(b -> !b.findElements(By.cssSelector(row)).isEmpty());
    } catch (TimeoutException e) {
      screenshot();
      fail(
          "the active alert "
              + alert
              + " is not listed; alerts table: "
              + text("#alerts tbody")
              + "; problems: "
              + text("#problems"));
    }
    WebElement listed = browser.findElement(By.cssSelector(row));
    assertTrue(listed.getText().contains(alert.getString("severity")), listed::getText);
    if (alert.get("cache") instanceof jakarta.json.JsonString cache) {
      assertTrue(listed.getText().contains(cache.getString()), listed::getText);
    }

    // the AI panel shows the generation made above and the (mock) breaker state
    try {
      wait.until(
          b ->
              !b.findElements(By.cssSelector("#ai-figures tbody tr[data-scope='cluster']"))
                      .isEmpty()
                  && !text("#ai-figures tbody tr[data-scope='cluster'] td:nth-child(2)")
                      .equals("0"));
    } catch (TimeoutException e) {
      screenshot();
      fail(
          "the AI panel shows no figures: "
              + text("#ai-figures")
              + "; its script says "
              + ((JavascriptExecutor) browser)
                  .executeScript(
                      "return JSON.stringify(window.stratacacheAi || 'ai.js not loaded')"));
    }
    assertEquals(
        "mock", browser.findElement(By.id("ai-breaker")).getAttribute("data-state"), "breaker");

    // the figures around the charts are filled in too
    assertFalse(text("#health-score").equals("–"), "health score shown");
    assertTrue(text("#caches tbody").contains("brand-stats"), () -> text("#caches tbody"));
    assertStoreHierarchyPanel(wait);
    assertEquals("", text("#problems"), "the page reports no failed request");
    Path shot = screenshot();
    assertTrue(Files.size(shot) > 20_000, "screenshot " + shot + " looks empty");
    System.out.println("Dashboard charts " + charts + "; screenshot " + shot.toAbsolutePath());
  }

  // ---- steps

  static void requireBrowser(Path chromium, Path chromedriver) {
    if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
      fail(
          "The dashboard browser test needs Chromium and its driver, missing here ("
              + chromium
              + (Files.isExecutable(chromium) ? " found" : " missing")
              + ", "
              + chromedriver
              + (Files.isExecutable(chromedriver) ? " found" : " missing")
              + "). Install them with: apt-get install -y chromium chromium-driver"
              + " (Debian/Ubuntu; the build does it before the integration tests when it runs as"
              + " root, see its [it-env] lines), or point -Dit.chromium and -Dit.chromedriver"
              + " at your own.");
    }
  }

  /**
   * Requests that hit and miss several caches, so the figures and charts are not all zero, and
   * {@value #MISSES} peeks at absent keys of {@code brand-stats}: enough requests for the hit-rate
   * rules to judge that cache, nearly all misses.
   */
  void traffic() {
    for (int round = 0; round < 5; round++) {
      http.get("/api/v1/brands").ok();
      http.get("/api/v1/questions/popular").ok();
      http.get("/api/v1/stores").ok();
      http.get("/api/v1/stores/1/dashboard").ok();
    }
    String brand =
        http.get("/api/v1/brands").ok().json().asJsonArray().getJsonObject(0).getString("name");
    for (int i = 0; i < 10; i++) {
      http.get("/api/v1/brands/" + Http.segment(brand) + "/stats").ok();
    }
    for (int i = 0; i < MISSES; i++) {
      post("/api/v1/cache/get", "{\"cache\":\"brand-stats\",\"key\":\"it-dash:absent:" + i + "\"}")
          .ok();
    }
  }

  static final int MISSES = 150;

  /** One AI generation (the mock answers on this server), for the AI panel to show. */
  void generateOnce() {
    post(
            "/api/ai/generate",
            "{\"template_id\":\"emergency_plan\",\"section_id\":\"2\",\"data\":{\"enterprise_info\":"
                + "{\"enterprise_name\":\"dashboard-it\",\"industry_type\":\"chemicals\","
                + "\"address\":\"Beijing\",\"main_products\":\"resins\",\"employees_count\":100}}}")
        .ok();
  }

  /**
   * Sets the hit-rate rule's threshold to 1.0 (any cache that missed fires it), then evaluates the
   * rules until its alert is active (the monitoring samples the counters every few seconds) and
   * returns that alert.
   */
  JsonObject fireHitRateAlert() {
    Http.Answer rules = http.get("/api/v1/cache/monitoring/rules");
    assertEquals(200, rules.status(), () -> "GET rules: " + rules.body());
    for (JsonValue r : rules.object().getJsonArray("rules")) {
      JsonObject rule = r.asJsonObject();
      if (RULE.equals(rule.getString("name", ""))) {
        originalThreshold = rule.get("threshold");
      }
    }
    assertTrue(
        originalThreshold instanceof JsonNumber,
        () -> "no rule " + RULE + " with a numeric threshold in " + rules.body());
    put("/api/v1/cache/monitoring/rules/" + RULE, "{\"threshold\":1.0,\"enabled\":true}").ok();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    JsonObject evaluated = null;
    while (System.nanoTime() < deadline) {
      evaluated = post("/api/v1/cache/monitoring/alerts/evaluate", "").ok().object();
      for (JsonValue a :
          http.get("/api/v1/cache/monitoring/alerts?state=ACTIVE")
              .ok()
              .object()
              .getJsonArray("alerts")) {
        if (RULE.equals(a.asJsonObject().getString("rule"))) {
          return a.asJsonObject();
        }
      }
      pause(Duration.ofSeconds(2));
    }
    throw new AssertionError(
        "no active " + RULE + " alert within 60 s; last evaluation " + evaluated);
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  WebDriver chromium(Path chromium, Path chromedriver) throws IOException {
    profile = Files.createTempDirectory("dashboard-it-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1440,2000",
        "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.toFile())
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  /**
   * Waits, while light traffic goes on (an instance under load, as an operator sees it), until each
   * chart exists and every one of its datasets has values, the trend shows requests (a stored
   * minute or the page's live point) and some cache a hit rate above zero; returns the values per
   * chart.
   */
  Map<?, ?> awaitCharts(WebDriverWait wait) {
    String script =
        "if (typeof Chart === 'undefined') { return null; }"
            + "var out = {};"
            + "for (var id of arguments[0]) {"
            + "  var c = Chart.getChart(id);"
            + "  if (!c || !c.chartArea) { return null; }"
            + "  out[id] = c.data.datasets.map(function (d) {"
            + "    return d.data.map(function (v) { return v === null ? 0 : v; }); });"
            + "}"
            + "return out;";
    try {
      return wait.until(
          b -> {
            http.get("/api/v1/brands").ok();
            http.get("/api/v1/questions/popular").ok();
            Object r = ((JavascriptExecutor) b).executeScript(script, CHARTS);
            if (!(r instanceof Map<?, ?> m)) {
              return null;
            }
            for (Object datasets : m.values()) {
              if (!(datasets instanceof List<?> l)
                  || l.isEmpty()
                  || l.stream().anyMatch(d -> ((List<?>) d).isEmpty())) {
                return null;
              }
            }
            List<?> trend = (List<?>) m.get("trend-chart"); // hit rate %, hits, misses
            List<?> hitRates = (List<?>) ((List<?>) m.get("hitrate-chart")).get(0);
            boolean requests = sum(trend.get(1)) + sum(trend.get(2)) > 0;
            return requests && sum(hitRates) > 0 ? m : null;
          });
    } catch (TimeoutException e) {
      screenshot();
      throw new AssertionError(
          "charts not drawn with data within 90 s: "
              + ((JavascriptExecutor) browser)
                  .executeScript(
                      "return typeof Chart === 'undefined' ? 'Chart.js not loaded' :"
                          + " JSON.stringify(arguments[0].map(function (id) { var c ="
                          + " Chart.getChart(id); return c ? c.data : id + ' missing'; }))",
                      CHARTS)
              + "; problems: "
              + text("#problems"),
          e);
    }
  }

  /**
   * The store hierarchy's panel lists its four levels with the figures of {@code GET
   * /api/v1/stores/cache/stats} (level 2 holds the pages the dashboard reads of {@link #traffic})
   * and the budget in use.
   */
  void assertStoreHierarchyPanel(WebDriverWait wait) {
    try {
      wait.until(
          b ->
              b.findElements(By.cssSelector("#store-levels tbody tr[data-level]")).size() == 4
                  && b.findElement(By.id("store-budget")).getAttribute("data-used") != null);
    } catch (TimeoutException e) {
      screenshot();
      fail("the store hierarchy panel is not filled: " + text("#store-levels"));
    }
    JsonObject stats = http.get("/api/v1/stores/cache/stats").ok().object();
    String daily = text("#store-levels tbody tr[data-cache='store-daily']");
    assertTrue(daily.startsWith("2"), daily);
    String entries =
        browser
            .findElement(By.cssSelector("#store-levels tbody tr[data-cache='store-daily'] td.num"))
            .getText();
    assertTrue(Long.parseLong(entries) > 0, () -> "level 2 entries on the panel: " + daily);
    assertTrue(text("#store-budget").contains("budget"), () -> text("#store-budget"));
    assertEquals(
        stats.getJsonObject("budget").getJsonNumber("bytes").longValue(),
        Long.parseLong(browser.findElement(By.id("store-budget")).getAttribute("data-budget")),
        "the panel shows the configured budget");
  }

  static double sum(Object values) {
    return ((List<?>) values).stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
  }

  Path screenshot() {
    try {
      Path target = Path.of(System.getProperty("it.screenshot.dir", "target"), "dashboard.png");
      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  String text(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? "" : found.get(0).getText();
  }

  Http.Answer put(String path, String json) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", admin())
            .PUT(BodyPublishers.ofString(json)));
  }

  Http.Answer post(String path, String json) {
    return http.send(
        HttpRequest.newBuilder(http.uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", admin())
            .POST(BodyPublishers.ofString(json)));
  }
}
