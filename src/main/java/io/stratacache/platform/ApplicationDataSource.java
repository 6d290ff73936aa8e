package io.stratacache.platform;

/**
 * The application's pooled data source, {@value #JNDI_NAME}, declared by
 * {@code @DataSourceDefinition} on {@link SchemaMigration}: on an EJB, because WildFly reads the
 * annotation on EE components only (on Payara it worked on this CDI bean too).
 *
 * <p>The URL, user and password come from MicroProfile Config ({@code DB_URL}, {@code DB_USER},
 * {@code DB_PASSWORD}; environment variables override {@code microprofile-config.properties}). The
 * default is an H2 file database under {@code ./data/}. The JDBC driver is chosen from the URL by
 * {@link UrlDataSource}, so switching to PostgreSQL takes only the three variables.
 */
public final class ApplicationDataSource {

  /** The JNDI name under which every component finds the application data source. */
  public static final String JNDI_NAME = "java:app/jdbc/stratacache";

  private ApplicationDataSource() {}
}
