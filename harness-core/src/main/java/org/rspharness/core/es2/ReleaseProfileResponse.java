package org.rspharness.core.es2;

import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.3.4 / 6.5.2.4 ES2+.ReleaseProfile response: a header only.
 *
 * @param header the response header
 */
public record ReleaseProfileResponse(ResponseHeader header) implements RspResponse {

  public ReleaseProfileResponse {
    MissingMemberException.require(header, "header");
  }
}
