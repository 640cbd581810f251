package org.rspharness.smdp.es9;

import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.random.RandomSource;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.bpp.BppBuilder;
import org.rspharness.smdp.bpp.BppInput;

/** Binds a profile for getBoundProfilePackage; {@link BppBuilder#build} in production. */
@FunctionalInterface
public interface BppBinder {

  BoundPackage bind(BppInput input, RandomSource random);

  /**
   * Binds again for a new session with the one-time key pair of an earlier binding (SGP.22 section
   * 3.1.3.3, retry with the same otPK.EUICC); by default a fresh binding.
   */
  default BoundPackage rebind(BppInput input, OneTimeKeyPair dpKeys, RandomSource random) {
    return dpKeys == null
        ? bind(input, random)
        : org.rspharness.smdp.bpp.BppBuilder.build(input, dpKeys, random);
  }

  /** The real builder. */
  static BppBinder standard() {
    return BppBuilder::build;
  }
}
