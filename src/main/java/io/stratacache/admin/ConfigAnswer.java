package io.stratacache.admin;

import io.stratacache.cache.CacheSettings;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The answer of {@code GET /api/v1/cache/config}: the administration's limits and each cache's
 * effective settings, durations written the way configuration accepts them ({@code 5m}, {@code
 * 30s}, {@code 250ms}, {@code 0s} for off).
 *
 * @param maxKeyLength longest key accepted by the administration
 * @param maxValueBytes largest value accepted by {@code set}
 * @param caches one entry per cache, sorted by name
 */
public record ConfigAnswer(int maxKeyLength, int maxValueBytes, List<CacheConfig> caches) {

  /** The settings of one cache; see docs/cache-design.md section 7 for their meaning. */
  public record CacheConfig(
      String cache,
      boolean nearEnabled,
      boolean gridEnabled,
      boolean storeEnabled,
      long nearMaxEntries,
      long nearMaxBytes,
      String nearExpiry,
      String nearTtl,
      String refreshAhead,
      String gridTtl,
      long gridMaxBytes,
      String storeTtl,
      String negativeTtl,
      double ttlJitter,
      String staleWhileRevalidate,
      String staleIfError,
      String codec,
      List<String> codecAllow,
      int compressionThreshold,
      String writePolicy) {

    /** The view of {@code s}. */
    public static CacheConfig of(CacheSettings s) {
      return new CacheConfig(
          s.name(),
          s.nearEnabled(),
          s.gridEnabled(),
          s.storeEnabled(),
          s.nearMaxEntries(),
          s.nearMaxBytes(),
          constant(s.nearExpiry()),
          text(s.nearTtl()),
          text(s.refreshAhead()),
          text(s.gridTtl()),
          s.gridMaxBytes(),
          text(s.storeTtl()),
          text(s.negativeTtl()),
          s.ttlJitter(),
          text(s.staleWhileRevalidate()),
          text(s.staleIfError()),
          s.codec(),
          s.codecAllow(),
          s.compressionThreshold(),
          constant(s.writePolicy()));
    }

    /**
     * A duration in the largest whole unit of {@code d}, {@code h}, {@code m}, {@code s}, {@code
     * ms}; ISO-8601 when it has a fraction of a millisecond.
     */
    static String text(Duration d) {
      if (d.isZero()) {
        return "0s";
      }
      if (d.getNano() % 1_000_000 != 0 || d.getSeconds() > Long.MAX_VALUE / 1000) {
        return d.toString();
      }
      long ms = d.toMillis();
      long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L};
      String[] names = {"d", "h", "m", "s"};
      for (int i = 0; i < units.length; i++) {
        if (ms % units[i] == 0) {
          return ms / units[i] + names[i];
        }
      }
      return ms + "ms";
    }

    private static String constant(Enum<?> e) {
      return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }
}
