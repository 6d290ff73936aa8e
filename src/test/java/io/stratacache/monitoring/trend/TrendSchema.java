package io.stratacache.monitoring.trend;

import io.stratacache.platform.ClaimSchema;
import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Databases (H2 in memory, or any given) with the trend tables and the cluster claims created by
 * the real Liquibase changesets.
 */
final class TrendSchema {

  static final String CHANGESET = "liquibase/changes/310-monitoring-trends.xml";

  private TrendSchema() {}

  static DataSource h2(String name) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    migrate(dataSource);
    return dataSource;
  }

  /** Applies the trend changeset and the cluster claims' to {@code dataSource}. */
  @SuppressWarnings("deprecation")
  static void migrate(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new Liquibase(CHANGESET, new ClassLoaderResourceAccessor(), database).update(new Contexts());
    }
    ClaimSchema.migrate(dataSource);
  }
}
