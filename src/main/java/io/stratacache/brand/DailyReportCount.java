package io.stratacache.brand;

import java.time.LocalDate;

/** Reports created on one UTC day and the average score of those that completed (or null). */
public record DailyReportCount(LocalDate date, long reports, Double averageScore)
    implements java.io.Serializable {}
