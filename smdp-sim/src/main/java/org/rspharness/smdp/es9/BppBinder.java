package org.rspharness.smdp.es9;

import org.rspharness.core.random.RandomSource;
import org.rspharness.smdp.bpp.BoundPackage;
import org.rspharness.smdp.bpp.BppBuilder;
import org.rspharness.smdp.bpp.BppInput;

/** Binds a profile for getBoundProfilePackage; {@link BppBuilder#build} in production. */
@FunctionalInterface
public interface BppBinder {

  BoundPackage bind(BppInput input, RandomSource random);

  /** The real builder. */
  static BppBinder standard() {
    return BppBuilder::build;
  }
}
