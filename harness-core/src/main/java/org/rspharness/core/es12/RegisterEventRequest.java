package org.rspharness.core.es12;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.9.1 ES12.RegisterEvent request.
 *
 * @param header the request header (required)
 * @param eid the eUICC the event is for (required)
 * @param rspServerAddress the SM-DP+ (or alternative SM-DS) the LPA shall contact (required)
 * @param eventId the event's id, unique per SM-DP+ (required)
 * @param forwardingIndicator whether an alternative SM-DS registers the event at the root SM-DS too
 *     (ES15 cascade); absent means false
 */
public record RegisterEventRequest(
    RequestHeader header,
    Eid eid,
    String rspServerAddress,
    String eventId,
    Boolean forwardingIndicator) {

  public RegisterEventRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(eid, "eid");
    MissingMemberException.require(rspServerAddress, "rspServerAddress");
    MissingMemberException.require(eventId, "eventId");
  }

  /** Whether the event is to be forwarded to the root SM-DS. */
  public boolean forwarding() {
    return Boolean.TRUE.equals(forwardingIndicator);
  }
}
