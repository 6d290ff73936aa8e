package io.stratacache.testing;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every integration test uses: the WAR exactly as {@code mvn package} built it,
 * so tests exercise what ships.
 */
public final class Deployments {

  private Deployments() {}

  /** The built {@code target/ROOT.war}, deployed at the context root {@code /}. */
  public static WebArchive war() {
    File war = new File("target/ROOT.war");
    if (!war.isFile()) {
      throw new IllegalStateException("target/ROOT.war is missing: run the package phase first");
    }
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }
}
