package io.stratacache.platform;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Declares the application's pooled data source, {@value #JNDI_NAME}.
 *
 * <p>The URL, user and password come from MicroProfile Config ({@code DB_URL}, {@code DB_USER},
 * {@code DB_PASSWORD}; environment variables override {@code microprofile-config.properties}). The
 * default is an H2 file database under {@code ./data/}. The JDBC driver is chosen from the URL by
 * {@link UrlDataSource}, so switching to PostgreSQL takes only the three variables.
 */
@ApplicationScoped
@DataSourceDefinition(
    name = ApplicationDataSource.JNDI_NAME,
    className = "io.stratacache.platform.UrlDataSource",
    url = "${MPCONFIG=DB_URL}",
    user = "${MPCONFIG=DB_USER}",
    password = "${MPCONFIG=DB_PASSWORD}",
    minPoolSize = 2,
    maxPoolSize = 32,
    maxIdleTime = 300,
    transactional = true)
public class ApplicationDataSource {

  /** The JNDI name under which every component finds the application data source. */
  public static final String JNDI_NAME = "java:app/jdbc/stratacache";
}
