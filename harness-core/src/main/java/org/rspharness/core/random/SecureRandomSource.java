package org.rspharness.core.random;

import java.security.SecureRandom;

/** {@link RandomSource} over a platform {@link SecureRandom}. */
final class SecureRandomSource implements RandomSource {

  private final SecureRandom random;

  SecureRandomSource(SecureRandom random) {
    this.random = random;
  }

  @Override
  public void nextBytes(byte[] out) {
    random.nextBytes(out);
  }

  @Override
  public boolean reproducible() {
    return false;
  }

  @Override
  public SecureRandom asSecureRandom() {
    return random;
  }
}
