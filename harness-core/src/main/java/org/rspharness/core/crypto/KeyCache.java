package org.rspharness.core.crypto;

import java.security.PrivateKey;
import org.rspharness.core.util.BoundedCache;
import org.rspharness.core.util.ByteKey;

/**
 * The lightweight forms of JCA keys seen before. Converting a JCA key parses its encoding each
 * time, and a fresh public point loses Bouncy Castle's precomputed multiples that hang off the
 * point instance (the wNAF table used by every later verification with that key): the SM-DP+
 * verifies three signatures per download with one eUICC key, the eUICC two with the SM-DP+'s.
 * Public keys are keyed by their X.509 encoding (equal bytes, equal key); private keys by the JCA
 * object (credentials keep theirs). Bounded: past {@link #LIMIT} entries a map starts again.
 */
final class KeyCache {

  static final int LIMIT = 1024;

  private static final BoundedCache<ByteKey, EcPublicKey> PUBLIC = new BoundedCache<>(LIMIT);
  private static final BoundedCache<Identity, EcPrivateKey> PRIVATE = new BoundedCache<>(LIMIT);

  private KeyCache() {}

  static EcPublicKey publicKey(byte[] spki, java.util.function.Supplier<EcPublicKey> convert) {
    return PUBLIC.get(ByteKey.of(spki), k -> convert.get());
  }

  static EcPrivateKey privateKey(
      PrivateKey jca, java.util.function.Supplier<EcPrivateKey> convert) {
    return PRIVATE.get(new Identity(jca), k -> convert.get());
  }

  /** A key object by identity: hashing a JCA private key may re-encode it. */
  record Identity(Object key) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Identity i && i.key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }
  }
}
