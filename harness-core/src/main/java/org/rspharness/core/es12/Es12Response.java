package org.rspharness.core.es12;

import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 sections 5.9.1 and 5.9.2: the ES12 RegisterEvent and DeleteEvent responses, which carry a
 * header and no output data.
 *
 * @param header the response header
 */
public record Es12Response(ResponseHeader header) implements RspResponse {

  public Es12Response {
    RspResponse.requireIfExecuted(header, header, "header");
  }
}
