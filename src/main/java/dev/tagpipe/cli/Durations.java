package dev.tagpipe.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.joda.time.Duration;
import org.joda.time.format.ISOPeriodFormat;

/**
 * Duration options: ISO-8601 ({@code PT30S}, {@code PT1M30S}) or short ({@code 500ms, 30s, 5m,
 * 2h}).
 */
final class Durations {
  private static final Pattern SHORT = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private Durations() {}

  /** The duration {@code value} of option {@code option}; a {@link UserError} if malformed. */
  static Duration parse(String option, String value) {
    String v = value.trim();
    Matcher m = SHORT.matcher(v);
    long millis;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      millis =
          switch (m.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            default -> n * 3_600_000;
          };
    } else {
      try {
        millis =
            ISOPeriodFormat.standard()
                .parsePeriod(v.toUpperCase())
                .toStandardDuration()
                .getMillis();
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        throw new UserError(
            "--"
                + option
                + "="
                + value
                + " is not a duration; give ISO-8601"
                + " such as PT30S or a short form such as 500ms, 30s, 5m, 2h");
      }
    }
    if (millis <= 0) {
      throw new UserError("--" + option + "=" + value + " must be longer than zero");
    }
    return Duration.millis(millis);
  }
}
