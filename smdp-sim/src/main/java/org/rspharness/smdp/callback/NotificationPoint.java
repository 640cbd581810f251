package org.rspharness.smdp.callback;

/**
 * SGP.22 section 5.3.5 ES2+.HandleDownloadProgressInfo notification points. 1 to 4 are the download
 * points; the numbers for enable, disable and delete are the harness's (see report).
 */
public enum NotificationPoint {
  /** 1: eligibility and retry limit check (AuthenticateClient). */
  ELIGIBILITY_AND_RETRY_CHECK(1),
  /** 2: confirmation failure (wrong confirmation code). */
  CONFIRMATION_FAILURE(2),
  /** 3: BPP download (GetBoundProfilePackage). */
  BPP_DOWNLOAD(3),
  /** 4: BPP installation (HandleNotification with the ProfileInstallationResult). */
  BPP_INSTALLATION(4),
  /** Profile enabled (HandleNotification, other signed notification). */
  PROFILE_ENABLED(5),
  /** Profile disabled. */
  PROFILE_DISABLED(6),
  /** Profile deleted. */
  PROFILE_DELETED(7);

  private final int id;

  NotificationPoint(int id) {
    this.id = id;
  }

  /** The notificationPointId on the wire. */
  public int id() {
    return id;
  }
}
