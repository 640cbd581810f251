package org.rspharness.certs;

import java.nio.file.Path;

/** Lets tests in other packages find the reference folder the way {@link Fixtures} does. */
public final class FixturesAccess {

  private FixturesAccess() {}

  /** The SGP.26 folder, or null when absent. */
  public static Path sgp26() {
    return Fixtures.sgp26OrNull();
  }
}
