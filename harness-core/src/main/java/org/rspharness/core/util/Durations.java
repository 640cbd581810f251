package org.rspharness.core.util;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the durations of scenario, stage and acceptance files and options: a whole number and a
 * unit, e.g. {@code 1500ms}, {@code 2s}.
 */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("([0-9]{1,12})(ms|s|m|h)");

  /** What a duration must look like, for error messages and the schema. */
  public static final String EXPECTED = "a duration such as 1500ms, 2s, 5m or 1h";

  private Durations() {}

  /** The duration {@code text} names; IllegalArgumentException saying the expected form. */
  public static Duration parse(String text) {
    Matcher m = text == null ? null : FORM.matcher(text.trim());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException("expected " + EXPECTED + ", got '" + text + "'");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }
}
