package org.rspharness.core.util;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Copies of a record with some components replaced, through its canonical constructor (so its
 * checks run again): the one mechanism behind the {@code withX} methods of the configuration
 * records, where a copy written out by hand can forget a component.
 */
public final class Records {

  private Records() {}

  /** {@code record} with its component {@code component} set to {@code value}. */
  public static <R extends Record> R with(R record, String component, Object value) {
    Map<String, Object> one = new HashMap<>();
    one.put(component, value);
    return with(record, one);
  }

  /**
   * {@code record} with the components named in {@code values} replaced (null values allowed).
   *
   * @throws IllegalArgumentException for a name that is no component of the record, or whatever the
   *     record's constructor throws for the new values
   */
  public static <R extends Record> R with(R record, Map<String, ?> values) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] args = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    Map<String, Object> left = new LinkedHashMap<>(values);
    try {
      for (int i = 0; i < components.length; i++) {
        RecordComponent c = components[i];
        types[i] = c.getType();
        args[i] =
            left.containsKey(c.getName())
                ? left.remove(c.getName())
                : c.getAccessor().invoke(record);
      }
      if (!left.isEmpty()) {
        throw new IllegalArgumentException(
            record.getClass().getSimpleName() + " has no component " + left.keySet());
      }
      @SuppressWarnings("unchecked")
      Constructor<R> canonical = (Constructor<R>) record.getClass().getDeclaredConstructor(types);
      return canonical.newInstance(args);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + record.getClass().getName(), e);
    }
  }
}
