package org.rspharness.scenario.engine;

import java.util.Map;

/**
 * What one action produced, before its expectation is checked.
 *
 * @param success whether the action succeeded (a function Executed-Success, a download installed,
 *     an ES10 result ok, a 9000 status word)
 * @param status the SGP.22 subject/reason code of a failed ES2+/ES9+ function, e.g. {@code
 *     8.2.7/3.8}, or null
 * @param result the eUICC's result name (e.g. {@code disallowedByPolicy}), or null
 * @param sw the status word of a raw ES10 command (4 hex digits), or null
 * @param message one line saying what happened
 * @param fields result fields a step may capture ({@code iccid}, {@code matchingId}, ...)
 */
record StepResult(
    boolean success,
    String status,
    String result,
    String sw,
    String message,
    Map<String, String> fields) {

  StepResult {
    fields = Map.copyOf(fields);
  }

  static StepResult ok(String message, Map<String, String> fields) {
    return new StepResult(true, null, null, null, message, fields);
  }

  static StepResult failed(String message) {
    return new StepResult(false, null, null, null, message, Map.of());
  }
}
