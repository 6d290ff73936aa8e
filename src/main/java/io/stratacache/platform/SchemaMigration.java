package io.stratacache.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Scope;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/**
 * Applies the Liquibase changelog ({@value #CHANGELOG}, packaged from the top-level {@code
 * liquibase/} folder) when the application starts, before any start-up bean uses JPA. Beans that
 * touch the database at start-up declare {@code @DependsOn("SchemaMigration")}.
 *
 * <p>It also declares the application data source ({@link ApplicationDataSource}): WildFly reads
 * {@code @DataSourceDefinition} on EE components only, and this is the one every start-up bean
 * waits for.
 *
 * <p>A failed migration fails the deployment: serving requests against a schema of unknown shape
 * would be worse. Liquibase's lock table makes concurrent migrations by several instances safe.
 */
@Singleton
@Startup
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
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

  static final String CHANGELOG = "liquibase/changelog.xml";
  private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

  @Resource(lookup = ApplicationDataSource.JNDI_NAME)
  private DataSource dataSource;

  private String databaseProduct = "unknown";

  /** Attempts before a failed migration fails the deployment. */
  static final int ATTEMPTS = 5;

  @PostConstruct
  void migrate() {
    long start = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      try {
        migrateOnce();
        break;
      } catch (Exception e) {
        if (attempt == ATTEMPTS) {
          LOG.log(Level.SEVERE, "Schema migration failed; the application cannot start", e);
          throw new IllegalStateException("Schema migration failed: " + e.getMessage(), e);
        }
        // Instances starting together on an empty database race to create Liquibase's own
        // tables; the loser finds them on its next attempt, once the winner has migrated.
        String reason = rootMessage(e);
        int tried = attempt;
        LOG.warning(
            () ->
                "Schema migration attempt "
                    + tried
                    + " of "
                    + ATTEMPTS
                    + " failed ("
                    + reason
                    + "); another instance may be migrating, retrying");
        try {
          Thread.sleep(1000L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("Schema migration interrupted", interrupted);
        }
      }
    }
    LOG.info(
        () ->
            String.format(
                "Schema is up to date (%s, %d ms)",
                CHANGELOG, (System.nanoTime() - start) / 1_000_000));
  }

  private void migrateOnce() throws Exception {
    try {
      update();
    } finally {
      releaseScopeManager();
    }
  }

  /**
   * Takes Liquibase's scope manager off this thread. Liquibase keeps it in a static {@code
   * InheritableThreadLocal} that nothing removes (liquibase/liquibase#6891), so the deploying
   * thread, a server's pool thread, and every thread it starts later keep a reference to this
   * application's class loader after an undeployment: a leak on every redeployment, which Payara
   * Server reports as SEVERE at undeploy. Liquibase runs only here, so the next migration (a retry,
   * a redeployment) simply builds a new one. Reflection on a private field: if a Liquibase upgrade
   * renames it, the leak comes back (logged), the migration is unaffected.
   */
  static void releaseScopeManager() {
    try {
      java.lang.reflect.Field field = Scope.class.getDeclaredField("scopeManager");
      field.setAccessible(true);
      ((ThreadLocal<?>) field.get(null)).remove();
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.log(Level.WARNING, "Liquibase's scope manager stays on this thread: {0}", e.toString());
    }
  }

  private void update() throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData meta = connection.getMetaData();
      databaseProduct = meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion();
      String url = redact(meta.getURL());
      LOG.info(() -> "Database: " + databaseProduct + " at " + url);
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      Scope.child(
          Scope.Attr.resourceAccessor.name(),
          new ClassLoaderResourceAccessor(SchemaMigration.class.getClassLoader()),
          () ->
              new CommandScope(UpdateCommandStep.COMMAND_NAME)
                  .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                  .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                  .execute());
    }
  }

  static String rootMessage(Throwable e) {
    Throwable t = Throwables.rootCause(e);
    return String.valueOf(t.getMessage()).lines().findFirst().orElse("");
  }

  /** The database product and version, for start-up logs and health. */
  public String databaseProduct() {
    return databaseProduct;
  }

  static String redact(String url) {
    return url == null ? "?" : url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }

  static boolean isPostgres(Connection c) throws SQLException {
    return c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
  }
}
