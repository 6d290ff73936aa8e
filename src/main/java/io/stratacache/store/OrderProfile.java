package io.stratacache.store;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The order-level view of a store over a range, from the raw orders of level 1: orders and revenue
 * per hour of day (UTC), ticket sizes in bands, and the channel mix.
 *
 * @param hours 24 entries, hour 0 first
 * @param tickets the bands {@link #TICKET_BANDS} (upper bounds, exclusive; the last is open)
 * @param channels every channel, in {@link SalesChannel} order
 */
@io.stratacache.rest.ImmutableJson
public record OrderProfile(
    StoreView store,
    LocalDate from,
    LocalDate to,
    SalesTotals totals,
    List<Hour> hours,
    List<TicketBand> tickets,
    List<Channel> channels)
    implements java.io.Serializable {

  /** Upper bounds of the ticket bands, in currency units; a last band is open above. */
  public static final int[] TICKET_BANDS = {20, 40, 60, 80, 100, 150, 200};

  public OrderProfile {
    hours = List.copyOf(hours);
    tickets = List.copyOf(tickets);
    channels = List.copyOf(channels);
  }

  /** One hour of day. */
  public record Hour(int hour, long orders, BigDecimal revenue) implements java.io.Serializable {}

  /** Orders whose amount is at least {@code from} and below {@code to} (null: open). */
  public record TicketBand(int from, Integer to, long orders) implements java.io.Serializable {}

  /** One channel's orders and revenue. */
  public record Channel(SalesChannel channel, long orders, BigDecimal revenue)
      implements java.io.Serializable {}

  /** Collects orders into a profile; not thread-safe. */
  static final class Builder {
    private final StoreView store;
    private final DateRange range;
    private final long[] hourOrders = new long[24];
    private final long[] hourCents = new long[24];
    private final long[] bands = new long[TICKET_BANDS.length + 1];
    private final Map<SalesChannel, long[]> channels = new EnumMap<>(SalesChannel.class);
    private long orders;
    private long cents;

    Builder(StoreView store, DateRange range) {
      this.store = store;
      this.range = range;
      for (SalesChannel c : SalesChannel.values()) {
        channels.put(c, new long[2]);
      }
    }

    void add(OrderLine l) {
      int h = l.orderedAt().getHour();
      hourOrders[h]++;
      hourCents[h] += l.amountCents();
      int band = 0;
      while (band < TICKET_BANDS.length && l.amountCents() >= TICKET_BANDS[band] * 100L) {
        band++;
      }
      bands[band]++;
      long[] c = channels.get(l.channel());
      c[0]++;
      c[1] += l.amountCents();
      orders++;
      cents += l.amountCents();
    }

    OrderProfile build() {
      List<Hour> hours = new ArrayList<>(24);
      for (int h = 0; h < 24; h++) {
        hours.add(new Hour(h, hourOrders[h], BigDecimal.valueOf(hourCents[h], 2)));
      }
      List<TicketBand> tickets = new ArrayList<>();
      for (int b = 0; b <= TICKET_BANDS.length; b++) {
        tickets.add(
            new TicketBand(
                b == 0 ? 0 : TICKET_BANDS[b - 1],
                b == TICKET_BANDS.length ? null : TICKET_BANDS[b],
                bands[b]));
      }
      List<Channel> mix = new ArrayList<>();
      channels.forEach((c, v) -> mix.add(new Channel(c, v[0], BigDecimal.valueOf(v[1], 2))));
      return new OrderProfile(
          store,
          range.from(),
          range.to(),
          SalesTotals.of(BigDecimal.valueOf(cents, 2), orders),
          hours,
          tickets,
          mix);
    }
  }
}
