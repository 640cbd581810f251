package org.rspharness.smdp.callback;

/**
 * SGP.22 section 5.3.5: the SM-DP+ calls the operator's ES2+.HandleDownloadProgressInfo. Calls must
 * not block the ES9+ function that triggers them: implementations deliver asynchronously or in
 * memory.
 */
public interface OperatorNotifier {

  /** Reports one notification point. Never throws. */
  void notify(DownloadProgress progress);

  /** A notifier that drops everything (no operator configured). */
  static OperatorNotifier none() {
    return p -> {};
  }
}
