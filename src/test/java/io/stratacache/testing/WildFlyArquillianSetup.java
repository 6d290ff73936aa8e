package io.stratacache.testing;

import org.jboss.arquillian.container.spi.event.container.BeforeSetup;
import org.jboss.arquillian.core.api.annotation.Observes;
import org.jboss.arquillian.core.spi.LoadableExtension;

/**
 * Prepares the unpacked WildFly before Arquillian's managed container sets it up: the configuration
 * {@code standalone-stratacache.xml} ({@code server-config/wildfly-configure.sh}) and the
 * management user the JMX test logs in with. Registered only on the class path of the failsafe
 * execution {@code it-wildfly} ({@code src/test/arquillian-wildfly}, beside its {@code
 * arquillian.xml}), so the Payara Micro executions never see it.
 */
public final class WildFlyArquillianSetup implements LoadableExtension {

  @Override
  public void register(ExtensionBuilder builder) {
    builder.observer(Prepare.class);
  }

  /** The observer: runs once per container, before its setup. */
  public static final class Prepare {

    public void prepare(@Observes BeforeSetup event) throws Exception {
      if (WildFlyInstance.home() == null) {
        throw new IllegalStateException("wildfly.home is not set: not the it-wildfly execution");
      }
      WildFlyInstance.prepareHome(WildFlyInstance.home());
    }
  }
}
