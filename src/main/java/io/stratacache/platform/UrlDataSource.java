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

/**
 * A non-pooling {@link DataSource} that picks its JDBC driver from the URL, so that one {@code
 * DB_URL} setting is enough to move between H2 and PostgreSQL. Payara's connection pool wraps it;
 * the application never uses it directly.
 *
 * <p>Known prefixes are {@code jdbc:h2:} and {@code jdbc:postgresql:}; any other driver can be
 * named with {@link #setDriverClass(String)}. Setters follow JavaBeans naming because the container
 * configures the instance by reflection. Not thread-safe while being configured; safe afterwards.
 */
public class UrlDataSource implements DataSource {

  private static final Map<String, String> DRIVERS_BY_PREFIX =
      Map.of("jdbc:h2:", "org.h2.Driver", "jdbc:postgresql:", "org.postgresql.Driver");

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
    return getConnection(user, password);
  }

  @Override
  public Connection getConnection(String username, String pass) throws SQLException {
    Properties props = new Properties();
    if (username != null && !username.isEmpty()) {
      props.setProperty("user", username);
    }
    if (pass != null) {
      props.setProperty("password", pass);
    }
    Connection connection = driver().connect(url, props);
    if (connection == null) {
      throw new SQLException("The JDBC driver does not accept the URL given in DB_URL: " + url);
    }
    return connection;
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

  private Driver loadDriver() throws SQLException {
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
