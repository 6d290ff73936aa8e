package io.stratacache.platform;

import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.h2.jdbcx.JdbcDataSource;

/** Databases with the {@code cluster_claim} table made by the real Liquibase changesets. */
public final class ClaimSchema {

  /** The changeset that creates {@code cluster_claim}. */
  public static final String CHANGESET = "liquibase/changes/400-cluster-claim.xml";

  /** The changeset that moves the older claim tables into it. */
  static final String MIGRATION = "410-cluster-claim-from-old-tables";

  private ClaimSchema() {}

  /** A fresh in-memory H2 database holding only {@code cluster_claim}. */
  public static DataSource h2(String name) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
    migrate(dataSource);
    return dataSource;
  }

  /** Applies the {@code cluster_claim} changeset to {@code dataSource}. */
  @SuppressWarnings("deprecation")
  public static void migrate(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      new Liquibase(CHANGESET, new ClassLoaderResourceAccessor(), database(connection))
          .update(new Contexts());
    }
  }

  /**
   * Applies the master changelog ({@link SchemaMigration#CHANGELOG}) up to, without, the changeset
   * {@link #MIGRATION}: the schema a deployed database had before it.
   */
  @SuppressWarnings("deprecation")
  static void migrateBeforeClaims(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      Liquibase liquibase =
          new Liquibase(
              SchemaMigration.CHANGELOG, new ClassLoaderResourceAccessor(), database(connection));
      int before = 0;
      for (ChangeSet c : liquibase.getDatabaseChangeLog().getChangeSets()) {
        if (c.getId().equals(MIGRATION)) {
          break;
        }
        before++;
      }
      liquibase.update(before, new Contexts(), new liquibase.LabelExpression());
    }
  }

  /** Applies the whole master changelog. */
  @SuppressWarnings("deprecation")
  static void migrateAll(DataSource dataSource) throws Exception {
    try (Connection connection = dataSource.getConnection()) {
      new Liquibase(
              SchemaMigration.CHANGELOG, new ClassLoaderResourceAccessor(), database(connection))
          .update(new Contexts());
    }
  }

  private static Database database(Connection connection) throws Exception {
    return DatabaseFactory.getInstance()
        .findCorrectDatabaseImplementation(new JdbcConnection(connection));
  }
}
