package org.rspharness.smdp.quirk;

import java.util.EnumSet;
import java.util.Set;
import org.rspharness.core.message.StatusCodeData;

/**
 * Which quirks are on, with their parameters.
 *
 * @param enabled the quirks switched on
 * @param http500Function the function (e.g. {@code authenticateClient}) answered with an HTML 500
 *     when {@link Quirk#HTTP_500_HTML} is on
 * @param nonStandardCode the code every failure carries when {@link
 *     Quirk#NON_STANDARD_STATUS_CODES} is on
 */
public record Quirks(Set<Quirk> enabled, String http500Function, StatusCodeData nonStandardCode) {

  /** The code some servers send for everything: 1.6/2.1. */
  public static final StatusCodeData DEFAULT_NON_STANDARD =
      new StatusCodeData("1.6", "2.1", null, "non-standard status code (quirk)");

  public Quirks {
    enabled = enabled.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(enabled));
    nonStandardCode = nonStandardCode == null ? DEFAULT_NON_STANDARD : nonStandardCode;
  }

  /** No quirk: SGP.22 as written. */
  /**
   * Quirks by name ({@code base64-line-breaks}, ...); {@code http-500-html=FUNCTION} names the
   * function answered with an HTML 500 page.
   *
   * @throws IllegalArgumentException naming the bad entry
   */
  public static Quirks parse(java.util.List<String> names) {
    java.util.EnumSet<Quirk> set = java.util.EnumSet.noneOf(Quirk.class);
    String http500 = null;
    for (String n : names) {
      int eq = n.indexOf('=');
      Quirk quirk = Quirk.parse(eq < 0 ? n : n.substring(0, eq));
      if (eq >= 0) {
        if (quirk != Quirk.HTTP_500_HTML) {
          throw new IllegalArgumentException(
              "quirk " + n + ": only http-500-html takes a value (the function name)");
        }
        http500 = n.substring(eq + 1);
      }
      set.add(quirk);
    }
    if (set.contains(Quirk.HTTP_500_HTML) && http500 == null) {
      throw new IllegalArgumentException(
          "quirk http-500-html needs the function: http-500-html=getBoundProfilePackage");
    }
    return new Quirks(set, http500, null);
  }

  public static Quirks none() {
    return new Quirks(Set.of(), null, null);
  }

  /** These quirks with default parameters. */
  public static Quirks of(Quirk... quirks) {
    return new Quirks(Set.of(quirks), null, null);
  }

  /** A copy answering {@code function} with an HTML 500 (and switching the quirk on). */
  public Quirks withHttp500(String function) {
    EnumSet<Quirk> set = enabled.isEmpty() ? EnumSet.noneOf(Quirk.class) : EnumSet.copyOf(enabled);
    set.add(Quirk.HTTP_500_HTML);
    return new Quirks(set, function, nonStandardCode);
  }

  public boolean has(Quirk quirk) {
    return enabled.contains(quirk);
  }
}
