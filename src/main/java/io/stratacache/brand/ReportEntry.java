package io.stratacache.brand;

import jakarta.json.Json;
import jakarta.json.JsonReader;
import java.io.StringReader;

/**
 * One report as the {@code report} cache keeps it: its summary and its result document as JSON text
 * (a JSON-P object is not serializable), turned into the answer by {@link #detail()}.
 *
 * @param resultJson the result document, or null until the report completes
 */
public record ReportEntry(ReportSummary report, String resultJson) implements java.io.Serializable {

  /** The answer of {@code GET /api/v1/reports/{executionId}}. */
  public ReportDetail detail() {
    if (resultJson == null || resultJson.isBlank()) {
      return new ReportDetail(report, null);
    }
    try (JsonReader reader = Json.createReader(new StringReader(resultJson))) {
      return new ReportDetail(report, reader.readObject());
    }
  }
}
