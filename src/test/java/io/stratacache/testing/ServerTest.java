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
 * The base of the integration tests that call the real WAR over HTTP: deployed once per class, an
 * HTTP client on its base URL before each test (before the subclass's own {@code @BeforeEach}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
public abstract class ServerTest {

  /** The admin token the integration tests' server is started with. */
  public static final String ADMIN_TOKEN = "it-admin-token";

  @Deployment(testable = false)
  public static WebArchive deployment() {
    return Deployments.war();
  }

  @ArquillianResource protected URL base;
  protected Http http;

  @BeforeEach
  void openHttpClient() {
    http = new Http(base);
  }
}
