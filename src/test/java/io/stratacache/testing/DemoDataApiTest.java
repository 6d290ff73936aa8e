package io.stratacache.testing;

import org.junit.jupiter.api.BeforeEach;

/**
 * The base of the domain API tests: besides {@link ServerTest}'s client, the demo data regenerated
 * in the test JVM, after the server's generation is done.
 */
public abstract class DemoDataApiTest extends ServerTest {

  protected DemoExpectations demo;

  @BeforeEach
  void awaitDemoData() {
    demo = DemoExpectations.of(http.awaitDemoData());
  }
}
