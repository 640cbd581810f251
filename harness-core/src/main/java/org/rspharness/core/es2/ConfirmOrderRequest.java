package org.rspharness.core.es2;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.3.2 / 6.5.2.2 ES2+.ConfirmOrder request.
 *
 * @param header the request header (required)
 * @param iccid the reserved profile (required)
 * @param eid the target eUICC (optional)
 * @param matchingId the operator's matchingId (optional; the SM-DP+ makes one when absent)
 * @param confirmationCode the confirmation code (optional)
 * @param smdsAddress SM-DS to register an event with (optional)
 * @param releaseFlag whether the profile is released at once (required)
 */
public record ConfirmOrderRequest(
    RequestHeader header,
    Iccid iccid,
    Eid eid,
    MatchingId matchingId,
    String confirmationCode,
    String smdsAddress,
    Boolean releaseFlag) {

  public ConfirmOrderRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(iccid, "iccid");
    MissingMemberException.require(releaseFlag, "releaseFlag");
  }
}
