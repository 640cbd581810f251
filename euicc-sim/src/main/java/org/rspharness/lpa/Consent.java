package org.rspharness.lpa;

/** SGP.22 section 3.1.3.4: the end user's answer to the download confirmation. */
public enum Consent {
  ACCEPT,
  /** CancelSession with endUserRejection (0). */
  REJECT,
  /** CancelSession with postponed (1). */
  POSTPONE
}
