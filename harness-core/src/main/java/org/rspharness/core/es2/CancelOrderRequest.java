package org.rspharness.core.es2;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.3.3 / 6.5.2.3 ES2+.CancelOrder request.
 *
 * @param header the request header (required)
 * @param iccid the order's profile (required)
 * @param eid the eUICC of the order (optional)
 * @param matchingId the order's matchingId (optional)
 * @param finalProfileStatusIndicator what becomes of the profile (required)
 */
public record CancelOrderRequest(
    RequestHeader header,
    Iccid iccid,
    Eid eid,
    MatchingId matchingId,
    FinalProfileStatusIndicator finalProfileStatusIndicator) {

  public CancelOrderRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(iccid, "iccid");
    MissingMemberException.require(finalProfileStatusIndicator, "finalProfileStatusIndicator");
  }
}
