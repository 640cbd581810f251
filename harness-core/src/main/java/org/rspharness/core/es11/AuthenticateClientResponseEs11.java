package org.rspharness.core.es11;

import java.util.List;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.8.2 ES11.AuthenticateClient response: the events of the authenticated EID (an
 * empty list when there are none).
 *
 * @param header the response header
 * @param transactionId the RSP session's id (hex on the wire)
 * @param eventEntries the events, in registration order
 */
public record AuthenticateClientResponseEs11(
    ResponseHeader header, TransactionId transactionId, List<EventEntry> eventEntries)
    implements RspResponse {

  public AuthenticateClientResponseEs11 {
    RspResponse.requireIfExecuted(header, transactionId, "transactionId");
    RspResponse.requireIfExecuted(header, eventEntries, "eventEntries");
    eventEntries = eventEntries == null ? null : List.copyOf(eventEntries);
  }

  /** A response carrying only a (failure) header. */
  public static AuthenticateClientResponseEs11 failed(ResponseHeader header) {
    return new AuthenticateClientResponseEs11(header, null, null);
  }
}
