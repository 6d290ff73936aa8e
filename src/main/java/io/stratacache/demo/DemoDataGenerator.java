package io.stratacache.demo;

import io.stratacache.demo.DemoRows.BrandRow;
import io.stratacache.demo.DemoRows.OrderRow;
import io.stratacache.demo.DemoRows.QuestionRow;
import io.stratacache.demo.DemoRows.ReportRow;
import io.stratacache.demo.DemoRows.StoreRow;
import io.stratacache.demo.DemoRows.UserRow;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Generates the demo data set deterministically: the same seed, anchor date and sizes give the same
 * rows in the same order. Each table draws from its own random stream, so changing one table's size
 * does not change another's rows.
 *
 * <p>Reports fall in the {@code reportDays} days before the anchor date, orders in the {@code
 * orderDays} days before it (never on or after it). Brand and user popularity follow Zipf laws so
 * that some brands are hot; about one store-day in 400 is a spike or a drop for the diagnosis to
 * find. The order count is exact. Not thread-safe: one generator, one thread.
 */
public final class DemoDataGenerator {

  static final String[] CATEGORIES = {
    "Coffee",
    "Tea",
    "Bakery",
    "Skincare",
    "Apparel",
    "Footwear",
    "Electronics",
    "Fitness",
    "Pet Care",
    "Home"
  };
  private static final String[] BRAND_WORDS = {
    "Aurora",
    "Lumen",
    "Cedar",
    "Nimbus",
    "Harbor",
    "Saffron",
    "Juniper",
    "Quartz",
    "Willow",
    "Ember",
    "Atlas",
    "Maple",
    "Coral",
    "Summit",
    "Velvet",
    "Orchid",
    "Falcon",
    "Meadow",
    "Indigo",
    "Pioneer",
    "Crescent",
    "Lotus",
    "Beacon",
    "Sierra",
    "Magnolia",
    "Tidal",
    "Granite",
    "Zephyr",
    "Hazel",
    "Opal",
    "Kestrel",
    "Aspen",
    "Bramble",
    "Cobalt",
    "Delta",
    "Fable",
    "Glacier",
    "Horizon",
    "Ivory",
    "Jade"
  };
  private static final String[] QUESTION_TEMPLATES = {
    "How visible is %s in AI assistant answers about %s?",
    "Which competitors are recommended instead of %s for %s?",
    "What do AI answers say about the price of %s in %s?",
    "Is %s described as trustworthy when people ask about %s?",
    "How often is %s mentioned first for %s recommendations?",
    "What sentiment do AI answers show toward %s in %s?"
  };
  private static final String[] CITIES = {
    "Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan", "Nanjing",
    "Xi'an", "Suzhou", "Tianjin", "Chongqing", "Qingdao", "Xiamen", "Changsha", "Kunming",
    "Dalian", "Ningbo", "Hefei", "Fuzhou"
  };
  private static final String[] REGIONS = {"East", "North", "South", "West", "Central"};
  private static final String[] DISTRICTS = {
    "Riverside", "Old Town", "Harbour", "Central", "University", "Airport", "Garden", "Station"
  };
  private static final String[] CHANNELS = {"IN_STORE", "PICKUP", "DELIVERY", "MINI_PROGRAM"};
  private static final double[] CHANNEL_WEIGHTS = {0.55, 0.15, 0.2, 0.1};

  private final long seed;
  private final LocalDate anchor;
  private final DemoProfile.Sizes sizes;

  /**
   * @param seed the random seed ({@code DEMO_DATA_SEED})
   * @param anchor the day the data set ends before (normally the day of generation, UTC)
   * @param sizes how many rows of each table
   */
  public DemoDataGenerator(long seed, LocalDate anchor, DemoProfile.Sizes sizes) {
    this.seed = seed;
    this.anchor = anchor;
    this.sizes = sizes;
  }

  /** Sends every row to {@code sink}, table by table in foreign-key order. */
  public void generate(DemoRows.Sink sink) {
    List<String> categories = brands(sink);
    users(sink);
    questions(sink);
    reports(sink, categories);
    stores(sink);
    orders(sink);
  }

  private SplittableRandom stream(int table) {
    return new SplittableRandom(seed * 31 + table * 0x9E3779B97F4A7C15L);
  }

  private List<String> brands(DemoRows.Sink sink) {
    SplittableRandom r = stream(1);
    List<String> names = new ArrayList<>();
    for (String word : BRAND_WORDS) {
      for (String category : CATEGORIES) {
        names.add(word + " " + category);
      }
    }
    shuffle(names, r);
    List<String> categories = new ArrayList<>();
    for (int i = 0; i < sizes.brands(); i++) {
      String base = names.get(i % names.size());
      String name = i < names.size() ? base : base + " " + (i / names.size() + 1);
      String category = base.substring(base.indexOf(' ') + 1);
      categories.add(category);
      sink.brand(
          new BrandRow(
              i + 1L,
              name,
              category,
              anchor.minusDays(400 + r.nextInt(1500)).atTime(9 + r.nextInt(9), r.nextInt(60))));
    }
    return categories;
  }

  private void users(DemoRows.Sink sink) {
    SplittableRandom r = stream(2);
    for (int i = 1; i <= sizes.users(); i++) {
      String username = String.format(Locale.ROOT, "user%05d", i);
      sink.user(
          new UserRow(
              i,
              username,
              username + "@example.com",
              anchor.minusDays(30 + r.nextInt(700)).atTime(r.nextInt(24), r.nextInt(60))));
    }
  }

  private void questions(DemoRows.Sink sink) {
    SplittableRandom r = stream(3);
    for (int i = 1; i <= sizes.questions(); i++) {
      String template = QUESTION_TEMPLATES[r.nextInt(QUESTION_TEMPLATES.length)];
      String subject = BRAND_WORDS[r.nextInt(BRAND_WORDS.length)];
      String topic = CATEGORIES[r.nextInt(CATEGORIES.length)].toLowerCase(Locale.ROOT);
      String text = String.format(Locale.ROOT, template, subject, topic) + " (#" + i + ")";
      long asks = Math.round(20_000.0 / Math.pow(i, 0.8)) + r.nextInt(25);
      sink.question(
          new QuestionRow(i, text, asks, anchor.minusDays(1 + r.nextInt(365)).atTime(12, 0)));
    }
  }

  private void reports(DemoRows.Sink sink, List<String> categories) {
    if (sizes.reports() == 0) {
      return;
    }
    SplittableRandom r = stream(4);
    Zipf brandZipf = new Zipf(sizes.brands(), 1.0);
    Zipf userZipf = new Zipf(sizes.users(), 0.9);
    Zipf questionZipf = new Zipf(sizes.questions(), 0.8);
    int[] brandQuality = new int[sizes.brands()];
    for (int i = 0; i < brandQuality.length; i++) {
      brandQuality[i] = 45 + r.nextInt(40);
    }
    long spanSeconds = sizes.reportDays() * 86_400L;
    LocalDateTime end = anchor.atStartOfDay();
    for (int i = 1; i <= sizes.reports(); i++) {
      int brand = brandZipf.sample(r);
      long user = userZipf.sample(r) + 1L;
      long question = questionZipf.sample(r) + 1L;
      long ageSeconds = 1 + r.nextLong(spanSeconds);
      LocalDateTime created = end.minusSeconds(ageSeconds);
      String status = status(ageSeconds, r);
      LocalDateTime completed = null;
      Integer score = null;
      String result = null;
      if (status.equals("COMPLETED")) {
        completed = created.plusSeconds(30 + r.nextInt(1200));
        score =
            Math.max(
                0, Math.min(100, brandQuality[brand] + (int) Math.round(r.nextDouble(-15, 15))));
        result = completedResult(score, categories.get(brand), r);
      } else if (status.equals("FAILED")) {
        completed = created.plusSeconds(5 + r.nextInt(300));
        result = "{\"error\":\"upstream model timed out\",\"attempts\":3}";
      }
      sink.report(
          new ReportRow(
              i,
              uuid(r).toString(),
              brand + 1L,
              user,
              question,
              status,
              created,
              completed,
              score,
              result));
    }
  }

  private static String status(long ageSeconds, SplittableRandom r) {
    double p = r.nextDouble();
    if (ageSeconds < 6 * 3600) {
      return p < 0.25 ? "PENDING" : p < 0.55 ? "RUNNING" : p < 0.95 ? "COMPLETED" : "FAILED";
    }
    return p < 0.01 ? "PENDING" : p < 0.03 ? "RUNNING" : p < 0.91 ? "COMPLETED" : "FAILED";
  }

  private static String completedResult(int score, String category, SplittableRandom r) {
    int mentions = 1 + r.nextInt(40);
    double sentiment = Math.round(r.nextDouble(-1, 1) * 100) / 100.0;
    String rival = BRAND_WORDS[r.nextInt(BRAND_WORDS.length)] + " " + category;
    return String.format(
        Locale.ROOT,
        "{\"visibility\":%d,\"mentions\":%d,\"sentiment\":%.2f,\"topCompetitor\":\"%s\","
            + "\"summary\":\"Mentioned in %d of 50 sampled answers; strongest rival %s.\"}",
        score,
        mentions,
        sentiment,
        rival,
        mentions,
        rival);
  }

  private void stores(DemoRows.Sink sink) {
    SplittableRandom r = stream(5);
    for (int i = 1; i <= sizes.stores(); i++) {
      String city = CITIES[(i - 1) % CITIES.length];
      String district = DISTRICTS[r.nextInt(DISTRICTS.length)];
      sink.store(
          new StoreRow(
              i,
              String.format(Locale.ROOT, "S%03d", i),
              city + " " + district + " #" + i,
              city,
              REGIONS[(i - 1) % REGIONS.length],
              anchor.minusDays(sizes.orderDays() + 30L + r.nextInt(2500))));
    }
  }

  private void orders(DemoRows.Sink sink) {
    int stores = sizes.stores();
    int days = sizes.orderDays();
    if (stores == 0 || days == 0 || sizes.orders() == 0) {
      return;
    }
    SplittableRandom r = stream(6);
    double[] base = new double[stores];
    for (int s = 0; s < stores; s++) {
      base[s] = 0.5 + r.nextDouble() * 1.5;
    }
    LocalDate first = anchor.minusDays(days);
    double[] weights = new double[stores * days];
    double total = 0;
    for (int d = 0; d < days; d++) {
      LocalDate date = first.plusDays(d);
      double dayFactor = weekdayFactor(date.getDayOfWeek()) * (0.9 + 0.2 * d / days);
      for (int s = 0; s < stores; s++) {
        double w = base[s] * dayFactor * (0.85 + 0.3 * r.nextDouble());
        double shock = r.nextDouble();
        if (shock < 0.0015) {
          w *= 4.0;
        } else if (shock < 0.0025) {
          w *= 0.15;
        }
        weights[d * stores + s] = w;
        total += w;
      }
    }
    long id = 1;
    double cumulative = 0;
    long emitted = 0;
    for (int d = 0; d < days; d++) {
      LocalDateTime dayStart = first.plusDays(d).atStartOfDay();
      for (int s = 0; s < stores; s++) {
        cumulative += weights[d * stores + s];
        long target = Math.round(sizes.orders() * cumulative / total);
        long count = target - emitted;
        emitted = target;
        for (long k = 0; k < count; k++) {
          int secondOfDay = 8 * 3600 + r.nextInt(14 * 3600);
          double amount = Math.exp(Math.log(42.0) + 0.55 * gaussian(r));
          long cents = Math.max(150, Math.min(200_000, Math.round(amount * 100)));
          sink.order(
              new OrderRow(
                  id++,
                  s + 1L,
                  dayStart.plusSeconds(secondOfDay),
                  BigDecimal.valueOf(cents, 2),
                  1 + r.nextInt(6),
                  CHANNELS[pick(CHANNEL_WEIGHTS, r)]));
        }
      }
    }
  }

  private static double weekdayFactor(DayOfWeek d) {
    return switch (d) {
      case FRIDAY -> 1.15;
      case SATURDAY, SUNDAY -> 1.3;
      default -> 1.0;
    };
  }

  private static int pick(double[] weights, SplittableRandom r) {
    double u = r.nextDouble();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static UUID uuid(SplittableRandom r) {
    long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(msb, lsb);
  }

  private static <T> void shuffle(List<T> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
