package org.rspharness.smdp.es9;

import org.rspharness.core.status.StatusCode;

/**
 * What the SM-DP+ made of a handleNotification (SGP.22 section 5.6.4): the function has no output
 * on the wire (HTTP 204), so this is for logs and tests.
 *
 * @param accepted whether the notification was verified and acted on
 * @param code why not, when not accepted
 * @param detail one line
 */
public record NotificationOutcome(boolean accepted, StatusCode code, String detail) {

  static NotificationOutcome ok(String detail) {
    return new NotificationOutcome(true, null, detail);
  }
}
