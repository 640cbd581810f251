package org.rspharness.scenario.model;

import java.util.Optional;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;

/**
 * What one step must produce. Absent parts (null) are not checked.
 *
 * @param outcome success, failure or any
 * @param status the SGP.22 subject/reason code of a failed ES2+/ES9+ function (SGP.22 section
 *     5.2.6), only with outcome failure
 * @param result the name of an ES10 result, e.g. {@code disallowedByPolicy} (SGP.22 section 5.7)
 * @param sw the status word of a raw ES10 command, four hex digits, e.g. {@code 9000}
 * @param time the step's own duration budget
 */
public record Expect(Outcome outcome, StatusCode status, String result, String sw, Budget time) {

  /** The default expectation of a step: it succeeds. */
  public static final Expect SUCCESS = new Expect(Outcome.SUCCESS, null, null, null, null);

  /** Checks the parts agree with each other. */
  public Expect {
    if (outcome == null) {
      outcome = status != null || result != null ? Outcome.FAILURE : Outcome.SUCCESS;
    }
    if (status != null && outcome == Outcome.SUCCESS) {
      throw new IllegalArgumentException("status: a status code only goes with outcome failure");
    }
    if (result != null && !result.matches("[A-Za-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException(
          "result: expected an ES10 result name such as disallowedByPolicy, got '" + result + "'");
    }
    if (sw != null && !sw.matches("[0-9A-Fa-f]{4}")) {
      throw new IllegalArgumentException(
          "sw: expected a status word of 4 hex digits such as 9000, got '" + sw + "'");
    }
  }

  /** Expects a failure with this status code, e.g. {@code "8.2.7/3.8"}. */
  public static Expect failure(String status) {
    return new Expect(Outcome.FAILURE, status(status), null, null, null);
  }

  /** This expectation with a time budget. */
  public Expect within(Budget budget) {
    return new Expect(outcome, status, result, sw, budget);
  }

  /**
   * Parses {@code subject/reason} (e.g. {@code 8.2.7/6.4}): a code of the {@link StatusCodes}
   * catalogue gives its entry (with its meaning), any other well-formed pair a bare code.
   */
  public static StatusCode status(String text) {
    String t = text == null ? "" : text.trim();
    int slash = t.indexOf('/');
    if (slash < 0 || !t.matches("[0-9]+(\\.[0-9]+)*/[0-9]+(\\.[0-9]+)*")) {
      throw new IllegalArgumentException(
          "status: expected an SGP.22 subject/reason code such as 8.2.7/3.8, got '" + text + "'");
    }
    String subject = t.substring(0, slash);
    String reason = t.substring(slash + 1);
    Optional<StatusCode> known = StatusCodes.find(subject, reason);
    return known.orElseGet(() -> new StatusCode(subject, reason, ""));
  }
}
