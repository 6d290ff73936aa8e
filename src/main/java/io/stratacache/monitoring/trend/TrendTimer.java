package io.stratacache.monitoring.trend;

import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Takes the trend snapshot at second 0 of every minute. The timer is non-persistent, so it fires on
 * every member, and every member stores its own rows of the minute; the members' ticks name the
 * same minute and only the one that wins the minute's tick claim ({@link
 * io.stratacache.platform.ClusterClaims}) rolls up and purges the cluster's history. Bean-managed
 * transactions: the store commits its own work.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@TransactionManagement(TransactionManagementType.BEAN)
public class TrendTimer {

  private static final Logger LOG = Logger.getLogger(TrendTimer.class.getName());

  @Inject Trends trends;

  @Schedule(
      second = "0",
      minute = "*",
      hour = "*",
      persistent = false,
      info = "stratacache-trend-snapshot")
  void snapshot() {
    try {
      TrendHistory.Tick t = trends.tick();
      if (t.points() == 0) {
        LOG.fine(() -> "Trend snapshot " + t.minute() + ": no new rows of this instance");
      }
      if (!t.claimed()) {
        LOG.fine(() -> "Trend housekeeping " + t.minute() + " done by another instance");
      } else if (t.rolledUp() > 0 || t.purged() > 0) {
        LOG.info(
            () ->
                "Trend snapshot "
                    + t.minute()
                    + ": "
                    + t.points()
                    + " rows of this instance; "
                    + t.rolledUp()
                    + " minute rows of the cluster rolled up to hours, "
                    + t.purged()
                    + " rows past retention deleted");
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "Trend snapshot failed: {0}", e.toString());
    }
  }
}
