package org.rspharness.core.es9;

import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.6.5 / 6.5.2.10 ES9+.CancelSession response: a header only (the function has no
 * output data).
 *
 * @param header the response header
 */
public record CancelSessionResponseEs9(ResponseHeader header) implements RspResponse {

  public CancelSessionResponseEs9 {
    MissingMemberException.require(header, "header");
  }
}
