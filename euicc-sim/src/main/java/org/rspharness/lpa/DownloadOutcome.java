package org.rspharness.lpa;

/** How a download ended. */
public enum DownloadOutcome {
  /** The eUICC installed the profile (successResult in the ProfileInstallationResult). */
  INSTALLED,
  /** The eUICC answered a ProfileInstallationResult with an errorResult. */
  INSTALL_FAILED,
  /** The end user refused consent (CancelSession endUserRejection). */
  REJECTED,
  /** The end user postponed (CancelSession postponed). */
  POSTPONED,
  /** Any other failure: an SM-DP+ status code, an eUICC error, a transport failure. */
  FAILED
}
