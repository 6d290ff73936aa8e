package io.stratacache.store;

import io.stratacache.platform.InvalidInputException;
import io.stratacache.rest.JsonRequests;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The order request bodies and their validation: one order, or {@code {"orders": [...]}} with up to
 * {@value #MAX_BATCH}. A batch is refused whole at its first bad item, named by its index.
 * Stateless.
 */
public final class OrderRequests {

  /** The most orders one request may carry. */
  public static final int MAX_BATCH = 10_000;

  /** The body limit of a batch. */
  public static final int MAX_BYTES = 4 << 20;

  /** How far ahead of the server's clock an order may be placed (clock skew). */
  public static final java.time.Duration MAX_AHEAD = java.time.Duration.ofHours(24);

  private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,64}");
  private static final BigDecimal MAX_AMOUNT = new BigDecimal("99999999.99");
  private static final LocalDateTime EARLIEST = LocalDateTime.of(2000, 1, 1, 0, 0);

  private OrderRequests() {}

  /**
   * One order. {@code orderedAt} is ISO-8601, with an offset ({@code 2026-11-30T10:15:00+08:00},
   * converted to UTC) or without (taken as UTC); {@code channel} one of {@link SalesChannel}.
   */
  public record Order(
      String clientOrderId, String orderedAt, BigDecimal amount, Integer items, String channel) {}

  /** A batch. */
  public record Batch(List<Order> orders) {}

  /**
   * Reads a body of one order or a batch.
   *
   * @throws InvalidInputException naming the first bad item and member
   */
  public static List<NewOrder> orders(byte[] body, Instant now) {
    String json = new String(body, StandardCharsets.UTF_8);
    JsonRequests.scan(json, JsonRequests.MAX_DEPTH, true);
    JsonObject top = Json.createReader(new StringReader(json)).readObject();
    if (top.containsKey("orders")) {
      Batch batch = JsonRequests.bind(json, Batch.class);
      if (batch.orders() == null || batch.orders().isEmpty()) {
        throw new InvalidInputException("orders must hold 1 to " + MAX_BATCH + " orders");
      }
      if (batch.orders().size() > MAX_BATCH) {
        throw new InvalidInputException(
            "orders holds " + batch.orders().size() + " orders; at most " + MAX_BATCH);
      }
      List<NewOrder> out = new ArrayList<>(batch.orders().size());
      for (int i = 0; i < batch.orders().size(); i++) {
        out.add(validate("orders[" + i + "].", batch.orders().get(i), null, now));
      }
      return out;
    }
    return List.of(validate("", JsonRequests.bind(json, Order.class), null, now));
  }

  /**
   * Reads the corrected content of order {@code clientOrderId} (its body may omit the id, or must
   * repeat it).
   */
  public static NewOrder correction(byte[] body, String clientOrderId, Instant now) {
    checkClientId("", clientOrderId);
    Order o = JsonRequests.bind(body, Order.class);
    return validate("", o, clientOrderId, now);
  }

  /** Checks a client order id from a path. */
  public static String clientId(String id) {
    checkClientId("", id);
    return id;
  }

  static NewOrder validate(String at, Order o, String pathId, Instant now) {
    if (o == null) {
      throw new InvalidInputException(at.isEmpty() ? "the order is null" : at + " is null");
    }
    String id = o.clientOrderId();
    if (pathId != null) {
      if (id != null && !id.equals(pathId)) {
        throw new InvalidInputException(
            at + "clientOrderId '" + id + "' differs from the path's '" + pathId + "'");
      }
      id = pathId;
    }
    checkClientId(at, id);
    if (o.orderedAt() == null) {
      throw new InvalidInputException(at + "orderedAt is required");
    }
    LocalDateTime time = time(at, o.orderedAt());
    if (time.isAfter(LocalDateTime.ofInstant(now.plus(MAX_AHEAD), ZoneOffset.UTC))) {
      throw new InvalidInputException(
          at + "orderedAt " + o.orderedAt() + " is more than 24 hours in the future");
    }
    if (time.isBefore(EARLIEST)) {
      throw new InvalidInputException(at + "orderedAt " + o.orderedAt() + " is before 2000");
    }
    BigDecimal amount = o.amount();
    if (amount == null) {
      throw new InvalidInputException(at + "amount is required");
    }
    if (amount.signum() < 0) {
      throw new InvalidInputException(at + "amount must not be negative, was " + amount);
    }
    if (amount.stripTrailingZeros().scale() > 2 || amount.compareTo(MAX_AMOUNT) > 0) {
      throw new InvalidInputException(
          at
              + "amount must have at most two decimals and be at most "
              + MAX_AMOUNT
              + ", was "
              + amount);
    }
    int items = o.items() == null ? 1 : o.items();
    if (items < 0 || items > 100_000) {
      throw new InvalidInputException(at + "items must be between 0 and 100000, was " + items);
    }
    if (o.channel() == null) {
      throw new InvalidInputException(at + "channel is required");
    }
    SalesChannel channel;
    try {
      channel = SalesChannel.valueOf(o.channel().trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(
          at
              + "channel must be one of "
              + java.util.Arrays.toString(SalesChannel.values())
              + ", was '"
              + o.channel()
              + "'");
    }
    return new NewOrder(id, time, amount.setScale(2), items, channel);
  }

  private static void checkClientId(String at, String id) {
    if (id == null || !CLIENT_ID.matcher(id).matches()) {
      throw new InvalidInputException(
          at
              + "clientOrderId must be 1-64 printable ASCII characters without spaces, was "
              + (id == null ? "missing" : "'" + id + "'"));
    }
  }

  private static LocalDateTime time(String at, String text) {
    String t = text.trim();
    try {
      return OffsetDateTime.parse(t)
          .withOffsetSameInstant(ZoneOffset.UTC)
          .toLocalDateTime()
          .withNano(0);
    } catch (DateTimeParseException notOffset) {
      try {
        return LocalDateTime.parse(t).withNano(0);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            at
                + "orderedAt must be an ISO date-time such as 2026-11-30T10:15:00Z, was '"
                + text
                + "'");
      }
    }
  }
}
