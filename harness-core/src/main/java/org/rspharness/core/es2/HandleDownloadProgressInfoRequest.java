package org.rspharness.core.es2;

import java.time.OffsetDateTime;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.MissingMemberException;
import org.rspharness.core.message.RequestHeader;

/**
 * SGP.22 section 5.3.5 / 6.5.2.5 ES2+.HandleDownloadProgressInfo: the SM-DP+ tells the operator how
 * a download progresses. Notification points: 1 eligibility and retry check, 2 confirmation
 * failure, 3 BPP download, 4 BPP installation (later points for enable, disable, delete).
 *
 * @param header the request header (required)
 * @param eid the eUICC (optional)
 * @param iccid the profile (required)
 * @param profileType the profile type (required)
 * @param timestamp when the point was reached, W3C date-time (required)
 * @param notificationPointId which point (required)
 * @param notificationPointStatus the outcome at that point (required)
 * @param resultData e.g. the ProfileInstallationResultData, DER (optional, base64 on the wire)
 */
public record HandleDownloadProgressInfoRequest(
    RequestHeader header,
    Eid eid,
    Iccid iccid,
    String profileType,
    OffsetDateTime timestamp,
    Integer notificationPointId,
    FunctionExecutionStatus notificationPointStatus,
    byte[] resultData) {

  public HandleDownloadProgressInfoRequest {
    MissingMemberException.require(header, "header");
    MissingMemberException.require(iccid, "iccid");
    MissingMemberException.require(profileType, "profileType");
    MissingMemberException.require(timestamp, "timestamp");
    MissingMemberException.require(notificationPointId, "notificationPointId");
    MissingMemberException.require(notificationPointStatus, "notificationPointStatus");
  }
}
