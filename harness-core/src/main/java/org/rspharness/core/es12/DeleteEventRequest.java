package org.rspharness.core.es12;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.9.2 ES12.DeleteEvent request.
 *
 * @param header the request header (required)
 * @param eid the eUICC of the event (required)
 * @param eventId the event to delete (required)
 */
public record DeleteEventRequest(RequestHeader header, Eid eid, String eventId) {

  public DeleteEventRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(eid, "eid");
    MissingMemberException.require(eventId, "eventId");
  }
}
