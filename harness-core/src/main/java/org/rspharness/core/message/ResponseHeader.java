package org.rspharness.core.message;

import org.rspharness.core.status.StatusCode;

/**
 * SGP.22 section 6.5.1.4 response header: {@code {"functionExecutionStatus": {...}}}.
 *
 * @param functionExecutionStatus the outcome (required)
 */
public record ResponseHeader(FunctionExecutionStatus functionExecutionStatus) {

  private static final ResponseHeader SUCCESS =
      new ResponseHeader(FunctionExecutionStatus.success());

  public ResponseHeader {
    MissingMemberException.require(functionExecutionStatus, "functionExecutionStatus");
  }

  /** {@code Executed-Success}. */
  public static ResponseHeader success() {
    return SUCCESS;
  }

  /** {@code Failed} with a catalogue code. */
  public static ResponseHeader failed(StatusCode code) {
    return new ResponseHeader(FunctionExecutionStatus.failed(code));
  }

  /** {@code Failed} with this status code data. */
  public static ResponseHeader failed(StatusCodeData data) {
    return new ResponseHeader(new FunctionExecutionStatus(ExecutionStatus.FAILED, data));
  }

  /**
   * Whether the function was executed (success or with warning), so output data must be present.
   */
  public boolean executed() {
    return functionExecutionStatus.status().executed();
  }
}
