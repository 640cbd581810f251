package org.rspharness.smdp.callback;

import java.time.OffsetDateTime;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.message.FunctionExecutionStatus;

/**
 * What the SM-DP+ tells the operator at one notification point (SGP.22 section 5.3.5).
 *
 * @param eid the eUICC, when known
 * @param iccid the profile
 * @param profileType its profile type
 * @param timestamp when the point was reached
 * @param point which point
 * @param status the outcome at that point
 * @param resultData e.g. the ProfileInstallationResultData (DER), or null
 */
public record DownloadProgress(
    Eid eid,
    Iccid iccid,
    String profileType,
    OffsetDateTime timestamp,
    NotificationPoint point,
    FunctionExecutionStatus status,
    byte[] resultData) {}
