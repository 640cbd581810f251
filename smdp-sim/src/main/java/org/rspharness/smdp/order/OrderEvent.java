package org.rspharness.smdp.order;

/** What moves an order: the SGP.22 function or outcome behind each transition. */
public enum OrderEvent {
  /** ES2+.DownloadOrder without EID. */
  DOWNLOAD_ORDER,
  /** ES2+.DownloadOrder with an EID. */
  DOWNLOAD_ORDER_WITH_EID,
  /** ES2+.ConfirmOrder with releaseFlag false. */
  CONFIRM_ORDER,
  /** ES2+.ConfirmOrder with releaseFlag true. */
  CONFIRM_ORDER_AND_RELEASE,
  /** ES2+.ReleaseProfile. */
  RELEASE_PROFILE,
  /** ES2+.CancelOrder with finalProfileStatusIndicator Available. */
  CANCEL_ORDER_AVAILABLE,
  /** ES2+.CancelOrder with finalProfileStatusIndicator Unavailable. */
  CANCEL_ORDER_UNAVAILABLE,
  /** ES9+.GetBoundProfilePackage delivered a BPP. */
  BPP_DOWNLOADED,
  /** ES9+.HandleNotification: a successful ProfileInstallationResult. */
  INSTALLATION_SUCCEEDED,
  /** ES9+.HandleNotification: a failed ProfileInstallationResult. */
  INSTALLATION_FAILED,
  /** ES9+.CancelSession with a reason after which the download may be retried. */
  SESSION_CANCELLED_RETRY,
  /** ES9+.CancelSession with a final reason. */
  SESSION_CANCELLED_FINAL,
  /** Too many wrong confirmation codes (or another final refusal) during a download. */
  DOWNLOAD_REFUSED,
  /** A reusable (lab) profile becomes downloadable again after installation or error. */
  REUSE
}
