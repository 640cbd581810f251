package org.rspharness.lpa;

import org.rspharness.core.message.StatusCodeData;

/** A failure that ends a download at a step, with the CancelSession reason to send (-1: none). */
final class DownloadAbort extends Exception {
  private static final long serialVersionUID = 1L;
  final DownloadStep step;
  final DownloadOutcome outcome;
  final transient StatusCodeData statusCode;
  final String euiccError;
  final int cancelReason; // -1: do not cancel

  DownloadAbort(
      DownloadStep step,
      DownloadOutcome outcome,
      StatusCodeData statusCode,
      String euiccError,
      int cancelReason,
      String message,
      Throwable cause) {
    super(message, cause, false, false);
    this.step = step;
    this.outcome = outcome;
    this.statusCode = statusCode;
    this.euiccError = euiccError;
    this.cancelReason = cancelReason;
  }

  /** An abort without a status code, eUICC error or cause. */
  static DownloadAbort of(
      DownloadStep step, DownloadOutcome outcome, int cancelReason, String message) {
    return new DownloadAbort(step, outcome, null, null, cancelReason, message, null);
  }
}
