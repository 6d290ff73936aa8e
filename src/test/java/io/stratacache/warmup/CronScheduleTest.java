package io.stratacache.warmup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronScheduleTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = ';',
      value = {
        "0 3 * * *;        0;    3;    *;                        *;     *",
        "*/15 * * * *;     0/15; *;    *;                        *;     *",
        "5,35 8-18 * * 1-5; 5,35; 8-18; *;                       *;     1-5",
        "0 0 31 * *;       0;    0;    31;                       *;     *",
        "0 0 29 2 *;       0;    0;    29;                       2;     *",
        "0 0 1 JAN,jul *;  0;    0;    1;                        1,7;   *",
        "0 12 * * SUN;     0;    12;   *;                        *;     0",
        "0 12 * * 7;       0;    12;   *;                        *;     7",
        "0 12 * * MON-FRI; 0;    12;   *;                        *;     1-5",
        "0 0 */10 * *;     0;    0;    1,11,21,31;               *;     *",
        "0 0 * */4 *;      0;    0;    *;                        1,5,9; *",
        "0 1-10/3 * * *;   0;    1,4,7,10; *;                    *;     *",
        "  0   3 * * *  ;  0;    3;    *;                        *;     *"
      })
  void parse_valid(String cron, String min, String hour, String dom, String month, String dow) {
    assertEquals(
        new CronSchedule(min, hour, dom, month, dow), CronSchedule.parse("WARMUP_SCHEDULE", cron));
  }

  @ParameterizedTest(name = "[{index}] ''{0}'' → {1}")
  @CsvSource(
      delimiter = ';',
      value = {
        "0 3 * *;          five fields",
        "0 3 * * * *;      five fields",
        "'';               five fields",
        "60 3 * * *;       minute value must be 0-59, was 60",
        "0 24 * * *;       hour value must be 0-23, was 24",
        "0 3 0 * *;        day-of-month value must be 1-31, was 0",
        "0 3 32 * *;       day-of-month value must be 1-31, was 32",
        "0 3 * 13 *;       month value must be 1-12, was 13",
        "0 3 * * 8;        day-of-week value must be 0-7, was 8",
        "0 3 * FOO *;      month value 'FOO' is not a number",
        "0 3 * * 5-1;      runs backwards",
        "*/0 3 * * *;      minute step must be",
        "5/10 3 * * *;     needs a range or *",
        "0 3 1,,2 * *;     empty list entry",
        "0 3 L * *;        day-of-month value 'L' is not a number"
      })
  void parse_invalid_namesVariableAndMistake(String cron, String mistake) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CronSchedule.parse("WARMUP_SCHEDULE", cron));
    assertTrue(e.getMessage().startsWith("WARMUP_SCHEDULE='"), e.getMessage());
    assertTrue(e.getMessage().contains(mistake.trim()), e.getMessage());
  }
}
