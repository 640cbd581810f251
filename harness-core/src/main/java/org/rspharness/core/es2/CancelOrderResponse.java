package org.rspharness.core.es2;

import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.3.3 / 6.5.2.3 ES2+.CancelOrder response: a header only.
 *
 * @param header the response header
 */
public record CancelOrderResponse(ResponseHeader header) implements RspResponse {

  public CancelOrderResponse {
    MissingMemberException.require(header, "header");
  }
}
