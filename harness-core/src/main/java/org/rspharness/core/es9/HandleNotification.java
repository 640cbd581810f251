package org.rspharness.core.es9;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.6.4 / 6.5.2.9 ES9+.HandleNotification request. The function has no response
 * body: the SM-DP+ answers HTTP 204.
 *
 * <p>SGP.22 v2.x ES9+ requests carry no {@code header}; some clients (pySim, the osmo-ttcn3 suite)
 * send an ES2+-style one anyway, so a received {@code header} is ignored, even by the strict codec.
 *
 * @param pendingNotification DER of PendingNotification: a ProfileInstallationResult (BF37) or an
 *     OtherSignedNotification
 */
@JsonIgnoreProperties("header")
public record HandleNotification(byte[] pendingNotification) {

  public HandleNotification {
    MissingMemberException.require(pendingNotification, "pendingNotification");
  }
}
