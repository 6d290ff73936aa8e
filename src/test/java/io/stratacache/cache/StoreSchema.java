package io.stratacache.cache;

import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;

/** Databases for store tier tests, with the cache table created by the real Liquibase changeset. */
public final class StoreSchema {
  public static final String CHANGESET = "liquibase/changes/100-cache-store.xml";

  private StoreSchema() {}

  /** A fresh in-memory H2 database with the cache table. */
  public static DataSource h2(String name) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    migrate(dataSource);
    return dataSource;
  }

  /** Applies the cache store changeset to {@code dataSource}. */
  @SuppressWarnings("deprecation")
  public static void migrate(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      Database database =
          DatabaseFactory.getInstance()
              .findCorrectDatabaseImplementation(new JdbcConnection(connection));
      new Liquibase(CHANGESET, new ClassLoaderResourceAccessor(), database).update(new Contexts());
    }
  }
}
