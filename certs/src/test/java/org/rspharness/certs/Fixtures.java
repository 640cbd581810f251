package org.rspharness.certs;

import java.time.Instant;
import org.rspharness.core.random.RandomSource;

/** Shared test inputs: SGP.26's dates and one seeded PKI (generation costs a second). */
final class Fixtures {

  /** SGP.26's own CI notBefore, so generated validity encodings line up with the reference. */
  static final Instant SGP26_START = Instant.parse("2020-04-01T08:27:51Z");

  /** A date at which every valid SGP.26 certificate, DPtls included, is valid. */
  static final Instant SGP26_CHECK = Instant.parse("2026-11-25T00:00:00Z");

  private static TestPki seeded;

  private Fixtures() {}

  /** A seeded PKI on both curves with variants, valid from {@link #SGP26_START}. */
  static synchronized TestPki seededPki() {
    if (seeded == null) {
      seeded =
          TestPki.builder()
              .random(RandomSource.seeded(42))
              .validFrom(SGP26_START)
              .variants(true)
              .build();
    }
    return seeded;
  }
}
