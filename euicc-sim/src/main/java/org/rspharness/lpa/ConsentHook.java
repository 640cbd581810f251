package org.rspharness.lpa;

import java.util.Optional;

/**
 * SGP.22 section 3.1.3.4: where the LPA asks the end user (or a scenario) to confirm a download and
 * to enter a confirmation code.
 */
public interface ConsentHook {

  /** Accepts every profile and knows no confirmation code. */
  ConsentHook ACCEPT_ALL = metadata -> Consent.ACCEPT;

  /** The user's decision about the profile described by {@code metadata}. */
  Consent decide(ProfileMetadata metadata);

  /**
   * The confirmation code, asked only when the SM-DP+ requires one and none was given with the
   * download; empty means the user did not enter one (the download is then postponed).
   */
  default Optional<String> confirmationCode(ProfileMetadata metadata) {
    return Optional.empty();
  }
}
