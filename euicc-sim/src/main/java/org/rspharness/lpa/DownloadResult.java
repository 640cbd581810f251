package org.rspharness.lpa;

import java.util.Optional;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.StatusCodeData;

/**
 * What a download did.
 *
 * @param outcome how it ended
 * @param iccid the profile's ICCID when the metadata or the result named it, else null
 * @param transactionId the RSP session, null when none was opened
 * @param failedStep the step that failed, null on success
 * @param statusCode the SM-DP+'s SGP.22 subject/reason code when the failure carried one
 * @param euiccError the eUICC's error when it reported one (e.g. {@code
 *     authenticateErrorCode=invalidSignature(2)}, {@code bppCommandId=5 errorReason=12}), else null
 * @param cancelReason the CancelSessionReason sent, or null when the session was not cancelled
 * @param notificationDelivered whether the ProfileInstallationResult reached the SM-DP+ and was
 *     removed from the eUICC
 * @param message one line saying what happened
 */
public record DownloadResult(
    DownloadOutcome outcome,
    Iccid iccid,
    TransactionId transactionId,
    DownloadStep failedStep,
    StatusCodeData statusCode,
    String euiccError,
    Integer cancelReason,
    boolean notificationDelivered,
    String message) {

  public boolean installed() {
    return outcome == DownloadOutcome.INSTALLED;
  }

  public Optional<StatusCodeData> statusCodeData() {
    return Optional.ofNullable(statusCode);
  }

  /** One line for a terminal: outcome, step, code and meaning. */
  public String describe() {
    StringBuilder sb = new StringBuilder(outcome.name());
    if (iccid != null) {
      sb.append(" iccid=").append(iccid);
    }
    if (failedStep != null) {
      sb.append(" at ").append(failedStep);
    }
    if (statusCode != null) {
      sb.append(": ").append(statusCode.describe());
    }
    if (euiccError != null) {
      sb.append(" [eUICC ").append(euiccError).append(']');
    }
    if (cancelReason != null) {
      sb.append(" (cancelled: ").append(Lpa.cancelReasonName(cancelReason)).append(')');
    }
    if (message != null && !message.isEmpty()) {
      sb.append(" - ").append(message);
    }
    return sb.toString();
  }
}
