package io.stratacache.cache;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Seeded, realistic JSON payloads shaped like the application's cached values (brand statistics and
 * diagnosis reports): nested objects, repeated field names, ids, timestamps, scores and short
 * prose.
 */
public final class JsonPayloads {
  private static final String[] WORDS = {
    "brand",
    "store",
    "growth",
    "revenue",
    "customer",
    "loyalty",
    "channel",
    "online",
    "offline",
    "promotion",
    "season",
    "inventory",
    "margin",
    "retention",
    "conversion",
    "basket",
    "premium",
    "discount",
    "region",
    "north",
    "south",
    "east",
    "west",
    "trend",
    "stable",
    "declining",
    "improving",
    "recommend",
    "focus",
    "strategy",
    "weekly",
    "monthly",
    "traffic",
    "average"
  };

  private JsonPayloads() {}

  /** A JSON document of about {@code targetBytes} UTF-8 bytes, the same for the same seed. */
  public static byte[] report(int targetBytes, long seed) {
    Random random = new Random(seed);
    StringBuilder json = new StringBuilder(targetBytes + 512);
    json.append("{\"executionId\":\"exec-")
        .append(Long.toHexString(random.nextLong()))
        .append("\",\"brandId\":")
        .append(random.nextInt(5000))
        .append(",\"status\":\"COMPLETED\",\"createdAt\":\"2025-0")
        .append(1 + random.nextInt(9))
        .append("-1")
        .append(random.nextInt(10))
        .append("T08:1")
        .append(random.nextInt(10))
        .append(":00Z\",\"score\":")
        .append(random.nextInt(10000) / 100.0)
        .append(",\"sections\":[");
    int i = 0;
    while (json.length() < targetBytes - 200) {
      if (i > 0) {
        json.append(',');
      }
      json.append("{\"sectionId\":")
          .append(i)
          .append(",\"title\":\"")
          .append(sentence(random, 3))
          .append("\",\"metrics\":{\"orders\":")
          .append(random.nextInt(100000))
          .append(",\"amount\":")
          .append(random.nextInt(10_000_000) / 100.0)
          .append(",\"avgBasket\":")
          .append(random.nextInt(50000) / 100.0)
          .append(",\"share\":")
          .append(random.nextInt(1000) / 1000.0)
          .append(",\"channel\":\"")
          .append(random.nextBoolean() ? "online" : "offline")
          .append("\"},\"stores\":[");
      for (int s = 0, n = 2 + random.nextInt(4); s < n; s++) {
        if (s > 0) {
          json.append(',');
        }
        json.append("{\"storeId\":")
            .append(random.nextInt(100))
            .append(",\"day\":\"2025-03-")
            .append(10 + random.nextInt(19))
            .append("\",\"orders\":")
            .append(random.nextInt(900))
            .append(",\"amount\":")
            .append(random.nextInt(1_000_000) / 100.0)
            .append('}');
      }
      json.append("],\"text\":\"").append(sentence(random, 12 + random.nextInt(20))).append("\"}");
      i++;
    }
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String sentence(Random random, int words) {
    StringBuilder out = new StringBuilder();
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        out.append(' ');
      }
      out.append(WORDS[random.nextInt(WORDS.length)]);
    }
    return out.toString();
  }
}
