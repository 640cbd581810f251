package org.rspharness.core.message;

import org.rspharness.core.status.StatusCode;

/**
 * SGP.22 section 6.5.1.4 {@code functionExecutionStatus}; also the shape of ES2+
 * HandleDownloadProgressInfo's {@code notificationPointStatus}.
 *
 * @param status the execution status (required)
 * @param statusCodeData why, when the status is not a plain success (optional)
 */
public record FunctionExecutionStatus(ExecutionStatus status, StatusCodeData statusCodeData) {

  public FunctionExecutionStatus {
    MissingMemberException.require(status, "status");
  }

  /** {@code Executed-Success} with no status code data. */
  public static FunctionExecutionStatus success() {
    return new FunctionExecutionStatus(ExecutionStatus.EXECUTED_SUCCESS, null);
  }

  /** {@code Failed} with the catalogue code's data. */
  public static FunctionExecutionStatus failed(StatusCode code) {
    return new FunctionExecutionStatus(ExecutionStatus.FAILED, StatusCodeData.of(code));
  }
}
