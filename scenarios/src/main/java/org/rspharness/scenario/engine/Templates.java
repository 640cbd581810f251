package org.rspharness.scenario.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rspharness.scenario.model.Action;
import org.rspharness.scenario.model.Step;

/**
 * Fills {@code ${name}} in the text fields of actions and expectations from the values captured so
 * far. Groups keep their nested steps as written: those are filled when they run, with the loop
 * variables of that iteration.
 */
final class Templates {

  private static final Pattern NAME = Pattern.compile("\\$\\{([^}]*)}");

  private Templates() {}

  /** The text with every {@code ${name}} replaced. */
  static String fill(String text, Map<String, String> vars) {
    Matcher m = NAME.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = vars.get(m.group(1));
      if (v == null) {
        throw new StepFailure(
            "'${"
                + m.group(1)
                + "}' has no value here (the step that captures it did not run"
                + " or did not produce it)");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A copy of {@code value} (a record, list or text) with every text filled. */
  @SuppressWarnings("unchecked")
  static <T> T fillAll(T value, Map<String, String> vars) {
    if (value instanceof String s) {
      return (T) fill(s, vars);
    }
    if (value instanceof List<?> list) {
      if (!list.isEmpty() && list.get(0) instanceof Step) {
        return value;
      }
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(fillAll(o, vars));
      }
      return (T) out;
    }
    if (value instanceof Record r && !(value instanceof Action.Group)) {
      RecordComponent[] parts = r.getClass().getRecordComponents();
      Object[] args = new Object[parts.length];
      Class<?>[] types = new Class<?>[parts.length];
      try {
        for (int i = 0; i < parts.length; i++) {
          types[i] = parts[i].getType();
          args[i] = fillAll(parts[i].getAccessor().invoke(r), vars);
        }
        Constructor<?> c = r.getClass().getDeclaredConstructor(types);
        return (T) c.newInstance(args);
      } catch (java.lang.reflect.InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw new StepFailure(
            "after filling captured values: " + (cause == null ? e : cause).getMessage());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot copy " + r.getClass().getSimpleName(), e);
      }
    }
    return value;
  }
}
