package io.stratacache.brand;

import jakarta.json.JsonObject;

/** One diagnosis report with its result document (null until the report completes). */
public record ReportDetail(ReportSummary report, JsonObject result) {}
