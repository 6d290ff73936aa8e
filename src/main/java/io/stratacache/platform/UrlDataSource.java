package io.stratacache.platform;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A non-pooling {@link DataSource} that picks its JDBC driver from the URL, so that one {@code
 * DB_URL} setting is enough to move between H2 and PostgreSQL. Payara's connection pool wraps it;
 * the application never uses it directly.
 *
 * <p>An H2 file database is opened with {@code WRITE_DELAY=0} unless the URL sets {@code
 * WRITE_DELAY} itself: H2 keeps no redo log and by default writes committed changes to its file up
 * to 500 ms later, so a process killed in that window lost writes already acknowledged (measured:
 * ten auto-committed inserts, then {@code Runtime.halt}: none left). With 0, each commit is written
 * to the file before it returns (an operating-system crash can still lose what the OS had not
 * flushed; production runs on PostgreSQL).
 *
 * <p>A value of the form {@code ${MPCONFIG=key}} is read from MicroProfile Config when a connection
 * is made. Payara resolves these expressions in {@code @DataSourceDefinition} itself; WildFly hands
 * them over as they are written (its annotation property replacement knows only {@code ${env.X}}
 * and system properties), so the same annotation serves both. A URL, user or password left blank
 * (WildFly's descriptor expressions turn an unknown {@code ${...}} into an empty value) is read
 * from {@code DB_URL}, {@code DB_USER} and {@code DB_PASSWORD} that way.
 *
 * <p>Known prefixes are {@code jdbc:h2:} and {@code jdbc:postgresql:}; any other driver can be
 * named with {@link #setDriverClass(String)}. Setters follow JavaBeans naming because the container
 * configures the instance by reflection. Not thread-safe while being configured; safe afterwards.
 */
public class UrlDataSource implements DataSource {

  private static final Map<String, String> DRIVERS_BY_PREFIX =
      Map.of("jdbc:h2:", "org.h2.Driver", "jdbc:postgresql:", "org.postgresql.Driver");

  private static final String MPCONFIG = "${MPCONFIG=";

  private String url;
  private String user;
  private String password;
  private String driverClass;
  private volatile Driver driver;
  private int loginTimeout;
  private PrintWriter logWriter;

  public void setUrl(String url) {
    this.url = url;
  }

  public void setURL(String url) {
    setUrl(url);
  }

  public String getUrl() {
    return url;
  }

  public void setUser(String user) {
    this.user = user;
  }

  public String getUser() {
    return user;
  }

  public void setPassword(String password) {
    this.password = password;
  }

  public void setDriverClass(String driverClass) {
    this.driverClass = driverClass;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return getConnection(orSetting(user, "DB_USER"), orSetting(password, "DB_PASSWORD"));
  }

  @Override
  public Connection getConnection(String givenUser, String givenPassword) throws SQLException {
    String username = resolved(givenUser);
    String pass = resolved(givenPassword);
    Properties props = new Properties();
    if (username != null && !username.isEmpty()) {
      props.setProperty("user", username);
    }
    if (pass != null) {
      props.setProperty("password", pass);
    }
    String target = url();
    Connection connection = driver().connect(effectiveUrl(target), props);
    if (connection == null) {
      throw new SQLException("The JDBC driver does not accept the URL given in DB_URL: " + target);
    }
    return connection;
  }

  /** {@code value}, or the MicroProfile Config value it names as {@code ${MPCONFIG=key}}. */
  static String resolved(String value) {
    if (value == null || !value.startsWith(MPCONFIG) || !value.endsWith("}")) {
      return value;
    }
    String key = value.substring(MPCONFIG.length(), value.length() - 1);
    try {
      return ConfigProvider.getConfig(UrlDataSource.class.getClassLoader())
          .getOptionalValue(key, String.class)
          .orElse(null);
    } catch (IllegalStateException | LinkageError e) {
      return null; // no MicroProfile Config here (a plain JVM): the value stays unset
    }
  }

  /** {@code url}, with {@code ;WRITE_DELAY=0} added to an H2 file URL that does not set it. */
  static String effectiveUrl(String url) {
    if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:")) {
      return url;
    }
    if (url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY=")) {
      return url;
    }
    return url + ";WRITE_DELAY=0";
  }

  private Driver driver() throws SQLException {
    Driver d = driver;
    if (d == null) {
      synchronized (this) {
        if (driver == null) {
          driver = loadDriver();
        }
        d = driver;
      }
    }
    return d;
  }

  /** The URL set, resolved; {@code DB_URL} from MicroProfile Config when none was set. */
  private String url() {
    return resolved(orSetting(url, "DB_URL"));
  }

  /**
   * {@code value}, or the expression naming the setting {@code key} when none (or blank) was set.
   */
  private static String orSetting(String value, String key) {
    return value == null || value.isBlank() ? MPCONFIG + key + "}" : value;
  }

  private Driver loadDriver() throws SQLException {
    String url = url();
    if (url == null || url.isBlank()) {
      throw new SQLException("DB_URL is not set");
    }
    String name = driverClass;
    if (name == null || name.isBlank()) {
      name =
          DRIVERS_BY_PREFIX.entrySet().stream()
              .filter(e -> url.startsWith(e.getKey()))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElseThrow(
                  () ->
                      new SQLException(
                          "No known JDBC driver for DB_URL "
                              + url
                              + " (supported: jdbc:h2:, jdbc:postgresql:)"));
    }
    try {
      ClassLoader loader = UrlDataSource.class.getClassLoader();
      return (Driver) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new SQLException("Cannot load JDBC driver " + name, e);
    }
  }

  @Override
  public PrintWriter getLogWriter() {
    return logWriter;
  }

  @Override
  public void setLogWriter(PrintWriter out) {
    this.logWriter = out;
  }

  @Override
  public void setLoginTimeout(int seconds) {
    this.loginTimeout = seconds;
  }

  @Override
  public int getLoginTimeout() {
    return loginTimeout;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    if (iface.isInstance(this)) {
      return iface.cast(this);
    }
    throw new SQLException("Not a wrapper for " + iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
