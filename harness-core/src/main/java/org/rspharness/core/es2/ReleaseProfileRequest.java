package org.rspharness.core.es2;

import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.3.4 / 6.5.2.4 ES2+.ReleaseProfile request.
 *
 * @param header the request header (required)
 * @param iccid the profile to release (required)
 */
public record ReleaseProfileRequest(RequestHeader header, Iccid iccid) {

  public ReleaseProfileRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(iccid, "iccid");
  }
}
