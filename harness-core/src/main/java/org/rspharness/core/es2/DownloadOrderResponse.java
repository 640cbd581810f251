package org.rspharness.core.es2;

import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;

/**
 * SGP.22 section 5.3.1 / 6.5.2.1 ES2+.DownloadOrder response.
 *
 * @param header the response header
 * @param iccid the reserved profile's ICCID (required when executed)
 */
public record DownloadOrderResponse(ResponseHeader header, Iccid iccid) implements RspResponse {

  public DownloadOrderResponse {
    RspResponse.requireIfExecuted(header, iccid, "iccid");
  }
}
