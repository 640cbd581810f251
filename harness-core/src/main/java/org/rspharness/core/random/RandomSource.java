package org.rspharness.core.random;

import java.security.SecureRandom;

/**
 * Where every random value of the harness comes from (transactionIds, challenges, one-time keys,
 * certificate serial numbers), so that a run seeded with the same value replays byte for byte.
 *
 * <p>{@link #secure()} is for real use; {@link #seeded(long)} is deterministic and meant for tests
 * and replays only: its output is predictable by design.
 */
public interface RandomSource {

  /** Fills {@code out} with random bytes. */
  void nextBytes(byte[] out);

  /** Returns {@code n} random bytes. */
  default byte[] bytes(int n) {
    byte[] out = new byte[n];
    nextBytes(out);
    return out;
  }

  /**
   * A {@link SecureRandom} view of this source, for APIs (JCA key generation, signing) that take
   * one; it draws from this source, so seeded sources stay deterministic.
   */
  SecureRandom asSecureRandom();

  /**
   * A source for one component ({@code label}: e.g. a session id or a device name). Seeded sources
   * return an independent deterministic stream per label, so concurrent components replay the same
   * bytes whatever the thread interleaving; secure sources return themselves.
   */
  default RandomSource derive(String label) {
    return this;
  }

  /**
   * True when the same construction gives the same bytes (seeded sources, and by default any
   * other): then signatures and keys must come from this source, so crypto stays on the Java code
   * path. Only the platform's secure source says false, letting a native provider draw its own.
   */
  default boolean reproducible() {
    return true;
  }

  /** A source backed by the platform's strong {@link SecureRandom}. */
  static RandomSource secure() {
    return new SecureRandomSource(new SecureRandom());
  }

  /** A deterministic source: the same seed gives the same sequence, on every JVM. */
  static RandomSource seeded(long seed) {
    return new SeededRandomSource(seed);
  }
}
