package org.rspharness.lpa.es10;

import org.rspharness.asn1.rsp.ProfileInstallationResult;

/**
 * What ES10b.LoadBoundProfilePackage gave back.
 *
 * @param result the ProfileInstallationResult (BF37) with its received bytes (forwarded to the
 *     SM-DP+ by ES9+.HandleNotification)
 * @param sequencesSent how many STORE DATA sequences (BPP segments) were sent
 * @param sequencesTotal how many the package holds
 */
public record BppLoadResult(
    Decoded<ProfileInstallationResult> result, int sequencesSent, int sequencesTotal) {

  /** True when the card answered before the last segment (it reports an error then). */
  public boolean stoppedEarly() {
    return sequencesSent < sequencesTotal;
  }

  /** True when the result's finalResult is a successResult. */
  public boolean success() {
    return result.value().getProfileInstallationResultData().getFinalResult().getSuccessResult()
        != null;
  }
}
