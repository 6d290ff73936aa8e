package io.stratacache.testing;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The base of the domain API tests: the real WAR deployed once per class, and before each test an
 * HTTP client and the demo data regenerated in the test JVM, after the server's generation is done.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class DemoDataApiTest {

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource protected URL base;
  protected Http http;
  protected DemoExpectations demo;

  @BeforeEach
  void ready() {
    http = new Http(base);
    demo = DemoExpectations.of(http.awaitDemoData());
  }
}
