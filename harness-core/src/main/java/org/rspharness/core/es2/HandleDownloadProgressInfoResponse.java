package org.rspharness.core.es2;

import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.3.5 ES2+.HandleDownloadProgressInfo response body, for operators that answer
 * with a header; the SGP.22 JSON binding answers HTTP 204 with no body.
 *
 * @param header the response header
 */
public record HandleDownloadProgressInfoResponse(ResponseHeader header) implements RspResponse {

  public HandleDownloadProgressInfoResponse {
    MissingMemberException.require(header, "header");
  }
}
