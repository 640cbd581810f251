package org.rspharness.smdp.bpp;

import org.rspharness.core.random.RandomSource;

/**
 * Builds bound profile packages (SGP.22 section 2.5.4): one-time key, ECKA + KDF session keys,
 * signed InitialiseSecureChannel, ConfigureISDP and ReplaceSessionKeys encrypted, StoreMetadata
 * MAC-only, profile elements encrypted in segments of at most 1020 bytes.
 */
public final class BppBuilder {

  private BppBuilder() {}

  /**
   * Binds {@code input}'s profile to its eUICC; every random value (the one-time key, PPKs) comes
   * from {@code random}, so a seeded source gives the same bytes every time.
   */
  public static BoundPackage build(BppInput input, RandomSource random) {
    throw new UnsupportedOperationException("BppBuilder is being written (feat-bpp)");
  }
}
