package org.rspharness.core.es2;

import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.3.1 / 6.5.2.1 ES2+.DownloadOrder request: reserve a profile, by ICCID or by
 * profile type, optionally for one EID.
 *
 * @param header the request header (required)
 * @param eid the target eUICC (optional)
 * @param iccid the profile to reserve (optional; else {@code profileType})
 * @param profileType the kind of profile to pick (optional)
 */
public record DownloadOrderRequest(RequestHeader header, Eid eid, Iccid iccid, String profileType) {

  public DownloadOrderRequest {
    MissingMemberException.require(header, "header");
  }
}
