package org.rspharness.core.message;

/** SGP.22 section 6.5.1.4 {@code functionExecutionStatus.status}. */
public enum ExecutionStatus implements WireValue {
  EXECUTED_SUCCESS("Executed-Success"),
  EXECUTED_WITH_WARNING("Executed-WithWarning"),
  FAILED("Failed"),
  EXPIRED("Expired");

  private final String wire;

  ExecutionStatus(String wire) {
    this.wire = wire;
  }

  @Override
  public String wire() {
    return wire;
  }

  /** Whether the function was executed, so its output data is present. */
  public boolean executed() {
    return this == EXECUTED_SUCCESS || this == EXECUTED_WITH_WARNING;
  }
}
