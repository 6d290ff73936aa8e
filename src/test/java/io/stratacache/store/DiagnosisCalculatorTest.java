package io.stratacache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stratacache.store.DiagnosisCalculator.StoreDay;
import io.stratacache.store.MultiStoreDiagnosis.Anomaly;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiagnosisCalculatorTest {

  static final LocalDate FROM = LocalDate.of(2026, 1, 1);
  static final StoreView A = new StoreView(1L, "S001", "A", "X", "East", FROM);
  static final StoreView B = new StoreView(2L, "S002", "B", "Y", "West", FROM);

  static StoreDay day(StoreView s, int offset, String revenue, long orders) {
    return new StoreDay(s.id(), FROM.plusDays(offset), new BigDecimal(revenue), orders);
  }

  @Test
  void diagnose_totalsRankingShares() {
    DateRange range = new DateRange(FROM, FROM.plusDays(2));
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(
            List.of(A, B),
            range,
            List.of(day(A, 0, "100.00", 2), day(A, 1, "50.00", 1), day(B, 2, "450.00", 9)));
    assertEquals(0, new BigDecimal("600.00").compareTo(d.totals().revenue()));
    assertEquals(12, d.totals().orders());
    assertEquals(new BigDecimal("50.00"), d.totals().averageTicket());
    assertEquals(2L, d.ranking().get(0).storeId());
    assertEquals(1, d.ranking().get(0).rank());
    assertEquals(75.0, d.ranking().get(0).revenueShare());
    assertEquals(25.0, d.ranking().get(1).revenueShare());
    assertEquals(new BigDecimal("50.00"), d.ranking().get(1).averageTicket());
  }

  @Test
  void diagnose_trend_dayOverDayChange() {
    DateRange range = new DateRange(FROM, FROM.plusDays(3));
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(
            List.of(A, B),
            range,
            List.of(day(A, 0, "100", 1), day(B, 1, "150", 1), day(A, 3, "30", 1)));
    assertEquals(4, d.trend().size());
    assertNull(d.trend().get(0).revenueChangePercent());
    assertEquals(50.0, d.trend().get(1).revenueChangePercent());
    assertEquals(-100.0, d.trend().get(2).revenueChangePercent());
    assertNull(d.trend().get(3).revenueChangePercent(), "no change after a day without revenue");
  }

  @Test
  void diagnose_tieInRevenue_rankedByStoreId() {
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(
            List.of(B, A),
            new DateRange(FROM, FROM),
            List.of(day(A, 0, "10", 1), day(B, 0, "10", 1)));
    assertEquals(1L, d.ranking().get(0).storeId());
  }

  @Test
  void anomalies_spikeBeyondThreeSigma_found() {
    List<StoreDay> days = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      days.add(day(A, i, i == 40 ? "1000" : (i % 2 == 0 ? "100" : "110"), 10));
    }
    days.add(day(B, 5, "0", 0));
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(List.of(A, B), new DateRange(FROM, FROM.plusDays(59)), days);
    assertEquals(1, d.anomalies().size(), d.anomalies().toString());
    Anomaly a = d.anomalies().get(0);
    assertEquals(FROM.plusDays(40), a.date());
    assertEquals(Anomaly.Kind.SPIKE, a.kind());
    assertTrue(a.zScore() > DiagnosisCalculator.ANOMALY_Z);
  }

  @Test
  void anomalies_drop_found() {
    List<StoreDay> days = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      if (i != 20) {
        days.add(day(A, i, i % 2 == 0 ? "100" : "104", 10));
      }
    }
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(List.of(A), new DateRange(FROM, FROM.plusDays(59)), days);
    assertEquals(1, d.anomalies().size());
    assertEquals(Anomaly.Kind.DROP, d.anomalies().get(0).kind());
    assertEquals(FROM.plusDays(20), d.anomalies().get(0).date());
  }

  @Test
  void anomalies_flatSeriesOrShortRange_none() {
    List<StoreDay> flat = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      flat.add(day(A, i, "100", 1));
    }
    assertTrue(
        DiagnosisCalculator.diagnose(List.of(A), new DateRange(FROM, FROM.plusDays(29)), flat)
            .anomalies()
            .isEmpty());
    List<StoreDay> shortRange = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      shortRange.add(day(A, i, i == 9 ? "100000" : "1", 1));
    }
    assertTrue(
        DiagnosisCalculator.diagnose(List.of(A), new DateRange(FROM, FROM.plusDays(9)), shortRange)
            .anomalies()
            .isEmpty(),
        "ten days can never exceed 3 sigma");
  }

  @Test
  void diagnose_rowsOutsideRangeOrStores_ignored() {
    MultiStoreDiagnosis d =
        DiagnosisCalculator.diagnose(
            List.of(A),
            new DateRange(FROM, FROM),
            List.of(day(A, 0, "5", 1), day(A, 1, "7", 1), day(B, 0, "9", 1)));
    assertEquals(0, new BigDecimal("5").compareTo(d.totals().revenue()));
  }
}
