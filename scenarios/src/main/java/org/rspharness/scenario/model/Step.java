package org.rspharness.scenario.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One step of a scenario: an action, what it must produce, and the values it captures for later
 * steps ({@code capture: {iccid: iccid}} makes {@code ${iccid}} usable afterwards).
 *
 * @param name optional name, unique in the scenario; timing expectations and event orders refer to
 *     it
 * @param action what the step does
 * @param capture capture name to the result field it takes, in file order
 * @param expect what the step must produce
 */
public record Step(String name, Action action, Map<String, String> capture, Expect expect) {

  /** Names of captures, loop variables and steps. */
  public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*");

  /** Checks names and copies the capture map (order kept, unmodifiable). */
  public Step {
    if (action == null) {
      throw new IllegalArgumentException("action: missing");
    }
    if (name != null && !IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name: expected letters, digits, '_' or '-' starting with a letter, got '" + name + "'");
    }
    Map<String, String> copy = new LinkedHashMap<>();
    if (capture != null) {
      for (Map.Entry<String, String> e : capture.entrySet()) {
        if (!IDENTIFIER.matcher(e.getKey()).matches()) {
          throw new IllegalArgumentException(
              "capture: '" + e.getKey() + "' is not a name (letters, digits, '_', '-')");
        }
        if (!Action.CAPTURABLE.contains(e.getValue())) {
          throw new IllegalArgumentException(
              "capture."
                  + e.getKey()
                  + ": expected one of "
                  + Action.CAPTURABLE
                  + ", got '"
                  + e.getValue()
                  + "'");
        }
        copy.put(e.getKey(), e.getValue());
      }
    }
    capture = java.util.Collections.unmodifiableMap(copy);
    if (expect == null) {
      expect = Expect.SUCCESS;
    }
  }

  /** An unnamed step expecting success. */
  public static Step of(Action action) {
    return new Step(null, action, Map.of(), Expect.SUCCESS);
  }

  /** This step with a name. */
  public Step named(String n) {
    return new Step(n, action, capture, expect);
  }

  /** This step capturing {@code field} of its result as {@code ${as}}. */
  public Step capture(String as, String field) {
    Map<String, String> m = new LinkedHashMap<>(capture);
    m.put(as, field);
    return new Step(name, action, m, expect);
  }

  /** This step with an expectation. */
  public Step expect(Expect e) {
    return new Step(name, action, capture, e);
  }
}
