package org.rspharness.certs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Assumptions;
import org.rspharness.core.random.RandomSource;

/** Shared test inputs: the reference folder and one seeded PKI (generation costs a second). */
final class Fixtures {

  /** SGP.26's own CI notBefore, so generated validity encodings line up with the reference. */
  static final Instant SGP26_START = Instant.parse("2020-04-01T08:27:51Z");

  /** A date at which every valid SGP.26 certificate, DPtls included, is valid. */
  static final Instant SGP26_CHECK = Instant.parse("2026-11-25T00:00:00Z");

  private static TestPki seeded;

  private Fixtures() {}

  /** The SGP.26 folder, or a skipped test when the reference data is absent. */
  static Path sgp26() {
    Path dir = sgp26OrNull();
    Assumptions.assumeTrue(dir != null, "SGP.26 reference folder absent");
    return dir;
  }

  /** The SGP.26 folder, or null when the reference data is absent. */
  static Path sgp26OrNull() {
    String prop = System.getProperty("rsp.reference.dir");
    Path base = prop != null ? Path.of(prop) : Path.of("../shared/reference");
    if (!Files.isDirectory(base) && prop == null) {
      base = Path.of("../../shared/reference");
    }
    Path dir = base.resolve("sgp26");
    return Files.isDirectory(dir) ? dir : null;
  }

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
