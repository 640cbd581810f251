package org.rspharness.core.es2;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.3.2 / 6.5.2.2 ES2+.ConfirmOrder response.
 *
 * @param header the response header
 * @param eid the eUICC the order is bound to (optional)
 * @param matchingId the order's matchingId, possibly empty (required when executed)
 * @param smdpAddress the address for the activation code (optional)
 */
public record ConfirmOrderResponse(
    ResponseHeader header, Eid eid, MatchingId matchingId, SmdpAddress smdpAddress)
    implements RspResponse {

  public ConfirmOrderResponse {
    RspResponse.requireIfExecuted(header, matchingId, "matchingId");
  }
}
