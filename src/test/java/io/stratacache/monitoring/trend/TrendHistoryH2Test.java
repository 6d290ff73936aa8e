package io.stratacache.monitoring.trend;

import java.util.UUID;
import javax.sql.DataSource;

/** The trend history on H2, a fresh in-memory database per test. */
class TrendHistoryH2Test extends TrendHistoryContract {

  @Override
  DataSource emptyDatabase() throws Exception {
    return TrendSchema.h2("trend-" + UUID.randomUUID());
  }
}
