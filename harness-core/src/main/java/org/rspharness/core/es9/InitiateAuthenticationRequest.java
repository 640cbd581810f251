package org.rspharness.core.es9;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.6.1 / 6.5.2.6 ES9+.InitiateAuthentication request.
 *
 * <p>SGP.22 v2.x ES9+ requests carry no {@code header}; some clients (pySim, the osmo-ttcn3 suite)
 * send an ES2+-style one anyway, so a received {@code header} is ignored, even by the strict codec.
 *
 * @param euiccChallenge the eUICC's 16-byte challenge (base64 on the wire)
 * @param euiccInfo1 DER of EUICCInfo1, tag BF20 (base64 on the wire)
 * @param smdpAddress the SM-DP+ address the LPA uses
 */
@JsonIgnoreProperties("header")
public record InitiateAuthenticationRequest(
    byte[] euiccChallenge, byte[] euiccInfo1, SmdpAddress smdpAddress) {

  public InitiateAuthenticationRequest {
    MissingMemberException.require(euiccChallenge, "euiccChallenge");
    MissingMemberException.require(euiccInfo1, "euiccInfo1");
    MissingMemberException.require(smdpAddress, "smdpAddress");
  }
}
