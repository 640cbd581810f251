package org.rspharness.lpa;

import org.rspharness.certs.TestPki;
import org.rspharness.core.random.RandomSource;

/** One generated test PKI (both curves) for all LPA tests: generation is the slow part. */
public final class SharedPki {

  public static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(42)).build();

  private SharedPki() {}
}
