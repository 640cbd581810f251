package org.rspharness.core.es11;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.MissingMemberException;

/**
 * SGP.22 section 5.8.1 ES11.InitiateAuthentication request. Field LPAs reuse their ES9+ code for
 * ES11 and send the address as {@code smdpAddress}: it is read as an alias.
 *
 * @param euiccChallenge the eUICC's 16-byte challenge (base64 on the wire)
 * @param euiccInfo1 DER of EUICCInfo1, tag BF20 (base64 on the wire)
 * @param smdsAddress the SM-DS address the LPA uses
 */
@JsonIgnoreProperties("header")
public record InitiateAuthenticationRequestEs11(
    byte[] euiccChallenge, byte[] euiccInfo1, @JsonAlias("smdpAddress") SmdpAddress smdsAddress) {

  public InitiateAuthenticationRequestEs11 {
    MissingMemberException.require(euiccChallenge, "euiccChallenge");
    MissingMemberException.require(euiccInfo1, "euiccInfo1");
    MissingMemberException.require(smdsAddress, "smdsAddress");
  }
}
