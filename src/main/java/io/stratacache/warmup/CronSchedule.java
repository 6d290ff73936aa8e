package io.stratacache.warmup;

import io.stratacache.platform.InvalidSettingException;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) checked and
 * translated into the attribute syntax of {@code jakarta.ejb.ScheduleExpression}.
 *
 * <p>Each field is {@code *}, a value, a range {@code a-b}, a step {@code *}{@code /n} or {@code
 * a-b/n}, or a comma-separated list of those. Months accept {@code JAN}..{@code DEC}, days of week
 * {@code SUN}..{@code SAT}, and both {@code 0} and {@code 7} are Sunday. Steps in the day and month
 * fields are expanded into lists, since EJB timers allow increments only in minutes and hours. As
 * in cron (and the EJB timer spec), when both day fields are restricted a day matching either runs.
 * Immutable and thread-safe.
 *
 * @param minute the EJB {@code minute} attribute
 * @param hour the EJB {@code hour} attribute
 * @param dayOfMonth the EJB {@code dayOfMonth} attribute
 * @param month the EJB {@code month} attribute
 * @param dayOfWeek the EJB {@code dayOfWeek} attribute
 */
public record CronSchedule(
    String minute, String hour, String dayOfMonth, String month, String dayOfWeek) {

  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /**
   * Parses {@code expression}.
   *
   * @param variable the setting's name, for the message (such as {@code WARMUP_SCHEDULE})
   * @throws InvalidSettingException naming {@code variable}, the expression and the mistake, in one
   *     line
   */
  public static CronSchedule parse(String variable, String expression) {
    String expr = expression == null ? "" : expression.trim();
    String[] f = expr.isEmpty() ? new String[0] : expr.split("\\s+");
    if (f.length != 5) {
      throw new InvalidSettingException(
          variable,
          expr,
          "a cron expression needs five fields (minute hour day-of-month month day-of-week),"
              + " found "
              + f.length);
    }
    try {
      return new CronSchedule(
          field("minute", f[0], 0, 59, null, true),
          field("hour", f[1], 0, 23, null, true),
          field("day-of-month", f[2], 1, 31, null, false),
          field("month", f[3], 1, 12, MONTHS, false),
          field("day-of-week", f[4], 0, 7, DAYS, false));
    } catch (IllegalArgumentException e) {
      throw new InvalidSettingException(variable, expr, e.getMessage());
    }
  }

  private static String field(
      String name, String raw, int min, int max, List<String> names, boolean stepsAllowed) {
    StringJoiner out = new StringJoiner(",");
    for (String part : raw.split(",", -1)) {
      out.add(part(name, part.toUpperCase(Locale.ROOT), min, max, names, stepsAllowed));
    }
    return out.toString();
  }

  private static String part(
      String name, String part, int min, int max, List<String> names, boolean stepsAllowed) {
    if (part.isEmpty()) {
      throw new IllegalArgumentException(name + " has an empty list entry");
    }
    String range = part;
    Integer step = null;
    int slash = part.indexOf('/');
    if (slash >= 0) {
      range = part.substring(0, slash);
      step = number(name, part.substring(slash + 1), 1, max - min + 1, null, "step");
    }
    int from;
    int to;
    if (range.equals("*")) {
      if (step == null) {
        return "*";
      }
      from = min;
      to = max == 7 ? 6 : max;
    } else {
      int dash = range.indexOf('-');
      if (dash >= 0) {
        from = number(name, range.substring(0, dash), min, max, names, "value");
        to = number(name, range.substring(dash + 1), min, max, names, "value");
        if (from > to) {
          throw new IllegalArgumentException(
              name + " range " + range + " runs backwards (" + from + " > " + to + ")");
        }
      } else {
        from = number(name, range, min, max, names, "value");
        if (step != null) {
          throw new IllegalArgumentException(
              name + " step '" + part + "' needs a range or *, such as */" + step);
        }
        return Integer.toString(from);
      }
    }
    if (step == null) {
      return from + "-" + to;
    }
    if (stepsAllowed && to == max) {
      return from + "/" + step;
    }
    StringJoiner list = new StringJoiner(",");
    for (int v = from; v <= to; v += step) {
      list.add(Integer.toString(v));
    }
    return list.toString();
  }

  private static int number(
      String name, String raw, int min, int max, List<String> names, String what) {
    if (names != null) {
      int i = names.indexOf(raw);
      if (i >= 0) {
        return names == MONTHS ? i + 1 : i;
      }
    }
    int value;
    try {
      value = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name
              + " "
              + what
              + " '"
              + raw
              + "' is not a number"
              + (names == null ? "" : " or one of " + names));
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          name + " " + what + " must be " + min + "-" + max + ", was " + value);
    }
    return value;
  }
}
