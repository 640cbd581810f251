package org.rspharness.core.message;

/** An enum constant with the exact text SGP.22 puts on the wire (e.g. {@code Executed-Success}). */
public interface WireValue {

  /** The JSON string of this value. */
  String wire();
}
